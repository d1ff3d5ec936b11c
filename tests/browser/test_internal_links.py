"""No broken internal link or anchor in the built demo, as LinkChecker 10.6 crawls it."""

from __future__ import annotations

from pathlib import Path

from browser.link_gate import check_links


def test_linkchecker_finds_no_broken_link_or_anchor(built_site: Path, site_server: str) -> None:
    report = check_links(site_server)
    pages = len(list(built_site.rglob("*.html")))
    assert report.checked > pages, f"LinkChecker checked only {report.checked} URLs"
    assert not report.problems, report.describe()
