"""The page-weight part of the benchmark without Lighthouse itself: the gzip server it measures
through, reading a Lighthouse result, and the targets of issue 18."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from lighthouse import Audit, figures, serve
from pageweight import targets


def _get(url: str, *, gzip_ok: bool) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - 127.0.0.1 only
        return dict(answer.headers), answer.read()


def test_server_sends_text_gzipped_and_only_from_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "kanaele").mkdir(parents=True)
    page = "<!doctype html><title>Übersicht</title>" + "<li>Kanal</li>" * 200
    (site / "kanaele" / "index.html").write_text(page, "utf-8")
    (site / "logo.png").write_bytes(b"\x89PNG not text")
    (tmp_path / "secret.txt").write_text("outside", "utf-8")
    with serve(site) as base:
        assert base.startswith("http://127.0.0.1:")
        headers, body = _get(base + "kanaele/", gzip_ok=True)
        assert headers["Content-Encoding"] == "gzip"
        assert int(headers["Content-Length"]) == len(body) < len(page.encode())
        assert gzip.decompress(body).decode("utf-8") == page
        headers, body = _get(base + "kanaele/", gzip_ok=False)
        assert "Content-Encoding" not in headers and body.decode("utf-8") == page
        headers, body = _get(base + "logo.png", gzip_ok=True)
        assert "Content-Encoding" not in headers and body == b"\x89PNG not text"
        for path in ("../secret.txt", "%2e%2e/secret.txt", "fehlt/"):
            with pytest.raises(urllib.error.HTTPError) as error:
                _get(base + path, gzip_ok=True)
            assert error.value.code == 404


def _lhr(requests: list[str], *, contrast: int) -> dict[str, Any]:
    return {
        "finalDisplayedUrl": "http://127.0.0.1:8000/kanaele/",
        "categories": {
            "performance": {"score": 0.97},
            "accessibility": {"score": 0.93, "auditRefs": [
                {"id": "color-contrast", "weight": 7}, {"id": "bypass", "weight": 0}]},
        },
        "audits": {
            "first-contentful-paint": {"numericValue": 1200.0},
            "largest-contentful-paint": {"numericValue": 1900.5},
            "total-blocking-time": {"numericValue": 40.0},
            "total-byte-weight": {"numericValue": 123456},
            "color-contrast": {"score": contrast},
            "bypass": {"score": 0},
            "mainthread-work-breakdown": {"details": {"items": [
                {"group": "styleLayout", "groupLabel": "Style & Layout", "duration": 80.5},
                {"group": "scriptEvaluation", "groupLabel": "Script Evaluation",
                 "duration": 310.0}]}},
            "network-requests": {"details": {"items": [
                {"url": url, "transferSize": 1000 * (number + 1)}
                for number, url in enumerate(requests)]}},
        },
    }


def test_figures_read_scores_metrics_and_requests_off_the_host() -> None:
    local = ["http://127.0.0.1:8000/kanaele/", "http://127.0.0.1:8000/search/search_index.json",
             "data:image/svg+xml,x"]
    audit = figures(_lhr(local, contrast=1), "Übersicht", "kanaele/")
    assert (audit.performance, audit.accessibility, audit.transferred) == (97, 93, 123456)
    assert (audit.fcp_ms, audit.tbt_ms) == (1200.0, 40.0)
    assert audit.foreign == [] and audit.failed == []
    assert audit.main_thread == [("Script Evaluation", 310.0), ("Style & Layout", 80.5)]
    assert audit.largest == [("/search/search_index.json", 2000), ("/kanaele/", 1000)]
    foreign = figures(_lhr([*local, "https://fonts.example/x.woff2"], contrast=0), "Ü", "")
    assert foreign.foreign == ["https://fonts.example/x.woff2"]
    assert foreign.failed == ["color-contrast"]  # only audits that count for the score


def _audit(label: str, performance: int, transferred: int) -> Audit:
    return Audit(label, "", performance, 100, 1000.0, 1500.0, 10.0, transferred)


def test_targets_say_which_is_missed() -> None:
    audits = {100: [_audit("Übersicht", 99, 200_000)],
              1_000: [_audit("Startseite", 96, 150_000), _audit("Übersicht", 94, 310_000)]}
    found = targets(audits, {100: (400_000, 100_000), 10_000: (700_000, 150_000)})
    assert [ok for ok, _ in found] == [True, False, False, True]
    assert "Leistung 94" in found[1][1] and "1,55" in found[2][1] and "1,75" in found[3][1]
    audits[1_000][0].error = "Waiting for DevTools protocol response has exceeded the time"
    audits[1_000][1].error = audits[1_000][0].error
    found = targets(audits, {})
    assert [ok for ok, _ in found] == [False, False, False]
    assert "nicht gemessen (Waiting" in found[0][1] and "nicht gemessen" in found[2][1]
