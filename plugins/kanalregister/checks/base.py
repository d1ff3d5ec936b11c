"""What checks share: their context and the registries they enter themselves in."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from ..finding_codes import Reporter
from ..findings import Finding
from ..register.catalog import Catalog, Listed, website_hosts
from ..register.successors import accounts
from ..settings import Settings


@dataclass(frozen=True)
class Context:
    """What every check may look at."""

    catalog: Catalog
    reporter: Reporter
    settings: Settings

    @property
    def today(self) -> date:
        """The reference date (injected, so checks are reproducible in tests)."""
        return self.settings.today

    @cached_property
    def hosts(self) -> list[str]:
        """The organisation's hosts and this site's, where imprints and privacy notices live."""
        return website_hosts(self.catalog.organisation, self.settings.site_url)

    @cached_property
    def successor_accounts(self) -> dict[tuple[str, str], Listed]:
        """Channels by canonical account, to resolve the ``successor`` field once."""
        return accounts(self.catalog)


ChannelCheck = Callable[[Listed, Context], Iterable[Finding]]
RegisterCheck = Callable[[Context], Iterable[Finding]]

CHANNEL_CHECKS: list[tuple[tuple[str, ...], ChannelCheck]] = []
REGISTER_CHECKS: list[tuple[tuple[str, ...], RegisterCheck]] = []


def channel_check(*codes: str) -> Callable[[ChannelCheck], ChannelCheck]:
    """Register a check that runs once per channel file."""

    def register(func: ChannelCheck) -> ChannelCheck:
        CHANNEL_CHECKS.append((codes, func))
        return func

    return register


def register_check(*codes: str) -> Callable[[RegisterCheck], RegisterCheck]:
    """Register a check that runs once over the whole register."""

    def register(func: RegisterCheck) -> RegisterCheck:
        REGISTER_CHECKS.append((codes, func))
        return func

    return register
