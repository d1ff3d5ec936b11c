"""The demo Verbund in the browser: the split verify index (only the pasted URL's platform is
downloaded), the member's name in each answer, the member filter, and the axe and keyboard
gates on the overview, a member page and the verify page."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from browser.axe_gate import assert_accessible
from browser.conftest import served
from browser.keyboard_gate import assert_keyboard_usable
from conftest import ROOT, TODAY

pytestmark = pytest.mark.browser

VERBUND = ROOT / "verbund"
# A few days after the demo Verbund's data was fetched: no export is stale then.
VERBUND_TODAY = TODAY.isoformat()


@pytest.fixture(scope="module")
def verbund_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("verbund") / "site"
    env = {**os.environ, "KANALREGISTER_TODAY": VERBUND_TODAY, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                             "--site-dir", str(site)], cwd=VERBUND, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-5000:]
    with served(site) as base:
        yield base


@pytest.mark.parametrize(("query", "headline", "part"), [
    ("https://www.instagram.com/feuerwehr.musterstadt/",
     "Offizieller Kanal von Stadt Musterstadt", "index-instagram.json"),
    ("https://x.com/GemNeudorf", "Ehemals offizieller Kanal von Gemeinde Neudorf",
     "index-x.json"),
    ("https://www.instagram.com/landkreis_beispielkreis_info/",
     "Bekannte Fälschung, gemeldet von Landkreis Beispielkreis", "index-instagram.json"),
    ("https://www.instagram.com/niemand.hier.eingetragen/",
     "Bei keinem Mitglied eingetragen", "index-instagram.json"),
])
def test_verify_answers_name_the_member_and_load_one_platform(
        query: str, headline: str, part: str, verbund_site: str,
        make_page: Callable[..., Any]) -> None:
    page = make_page()
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url.rsplit("/", 1)[-1]))
    page.goto(verbund_site + "pruefen/")
    field = page.locator("form.kr-verify input[name='konto']").first
    field.fill(query)
    field.press("Enter")
    answer = page.locator(".kr-verify__answer").first
    answer.wait_for(timeout=10_000)
    assert answer.inner_text().startswith(headline)
    parts = [name for name in loaded if name.startswith("index")]
    assert parts == ["index.json", part]
    assert page.foreign_requests == []


def test_member_filter_shows_only_that_member(verbund_site: str,
                                              make_page: Callable[..., Any]) -> None:
    page = make_page()
    page.goto(verbund_site + "kanaele/")
    total = page.locator(".kr-card").count()
    page.select_option("#kr-filter-member", "neudorf")
    visible = page.locator(".kr-card:visible")
    assert 0 < visible.count() < total
    members = {visible.nth(i).get_attribute("data-member") for i in range(visible.count())}
    assert members == {"neudorf"}
    assert "mitglied=neudorf" in page.url


def test_overview_is_complete_without_javascript(verbund_site: str,
                                                 make_page: Callable[..., Any]) -> None:
    page = make_page(java_script_enabled=False)
    page.goto(verbund_site + "kanaele/")
    statuses = set(page.locator(".kr-card").evaluate_all(
        "cards => cards.map(c => c.dataset.status)"))
    assert {"active", "paused", "archived"} <= statuses
    members = set(page.locator(".kr-card").evaluate_all(
        "cards => cards.map(c => c.dataset.member)"))
    assert members == {"musterstadt", "beispielkreis", "neudorf"}


@pytest.mark.parametrize("path", ["kanaele/", "mitglieder/beispielkreis/", "pruefen/"])
def test_verbund_pages_pass_axe_and_keyboard(path: str, verbund_site: str,
                                             make_page: Callable[..., Any]) -> None:
    page = make_page()
    page.goto(verbund_site + path, wait_until="networkidle")
    assert_accessible(page, f"the Verbund page {path}")
    assert_keyboard_usable(page, f"the Verbund page {path}")
