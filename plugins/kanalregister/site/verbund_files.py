"""The Verbund's files: its ``kanaele.json``/``.csv`` (member on every record), the Atom feed
across members and the verify index, split by platform so that the widget downloads only
the accounts of the platform a pasted URL belongs to."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any
from urllib.parse import urljoin

from ..exports.feed import ATOM, DEFAULT_LIMIT, _absolute, _link, _stamp, _text, _urn
from ..exports.format import FORMAT, FORMAT_VERSION
from ..exports.opendata import CSV_COLUMNS, _flatten, csv_safe
from ..paths import ASSET_DIR, EXPORT_SCHEMA, FEED_PATH, OVERVIEW_PAGE, VERIFY_INDEX, page_url
from ..register.platforms import PlatformRegistry
from .verbund_pages import FakeRow, Row, member_page, slug

MEMBER_COLUMNS = ["member.id", "member.name"]


def verify_part(platform_id: str) -> str:
    """The source URI of one platform's part of the verify index."""
    return f"{ASSET_DIR}/index-{slug(platform_id)}.json"


def record(row: Row) -> dict[str, Any]:
    """One channel as in the member's export, plus the member that publishes it."""
    data = row.channel.model_dump(mode="json", exclude_none=True, by_alias=True)
    data["member"] = {"id": row.member.id, "name": row.member.name}
    return data


def verbund_json(rows: list[Row], fakes: list[FakeRow], *, name: str, site_url: str | None,
                 generated: str) -> str:
    """``kanaele.json`` of the whole Verbund, in the open-data format."""
    channels = [record(r) for r in rows]
    document = {
        **({"$schema": urljoin(site_url, EXPORT_SCHEMA)} if site_url else {}),
        "format": FORMAT, "format_version": FORMAT_VERSION, "organisation": name,
        "publisher": {"name": name, **({"register": site_url} if site_url else {})},
        "generated": generated,
        # Topic ids are each member's own; prefixed with the member so that none collide.
        "topics": {f"{r.member.id}-{tid}": label for r in rows for tid, label in r.topics},
        "count": len(channels), "channels": channels,
        "fakes": [{**f.fake.model_dump(mode="json", exclude_none=True),
                   "member": {"id": f.data.member.id, "name": f.data.member.name}}
                  for f in fakes],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def verbund_csv(rows: list[Row]) -> str:
    """``kanaele.csv`` of the whole Verbund: the member's columns first."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MEMBER_COLUMNS + CSV_COLUMNS,
                            extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        flat = _flatten(record(row))
        writer.writerow({k: csv_safe(v) for k, v in flat.items()})
    return buffer.getvalue()


def verify_index(rows: list[Row], fakes: list[FakeRow], registry: PlatformRegistry, *,
                 name: str, today: date, directory_urls: bool = True) -> dict[str, str]:
    """The widget's base index (rules, no accounts) and one file per platform."""
    parts: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for row in rows:
        if row.canonical is None:
            continue
        part = parts.setdefault(row.canonical.platform, {"accounts": [], "fakes": []})
        part["accounts"].append({
            "platform": row.canonical.platform, "account": row.canonical.account,
            "name": row.channel.name, "unit": row.channel.unit_name or row.channel.unit,
            "member": row.member.name, "status": row.status,
            "archived": row.channel.archived.date.isoformat() if row.channel.archived else None,
            "paused": row.channel.paused.date.isoformat() if row.channel.paused else None,
            # The member's page of the channel (https) or else the member's page here.
            "page": row.page or page_url(member_page(row.member.id),
                                         directory_urls=directory_urls)})
    for fake in fakes:
        if fake.canonical is None:
            continue
        part = parts.setdefault(fake.canonical.platform, {"accounts": [], "fakes": []})
        part["fakes"].append({
            "platform": fake.canonical.platform, "account": fake.canonical.account,
            "member": fake.data.member.name, "reported": fake.fake.reported.isoformat(),
            "removed": fake.fake.removed.isoformat() if fake.fake.removed else None})
    files = {verify_part(pid): _compact(part) for pid, part in sorted(parts.items())}
    base = {"rules": registry.to_json_rules(), "website_hosts": [], "emails": [],
            "today": today.isoformat(), "verbund": name,
            # File names relative to the base index; a platform without entries has none.
            "parts": {pid: verify_part(pid).rsplit("/", 1)[1] for pid in sorted(parts)}}
    return {VERIFY_INDEX: _compact(base), **files}


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


_KINDS = {"added": "Neuer Kanal", "paused": "Kanal ruht", "closed": "Kanal geschlossen"}


def verbund_feed(rows: list[Row], *, title: str, site_url: str | None, today: date,
                 directory_urls: bool = True, limit: int = DEFAULT_LIMIT) -> str:
    """Additions, pauses and closings of every member, newest first; the member in each
    entry's title, summary and author."""
    found: list[tuple[date, str, Row]] = []
    for row in rows:
        channel = row.channel
        if channel.since:
            found.append((channel.since, "added", row))
        if channel.paused:
            found.append((channel.paused.date, "paused", row))
        if channel.archived:
            found.append((channel.archived.date, "closed", row))
    found.sort(key=lambda e: (e[0], e[1], e[2].member.id, str(e[2].channel.url)), reverse=True)
    chosen = found[:limit]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "de"})
    _text(feed, "title", title)
    _text(feed, "subtitle", "Neue, ruhende und geschlossene Social-Media-Kanäle der Mitglieder")
    _text(feed, "id", _absolute(FEED_PATH, site_url) if site_url else _urn(title, FEED_PATH))
    _link(feed, _absolute(FEED_PATH, site_url), rel="self", type="application/atom+xml")
    _link(feed, _absolute(page_url(OVERVIEW_PAGE, directory_urls=directory_urls), site_url),
          rel="alternate", type="text/html")
    _text(feed, "updated", _stamp(chosen[0][0] if chosen else today))
    _text(ET.SubElement(feed, f"{{{ATOM}}}author"), "name", title)
    _text(feed, "generator", "Kanalregister")
    for day, kind, row in chosen:
        feed.append(_entry(day, kind, row, site_url, directory_urls))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


