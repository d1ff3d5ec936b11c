"""The privacy gate: every request a page makes while it loads and is used, cookies, storage.

A public body's site must not send its visitors' data to third parties (LG München I,
20.01.2022, 3 O 17493/20): the only host a page may contact is the server it came from.
"""

from __future__ import annotations

import contextlib
from typing import Any
from urllib.parse import urlsplit

import pytest

# What Material for MkDocs itself keeps in the browser: the visitor's colour scheme, cookie
# consent, chosen content tabs and dismissed announcement, each prefixed with the site's scope.
MATERIAL_STORAGE_KEYS = ("__palette", "__consent", "__tabs", "__announce")
# URLs that never leave the browser.
_LOCAL_SCHEMES = ("data", "blob", "about")


class RequestLog:
    """Every request ``page`` makes from now on (page.on("request"), before any routing)."""

    def __init__(self, page: Any) -> None:
        self.urls: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))

    def foreign(self, base: str) -> list[str]:
        """The requests to anything but the server at ``base``."""
        server = urlsplit(base).netloc
        return [url for url in self.urls
                if urlsplit(url).scheme not in _LOCAL_SCHEMES and urlsplit(url).netloc != server]


def use_page(page: Any, *, search: bool = True) -> None:
    """Do what a visitor does: search, check an account, filter the list (where the page has it)."""
    if search:
        _search(page)
    verify = page.locator("form.kr-verify input[name='konto']")
    if verify.count() and verify.first.is_visible():
        verify.first.fill("https://www.instagram.com/musterstadt/")
        verify.first.press("Enter")
        page.wait_for_timeout(300)
    platform = page.locator("#kr-filter-platform")
    if platform.count() and platform.is_visible():
        platform.select_option(index=1)
        page.wait_for_timeout(200)


def _search(page: Any) -> None:
    page.keyboard.press("s")  # Material's shortcut opens the search dialog on every page
    search = page.locator(".md-search__input")
    if search.is_visible():
        search.fill("instagram")
        with contextlib.suppress(Exception):  # an empty result list is not this gate's business
            page.locator(".md-search-result__item").first.wait_for(timeout=3000)
        page.keyboard.press("Escape")


def storage_keys(page: Any) -> dict[str, list[str]]:
    """The keys in the page's localStorage and sessionStorage."""
    return page.evaluate("""() => ({
      localStorage: Object.keys(localStorage), sessionStorage: Object.keys(sessionStorage)})""")


def assert_private(page: Any, log: RequestLog, base: str, label: str) -> None:
    """Fail with every third-party request, cookie and foreign storage key of ``page``."""
    problems = [f"  request to a third party: {url}" for url in log.foreign(base)]
    problems += [f"  cookie set: {cookie['name']} (domain {cookie['domain']})"
                 for cookie in page.context.cookies()]
    scope = urlsplit(base).path or "/"
    allowed = {f"{scope}.{key}" for key in MATERIAL_STORAGE_KEYS}
    for area, keys in storage_keys(page).items():
        problems += [f"  {area} key beyond Material's preferences: {key}"
                     for key in keys if key not in allowed]
    if problems:
        pytest.fail(f"privacy: {label} ({page.url}) after {len(log.urls)} request(s):\n"
                    + "\n".join(problems), pytrace=False)
