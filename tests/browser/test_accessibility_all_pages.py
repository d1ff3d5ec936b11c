"""Zero axe-core violations (WCAG 2.0/2.1/2.2, A and AA) on every built page, desktop and phone.

test_accessibility.py checks one page of each type (with screenshots and the reflow check);
this sweep covers every hand-written page and every register page, and a sample of the channel
pages (one per platform and per status), which all come from one template.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser.axe_sweep import describe, sweep
from browser.page_types import VIEWPORTS
from browser.site_pages import all_pages, channel_sample, channel_urls

pytestmark = pytest.mark.browser


def test_the_sweep_takes_every_page_of_the_sitemap_but_channel_pages(built_site: Path) -> None:
    pages = set(all_pages(built_site))
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    listed = {urlsplit(url).path.lstrip("/") for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    channels = channel_urls(built_site)
    assert listed - channels, "the sitemap lists the hand-written and register pages"
    assert listed - channels <= pages, sorted(listed - channels - pages)
    sample = channel_sample(built_site)
    assert sample and set(sample) <= channel_urls(built_site) & listed
    assert {"kanaele/", "kanaele/archiv/", "pruefen/", "impressum/", "404.html"} <= pages


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_has_no_axe_violations(viewport: str, built_site: Path, site_server: str,
                                          chromium_path: str) -> None:
    found = sweep(site_server, all_pages(built_site), VIEWPORTS[viewport], chromium_path)
    assert len(found) == len(all_pages(built_site))
    if any(found.values()):
        pytest.fail(describe(found, viewport), pytrace=False)
