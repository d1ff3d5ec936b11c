"""No request to a third party, no cookie and no storage beyond Material's own preferences,
while every page type loads and is used (search, verify, filter), on a desktop and a phone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from browser.page_types import VIEWPORTS, page_types
from browser.privacy_gate import RequestLog, assert_private, use_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_visit_to_every_page_type_stays_on_the_site(viewport: str, built_site: Path,
                                                      site_server: str,
                                                      make_page: Callable[..., Any]) -> None:
    # One browser context for the whole visit: cookies and storage would pile up as in real life.
    page = make_page(viewport=VIEWPORTS[viewport])
    log = RequestLog(page)
    for kind, path in page_types(built_site).items():
        page.goto(site_server + path, wait_until="load")
        # The search is the same script on every page: used on the first two, it has loaded
        # its index and worker; the verify form and the filters are used wherever they are.
        use_page(page, search=kind in ("start", "overview"))
        assert_private(page, log, site_server, f"the {kind} page at {viewport} size")
    assert len(log.urls) > len(page_types(built_site)), "the visit made almost no requests"
