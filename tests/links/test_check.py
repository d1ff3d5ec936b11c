"""`kanalregister links` against a server on 127.0.0.1 that answers like the web does to
robots: 200, redirect chains, 404/410, 429 with Retry-After, 5xx, LinkedIn's 999, login and
consent walls, slow and hanging answers. Every wait is bounded: the file runs in seconds."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT
from helpers import check
from kanalregister import cli
from kanalregister.links import sources as linksources
from kanalregister.links.cache import LinkCache
from kanalregister.links.check import (
    Checker,
    CheckOptions,
    LinkStatus,
    LinkTarget,
    is_reserved,
    is_wall,
)
from kanalregister.links.fetch import retry_after

# path → list of answers (status, headers, delay); the last answer repeats.
ROUTES: dict[str, list[tuple[int, dict[str, str], float]]] = {
    "/ok": [(200, {}, 0)],
    "/chain": [(301, {"Location": "/chain/2"}, 0)],
    "/chain/2": [(301, {"Location": "/chain/3"}, 0)],
    "/chain/3": [(200, {}, 0)],
    "/slash": [(301, {"Location": "/slash/"}, 0)],
    "/slash/": [(200, {}, 0)],
    "/language": [(302, {"Location": "/de/"}, 0)],
    "/de/": [(200, {}, 0)],
    "/missing": [(404, {}, 0)],
    "/gone": [(410, {}, 0)],
    "/busy": [(429, {"Retry-After": "2"}, 0), (200, {}, 0)],
    "/throttled": [(429, {"Retry-After": "3600"}, 0)],
    "/flaky": [(503, {}, 0), (200, {}, 0)],
    "/down": [(500, {}, 0)],
    "/linkedin": [(999, {}, 0)],
    "/slow": [(200, {}, 0.3)],
    "/hang": [(200, {}, 5.0)],
    "/private": [(302, {"Location": "/accounts/login/?next=/private"}, 0)],
    "/video": [(302, {"Location": "/consent?continue=/video"}, 0)],
    "/forbidden": [(403, {}, 0)],
    "/loop": [(301, {"Location": "/loop"}, 0)],
}
FAST = CheckOptions(timeout=0.5, concurrency=8, retries=1, backoff=0.01, max_wait=5.0,
                    allow_loopback=True)


class _Handler(BaseHTTPRequestHandler):
    server: _SimulatedWeb

    def do_GET(self) -> None:  # noqa: N802 - http.server's API
        with self.server.lock:
            hit = self.server.hits[self.path]
            self.server.hits[self.path] += 1
            # The client abandons /hang at its timeout while this handler sleeps on, so a
            # hanging request would count against the next one: leave it out of the count.
            counted = not self.path.startswith("/hang")
            self.server.in_flight += counted
            self.server.most_in_flight = max(self.server.most_in_flight, self.server.in_flight)
        try:
            answers = ROUTES.get(self.path, [(404, {}, 0)])
            status, headers, delay = answers[min(hit, len(answers) - 1)]
            time.sleep(delay)
            self.send_response(status, "Request denied" if status == 999 else None)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
        finally:
            with self.server.lock:
                self.server.in_flight -= counted

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


class _SimulatedWeb(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.in_flight = 0
        self.most_in_flight = 0

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the checker hangs up on /hang: expected

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


@pytest.fixture
def web() -> Iterator[_SimulatedWeb]:
    server = _SimulatedWeb()
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def target(web: _SimulatedWeb, path: str, platform: str | None = None) -> LinkTarget:
    return LinkTarget(web.url(path), ("profiles",), ("channels/test.yml (url)",), platform)


@pytest.mark.parametrize(("path", "platform", "status", "reason"), [
    ("/ok", None, LinkStatus.OK, "HTTP 200"),
    ("/chain", None, LinkStatus.REDIRECTED, "moved permanently to http://127.0.0.1:"),
    ("/slash", None, LinkStatus.OK, "via 1 redirect"),
    ("/language", None, LinkStatus.OK, "via 1 redirect"),
    ("/missing", None, LinkStatus.BROKEN, "HTTP 404"),
    ("/gone", None, LinkStatus.BROKEN, "HTTP 410"),
    ("/flaky", None, LinkStatus.OK, "HTTP 200"),
    ("/down", None, LinkStatus.BROKEN, "HTTP 500"),
    ("/throttled", "instagram", LinkStatus.UNVERIFIABLE, "HTTP 429"),
    ("/linkedin", "linkedin", LinkStatus.UNVERIFIABLE, "HTTP 999"),
    ("/slow", None, LinkStatus.OK, "HTTP 200"),
    ("/hang", None, LinkStatus.BROKEN, "no answer within 0.5 s (2 tries)"),
    ("/private", "instagram", LinkStatus.UNVERIFIABLE, "login or consent page"),
    ("/video", "youtube", LinkStatus.UNVERIFIABLE, "login or consent page"),
    ("/forbidden", "facebook", LinkStatus.UNVERIFIABLE, "HTTP 403: the platform refuses"),
    ("/forbidden", None, LinkStatus.BROKEN, "HTTP 403"),
    ("/loop", None, LinkStatus.BROKEN, "more than 10 redirects"),
])
def test_each_answer_gets_its_verdict(web: _SimulatedWeb, path: str, platform: str | None,
                                      status: LinkStatus, reason: str) -> None:
    result = Checker(FAST, sleep=lambda _: None).check(target(web, path, platform))
    assert (result.status, result.url) == (status, web.url(path)), result
    assert reason in result.reason


def test_a_redirect_chain_reports_where_it_ends(web: _SimulatedWeb) -> None:
    result = Checker(FAST).check(target(web, "/chain"))
    assert result.final_url == web.url("/chain/3")
    assert web.hits["/chain/2"] == 1


def test_retry_after_is_honoured_and_the_second_try_passes(web: _SimulatedWeb) -> None:
    waits: list[float] = []
    result = Checker(FAST, sleep=waits.append).check(target(web, "/busy", "instagram"))
    assert result.status is LinkStatus.OK and result.attempts == 2
    assert waits and waits[0] >= 2.0  # the server asked for 2 s, more than the back-off


def test_a_retry_after_beyond_the_limit_is_not_waited_for(web: _SimulatedWeb) -> None:
    waits: list[float] = []
    result = Checker(FAST, sleep=waits.append).check(target(web, "/throttled", "x"))
    assert result.status is LinkStatus.UNVERIFIABLE and waits == [] and result.attempts == 1


def test_backoff_doubles_between_tries(web: _SimulatedWeb) -> None:
    waits: list[float] = []
    options = CheckOptions(timeout=0.5, retries=3, backoff=0.1, allow_loopback=True)
    result = Checker(options, sleep=waits.append).check(target(web, "/down"))
    assert result.status is LinkStatus.BROKEN and result.attempts == 4
    assert len(waits) == 3 and 0.1 <= waits[0] < waits[1] < waits[2] <= 0.5


def test_login_pages_are_not_requested(web: _SimulatedWeb) -> None:
    Checker(FAST).check(target(web, "/private", "instagram"))
    assert web.hits["/accounts/login/?next=/private"] == 0


def test_an_unreachable_host_is_broken(web: _SimulatedWeb) -> None:
    closed = _SimulatedWeb()
    url = closed.url("/")
    closed.server_close()  # nothing listens there any more
    result = Checker(FAST, sleep=lambda _: None).check(LinkTarget(url, ("docs",), ("docs/a.md:1",)))
    assert result.status is LinkStatus.BROKEN and "cannot connect" in result.reason


def test_example_domains_are_not_requested() -> None:
    result = Checker(FAST).check(LinkTarget("https://www.musterstadt.example/impressum/",
                                            ("legal",), ("channels/a.yml (imprint.url)",)))
    assert result.status is LinkStatus.UNVERIFIABLE and result.attempts == 0


def test_many_links_finish_fast_and_spare_each_host(web: _SimulatedWeb) -> None:
    paths = ["/slow"] * 6 + ["/hang", "/ok", "/missing", "/linkedin", "/busy", "/down"]
    targets = [LinkTarget(web.url(p) + f"?n={i}", ("docs",), (f"docs/a.md:{i}",))
               for i, p in enumerate(paths)]
    started = time.monotonic()
    results = Checker(FAST, sleep=lambda _: None).run(targets)
    assert time.monotonic() - started < 6
    assert [r.url for r in results] == [t.url for t in targets]
    assert web.most_in_flight <= 2  # all on one host: two requests at a time


def test_the_cache_spares_requests_but_rechecks_broken_links(web: _SimulatedWeb,
                                                            tmp_path: Path) -> None:
    cache_file = tmp_path / "cache" / "links.json"
    targets = [target(web, "/ok"), target(web, "/missing"), target(web, "/linkedin", "linkedin")]
    first = Checker(FAST).run(targets, LinkCache(cache_file))
    assert not any(r.cached for r in first)
    second = Checker(FAST).run(targets, LinkCache(cache_file))
    assert [r.cached for r in second] == [True, False, True]
    assert (web.hits["/ok"], web.hits["/missing"], web.hits["/linkedin"]) == (1, 2, 1)
    assert [r.status for r in second] == [r.status for r in first]
    options = CheckOptions(timeout=0.5, cache_max_age=0, allow_loopback=True)
    expired = Checker(options).run(targets, LinkCache(cache_file))
    assert not any(r.cached for r in expired) and web.hits["/ok"] == 2


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    cache_file = tmp_path / "links.json"
    cache_file.write_text("{not json", encoding="utf-8")
    assert LinkCache(cache_file).get("https://x.com/a", 3600) is None


@pytest.mark.parametrize(("url", "wall"), [
    ("https://www.instagram.com/accounts/login/?next=%2Fmusterstadt%2F", True),
    ("https://www.linkedin.com/authwall?trk=gf&sessionRedirect=x", True),
    ("https://consent.youtube.com/m?continue=https%3A%2F%2Fwww.youtube.com", True),
    ("https://x.com/i/flow/login?redirect_after_login=%2Fmusterstadt", True),
    ("https://www.facebook.com/login/?next=https%3A%2F%2Fwww.facebook.com%2Fstadt", True),
    ("https://www.tiktok.com/login?redirect_url=x", True),
    ("https://www.instagram.com/musterstadt/", False),
    ("https://www.linkedin.com/company/stadt-musterstadt/", False),
    ("https://www.musterstadt.example/impressum/", False),
])
def test_login_and_consent_pages_are_recognised(url: str, wall: bool) -> None:
    assert is_wall(url) is wall


def test_reserved_domains() -> None:
    assert is_reserved("https://www.musterstadt.example/x")
    assert is_reserved("https://example.org/")
    assert not is_reserved("https://www.instagram.com/musterstadt/")


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after("120") == 120.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_markdown_urls_skip_code_and_trailing_punctuation() -> None:
    text = ("Siehe [DDG](https://www.gesetze-im-internet.de/ddg/__5.html), oder\n"
            "<https://eur-lex.europa.eu/eli/reg/2016/679/oj>.\n"
            "`https://www.instagram.com/beispiel/` ist ein Beispiel.\n"
            "```yaml\nurl: https://www.instagram.com/musterstadt/\n```\n"
            "Zuletzt https://social.bund.de/@bmi.\n")
    assert list(linksources.markdown_urls(text)) == [
        (1, "https://www.gesetze-im-internet.de/ddg/__5.html"),
        (2, "https://eur-lex.europa.eu/eli/reg/2016/679/oj"),
        (7, "https://social.bund.de/@bmi"),
    ]


def _demo_targets(only: tuple[str, ...]) -> list[LinkTarget]:
    outcome = check(ROOT)  # the demo project at the repository's root
    return linksources.collect(outcome.catalog, docs_dir=ROOT / "docs", base=ROOT, only=only)


def test_the_demo_yields_profiles_legal_pages_and_docs_links() -> None:
    targets = _demo_targets(linksources.KINDS)
    kinds = Counter(kind for t in targets for kind in t.kinds)
    assert kinds["profiles"] >= 30 and kinds["legal"] >= 5 and kinds["docs"] >= 5
    assert len({t.url for t in targets}) == len(targets)
    profile = next(t for t in targets if "profiles" in t.kinds)
    assert profile.platform and profile.sources[0].startswith("channels/")
    assert all(t.sources for t in targets)
    assert not any("neuemittemusterstadt" in t.url for t in targets)  # archived channel


def test_links_command_exits_1_only_on_broken_links(web: _SimulatedWeb, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    fake = [target(web, "/ok"), target(web, "/linkedin", "linkedin")]
    monkeypatch.setattr(linksources, "collect", lambda *a, **k: list(fake))
    cache = ["--cache", str(tmp_path / "links.json"), "--timeout", "0.5",
             "--allow-loopback-for-tests"]
    runner = CliRunner()
    clean = runner.invoke(cli.main, ["links", "--format", "json", *cache])
    assert clean.exit_code == 0, clean.output
    data = json.loads(clean.stdout)
    assert data["counts"] == {"broken": 0, "redirected": 0, "unverifiable": 1, "ok": 1}
    fake.append(target(web, "/gone"))
    broken = runner.invoke(cli.main, ["links", "--format", "markdown", *cache])
    assert broken.exit_code == 1, broken.output
    assert f"| ` {web.url('/gone')} ` | ` HTTP 410" in broken.stdout
    assert "channels/test.yml (url)" in broken.stdout


def test_an_unwritable_cache_is_a_warning_not_a_failure(web: _SimulatedWeb, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(linksources, "collect", lambda *a, **k: [target(web, "/ok")])
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["links", "--cache", str(blocker / "links.json"),
                                           "--allow-loopback-for-tests"])
    assert result.exit_code == 0, result.output
    assert "warning: cannot write the link cache" in result.stderr
