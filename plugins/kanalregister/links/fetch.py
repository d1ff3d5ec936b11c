"""One HTTP request of the link check, without following redirects (the caller follows them
itself, so that it sees every hop: where a platform sends a robot is part of the answer)."""

from __future__ import annotations

import contextlib
import email.utils
import http.client
import socket
import ssl
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from .guard import Refused, Resolved, resolve

SCHEMES = ("http", "https")
_TLS = ssl.create_default_context()


@dataclass(frozen=True)
class Hop:
    """The answer to one request: status, redirect target, or what went wrong."""

    url: str
    status: int | None = None
    location: str | None = None
    error: str | None = None
    retry_after: str | None = None
    transient: bool = False  # a timeout or a failed connection: worth another try
    body: bytes | None = None  # only when asked for (``read``), at most that many bytes
    # Validators and declared size of the answer (kanalregister fetch's conditional requests).
    etag: str | None = None
    last_modified: str | None = None
    content_length: int | None = None


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP connection to the address that was judged, never to a second DNS answer."""

    def __init__(self, target: Resolved, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.target = target
        # The connected socket, kept for the deadline: http.client forgets ``sock`` once a
        # response that closes the connection (HTTP/1.0, "Connection: close") is returned,
        # and the body is then read from the response alone.
        self.opened: socket.socket | None = None

    def connect(self) -> None:
        # A socket connected to the literal address: no resolver is asked a second time
        # (socket.create_connection would look the literal up again).
        family = socket.AF_INET6 if ":" in self.target.address else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.settimeout(self.timeout)
            sock.connect((self.target.address, self.target.port))
        except BaseException:
            sock.close()
            raise
        self.sock = self.opened = sock


class _PinnedTLSConnection(_PinnedConnection):
    """HTTPS to the judged address; the certificate must still match the host name."""

    def connect(self) -> None:
        super().connect()
        self.sock = self.opened = _TLS.wrap_socket(self.sock, server_hostname=self.target.host)


def fetch(url: str, *, timeout: float, user_agent: str, allow_loopback: bool = False,
          read: int = 0, accept: str = "text/html,application/xhtml+xml,*/*;q=0.8",
          headers: Mapping[str, str] | None = None) -> Hop:
    """GET ``url`` once, within ``timeout`` seconds in all (connection, TLS, headers and any
    body read). The body of a 2xx answer is read only when ``read`` > 0, and then at most
    ``read`` bytes (the live status reads public APIs; the link check never does). Only http
    and https, only public addresses (see links.guard). ``headers`` are sent besides the
    usual ones (e.g. ``If-None-Match``)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return Hop(url, error=f"not a usable URL: {exc}")
    if parts.scheme not in SCHEMES or not parts.hostname:
        return Hop(url, error=f"not requested: only http and https addresses are checked "
                              f"({parts.scheme or 'no scheme'}:)")
    try:
        target = resolve(parts.hostname, port or (443 if parts.scheme == "https" else 80),
                         allow_loopback=allow_loopback)
    except Refused as exc:
        return Hop(url, error=str(exc))
    kind = _PinnedTLSConnection if parts.scheme == "https" else _PinnedConnection
    connection = kind(target, timeout)
    # The socket timeout bounds each read; this timer bounds the whole request, so a server
    # that trickles one header byte at a time cannot hold the check.
    aborted = threading.Event()
    timer = threading.Timer(timeout, _abort, (connection, aborted))
    timer.daemon = True
    timer.start()
    try:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", path, headers={
            "User-Agent": user_agent,
            "Accept": accept,
            "Accept-Language": "de,en;q=0.5",
            **(headers or {}),
        })
        response = connection.getresponse()
        if aborted.is_set():  # headers cut off at the deadline: not an answer
            return Hop(url, error=f"no answer within {timeout:g} s", transient=True)
        status = response.status
        etag, modified = response.getheader("ETag"), response.getheader("Last-Modified")
        length = _length(response.getheader("Content-Length"))
        if 200 <= status < 300:
            if read > 0 and length is not None and length > read:
                # Declared larger than the caller takes: refused before a byte of the body.
                return Hop(url, status, etag=etag, last_modified=modified,
                           content_length=length)
            body = response.read(read) if read > 0 else None
            if aborted.is_set():
                return Hop(url, error=f"no answer within {timeout:g} s", transient=True)
            return Hop(url, status, body=body, etag=etag, last_modified=modified,
                       content_length=length)
        location = response.getheader("Location") if 300 <= status < 400 else None
        return Hop(url, status, location=location,
                   retry_after=response.getheader("Retry-After"),
                   error=f"HTTP {status} {response.reason}".rstrip(), etag=etag,
                   last_modified=modified, content_length=length)
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        if aborted.is_set() or isinstance(exc, TimeoutError):
            return Hop(url, error=f"no answer within {timeout:g} s", transient=True)
        if isinstance(exc, ssl.SSLError):
            return Hop(url, error=f"TLS error: {exc.__class__.__name__}")
        return Hop(url, error=f"cannot connect: {exc.__class__.__name__}", transient=True)
    finally:
        timer.cancel()
        connection.close()


def _length(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _abort(connection: _PinnedConnection, aborted: threading.Event) -> None:
    aborted.set()
    sock = connection.opened
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed: nothing left to stop
            sock.shutdown(socket.SHUT_RDWR)


def retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delay in seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))
