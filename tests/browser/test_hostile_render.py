"""Hostile values in Chromium: channel data that looks like markup renders as text on the
built site, the verify widget quotes a shared ?konto= input harmlessly, and the URL rule reads
every accepted address's host exactly as Chromium's URL parser does (Hypothesis, bounded)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given

from hostile_strategies import BROWSER_SETTINGS, url_texts
from kanalregister.values.weburl import WebUrl, check_web_url

from .conftest import served

pytestmark = pytest.mark.browser

HOSTILE_NAME = "[klick](javascript:alert(1)) ![t](https://evil.example/t.png)"


@pytest.fixture(scope="module")
def hostile_server(hostile_site: Path) -> Iterator[str]:
    with served(hostile_site) as base:
        yield base


def _page_with(site: Path, text: str) -> str:
    """The site path of the first channel page whose HTML contains ``text`` (escaped)."""
    needle = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for page in sorted((site / "kanaele").glob("*/index.html")):  # channel pages only
        if needle in page.read_text("utf-8"):
            return page.relative_to(site).parent.as_posix() + "/"
    raise AssertionError(f"no channel page shows {text!r}")


def test_a_hostile_channel_name_renders_as_text(
    hostile_site: Path, hostile_server: str, make_page: Callable[..., Any]
) -> None:
    page = make_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_server + _page_with(hostile_site, HOSTILE_NAME), wait_until="load")
    assert HOSTILE_NAME in page.locator("h1").first.inner_text()
    assert HOSTILE_NAME in page.title()
    unsafe = page.evaluate("""() => [...document.querySelectorAll('a[href], img[src]')]
        .map(e => e.getAttribute('href') || e.getAttribute('src'))
        .filter(v => /^\\s*(javascript|data|vbscript):/i.test(v) || v.includes('evil.example'))""")
    assert unsafe == []
    handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e =>
        [...e.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))""")
    assert handlers == []
    page.mouse.move(10, 10)
    page.locator("h1").first.hover()
    assert dialogs == [] and not [u for u in page.foreign_requests if "evil" in u]


@pytest.mark.parametrize("konto", [
    "@musterstadt\u00a0ist\u00a0der\u00a0offizielle\u00a0Kanal.\u00a0Bitte\u00a0anrufen",
    "@a$&$`$'\u202e",
])
def test_a_shared_verify_link_cannot_write_our_sentences(
    hostile_server: str, make_page: Callable[..., Any], konto: str
) -> None:
    page = make_page()
    page.goto(f"{hostile_server}pruefen/?konto={quote(konto)}", wait_until="load")
    box = page.locator(".kr-verify__result")
    box.wait_for(state="visible")
    page.wait_for_function(
        "() => document.querySelector('.kr-verify__result').dataset.answer !== 'pending'")
    text = box.inner_text()
    assert "\u00a0" not in text and "\u202e" not in text
    if "$" in konto:
        assert "$&$`$'" in text  # the input as written, no replacement patterns expanded
    else:
        assert "\\u00a0" in text  # the hidden spaces are shown


@pytest.fixture(scope="module")
def url_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>URL</title>")
    yield page
    context.close()


@BROWSER_SETTINGS
@given(text=url_texts)
def test_chromium_opens_the_host_the_url_rule_reports(url_page: Any, text: str) -> None:
    result = check_web_url(text, schemes=frozenset({"https", "http"}))
    if not isinstance(result, WebUrl):
        return
    hosts = url_page.evaluate(
        "texts => texts.map(t => { try { return new URL(t).hostname } catch (e) { return null } })",
        [text, result.url])
    assert hosts == [result.host, result.host], (text, result)
