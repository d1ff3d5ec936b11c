"""Is this account official? The verify core and ``kanalregister verify`` on the demo register."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT
from helpers import check
from kanalregister.cli import main
from kanalregister.verify import Verdict, Verifier, edit_distance
from verify_vectors import VERIFY_VECTORS, expected_summary

SITE_URL = "https://socialmedia.musterstadt.example/"


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    outcome = check(ROOT, site_url=SITE_URL)
    return Verifier(outcome.catalog, site_url=SITE_URL)


@pytest.mark.parametrize("text", [
    "https://www.instagram.com/musterstadt/",
    "HTTP://M.INSTAGRAM.COM/MusterStadt/?igsh=abc&utm_source=qr#top",
    "instagram.com/musterstadt",
])
def test_any_spelling_of_an_official_account_is_official(verifier: Verifier, text: str) -> None:
    verdict = verifier.verify(text)
    assert verdict.answer == "official"
    assert [m.account for m in verdict.matches] == ["musterstadt"]
    assert verdict.matches[0].page == SITE_URL + "kanaele/instagram-musterstadt/"


def test_mastodon_address_on_the_citys_own_server(verifier: Verifier) -> None:
    verdict = verifier.verify("@Stadt@social.musterstadt.example")
    assert verdict.answer == "official"
    assert verdict.matches[0].platform == "mastodon"


def test_archived_account_is_formerly_official(verifier: Verifier) -> None:
    verdict = verifier.verify("https://twitter.com/MusterStadt")
    assert verdict.answer == "archived"
    assert verdict.canonical is not None and verdict.canonical.url == "https://x.com/musterstadt"
    assert verdict.matches[0].archived is not None


def test_unknown_account_is_not_listed(verifier: Verifier) -> None:
    verdict = verifier.verify("https://www.tiktok.com/@nicht.die.stadt")
    assert verdict.answer == "not-listed"
    assert verdict.matches == [] and verdict.similar == []


@pytest.mark.parametrize("text", [
    "https://evil-twitter.com/musterstadt",
    "https://instagram.com.evil.example/musterstadt",
    "https://xinstagram.com/musterstadt",
])
def test_look_alike_hosts_are_not_listed(verifier: Verifier, text: str) -> None:
    verdict = verifier.verify(text)
    assert verdict.answer == "not-listed"
    assert verdict.matches == []


def test_look_alike_account_names_the_official_one(verifier: Verifier) -> None:
    verdict = verifier.verify("https://instagram.com/musterstadt_offiziell")
    assert verdict.answer == "not-listed"
    assert [m.account for m in verdict.similar] == ["musterstadt"]
    same_name_elsewhere = verifier.verify("https://mastodon.example/@stadt")
    assert same_name_elsewhere.answer == "not-listed"
    assert [m.account for m in same_name_elsewhere.similar] == ["stadt@social.musterstadt.example"]


def test_bare_handle_is_official_only_on_the_listed_platforms(verifier: Verifier) -> None:
    verdict = verifier.verify("@musterstadt")
    assert verdict.answer == "only-on"
    found = {(m.platform, m.status) for m in verdict.matches}
    assert ("instagram", "active") in found and ("x", "archived") in found
    assert len(verdict.candidates) > len(verdict.matches)


def test_bare_handle_only_on_a_closed_channel_is_formerly_official(verifier: Verifier) -> None:
    verdict = verifier.verify("@mst_kultur")
    assert verdict.answer == "archived"
    assert [m.platform for m in verdict.matches] == ["x"]


@pytest.mark.parametrize("text", [
    "", "javascript:alert(1)", "https://x.com/i/flow/login", "@",
    "https://instagram.com@evil.example/musterstadt",
])
def test_unusable_input(verifier: Verifier, text: str) -> None:
    assert verifier.verify(text).answer == "unusable"


def _summary(verdict: Verdict) -> dict[str, Any]:
    """The fields the shared vectors describe, in their notation."""
    def keys(matches: Any) -> list[str]:
        return [f"{m.platform}:{m.account}" for m in matches]
    return {
        "answer": verdict.answer, "reading": verdict.reading, "matches": keys(verdict.matches),
        "similar": keys(verdict.similar), "lookalike": verdict.lookalike,
        "successors": keys(s for m in verdict.matches for s in m.successors),
        "known_email": verdict.known_email, "own_domain": verdict.own_domain,
    }


@pytest.mark.parametrize("vector", VERIFY_VECTORS,
                         ids=[v["input"] or "(empty)" for v in VERIFY_VECTORS])
def test_shared_verify_vectors(verifier: Verifier, vector: dict[str, Any]) -> None:
    assert _summary(verifier.verify(vector["input"])) == expected_summary(vector)


def test_edit_distance() -> None:
    assert edit_distance("musterstadt", "musterstadt") == 0
    assert edit_distance("musterstadt", "rnusterstadt") == 2
    assert edit_distance("", "abc") == 3


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["verify", *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def in_demo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("KANALREGISTER_TODAY", "2026-11-22")
    return ROOT


@pytest.mark.parametrize(("text", "code", "headline"), [
    ("https://www.instagram.com/musterstadt/", 0, "OFFICIAL"),
    ("https://twitter.com/musterstadt", 3, "FORMERLY OFFICIAL"),
    ("https://evil-twitter.com/musterstadt", 4, "NOT LISTED"),
    ("https://instagram.com/musterstadt.offiziell", 4, "NOT LISTED"),
    ("https://www.tiktok.com/@musterstadt", 4, "PLANNED"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", 2, "UNUSABLE"),
    ("socialmedia@musterstadt.example", 2, "EMAIL"),
    ("@musterstadt", 5, "ONLY-ON: nur auf Instagram, Threads und YouTube offiziell"),
    ("Stadt Musterstadt", 5, "ONLY-ON"),
    ("https://x.com/visit_mst", 0, "OFFICIAL"),
    ("https://www.instagram.com/buergerservice.musterstadt/", 6, "KNOWN FAKE"),
    ("https://www.tiktok.com/@stadt.musterstadt.info", 6, "KNOWN FAKE"),
])
def test_cli_exit_codes(in_demo: Path, text: str, code: int, headline: str) -> None:
    exit_code, output = _cli(text)
    assert exit_code == code, output
    assert output.startswith(headline)
    assert "Traceback" not in output


def test_cli_look_alike_gives_the_report_link(in_demo: Path) -> None:
    _, output = _cli("https://www.tiktok.com/@musterstadt_jugendd")
    assert "Identitätsdiebstahl" in output
    assert "mailto:socialmedia@musterstadt.example" in output


def test_cli_private_account_is_not_called_a_fake(in_demo: Path) -> None:
    exit_code, output = _cli("https://www.instagram.com/max.mustermann")
    assert exit_code == 4
    assert "nicht offiziell" in output
    assert "Identitätsdiebstahl" not in output and "mailto:" not in output


def test_cli_closed_channel_names_where_the_city_continues(in_demo: Path) -> None:
    _, output = _cli("https://twitter.com/musterstadt")
    continues = [line for line in output.splitlines() if "macht hier weiter" in line]
    assert [line.split()[6].rstrip(":") for line in continues] == [
        "https://social.musterstadt.example/@stadt",
        "https://bsky.app/profile/musterstadt.example", "https://threads.com/@musterstadt"]


def test_cli_json(in_demo: Path) -> None:
    exit_code, output = _cli("--format", "json", "https://www.facebook.com/neuemittemusterstadt")
    data = json.loads(output)
    assert exit_code == 3
    assert data["answer"] == "archived"
    assert data["matches"][0]["archived"] == "2023-06-30"
    assert data["matches"][0]["page"] == SITE_URL + "kanaele/facebook-neuemittemusterstadt/"
    assert data["report_problem"].startswith("mailto:")


def test_paused_channel_is_official_with_its_status(in_demo: Path) -> None:
    exit_code, output = _cli("--format", "json", "https://twitter.com/Visit_MST")
    data = json.loads(output)
    assert exit_code == 0 and data["answer"] == "official"
    (match,) = data["matches"]
    assert match["status"] == "paused" and match["paused"] == "2025-06-30"
    _, text = _cli("https://x.com/visit_mst")
    assert ("offizieller Kanal, ruhend seit 30.06.2025: keine Beiträge, Nachrichten werden "
            "nicht gelesen") in text


def test_known_fake_has_its_own_answer_dates_and_advice(in_demo: Path) -> None:
    exit_code, output = _cli("--format", "json", "instagram.com/BuergerService.Musterstadt")
    data = json.loads(output)
    assert exit_code == 6 and data["answer"] == "known-fake"
    assert data["matches"] == []
    assert data["fake"]["reported"] == "2026-02-10" and data["fake"]["removed"] == "2026-02-24"
    _, text = _cli("https://www.instagram.com/buergerservice.musterstadt/")
    assert "gemeldet am 10.02.2026 (Vorgang IG-2026-000417)" in text
    assert "Nicht mit diesem Konto interagieren" in text and "Meldefunktion" in text
