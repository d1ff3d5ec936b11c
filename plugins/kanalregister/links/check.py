"""Checking external links: profiles, imprint and privacy pages, links in the guidelines.

Platforms answer robots differently from people: they send them to a login or consent page,
throttle them (429), invent status codes (LinkedIn's 999) or refuse them (403). Such answers
say nothing about the profile, so they are reported as *unverifiable*, never as *broken*;
only what a visitor would also meet (404, 410, a dead host, a server that keeps failing) is
*broken*. Requests run concurrently (at most two at a time per host), with timeouts, retries
with exponential back-off that honour ``Retry-After``, and a JSON cache of recent results.
Standard library only: urllib and a thread pool.
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .cache import LinkCache
from .fetch import SCHEMES, Hop, fetch, retry_after
from .model import LinkResult, LinkStatus, LinkTarget

PER_HOST = 2  # concurrent requests to one host: platforms throttle busy robots

# Hosts that can never answer (RFC 2606, RFC 6761): the demo city lives on them.
_RESERVED = re.compile(r"(^|\.)(example|test|invalid|localhost)$|(^|\.)example\.(com|net|org)$")

# Where platforms send robots instead of the page asked for: login walls and consent pages.
_WALLS = [re.compile(pattern) for pattern in (
    r"^(accounts|login|signin|auth)\.",                     # accounts.google.com, login.…
    r"^consent\.",                                           # consent.youtube.com, consent.google
    r"/(login|signin|sign-in|sign_in|logon)(\.php)?(/|$)",   # most platforms
    r"/accounts/login(/|$)",                                 # Instagram, Threads
    r"/i/flow/login(/|$)",                                   # X
    r"/(authwall|uas/login|checkpoint)(/|$)",                # LinkedIn, Facebook
    r"/(consent|cookie-consent|privacy-consent)(/|$)",       # consent walls
)]
_RETRY_STATUSES = {429, 500, 502, 503, 504}
# Refusals that mean "no robots" when a platform gives them, and "broken" anywhere else.
_PLATFORM_REFUSALS = {401, 403}


@dataclass(frozen=True)
class CheckOptions:
    """How hard and how long to try."""

    timeout: float = 10.0         # seconds per request in all (connect, TLS, headers)
    deadline: float = 120.0       # seconds per URL in all: every hop, try and pause
    concurrency: int = 8
    retries: int = 2              # further tries after a timeout, 429 or 5xx
    backoff: float = 1.0          # first pause between tries; doubles each time
    max_wait: float = 60.0        # the longest Retry-After honoured
    max_redirects: int = 10
    cache_max_age: float = 24 * 3600.0
    user_agent: str = "kanalregister-links/1.0 (link check of a public register)"
    # Only for the test suite's servers on 127.0.0.1: the CLI offers it as a hidden option.
    # Private, link-local and other internal addresses stay refused even then.
    allow_loopback: bool = False


def is_reserved(url: str) -> bool:
    """True for hosts reserved for examples, which never answer (``*.example``)."""
    return bool(_RESERVED.search((urlsplit(url).hostname or "").lower()))


def is_wall(url: str) -> bool:
    """True if ``url`` is a login or consent page rather than content."""
    parts = urlsplit(url)
    return any(p.search((parts.hostname or "").lower()) or p.search(parts.path.lower())
               for p in _WALLS)


def _same_place(a: str, b: str) -> bool:
    """Equal up to https, www., a trailing slash and the host's case."""
    def key(url: str) -> tuple[str, str, str]:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
        return host, parts.path.rstrip("/") or "/", parts.query
    return key(a) == key(b)


def classify(target: LinkTarget, hops: list[Hop]) -> tuple[LinkStatus, str]:
    """The verdict for the answers ``hops`` (first request first) to ``target``."""
    last = hops[-1]
    moved = [h for h in hops[:-1] if h.location]
    walls = [h.url for h in hops[1:] if is_wall(h.url)]
    if walls:
        return LinkStatus.UNVERIFIABLE, f"sends robots to a login or consent page: {walls[0]}"
    if last.status == 999:
        return LinkStatus.UNVERIFIABLE, "HTTP 999: the platform refuses robots (LinkedIn)"
    if last.status == 429:
        return LinkStatus.UNVERIFIABLE, "HTTP 429: rate-limited by the server"
    if last.status in _PLATFORM_REFUSALS and target.platform:
        return LinkStatus.UNVERIFIABLE, f"HTTP {last.status}: the platform refuses robots"
    if last.status is not None and 200 <= last.status < 300:
        permanent = any(h.status in (301, 308) for h in moved)
        if moved and permanent and not _same_place(target.url, last.url):
            return LinkStatus.REDIRECTED, f"moved permanently to {last.url}"
        return LinkStatus.OK, f"HTTP {last.status}" + (f" via {len(moved)} redirect(s)"
                                                      if moved else "")
    return LinkStatus.BROKEN, last.error or f"HTTP {last.status}"


