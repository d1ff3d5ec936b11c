"""What the built demo gives citizens besides verify and filters: rel="me" proofs, the feed's
head link, archived pages, and Material's search finding channels."""

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


def test_search_index_holds_name_account_unit_and_topic(built_site: Path) -> None:
    index = json.loads((built_site / "search/search_index.json").read_text("utf-8"))
    texts: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#", 1)[0]
        texts[page] = texts.get(page, "") + " " + doc["title"] + " " + doc["text"]
    boosted = {d["location"] for d in index["docs"] if d.get("boost")}
    for record in _channels(built_site):
        location = record["page"].split("://", 1)[-1].split("/", 1)[1]
        text = texts[location]
        assert record["name"] in text
        assert record["account"].lstrip("@") in text
        assert record["unit_name"] in text
        assert (location in boosted) == (record["status"] != "archived")


@pytest.mark.browser
@pytest.mark.parametrize(("query", "expected"), [
    ("Stadtbibliothek", "kanaele/instagram-stadtbibliothek-musterstadt/"),
    ("feuerwehr.musterstadt", "kanaele/instagram-feuerwehr-musterstadt/"),
    ("@feuerwehr.musterstadt", "kanaele/facebook-feuerwehr-musterstadt/"),
    ("mst_kultur", "kanaele/x-mst-kultur/"),
    ("Wirtschaftsförderung", "kanaele/linkedin-company-wirtschaftsfoerderung-musterstadt/"),
    ("Sicherheit und Bevölkerungsschutz", "kanaele/facebook-feuerwehr-musterstadt/"),
])
def test_material_search_finds_channels(
    page: Any, site_server: str, query: str, expected: str
) -> None:
    page.goto(site_server)
    field = page.locator("input.md-search__input")
    field.click()
    field.fill(query)
    page.locator(".md-search-result__item").first.wait_for()
    links = page.eval_on_selector_all(
        ".md-search-result__item > a", "links => links.map(a => a.getAttribute('href'))")
    pages = [link.removeprefix(site_server).split("?", 1)[0].split("#", 1)[0] for link in links]
    first = list(dict.fromkeys(pages))[:8]
    assert expected in first, first
    assert page.foreign_requests == []
