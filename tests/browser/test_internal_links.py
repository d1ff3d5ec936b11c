"""No broken internal link or anchor in the built demo: LinkChecker 10.6 crawls it over HTTP,
the anchor gate reads every page's links and fragments from the files."""

from __future__ import annotations

from pathlib import Path

from browser.anchor_gate import check_anchors
from browser.link_gate import check_links


def test_linkchecker_finds_no_broken_link_or_anchor(built_site: Path, site_server: str) -> None:
    report = check_links(site_server)
    pages = len(list(built_site.rglob("*.html")))
    assert report.checked > pages, f"LinkChecker checked only {report.checked} URLs"
    assert not report.problems, report.describe()


def test_every_internal_link_and_anchor_reaches_its_target(built_site: Path) -> None:
    report = check_anchors(built_site)
    assert report.pages == len(list(built_site.rglob("*.html")))
    assert report.fragments > report.pages, f"only {report.fragments} links with a fragment"
    assert not report.broken, report.describe()
