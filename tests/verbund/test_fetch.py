"""``kanalregister fetch`` against a server on 127.0.0.1: conditional requests, failures that
keep the last good data, limits, and addresses the guard refuses before connecting."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT
from helpers import loopback_server
from kanalregister import cli_verbund
from kanalregister.cli import main
from kanalregister.verbund.config import Member
from kanalregister.verbund.data import load_verbund, member_dir, read_state
from kanalregister.verbund.fetch import FetchOptions, fetch_member

SOURCES = ROOT / "verbund" / "quellen"
NOW = dt.datetime(2026, 11, 30, 6, 0, tzinfo=dt.UTC)
ETAG = '"kreis-1"'
MODIFIED = "Wed, 25 Nov 2026 05:30:00 GMT"
SEEN: list[dict[str, str]] = []


def _export(name: str, **change: Any) -> bytes:
    data = json.loads((SOURCES / name).read_text("utf-8"))
    data.update(change)
    return json.dumps(data).encode()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's API
        SEEN.append({"path": self.path, **dict(self.headers.items())})
        path = self.path
        if path == "/beispielkreis.json":
            if self.headers.get("If-None-Match") == ETAG:
                return self._send(304, b"", {"ETag": ETAG})
            return self._send(200, (SOURCES / "beispielkreis.json").read_bytes(), {"ETag": ETAG})
        if path == "/neudorf.json":
            if self.headers.get("If-Modified-Since") == MODIFIED:
                return self._send(304, b"")
            return self._send(200, (SOURCES / "neudorf.json").read_bytes(),
                              {"Last-Modified": MODIFIED})
        if path == "/v2.json":
            return self._send(200, _export("neudorf.json", format_version="2.0"))
        if path == "/broken.json":
            return self._send(200, b'{"format": "kanalregister/kanaele", ')
        if path == "/declared-big.json":
            return self._send(200, b"{}", {"Content-Length": str(50 * 1024 * 1024)}, length=False)
        if path == "/big.json":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b" " * 300_000)
            return None
        if path == "/slow.json":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(40):
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:
                    return None
                time.sleep(0.1)
            return None
        if path == "/to-internal.json":
            return self._send(302, b"", {"Location": "https://10.0.0.1/kanaele.json"})
        if path == "/to-metadata.json":
            return self._send(302, b"", {"Location": "https://169.254.169.254/latest/"})
        if path == "/to-http.json":
            return self._send(302, b"", {"Location": "http://neudorf.example/kanaele.json"})
        return self._send(404, b"nicht gefunden")

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None, *,
              length: bool = True) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture
def base() -> Iterator[str]:
    SEEN.clear()
    with loopback_server(_Handler) as url:
        yield url


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "verbund"
    target.mkdir()
    shutil.copy2(ROOT / "verbund" / "verbund.yml", target / "verbund.yml")
    return target


def _member(member_id: str = "beispielkreis") -> Member:
    return Member(id=member_id, name=f"Mitglied {member_id}",
                  export=f"https://socialmedia.{member_id}.example/kanaele.json")


def _options(base: str, path: str, **changes: Any) -> FetchOptions:
    return FetchOptions(allow_loopback=True, timeout=changes.pop("timeout", 5),
                        route=lambda url: base + path, **changes)


def _fetch(project: Path, base: str, path: str, member: str = "beispielkreis",
           **changes: Any) -> Any:
    return fetch_member(project, _member(member), _options(base, path, **changes),
                        now=lambda: NOW)


def test_200_stores_the_export_and_a_second_fetch_sends_the_etag(project: Path,
                                                                  base: str) -> None:
    first = _fetch(project, base, "/beispielkreis.json")
    assert first.state.result == "ok" and first.state.etag == ETAG
    stored = member_dir(project, "beispielkreis") / "kanaele.json"
    assert stored.read_bytes() == (SOURCES / "beispielkreis.json").read_bytes()
    second = _fetch(project, base, "/beispielkreis.json")
    assert SEEN[-1].get("If-None-Match") == ETAG
    assert second.state.result == "not_modified"
    assert second.state.fetched == first.state.fetched
    state = read_state(member_dir(project, "beispielkreis"))
    assert state is not None and state.result == "not_modified"
    assert stored.read_bytes() == (SOURCES / "beispielkreis.json").read_bytes()


def test_last_modified_makes_a_conditional_request(project: Path, base: str) -> None:
    assert _fetch(project, base, "/neudorf.json", "neudorf").state.result == "ok"
    again = _fetch(project, base, "/neudorf.json", "neudorf")
    assert SEEN[-1].get("If-Modified-Since") == MODIFIED
    assert again.state.result == "not_modified"


@pytest.mark.parametrize(("path", "result", "reason"), [
    ("/missing.json", "failed", "HTTP 404"),
    ("/v2.json", "invalid", "unbekannte Hauptversion 2.0"),
    ("/broken.json", "invalid", "kein gültiges JSON"),
    ("/declared-big.json", "invalid", "größer als"),
    ("/big.json", "invalid", "größer als"),
    ("/to-internal.json", "failed", "nicht erlaubt"),
    ("/to-metadata.json", "failed", "nicht erlaubt"),
    ("/to-http.json", "failed", "nur https"),
])
def test_a_bad_answer_keeps_the_last_good_data(project: Path, base: str, path: str,
                                               result: str, reason: str) -> None:
    assert _fetch(project, base, "/beispielkreis.json").state.result == "ok"
    stored = member_dir(project, "beispielkreis") / "kanaele.json"
    before = stored.read_bytes()
    outcome = _fetch(project, base, path, max_bytes=200_000)
    assert outcome.state.result == result
    assert reason in (outcome.state.reason or "")
    assert outcome.state.fetched == NOW  # when the kept export was received
    assert stored.read_bytes() == before
    verbund, findings = load_verbund(project, today=NOW.date())
    assert verbund is not None and verbund.members[1].document is not None
    assert [f.code for f in findings if f.field == "beispielkreis"] == [
        "VBD002" if result == "failed" else "VBD001"]


def test_a_slow_trickle_is_cut_off_at_the_time_limit(project: Path, base: str) -> None:
    started = time.monotonic()
    outcome = _fetch(project, base, "/slow.json", timeout=1)
    assert time.monotonic() - started < 3
    assert outcome.state.result == "failed"
    assert "innerhalb von 1 s" in (outcome.state.reason or "")
    assert not (member_dir(project, "beispielkreis") / "kanaele.json").exists()


def test_the_guard_refuses_an_internal_redirect_before_connecting(
        project: Path, base: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from kanalregister.links import fetch as fetcher

    connected: list[str] = []
    original = fetcher._PinnedConnection.connect

    def record(self: Any) -> None:
        connected.append(self.target.address)
        original(self)

    monkeypatch.setattr(fetcher._PinnedConnection, "connect", record)
    outcome = _fetch(project, base, "/to-internal.json")
    assert outcome.state.result == "failed"
    assert "10.0.0.1" in (outcome.state.reason or "")
    assert connected == ["127.0.0.1"]  # the member's server only, never the redirect target


def test_https_only_without_the_test_opening(project: Path) -> None:
    options = FetchOptions(route=lambda url: "http://127.0.0.1:9/kanaele.json")
    outcome = fetch_member(project, _member(), options, now=lambda: NOW)
    assert outcome.state.result == "failed"
    assert "nur https" in (outcome.state.reason or "")


def test_the_cli_fetches_every_member_and_fails_on_one(
        project: Path, base: str, monkeypatch: pytest.MonkeyPatch) -> None:
    routes = {"musterstadt": "/missing.json", "beispielkreis": "/beispielkreis.json",
              "neudorf": "/neudorf.json"}

    def route(url: str) -> str:
        member = url.split("socialmedia.", 1)[1].split(".", 1)[0]
        return base + routes[member]

    monkeypatch.setattr(cli_verbund, "fetch_options",
                        lambda: FetchOptions(allow_loopback=True, timeout=5, route=route))
    result = CliRunner().invoke(main, ["--lang", "de", "fetch", "--project", str(project),
                                       "--today", "2026-11-30"])
    assert result.exit_code == 1, result.output
    assert "beispielkreis: neu gespeichert (5 Kanäle)" in result.output
    assert "musterstadt: Abruf fehlgeschlagen – HTTP 404" in result.output
    assert "daten/musterstadt/kanaele.json: Warnung: musterstadt:" in result.output
    assert "[VBD002]" in result.output
    routes["musterstadt"] = "/beispielkreis.json"  # any valid export
    again = CliRunner().invoke(main, ["--lang", "de", "fetch", "--project", str(project),
                                      "--today", "2026-11-30"])
    assert again.exit_code == 0, again.output
    assert "neudorf: unverändert (304)" in again.output
