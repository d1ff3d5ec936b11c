"""Open-data exports: the register as JSON and CSV, and the index the verify widget reads."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin

from ..paths import EXPORT_SCHEMA, channel_page, page_url
from ..register.catalog import Catalog, Listed
from ..register.successors import accounts, running_successors
from ..register.wikidata import wikidata_claim
from .format import FORMAT, FORMAT_VERSION

# Column order of the CSV: the YAML's field names, nested ones with a dot, then derived fields.
CSV_COLUMNS = [
    "name", "platform", "url", "unit", "status", "since", "description", "topics", "languages",
    "service_hours", "contact", "imprint.url", "imprint.label", "imprint.placement", "privacy",
    "approval.date", "approval.reference", "reviewed", "until", "paused.date", "paused.reason",
    "archived.date",
    "archived.reason", "account", "canonical_url", "platform_name", "unit_name", "page",
    "wikidata.property", "wikidata.value",
]


def channel_record(
    item: Listed, catalog: Catalog, *, site_url: str | None, directory_urls: bool = True
) -> dict[str, Any]:
    """One channel as JSON-ready data: its YAML fields plus derived ones."""
    data = item.channel.model_dump(mode="json", exclude_none=True)
    platform = catalog.platform(item)
    unit = catalog.units.get(item.channel.unit)
    page = page_url(channel_page(item), directory_urls=directory_urls)
    data.update(
        account=item.account.account if item.account else None,
        canonical_url=item.account.url if item.account else None,
        platform_name=platform.name if platform else None,
        unit_name=unit.name if unit else None,
        page=urljoin(site_url, page) if site_url else "/" + page,
    )
    claim = wikidata_claim(platform.wikidata, item.account.account) if (
        platform and item.account) else None
    if claim is not None:
        rule, value = claim
        data["wikidata"] = {"property": rule.property, "value": value}
    return data


def published(catalog: Catalog) -> list[Listed]:
    """The channels that appear in the exports: every status except planned, sorted."""
    return sorted(catalog.public(), key=lambda item: item.slug)


def register_json(
    catalog: Catalog, *, site_url: str | None, generated: str, directory_urls: bool = True
) -> str:
    """/kanaele.json in the open-data format (exports.format describes and versions it)."""
    org = catalog.organisation
    channels = [channel_record(i, catalog, site_url=site_url, directory_urls=directory_urls)
                for i in published(catalog)]
    publisher = {"name": org.name if org and org.name else "unbekannt",
                 "website": org.website if org else None, "register": site_url,
                 "wikidata": org.wikidata if org else None}
    document = {
        **({"$schema": urljoin(site_url, EXPORT_SCHEMA)} if site_url else {}),
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "organisation": org.name if org else None,
        "publisher": {k: v for k, v in publisher.items() if v is not None},
        "generated": generated,
        "topics": dict(org.topics) if org else {},
        "count": len(channels),
        "channels": channels,
        "fakes": [{"platform": f.account.platform, "url": f.fake.url,
                   "account": f.account.account, "reported": f.fake.reported.isoformat(),
                   **({"removed": f.fake.removed.isoformat()} if f.fake.removed else {})}
                  for f in catalog.fakes],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        elif isinstance(value, list):
            flat[prefix + key] = ";".join(str(v) for v in value)
        else:
            flat[prefix + key] = value
    return flat


def csv_safe(value: Any) -> Any:
    # A cell starting with = + - @ is run as a formula by spreadsheet programs (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def register_csv(
    catalog: Catalog, *, site_url: str | None, directory_urls: bool = True
) -> str:
    """/kanaele.csv, one row per published channel, UTF-8 with a header line."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    for item in published(catalog):
        row = _flatten(channel_record(item, catalog, site_url=site_url,
                                      directory_urls=directory_urls))
        writer.writerow({k: csv_safe(v) for k, v in row.items()})
    return buffer.getvalue()


def verify_index(
    catalog: Catalog, rules: dict[str, Any], hosts: Iterable[str], *, directory_urls: bool = True,
    today: str | None = None,
) -> str:
    """The data the verify widget reads: the URL rules, every published account with where a
    closed one continues, the planned accounts (without a page), the contact addresses and
    the date of the register's state."""
    items = [i for i in published(catalog) if i.account is not None]
    items += [i for i in catalog.listed if i.account is not None and not i.channel.status.is_public]
    position = {id(item): n for n, item in enumerate(items)}
    by_key = accounts(catalog)
    entries = []
    for item in items:
        channel = item.channel
        assert item.account is not None
        unit = catalog.units.get(channel.unit)
        entry: dict[str, Any] = {
            "platform": item.account.platform,
            "account": item.account.account,
            "name": channel.name,
            "unit": unit.name if unit else channel.unit,
            "status": channel.status.value,
            "archived": channel.archived.date.isoformat() if channel.archived else None,
            "paused": channel.paused.date.isoformat() if channel.paused else None,
            "page": page_url(channel_page(item), directory_urls=directory_urls)
            if channel.status.is_public else None,
        }
        following = [position[id(s)] for s in running_successors(item, catalog, by_key)
                     if id(s) in position]
        if following:
            entry["successors"] = following
        entries.append(entry)
    org = catalog.organisation
    emails = {org.email if org else None} | {i.channel.contact for i in published(catalog)}
    emails |= {u.imprint.email for u in catalog.units.values() if u.imprint}
    # Accounts the city reported as impersonations: the widget answers "bekannte Fälschung".
    fakes = [{"platform": f.account.platform, "account": f.account.account,
              "reported": f.fake.reported.isoformat(),
              "removed": f.fake.removed.isoformat() if f.fake.removed else None}
             for f in catalog.fakes]
    document = {"rules": rules, "website_hosts": sorted(hosts), "accounts": entries,
                "emails": sorted(e.lower() for e in emails if e), "today": today,
                "fakes": fakes}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
