"""The link check against hostile URLs and servers: only http and https, only public
addresses (judged once, then connected to), a deadline per request, bodies never read.

Traffic goes to servers this file starts on 127.0.0.1 and nowhere else: the refusal of other
ranges is tested through the decision function (tests/fixtures/hostile/addresses.yml) and
through a resolver stub, and every connection is recorded and checked.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from conftest import FIXTURES
from kanalregister.links import guard
from kanalregister.links.check import Checker, CheckOptions, LinkStatus, LinkTarget
from kanalregister.links.fetch import fetch

ADDRESSES: list[dict[str, Any]] = yaml.safe_load(
    (FIXTURES / "hostile" / "addresses.yml").read_text("utf-8"))
AGENT = "test"


@pytest.mark.parametrize("case", ADDRESSES, ids=[c["address"] for c in ADDRESSES])
def test_address_rule(case: dict[str, Any]) -> None:
    address = ipaddress.ip_address(case["address"])
    found = guard.refusal(address)
    if case["refused"] is None:
        assert found is None
    else:
        assert found is not None and case["refused"] in found
    with_opt_in = guard.refusal(address, allow_loopback=True)
    expected = case.get("loopback_allowed", case["refused"])
    assert (with_opt_in is None) if expected is None else (expected in (with_opt_in or ""))


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, int]]]:
    """Every address the link check connects to; anything but 127.0.0.1 fails the test."""
    made: list[tuple[str, int]] = []
    real = socket.socket.connect  # conftest's guard, which blocks all but loopback

    def connect(self: socket.socket, address: Any) -> Any:
        made.append(tuple(address[:2]))
        assert address[0] == "127.0.0.1", f"the link check tried to reach {address}"
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    yield made


class _Server:
    """A raw TCP server on 127.0.0.1 that runs ``answer(connection)`` per connection."""

    def __init__(self, answer: Any) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.answer = answer
        self.hits = 0
        self.sent = 0
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        self.sock.settimeout(0.1)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.hits += 1
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                self.answer(self, conn)
            except OSError:
                pass

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.fixture
def serve() -> Iterator[Any]:
    servers: list[_Server] = []

    def start(answer: Any) -> _Server:
        servers.append(_Server(answer))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def _redirect(location: str) -> Any:
    def answer(server: _Server, conn: socket.socket) -> None:
        conn.sendall(f"HTTP/1.1 302 Found\r\nLocation: {location}\r\n"
                     "Content-Length: 0\r\n\r\n".encode())
    return answer


def _ok(server: _Server, conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "ftp://127.0.0.1/", "gopher://127.0.0.1:70/", "data:text/plain,x",
    "javascript:alert(1)", "dict://127.0.0.1:11211/",
])
def test_only_http_and_https_are_requested(url: str, connections: list[Any]) -> None:
    hop = fetch(url, timeout=1, user_agent=AGENT, allow_loopback=True)
    assert hop.status is None and hop.error and "only http and https" in hop.error
    assert connections == []


@pytest.mark.parametrize("location", [
    "file:///etc/passwd", "ftp://127.0.0.1/x", "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/", "http://[::ffff:10.0.0.1]/", "http://[fd00::1]:8080/",
    "http://100.64.0.1/", "http://0.0.0.0/", "http://127.0.0.2/",
])
def test_a_redirect_to_a_forbidden_place_is_not_followed(
    location: str, serve: Any, connections: list[Any]
) -> None:
    server = serve(_redirect(location))
    checker = Checker(CheckOptions(timeout=1, retries=0, allow_loopback=True))
    result = checker.check(LinkTarget(server.url("/start"), ("docs",), ("docs/x.md:1",)))
    assert result.status is LinkStatus.BROKEN, result
    assert "not requested" in result.reason or "not followed" in result.reason, result.reason
    assert {address for address, _ in connections} == {"127.0.0.1"}
    assert server.hits == 1


def test_loopback_is_refused_without_the_opt_in(serve: Any, connections: list[Any]) -> None:
    server = serve(_ok)
    result = Checker(CheckOptions(timeout=1, retries=0)).check(
        LinkTarget(server.url(), ("docs",), ("docs/x.md:1",)))
    assert result.status is LinkStatus.BROKEN and "loopback" in result.reason
    assert server.hits == 0 and connections == []


def test_the_cli_keeps_the_opt_in_hidden() -> None:
    from click.testing import CliRunner

    from kanalregister import cli

    shown = CliRunner().invoke(cli.main, ["links", "--help"]).output
    assert "--timeout" in shown and "loopback" not in shown


def test_a_name_with_one_internal_address_is_refused_as_a_whole(
    monkeypatch: pytest.MonkeyPatch, connections: list[Any]
) -> None:
    answers = [("8.8.8.8", 443), ("10.1.2.3", 443)]
    monkeypatch.setattr(guard.socket, "getaddrinfo", lambda *a, **k: [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", address) for address in answers])
    hop = fetch("https://intranet.musterstadt.example/", timeout=1, user_agent=AGENT)
    assert hop.error and "private" in hop.error and "10.1.2.3" in hop.error
    assert connections == []


def test_the_request_goes_to_the_address_that_was_judged(
    serve: Any, monkeypatch: pytest.MonkeyPatch, connections: list[Any]
) -> None:
    server = serve(_ok)
    lookups: list[str] = []

    def getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        # A rebinding resolver: the first answer is fine, any later one is internal.
        lookups.append(host)
        address = "127.0.0.1" if len(lookups) == 1 else "10.9.9.9"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(guard.socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    hop = fetch(f"http://rebind.musterstadt.example:{server.port}/", timeout=1,
                user_agent=AGENT, allow_loopback=True)
    assert hop.status == 200, hop
    assert lookups == ["rebind.musterstadt.example"]
    assert connections == [("127.0.0.1", server.port)]


def test_a_server_trickling_headers_is_cut_off_at_the_timeout(serve: Any) -> None:
    def trickle(server: _Server, conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        for _ in range(100):  # one byte every 0.1 s: each read is quick, the whole is not
            conn.sendall(b"X")
            time.sleep(0.1)

    server = serve(trickle)
    started = time.monotonic()
    hop = fetch(server.url(), timeout=1.0, user_agent=AGENT, allow_loopback=True)
    elapsed = time.monotonic() - started
    assert hop.status is None and hop.error and "no answer within" in hop.error
    assert elapsed < 2.5, elapsed


def test_a_url_has_a_total_deadline_across_redirects_and_tries(serve: Any) -> None:
    def slow_loop(server: _Server, conn: socket.socket) -> None:
        time.sleep(0.3)
        conn.sendall(f"HTTP/1.1 302 Found\r\nLocation: /next{server.hits}\r\n"
                     "Content-Length: 0\r\n\r\n".encode())

    server = serve(slow_loop)
    options = CheckOptions(timeout=1.0, deadline=1.0, retries=3, backoff=0.01,
                           max_redirects=50, allow_loopback=True)
    started = time.monotonic()
    result = Checker(options).check(LinkTarget(server.url(), ("docs",), ("docs/x.md:1",)))
    assert time.monotonic() - started < 2.5
    assert result.status is LinkStatus.BROKEN and "no answer within" in result.reason


def test_a_huge_body_is_never_read(serve: Any) -> None:
    def flood(server: _Server, conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n")
        chunk = b"x" * 65536
        for _ in range(15000):  # up to 1 GB, unless the client hangs up
            conn.sendall(chunk)
            server.sent += len(chunk)

    server = serve(flood)
    started = time.monotonic()
    hop = fetch(server.url(), timeout=2.0, user_agent=AGENT, allow_loopback=True)
    assert hop.status == 200
    assert time.monotonic() - started < 2.0
    time.sleep(0.2)
    assert server.sent < 64 * 1024 * 1024  # at most what socket buffers took, never the body
