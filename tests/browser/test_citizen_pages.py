"""What the built demo gives citizens besides verify and filters: rel="me" proofs, the feed's
head link, archived pages, and Material's search leading to the overview's filter."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

REL_ME_PLATFORMS = {pid for pid, entry in yaml.safe_load(
    (ROOT / "plugins/kanalregister/data/platforms.yml").read_text("utf-8")).items()
    if entry.get("rel_me")}


def _channels(built_site: Path) -> list[dict[str, Any]]:
    return json.loads((built_site / "kanaele.json").read_text("utf-8"))["channels"]


def _page(built_site: Path, record: dict[str, Any]) -> str:
    path = record["page"].split("://", 1)[-1].split("/", 1)[1]
    return (built_site / path / "index.html").read_text("utf-8")


def test_rel_me_exactly_on_running_channels_of_verifying_platforms(built_site: Path) -> None:
    assert {"mastodon", "website"} == REL_ME_PLATFORMS
    seen = set()
    for record in _channels(built_site):
        html = _page(built_site, record)
        head = html.split("</head>", 1)[0]
        head_links = re.findall(r'<link rel="me" href="([^"]+)">', head)
        anchors = re.findall(r'<a [^>]*href="([^"]+)"[^>]*rel="me noopener"', html)
        expected = record["platform"] in REL_ME_PLATFORMS and record["status"] != "archived"
        if expected:
            seen.add(record["platform"])
            assert head_links == [record["canonical_url"]], record["page"]
            assert anchors == [record["canonical_url"]], record["page"]
        else:
            assert head_links == [] and anchors == [], record["page"]
    assert seen == REL_ME_PLATFORMS


def test_rel_me_nowhere_else(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        if "/kanaele/mastodon-" in page.as_posix() or "/kanaele/website-" in page.as_posix():
            continue
        assert '<link rel="me"' not in page.read_text("utf-8"), page


def test_overview_links_the_feed_in_head_and_text(built_site: Path) -> None:
    html = (built_site / "kanaele/index.html").read_text("utf-8")
    head = html.split("</head>", 1)[0]
    assert '<link rel="alternate" type="application/atom+xml"' in head
    assert 'href="../feed.xml"' in head
    assert 'href="../feed.xml" type="application/atom+xml">Atom-Feed</a>' in html
    assert (built_site / "feed.xml").is_file()
    start = (built_site / "index.html").read_text("utf-8").split("</head>", 1)[0]
    assert "application/atom+xml" not in start


def test_archived_pages_stay_with_banner_and_reason(built_site: Path) -> None:
    archived = [r for r in _channels(built_site) if r["status"] == "archived"]
    assert archived
    overview = (built_site / "kanaele/index.html").read_text("utf-8")
    for record in archived:
        html = _page(built_site, record)
        assert "Dieser Kanal ist geschlossen" in html
        assert record["archived"]["reason"].split()[0] in html
        slug = record["page"].rstrip("/").rsplit("/", 1)[-1]
        assert f"{slug}/" not in overview, slug


def _index(built_site: Path) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = json.loads(
        (built_site / "search/search_index.json").read_text("utf-8"))["docs"]
    return docs


def _words(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_search_index_has_no_channel_page(built_site: Path) -> None:
    """Channel pages stay out of Material's index (issue 18): the index every page fetches
    must not grow with the register. The overview's hint is in it instead."""
    docs = _index(built_site)
    locations = {d["location"].split("#", 1)[0] for d in docs}
    records = _channels(built_site)
    assert records and locations
    for record in records:
        location = record["page"].split("://", 1)[-1].split("/", 1)[1]
        assert location not in locations, location
    overview = " ".join(_words(d["text"]) for d in docs if d["location"].startswith("kanaele/#")
                        or d["location"] == "kanaele/")
    assert "Filter dieser Seite" in overview


def test_search_index_leaves_out_the_channel_lists(built_site: Path) -> None:
    """The overview, platform, unit and archive pages list every channel: their lists stay
    out of the index (each channel is there once, on its own page)."""
    accounts = {r["account"].lstrip("@") for r in _channels(built_site)}
    lists = [d for d in _index(built_site)
             if d["location"].startswith(("kanaele/", "plattformen/", "organisation/"))
             and not re.match(r"kanaele/(?!archiv/)[^/#]+/", d["location"])]
    assert {d["location"].split("/", 1)[0] for d in lists} == {
        "kanaele", "plattformen", "organisation"}
    assert any(d["location"] == "kanaele/archiv/" for d in lists)
    for doc in lists:
        found = [a for a in accounts
                 if re.search(rf"(?<![\w./-]){re.escape(a)}(?![\w.@/-])", doc["text"])]
        assert found == [], doc["location"]


@pytest.mark.browser
@pytest.mark.parametrize("query", ["Kanäle finden", "offizielle Kanäle", "Konto", "Account echt"])
def test_material_search_shows_the_way_to_the_filter_and_verify(
    page: Any, site_server: str, query: str
) -> None:
    """With no channel page in the index, a search for a channel leads to the overview (its
    filter) or the verify page."""
    page.goto(site_server)
    field = page.locator("input.md-search__input")
    field.click()
    field.fill(query)
    page.locator(".md-search-result__item").first.wait_for()
    links = page.eval_on_selector_all(
        ".md-search-result__item > a", "links => links.map(a => a.getAttribute('href'))")
    pages = [link.removeprefix(site_server).split("?", 1)[0].split("#", 1)[0] for link in links]
    first = list(dict.fromkeys(pages))[:5]
    assert {"kanaele/", "pruefen/"} & set(first), first
    assert not any(re.match(r"kanaele/(?!archiv/)[^/]+/", p) for p in pages), pages
    assert page.foreign_requests == []
