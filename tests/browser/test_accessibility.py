"""Zero axe-core violations (WCAG 2.0/2.1/2.2, A and AA) on every page type, desktop and phone.

Each page is also photographed into test-artifacts/screenshots/ for review by a person.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from browser.axe_gate import assert_accessible, assert_reflows
from browser.page_types import FIXED, VIEWPORTS, page_types
from conftest import ROOT

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PAGE_TYPES = [*FIXED, "channel", "channel-archived", "channel-paused"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_type_has_no_axe_violations(kind: str, viewport: str, built_site: Path,
                                         site_server: str,
                                         make_page: Callable[..., Any]) -> None:
    page = make_page(viewport=VIEWPORTS[viewport])
    page.goto(site_server + page_types(built_site)[kind], wait_until="networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{kind}-{viewport}.png"), full_page=True)
    assert_accessible(page, f"the {kind} page at {viewport} size")
    assert_reflows(page, f"the {kind} page at {viewport} size")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_open_search_with_results_has_no_axe_violations(viewport: str, site_server: str,
                                                        make_page: Callable[..., Any]) -> None:
    page = make_page(viewport=VIEWPORTS[viewport])
    page.goto(site_server)
    page.keyboard.press("s")  # Material's shortcut for the search dialog
    page.locator(".md-search__input").fill("Feuerwehr")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.screenshot(path=str(SCREENSHOTS / f"search-{viewport}.png"))
    assert_accessible(page, f"the open search with results at {viewport} size")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(("query", "answer"), [
    ("https://www.instagram.com/musterstadt/", "official"),
    ("https://twitter.com/musterstadt", "archived"),
    ("https://www.instagram.com/musterstadt_fake/", "fake"),
    ("https://www.instagram.com/max.mustermann/", "unknown"),
    ("@musterstadt", "partial"),
])
def test_verify_answers_have_no_axe_violations(query: str, answer: str, viewport: str,
                                               site_server: str,
                                               make_page: Callable[..., Any]) -> None:
    page = make_page(viewport=VIEWPORTS[viewport])
    page.goto(site_server + "pruefen/")
    field = page.locator("form.kr-verify input[name='konto']").first
    field.fill(query)
    field.press("Enter")
    page.locator(f".kr-verify__result--{answer}").first.wait_for(timeout=10_000)
    page.screenshot(path=str(SCREENSHOTS / f"verify-{answer}-{viewport}.png"))
    assert_accessible(page, f"the verify page answering {answer!r} at {viewport} size")
