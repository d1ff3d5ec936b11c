"""The Atom feed /feed.xml: valid Atom 1.0, newest first, and exactly the register's events."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, TODAY
from helpers import check, settings_for
from kanalregister.exports.feed import ATOM, atom_feed
from kanalregister.site.builder import SiteBuilder
from kanalregister.site.pages import PageBuilder
from kanalregister.site.render import Renderer

SITE_URL = "https://socialmedia.musterstadt.example/"
NS = {"a": ATOM}


@pytest.fixture(scope="module")
def feed_text() -> str:
    settings = settings_for(ROOT, site_url=SITE_URL)
    outcome = check(ROOT, site_url=SITE_URL)
    site = SiteBuilder(outcome, settings, Renderer())
    return str(site.exports()["feed.xml"])


@pytest.fixture(scope="module")
def feed(feed_text: str) -> ET.Element:
    return ET.fromstring(feed_text.encode("utf-8"))


def test_feed_is_atom_with_the_required_elements(feed: ET.Element, feed_text: str) -> None:
    assert feed_text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert feed.tag == f"{{{ATOM}}}feed"
    for tag in ("id", "title", "updated", "author/a:name"):
        assert feed.find(f"a:{tag}", NS) is not None, tag
    assert feed.find("a:id", NS).text == SITE_URL + "feed.xml"
    self_link = feed.find("a:link[@rel='self']", NS)
    assert self_link is not None and self_link.get("href") == SITE_URL + "feed.xml"
    entries = feed.findall("a:entry", NS)
    assert entries
    for entry in entries:
        for tag in ("id", "title", "updated", "summary"):
            assert (entry.findtext(f"a:{tag}", namespaces=NS) or "").strip(), tag
        link = entry.find("a:link[@rel='alternate']", NS)
        assert link is not None and link.get("href", "").startswith(SITE_URL + "kanaele/")
        assert entry.findtext("a:updated", namespaces=NS).endswith("T00:00:00Z")
    ids = [e.findtext("a:id", namespaces=NS) for e in entries]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(SITE_URL) for i in ids)


def test_feed_matches_the_register(feed: ET.Element) -> None:
    outcome = check(ROOT, site_url=SITE_URL)
    views = PageBuilder(outcome.catalog, today=TODAY).views
    expected = set()
    for view in views:
        page = SITE_URL + view.page.removesuffix(".md") + "/"
        if view.channel.since:
            expected.add((page, "eingerichtet", view.channel.since.isoformat()))
        if view.channel.paused:
            expected.add((page, "ruhend", view.channel.paused.date.isoformat()))
        if view.channel.archived:
            expected.add((page, "geschlossen", view.channel.archived.date.isoformat()))
    fakes_page = SITE_URL + "kanaele/archiv/faelschungen/"
    for fake in outcome.catalog.fakes:
        expected.add((fakes_page, f"meldung {fake.account.url}", fake.fake.reported.isoformat()))
    found = set()
    for entry in feed.findall("a:entry", NS):
        page, _, kind = entry.findtext("a:id", namespaces=NS).partition("#")
        assert entry.find("a:link", NS).get("href") == page
        if kind.startswith("meldung-"):  # a fake: its id is stable per URL, the title names it
            title = entry.findtext("a:title", namespaces=NS)
            kind = "meldung " + title.removeprefix("Fälschung gemeldet: ")
        found.add((page, kind, entry.findtext("a:updated", namespaces=NS)[:10]))
    assert found == expected
    assert {"geschlossen", "ruhend"} <= {kind for _, kind, _ in found}
    assert len(outcome.catalog.fakes) == 2, "the demo has two known fakes"
    planned = [i for i in outcome.catalog.listed if i.channel.status.value == "planned"]
    assert planned, "the demo has a planned channel"
    pages = {page for page, _, _ in found}
    assert all(f"{SITE_URL}kanaele/{i.slug}/" not in pages for i in planned)


def test_newest_first_and_updated_is_the_newest_entry(feed: ET.Element) -> None:
    stamps = [e.findtext("a:updated", namespaces=NS) for e in feed.findall("a:entry", NS)]
    assert stamps == sorted(stamps, reverse=True)
    assert feed.findtext("a:updated", namespaces=NS) == stamps[0]


def test_closing_entry_names_date_and_reason(feed: ET.Element) -> None:
    closed = [e for e in feed.findall("a:entry", NS)
              if e.findtext("a:id", namespaces=NS).endswith("x-musterstadt/#geschlossen")]
    assert len(closed) == 1
    assert closed[0].findtext("a:title", namespaces=NS).startswith("Kanal geschlossen:")
    assert "Grund:" in closed[0].findtext("a:summary", namespaces=NS)


def test_feed_is_reproducible(feed_text: str) -> None:
    settings = settings_for(ROOT, site_url=SITE_URL)
    again = SiteBuilder(check(ROOT, site_url=SITE_URL), settings, Renderer()).exports()
    assert again["feed.xml"] == feed_text


def test_without_site_url_ids_are_urns_and_links_relative() -> None:
    outcome = check(ROOT)
    views = PageBuilder(outcome.catalog, today=TODAY).views
    root = ET.fromstring(atom_feed(views, title="T", author="A", site_url=None, today=TODAY))
    entry = root.find("a:entry", NS)
    assert entry.findtext("a:id", namespaces=NS).startswith("urn:uuid:")
    assert entry.find("a:link", NS).get("href").startswith("kanaele/")
    assert root.findtext("a:id", namespaces=NS).startswith("urn:uuid:")


def test_limit_and_empty_register() -> None:
    outcome = check(ROOT)
    views = PageBuilder(outcome.catalog, today=TODAY).views
    limited = ET.fromstring(atom_feed(views, title="T", author="A", site_url=SITE_URL,
                                      today=TODAY, limit=3))
    assert len(limited.findall("a:entry", NS)) == 3
    empty = ET.fromstring(atom_feed([], title="T", author="A", site_url=SITE_URL,
                                    today=date(2026, 1, 2)))
    assert empty.findtext("a:updated", namespaces=NS) == "2026-01-02T00:00:00Z"
    assert empty.findall("a:entry", NS) == []


def test_any_text_from_yaml_stays_well_formed(register_copy: Path) -> None:
    channel = next((register_copy / "channels").rglob("instagram-*.yml"))
    text = channel.read_text("utf-8")
    name_line = next(line for line in text.splitlines() if line.startswith("name:"))
    # Control characters such as \x01 never get this far: the text rule refuses them (SCH016).
    channel.write_text(text.replace(name_line, 'name: "Stadt <b>&amp; ]]> Musterstadt"'),
                       "utf-8")
    outcome = check(register_copy)
    views = PageBuilder(outcome.catalog, today=TODAY).views
    document = atom_feed(views, title="T", author="A", site_url=SITE_URL, today=TODAY)
    root = ET.fromstring(document)
    titles = [e.findtext("a:title", namespaces=NS) for e in root.findall("a:entry", NS)]
    assert "Neuer Kanal: Stadt <b>&amp; ]]> Musterstadt auf Instagram" in titles