def _entry(day: date, kind: str, row: Row, site_url: str | None,
           directory_urls: bool) -> ET.Element:
    channel, member = row.channel, row.member
    platform = row.platform.name if row.platform else str(channel.platform)
    what = f"{channel.name} ({row.handle} auf {platform})"
    if kind == "added":
        summary = f"{what} ist seit dem {day:%d.%m.%Y} ein offizieller Kanal von {member.name}."
    elif kind == "paused":
        summary = (f"{what} ruht seit dem {day:%d.%m.%Y}: keine Beiträge, Nachrichten werden "
                   f"nicht gelesen. Das Konto bleibt bei {member.name}.")
    else:
        summary = (f"{what} wird seit dem {day:%d.%m.%Y} von {member.name} nicht mehr "
                   "betrieben. Beiträge unter diesem Konto stammen nicht mehr von dort.")
    page = page_url(member_page(member.id), directory_urls=directory_urls)
    entry = ET.Element(f"{{{ATOM}}}entry")
    _text(entry, "title", f"{_KINDS[kind]} ({member.name}): {channel.name} auf {platform}")
    key = f"{page}#{kind}-{slug(str(channel.url))}"
    _text(entry, "id", _absolute(key, site_url) if site_url else _urn(member.id, key))
    _text(entry, "updated", _stamp(day))
    _text(entry, "published", _stamp(day))
    _text(ET.SubElement(entry, f"{{{ATOM}}}author"), "name", str(member.name))
    _link(entry, row.page or _absolute(page, site_url), rel="alternate", type="text/html")
    ET.SubElement(entry, f"{{{ATOM}}}category", {"term": str(channel.platform)})
    _text(entry, "summary", summary)
    return entry
