"""One HTTP request of the link check, without following redirects (the caller follows them
itself, so that it sees every hop: where a platform sends a robot is part of the answer)."""

from __future__ import annotations

import email.utils
import http.client
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass


@dataclass(frozen=True)
class Hop:
    """The answer to one request: status, redirect target, or what went wrong."""

    url: str
    status: int | None = None
    location: str | None = None
    error: str | None = None
    retry_after: str | None = None
    transient: bool = False  # a timeout or a failed connection: worth another try


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand 3xx answers back as they are instead of following them."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, *, timeout: float, user_agent: str) -> Hop:
    """GET ``url`` once; the body is not read (the status and headers are the answer)."""
    request = urllib.request.Request(url, headers={
        "User-Agent": user_agent,
        "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
        "Accept-Language": "de,en;q=0.5",
    })
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return Hop(url, response.status)
    except urllib.error.HTTPError as answer:
        status = answer.code
        location = answer.headers.get("Location") if 300 <= status < 400 else None
        answer.close()
        return Hop(url, status, location=location,
                   retry_after=answer.headers.get("Retry-After"),
                   error=f"HTTP {status} {answer.reason}".rstrip())
    except TimeoutError:
        return Hop(url, error=f"no answer within {timeout:g} s", transient=True)
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            return Hop(url, error=f"no answer within {timeout:g} s", transient=True)
        if isinstance(exc.reason, ssl.SSLError):
            return Hop(url, error=f"TLS error: {exc.reason}")
        return Hop(url, error=f"cannot connect: {exc.reason}", transient=True)
    except (http.client.HTTPException, ConnectionError) as exc:
        return Hop(url, error=f"connection broken: {exc.__class__.__name__}: {exc}",
                   transient=True)
    except ValueError as exc:
        return Hop(url, error=f"not a usable URL: {exc}")


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
