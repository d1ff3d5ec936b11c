"""Shared browser fixtures: Debian's Chromium through Playwright, and the demo site built once
and served on 127.0.0.1.

Playwright never downloads a browser here (``playwright install`` needs the network): the
system Chromium is used, from ``CHROMIUM_PATH`` or ``/usr/bin/chromium``. Without it the
browser tests are skipped, except under ``CI=true``, where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, TODAY

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


# Where distributions put Chromium (or Chrome), after CHROMIUM_PATH and /usr/bin/chromium.
USUAL_CHROMIUM_PATHS = (
    "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium", "/snap/bin/chromium",
    "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable",
)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The system Chromium: CHROMIUM_PATH, else /usr/bin/chromium, else the usual paths."""
    explicit = os.environ.get("CHROMIUM_PATH")
    candidates = [explicit] if explicit else ["/usr/bin/chromium", *USUAL_CHROMIUM_PATHS]
    for candidate in candidates:
        if Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    message = (f"Chromium not found at {', '.join(candidates)}: install it with "
               "'apt-get install chromium' (or 'make browser'), or set CHROMIUM_PATH")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project built once per session with ``mkdocs build`` into a temporary folder."""
    site = tmp_path_factory.mktemp("browser-demo") / "site"
    env = {**os.environ, "KANALREGISTER_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    return site


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def end_headers(self) -> None:
        # LinkChecker waits 0.1-0.6 s between requests to a host (whatever maxrequestspersecond
        # says) unless the server sends this header: with it the crawl takes seconds, not minutes.
        self.send_header("LinkChecker", "unthrottled")
        super().end_headers()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser drops connections it no longer needs (navigation, aborted fetches).
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``directory`` on 127.0.0.1 at a free port in a daemon thread; return the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    """``directory`` served on 127.0.0.1 for the duration of the block; yields the base URL."""
    server, base = serve(directory)
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    """The built demo on http://127.0.0.1:<port>/ ; yields the base URL (with trailing slash)."""
    with served(built_site) as base:
        yield base


@pytest.fixture
def make_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """Open pages in fresh browser contexts; requests to anything but 127.0.0.1 are refused
    and recorded in ``page.foreign_requests``."""
    contexts: list[Any] = []

    def make(*, java_script_enabled: bool = True, **options: Any) -> Any:
        # options go to browser.new_context, e.g. viewport={"width": 390, "height": 844}
        context = browser.new_context(java_script_enabled=java_script_enabled, **options)
        contexts.append(context)
        foreign: list[str] = []

        def guard(route: Any) -> None:
            url = route.request.url
            if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                foreign.append(url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.foreign_requests = foreign
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_page: Callable[..., Any]) -> Any:
    """A page with JavaScript, in its own context."""
    return make_page()


class ServedSite(NamedTuple):
    """A site folder and the URL it is served at (with trailing slash)."""

    root: Path
    base: str


@pytest.fixture
def site_copy(built_site: Path, tmp_path: Path) -> Iterator[ServedSite]:
    """A writable copy of the built demo, served on its own port: for tests that break it."""
    root = tmp_path / "site"
    shutil.copytree(built_site, root)
    server, base = serve(root)
    try:
        yield ServedSite(root, base)
    finally:
        server.shutdown()
        server.server_close()
