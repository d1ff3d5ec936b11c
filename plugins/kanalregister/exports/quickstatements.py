"""``kanalregister export --format quickstatements``: the batch that puts the register's
accounts on the organisation's Wikidata item (QuickStatements V1, tab-separated).

Each published channel whose account has a Wikidata property becomes one statement with
its start date (P580); a closed channel carries its end date (P582), so directories that
read Wikidata stop showing it. Every statement cites the channel's register page (S854).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

from ..paths import channel_page, page_url
from ..register.catalog import Catalog
from ..register.wikidata import ITEM, wikidata_claim
from .opendata import published

START_TIME, END_TIME, REFERENCE_URL = "P580", "P582", "S854"


@dataclass(frozen=True)
class Skipped:
    """A published channel the batch leaves out, and why (for the editor)."""

    path: str
    reason: str


def _time(day: date) -> str:
    # Day precision (11) in the Gregorian calendar, as QuickStatements writes dates.
    return f"+{day.isoformat()}T00:00:00Z/11"


def _string(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def quickstatements(
    catalog: Catalog, item: str, *, site_url: str | None, directory_urls: bool = True
) -> tuple[str, list[Skipped]]:
    """The batch for ``item`` (a Q-id) and the channels it could not express."""
    if not ITEM.fullmatch(item):
        raise ValueError(f"{item!r} is not a Wikidata item id (Q123)")
    lines: list[str] = []
    skipped: list[Skipped] = []
    for listed in published(catalog):
        platform = catalog.platform(listed)
        channel = listed.channel
        claim = wikidata_claim(platform.wikidata, listed.account.account) if (
            platform and listed.account) else None
        if claim is None:
            skipped.append(Skipped(listed.path, "keine Wikidata-Eigenschaft für dieses Konto"))
            continue
        rule, value = claim
        parts = [item, rule.property, _string(value)]
        if channel.since:
            parts += [START_TIME, _time(channel.since)]
        if channel.archived:
            parts += [END_TIME, _time(channel.archived.date)]
        page = page_url(channel_page(listed), directory_urls=directory_urls)
        if site_url:
            parts += [REFERENCE_URL, _string(urljoin(site_url, page))]
        lines.append("\t".join(parts))
    return "".join(line + "\n" for line in lines), skipped
