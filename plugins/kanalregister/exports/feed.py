"""The Atom feed ``/feed.xml``: channels added (``since``), paused (``paused.date``) and closed
(``archived.date``), and known fakes reported to a platform (``reported``).

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

from ..paths import FAKES_PAGE, FEED_PATH, OVERVIEW_PAGE, page_url
from ..register.catalog import ListedFake
from ..views import ChannelView

ATOM = "http://www.w3.org/2005/Atom"
# Readers only show what is new; a large register's whole history would make a huge file.
DEFAULT_LIMIT = 100
# Characters XML 1.0 cannot carry, even escaped (a YAML "\x01" escape can produce them).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


_ANCHORS = {"added": "eingerichtet", "paused": "ruhend", "closed": "geschlossen"}


@dataclass(frozen=True)
class Event:
    """A channel that was added or closed on a day."""

    kind: str  # "added" | "paused" | "closed" | "fake"
    day: date
    view: ChannelView | None = None
    fake: ListedFake | None = None

    @property
    def key(self) -> str:
        """What orders events of one day and kind: the channel's page or the fake's URL."""
        return self.view.item.slug if self.view else self.fake.account.url if self.fake else ""


def events(views: Iterable[ChannelView], fakes: Iterable[ListedFake] = ()) -> list[Event]:
    """Every addition, pause, closing and reported fake, newest first (on one day: closings,
    then pauses and fakes, then additions)."""
    found: list[Event] = [Event("fake", f.fake.reported, fake=f) for f in fakes]
    for view in views:
        channel = view.channel
        if channel.since is not None:
            found.append(Event("added", channel.since, view))
        if channel.paused is not None:
            found.append(Event("paused", channel.paused.date, view))
        if channel.archived is not None:
            found.append(Event("closed", channel.archived.date, view))
    found.sort(key=lambda e: (e.day, e.kind != "added", e.kind == "closed", e.key), reverse=True)
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
    fakes: Iterable[ListedFake] = (),
) -> str:
    """The feed document as text (UTF-8, with an XML declaration)."""
    chosen = events(views, fakes)[:limit]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "de"})
    _text(feed, "title", title)
    _text(feed, "subtitle", "Neue, ruhende und geschlossene offizielle Social-Media-Kanäle "
          "und gemeldete Fälschungen")
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
        if event.fake is not None:
            feed.append(_fake_entry(event.fake, site_url, author, directory_urls))
        elif event.view is not None:
            feed.append(_entry(event, event.view, site_url, author, directory_urls))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


def _fake_entry(
    listed: ListedFake, site_url: str | None, author: str, directory_urls: bool
) -> ET.Element:
    # Facts and dates only, as on the page: the feed judges no person.
    fake, page = listed.fake, page_url(FAKES_PAGE, directory_urls=directory_urls)
    day = fake.reported
    entry = ET.Element(f"{{{ATOM}}}entry")
    _text(entry, "title", f"Fälschung gemeldet: {listed.account.url}")
    key = uuid.uuid5(uuid.NAMESPACE_URL, listed.account.url).hex[:12]
    _text(entry, "id", f"{_absolute(page, site_url)}#meldung-{key}" if site_url
          else _urn(author, f"{page}#meldung-{key}"))
    _text(entry, "updated", _stamp(day))
    _text(entry, "published", _stamp(day))
    _link(entry, _absolute(page, site_url), rel="alternate", type="text/html")
    ET.SubElement(entry, f"{{{ATOM}}}category", {"term": fake.platform})
    _text(entry, "summary",
          f"Am {day:%d.%m.%Y} haben wir das Konto {listed.account.url} der Plattform gemeldet, "
          "weil es den Eindruck erwecken kann, ein offizieller Kanal zu sein. Es ist kein "
          "offizieller Kanal. Bitte schreiben Sie ihm nicht und geben Sie ihm keine Daten.")
    return entry


def _entry(
    event: Event, view: ChannelView, site_url: str | None, author: str, directory_urls: bool
) -> ET.Element:
    channel = view.channel
    platform = view.platform.name if view.platform else channel.platform
    page = page_url(view.page, directory_urls=directory_urls)
    entry = ET.Element(f"{{{ATOM}}}entry")
    anchor = _ANCHORS[event.kind]
    if event.kind == "added":
        title = f"Neuer Kanal: {channel.name} auf {platform}"
        summary = (f"{channel.name} ({view.handle} auf {platform}) ist seit dem "
                   f"{event.day:%d.%m.%Y} ein offizieller Kanal. {channel.description}")
    elif event.kind == "paused":
        title = f"Kanal ruht: {channel.name} auf {platform}"
        reason = f" Grund: {channel.paused.reason}" if channel.paused.reason else ""
        summary = (f"{channel.name} ({view.handle} auf {platform}) ist seit dem "
                   f"{event.day:%d.%m.%Y} ein ruhender offizieller Kanal: keine Beiträge, "
                   f"Nachrichten werden nicht gelesen. Das Konto bleibt bei uns.{reason}")
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
