"""Where the city continues after closing a channel: the ``successor`` field resolved.

An archived channel names the profile addresses of its successors; each must be a channel in
the register that is operated now (checked as SCH020). Pages, exports and the verify answer
show the resolved channels.
"""

from __future__ import annotations

from .canonical import Canonical, canonicalize
from .catalog import Catalog, Listed, website_hosts


def accounts(catalog: Catalog) -> dict[tuple[str, str], Listed]:
    """Every channel with a canonical account, by (platform, account)."""
    return {(i.account.platform, i.account.account): i for i in catalog.listed if i.account}


def resolve(
    item: Listed, catalog: Catalog, by_account: dict[tuple[str, str], Listed],
    *, site_url: str | None = None,
) -> list[tuple[int, str, Listed | None]]:
    """Each successor of ``item``: its index in the list, its address and its channel (None
    when the address names no channel of the register)."""
    hosts = website_hosts(catalog.organisation, site_url)
    found: list[tuple[int, str, Listed | None]] = []
    for index, url in enumerate(item.channel.successor or []):
        result = canonicalize(url, catalog.platforms, website_hosts=hosts)
        target = by_account.get((result.platform, result.account)) if isinstance(
            result, Canonical) else None
        found.append((index, url, target))
    return found


def running_successors(
    item: Listed, catalog: Catalog, by_account: dict[tuple[str, str], Listed],
    *, site_url: str | None = None,
) -> list[Listed]:
    """The successors of ``item`` that are published and operated now."""
    return [target for _, _, target in resolve(item, catalog, by_account, site_url=site_url)
            if target is not None and target.channel.status.is_running]
