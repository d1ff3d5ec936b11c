"""The Atom feed ``/feed.xml``: channels added (``since``) and closed (``archived.date``).

Valid Atom 1.0 (RFC 4287). The feed is reproducible: every date comes from the register,
never from the clock, so an unchanged register builds a byte-identical feed. Entry ids are
absolute URLs under ``site_url`` (or ``urn:uuid:`` names derived from the channel's page when
the site has no URL); they stay the same as long as the channel's account does.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

from ..paths import FEED_PATH, OVERVIEW_PAGE, page_url
from ..views import ChannelView

ATOM = "http://www.w3.org/2005/Atom"
# Readers only show what is new; a large register's whole history would make a huge file.
DEFAULT_LIMIT = 100
# Characters XML 1.0 cannot carry, even escaped (a YAML "\x01" escape can produce them).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Event:
    """A channel that was added or closed on a day."""

    kind: str  # "added" | "closed"
    day: date
    view: ChannelView


def events(views: Iterable[ChannelView]) -> list[Event]:
    """Every addition and closing, newest first (a closing before an addition on one day)."""
    found: list[Event] = []
    for view in views:
        channel = view.channel
        if channel.since is not None:
            found.append(Event("added", channel.since, view))
        if channel.archived is not None:
            found.append(Event("closed", channel.archived.date, view))
    found.sort(key=lambda e: (e.day, e.kind == "closed", e.view.item.slug), reverse=True)
    return found


def atom_feed(
    views: Iterable[ChannelView],
    *,
    title: str,
    author: str,
    site_url: str | None,
    today: date,
    limit: int = DEFAULT_LIMIT,
    directory_urls: bool = True,
) -> str:
    """The feed document as text (UTF-8, with an XML declaration)."""
    chosen = events(views)[:limit]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "de"})
    _text(feed, "title", title)
    _text(feed, "subtitle", "Neue und geschlossene offizielle Social-Media-Kanäle")
    _text(feed, "id", _absolute(FEED_PATH, site_url) if site_url else _urn(author, FEED_PATH))
    _link(feed, _absolute(FEED_PATH, site_url), rel="self", type="application/atom+xml")
    _link(feed, _absolute(page_url(OVERVIEW_PAGE, directory_urls=directory_urls), site_url),
          rel="alternate",
          type="text/html")
    # An empty register has no event dates; the build's reference date stands in.
    _text(feed, "updated", _stamp(chosen[0].day if chosen else today))
    _text(ET.SubElement(feed, f"{{{ATOM}}}author"), "name", author)
    _text(feed, "generator", "Kanalregister")
    for event in chosen:
        feed.append(_entry(event, site_url, author, directory_urls))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


def _entry(event: Event, site_url: str | None, author: str, directory_urls: bool) -> ET.Element:
    view, channel = event.view, event.view.channel
    platform = view.platform.name if view.platform else channel.platform
    page = page_url(view.page, directory_urls=directory_urls)
    entry = ET.Element(f"{{{ATOM}}}entry")
    anchor = "eingerichtet" if event.kind == "added" else "geschlossen"
    if event.kind == "added":
        title = f"Neuer Kanal: {channel.name} auf {platform}"
        summary = (f"{channel.name} ({view.handle} auf {platform}) ist seit dem "
                   f"{event.day:%d.%m.%Y} ein offizieller Kanal. {channel.description}")
    else:
        title = f"Kanal geschlossen: {channel.name} auf {platform}"
        reason = channel.archived.reason if channel.archived else ""
        summary = (f"{channel.name} ({view.handle} auf {platform}) wird seit dem "
                   f"{event.day:%d.%m.%Y} nicht mehr betrieben. Grund: {reason} Beiträge unter "
                   "diesem Konto stammen nicht mehr von uns.")
    _text(entry, "title", title)
    _text(entry, "id", f"{_absolute(page, site_url)}#{anchor}" if site_url
          else _urn(author, f"{page}#{anchor}"))
    _text(entry, "updated", _stamp(event.day))
    _text(entry, "published", _stamp(event.day))
    _link(entry, _absolute(page, site_url), rel="alternate", type="text/html")
    ET.SubElement(entry, f"{{{ATOM}}}category",
                  {"term": channel.platform, "label": _clean(platform)})
    _text(entry, "summary", summary)
    return entry


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = _clean(text)
    return element


def _link(parent: ET.Element, href: str, **attributes: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"href": href, **attributes})


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _absolute(path: str, site_url: str | None) -> str:
    # Without a site URL, links stay relative to the feed, which lies at the site's root.
    return urljoin(site_url, path) if site_url else path or "./"


def _urn(owner: str, path: str) -> str:
    # Stable and distinct per organisation, for sites built without a site_url.
    return uuid.uuid5(uuid.NAMESPACE_URL, f"kanalregister:{owner}:{path}").urn


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
