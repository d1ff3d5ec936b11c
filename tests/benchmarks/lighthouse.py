"""Lighthouse in the benchmark: what a citizen's phone downloads and how fast the page appears.

For a built site the bench serves the folder with gzip from 127.0.0.1 (``GzipServer``, a few
lines over the standard library's HTTP server) and runs the npm ``lighthouse`` package of
package-lock.json with the system Chromium (``CHROME_PATH``) on the start page, the overview
and one channel page: mobile form factor, simulated throttling (Lighthouse's defaults), only
the performance and accessibility categories.

Nothing may leave 127.0.0.1: Chromium starts with the background services off and with a
proxy that does not exist for every host but 127.0.0.1, Lighthouse with error reporting off;
every request of the run (the report's ``network-requests`` audit) is checked afterwards.
"""

from __future__ import annotations

import gzip
import json
import mimetypes
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Any request to another host goes to a proxy that does not exist (port 9 is "discard",
    # nothing listens there), so it fails instead of leaving the machine; 127.0.0.1 bypasses it.
    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1",
]
# The pages measured: label, and how to find the page in the built site.
PAGES = (("Startseite", ""), ("Übersicht", "kanaele/"), ("Kanalseite", None))
_COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml",
                 "application/xml", "application/atom+xml")


@dataclass
class Audit:
    """The figures of one Lighthouse run on one page."""

    label: str
    path: str
    performance: int
    accessibility: int
    fcp_ms: float
    lcp_ms: float
    tbt_ms: float
    transferred: int
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # accessibility audits that failed
    largest: list[tuple[str, int]] = field(default_factory=list)  # the heaviest requests
    main_thread: list[tuple[str, float]] = field(default_factory=list)  # ms per kind of work
    error: str = ""  # why Lighthouse gave no result (the figures are then zero)


class _GzipHandler(BaseHTTPRequestHandler):
    """GET and HEAD of the site's files, gzip-compressed (level 6, as common servers do)."""

    protocol_version = "HTTP/1.1"
    root: Path
    cache: dict[Path, bytes]

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._answer(body=False)

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._answer(body=True)

    def _answer(self, *, body: bool) -> None:
        path = self._file()
        if path is None:
            self.send_error(404)
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = path.read_bytes()
        packed = kind.startswith(_COMPRESSIBLE) and "gzip" in self.headers.get(
            "Accept-Encoding", "")
        if packed:
            if path not in self.cache:
                self.cache[path] = gzip.compress(data, compresslevel=6, mtime=0)
            data = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith(
            "text/") else kind)
        if packed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _file(self) -> Path | None:
        relative = unquote(urlsplit(self.path).path).lstrip("/")
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.root):
            return None
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` with gzip on 127.0.0.1 at a free port; yield the base URL."""
    handler = type("Handler", (_GzipHandler,), {"root": site.resolve(), "cache": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def available() -> str | None:
    """Why Lighthouse cannot run here, or None if it can."""
    if not LIGHTHOUSE.is_file():
        return ("node_modules/.bin/lighthouse fehlt: erst `npm ci` "
                "(oder `make .venv/.installed-test`)")
    if not Path(chrome_path()).is_file():
        return f"Chromium fehlt unter {chrome_path()} (CHROME_PATH setzen oder `make browser`)"
    return None


def chrome_path() -> str:
    """The browser Lighthouse starts: CHROME_PATH, else Debian's Chromium."""
    return os.environ.get("CHROME_PATH", "/usr/bin/chromium")


def channel_page(site: Path) -> str:
    """The path of the first running channel in the register's JSON export."""
    channels = json.loads((site / "kanaele.json").read_text("utf-8"))["channels"]
    page = next(c["page"] for c in channels if c["status"] != "archived")
    return urlsplit(page).path.lstrip("/")


def run(url: str, label: str, path: str, *, attempts: int = 2) -> Audit:
    """One Lighthouse run on ``url``; the report's figures.

    On a loaded machine Lighthouse sometimes gives up waiting for the browser ("Waiting for
    DevTools protocol response has exceeded the allotted time"): then it runs once more.
    """
    for _ in range(attempts - 1):
        try:
            return _run_once(url, label, path)
        except RuntimeError:
            continue
    return _run_once(url, label, path)


def _run_once(url: str, label: str, path: str) -> Audit:
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as work:
        report = Path(work) / "report.json"
        command = [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
            "--only-categories=performance,accessibility", "--form-factor=mobile",
            "--throttling-method=simulate", "--no-enable-error-reporting",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        ]
        env = {**os.environ, "CHROME_PATH": chrome_path(), "HOME": work}
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600,
                              check=False)
        if done.returncode != 0 or not report.is_file():
            raise RuntimeError(f"lighthouse {url} failed ({done.returncode}):\n"
                               f"{done.stderr[-3000:]}")
        return figures(json.loads(report.read_text("utf-8")), label, path)


def figures(lhr: dict[str, Any], label: str, path: str) -> Audit:
    """The figures the bench prints, from a Lighthouse result (LHR)."""
    audits = lhr["audits"]
    if lhr.get("runtimeError"):
        raise RuntimeError(f"lighthouse {path}: {lhr['runtimeError']}")
    origin = urlsplit(lhr["finalDisplayedUrl"]).netloc
    requests = audits["network-requests"]["details"]["items"]
    fetched = [r for r in requests if not r["url"].startswith(("data:", "blob:"))]
    foreign = [r["url"] for r in fetched if urlsplit(r["url"]).netloc != origin]
    failed = [audit_id for audit_id in
              (ref["id"] for ref in lhr["categories"]["accessibility"]["auditRefs"]
               if ref.get("weight"))
              if audits[audit_id].get("score") == 0]
    largest = sorted(((urlsplit(r["url"]).path, int(r.get("transferSize", 0)))
                      for r in fetched), key=lambda item: -item[1])[:4]
    work = audits.get("mainthread-work-breakdown", {}).get("details", {}).get("items", [])
    main_thread = sorted(((str(item.get("groupLabel", item.get("group", "?"))),
                           float(item.get("duration", 0.0))) for item in work),
                         key=lambda item: -item[1])[:3]
    return Audit(
        label=label, path=path,
        performance=round(lhr["categories"]["performance"]["score"] * 100),
        accessibility=round(lhr["categories"]["accessibility"]["score"] * 100),
        fcp_ms=audits["first-contentful-paint"]["numericValue"],
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        transferred=int(audits["total-byte-weight"]["numericValue"]),
        foreign=foreign, failed=failed, largest=largest, main_thread=main_thread,
    )


def measure(site: Path, log: Any) -> list[Audit]:
    """Lighthouse on the three pages of the built ``site``."""
    results = []
    with serve(site) as base:
        for label, path in PAGES:
            target = channel_page(site) if path is None else path
            log(f"  lighthouse: {label} ({target or '/'}) …")
            try:
                audit = run(base + target, label, target)
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                # A page Lighthouse cannot finish is a result too (a miss), not the end of
                # a benchmark that ran for many minutes.
                message = str(error).strip().splitlines()[-1][:200]
                log(f"  lighthouse: {label}: kein Ergebnis: {message}")
                results.append(Audit(label, target, 0, 0, 0.0, 0.0, 0.0, 0, error=message))
                continue
            if audit.foreign:
                raise RuntimeError(f"lighthouse {target}: requests off 127.0.0.1: "
                                   f"{audit.foreign[:5]}")
            results.append(audit)
    return results


def version() -> str:
    """The installed Lighthouse's version, from its package.json."""
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return str(json.loads(package.read_text("utf-8"))["version"])
