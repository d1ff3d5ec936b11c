"""Every built page passes the Nu Html Checker, except Material's two known errors."""

from __future__ import annotations

from pathlib import Path

from browser.html_gate import describe, vnu_errors


def test_every_page_is_valid_html(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    errors = vnu_errors(pages)
    assert not errors, (f"Nu Html Checker: {len(errors)} error(s) in {len(pages)} pages:\n"
                        + describe(errors, built_site))