class Checker:
    """Checks targets concurrently; one instance per run (it counts requests per host)."""

    def __init__(self, options: CheckOptions, *,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.options = options
        self._sleep = sleep
        self._hosts: dict[str, threading.Semaphore] = defaultdict(
            lambda: threading.Semaphore(PER_HOST))
        self._lock = threading.Lock()

    def _host_slot(self, url: str) -> threading.Semaphore:
        with self._lock:
            return self._hosts[(urlsplit(url).hostname or "").lower()]

    def _follow(self, url: str, end: float) -> list[Hop]:
        """One try: request ``url`` and follow its redirects (http and https only, each hop's
        host judged by links.guard), all before the monotonic time ``end``."""
        hops: list[Hop] = []
        while True:
            left = min(self.options.timeout, end - time.monotonic())
            if left <= 0:
                hops.append(Hop(url, error=f"no answer within {self.options.deadline:g} s "
                                           "for this URL", transient=True))
                return hops
            with self._host_slot(url):
                hop = fetch(url, timeout=left, user_agent=self.options.user_agent,
                            allow_loopback=self.options.allow_loopback)
            hops.append(hop)
            if not hop.location:
                return hops
            url = urljoin(url, hop.location)
            if urlsplit(url).scheme not in SCHEMES:
                hops.append(Hop(url, error="redirect to a non-web address "
                                           f"({urlsplit(url).scheme}:), not followed"))
                return hops
            if is_wall(url):
                # The login page itself is not requested: being sent there is the answer.
                hops.append(Hop(url))
                return hops
            if len(hops) > self.options.max_redirects:
                hops.append(Hop(url, error=f"more than {self.options.max_redirects} redirects"))
                return hops

    def check(self, target: LinkTarget) -> LinkResult:
        """Check one target, retrying what may pass on a second try."""
        if is_reserved(target.url):
            return LinkResult(target.url, LinkStatus.UNVERIFIABLE,
                              "example domain (RFC 2606): not checked")
        attempts = 0
        end = time.monotonic() + self.options.deadline
        while True:
            attempts += 1
            hops = self._follow(target.url, end)
            last = hops[-1]
            retryable = last.status in _RETRY_STATUSES or last.transient
            if not retryable or attempts > self.options.retries or time.monotonic() >= end:
                break
            wait = self.options.backoff * 2 ** (attempts - 1) * random.uniform(1.0, 1.25)
            asked = retry_after(last.retry_after)
            if asked is not None:
                if asked > self.options.max_wait:
                    break  # not worth waiting for: reported as rate-limited
                wait = max(wait, asked)
            if time.monotonic() + wait >= end:
                break  # the URL's deadline would pass while waiting
            self._sleep(wait)
        status, reason = classify(target, hops)
        if status is LinkStatus.BROKEN and attempts > 1:
            reason += f" ({attempts} tries)"
        return LinkResult(target.url, status, reason, http_status=last.status,
                          final_url=last.url if last.url != target.url else None,
                          attempts=attempts)

    def run(self, targets: Iterable[LinkTarget], cache: LinkCache | None = None,
            ) -> list[LinkResult]:
        """Check every target (reusing fresh cached results); results in target order."""
        targets = list(targets)
        results: dict[str, LinkResult] = {}
        todo = []
        for target in targets:
            hit = cache.get(target.url, self.options.cache_max_age) if cache else None
            if hit is not None:
                results[target.url] = hit
            else:
                todo.append(target)
        with ThreadPoolExecutor(max_workers=max(1, self.options.concurrency)) as pool:
            for result in pool.map(self.check, todo):
                results[result.url] = result
        if cache is not None:
            cache.update(r for r in results.values() if not r.cached)
            cache.save()
        return [results[t.url] for t in targets]
