"""Every control on every page type is reachable with Tab and shows a visible focus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from browser.keyboard_gate import assert_keyboard_usable
from browser.page_types import FIXED, VIEWPORTS, page_types

pytestmark = pytest.mark.browser

PAGE_TYPES = [*FIXED, "channel", "channel-archived"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_type_is_usable_with_the_keyboard(kind: str, viewport: str, built_site: Path,
                                               site_server: str,
                                               make_page: Callable[..., Any]) -> None:
    page = make_page(viewport=VIEWPORTS[viewport])
    page.goto(site_server + page_types(built_site)[kind])
    assert_keyboard_usable(page, f"the {kind} page at {viewport} size")


def test_the_phone_menu_opens_and_is_walked_with_the_keyboard(site_server: str,
                                                              make_page: Callable[..., Any]
                                                              ) -> None:
    page = make_page(viewport=VIEWPORTS["phone"])
    page.goto(site_server + "impressum/")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches(\"label[for='__drawer']\")"):
            break
    else:
        pytest.fail("the menu button (label for #__drawer) is not among the first Tab stops")
    page.keyboard.press("Enter")  # Material clicks a focused label on Enter
    # Waits for the menu rather than a fixed pause, which was too short on a loaded machine.
    page.wait_for_function("() => document.getElementById('__drawer').checked", timeout=15000)
    assert_keyboard_usable(page, "the open navigation drawer at phone size")
