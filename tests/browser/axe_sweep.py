"""axe-core over many pages at once: parallel browser contexts of Playwright's async API.

The session's ``browser`` fixture uses the sync API, whose event loop owns the test thread;
the sweep therefore runs in a worker thread with its own event loop and its own Chromium.
Requests to anything but 127.0.0.1 are refused, as in the ``make_page`` fixture.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from browser.axe_gate import RUN_AXE, WCAG_TAGS, Violation, axe_script
from browser.conftest import CHROMIUM_ARGS

# Two cores are shared by several people on the development machines; four contexts keep the
# browser busy while Python waits for axe, without starving the server thread.
CONTEXTS = 4
PAGE_TIMEOUT_MS = 60_000


async def _guard(route: Any) -> None:
    url = route.request.url
    if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
        await route.continue_()
    else:
        await route.abort()


async def _check(browser: Any, base: str, url: str, viewport: dict[str, int],
                 script: str) -> list[Violation]:
    context = await browser.new_context(viewport=viewport)
    try:
        await context.route("**/*", _guard)
        page = await context.new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        await page.goto(base + url, wait_until="load")
        await page.add_script_tag(path=script)
        return [Violation(**v) for v in await page.evaluate(RUN_AXE, WCAG_TAGS)]
    finally:
        await context.close()


def _not_checked(exc: Exception) -> Violation:
    """A page that did not load or where axe did not run fails the sweep, with the reason."""
    reason = " ".join(str(exc).split())[:300]
    return Violation(rule="page-not-checked", impact="critical",
                     help="the page was not checked", nodes=[{"target": "document",
                                                             "summary": reason}])


async def _sweep(base: str, urls: Sequence[str], viewport: dict[str, int],
                 chromium: str) -> dict[str, list[Violation]]:
    from playwright.async_api import async_playwright

    script = str(axe_script())
    limit = asyncio.Semaphore(CONTEXTS)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            async def one(url: str) -> tuple[str, list[Violation]]:
                async with limit:
                    try:
                        return url, await _check(browser, base, url, viewport, script)
                    except Exception as exc:  # noqa: BLE001 - a page that fails is a finding
                        return url, [_not_checked(exc)]

            results = await asyncio.gather(*(one(url) for url in urls))
        finally:
            await browser.close()
    return dict(results)


def sweep(base: str, urls: Sequence[str], viewport: dict[str, int],
          chromium: str) -> dict[str, list[Violation]]:
    """axe's WCAG A/AA violations of each page ``base + url`` (empty list: none)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _sweep(base, urls, viewport, chromium)).result()


def describe(found: dict[str, list[Violation]], viewport: str) -> str:
    """One block per failing page: its URL and each failed rule with its elements."""
    failing = {url: v for url, v in found.items() if v}
    lines = [f"axe-core: {len(failing)} of {len(found)} page(s) fail WCAG A/AA at {viewport} "
             "size:"]
    for url, violations in sorted(failing.items()):
        lines.append(f"/{url}")
        lines.extend(v.describe() for v in violations)
    return "\n".join(lines)
