"""``kanalregister verify --project verbund`` answers across all members of the demo Verbund."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import ROOT
from kanalregister.cli import main

PROJECT = str(ROOT / "verbund")


def _verify(text: str, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--lang", "de", "verify", text, "--project", PROJECT,
                                       *extra])
    return result.exit_code, result.output


@pytest.mark.parametrize(("text", "member"), [
    ("https://www.instagram.com/musterstadt/", "Stadt Musterstadt"),
    ("https://instagram.com/landkreis.beispielkreis", "Landkreis Beispielkreis"),
    ("https://www.instagram.com/gemeinde.neudorf/reels/", "Gemeinde Neudorf"),
    ("https://blog.musterstadt.example/", "Stadt Musterstadt"),
])
def test_an_official_channel_names_its_member(text: str, member: str) -> None:
    code, output = _verify(text)
    assert code == 0, output
    assert output.startswith(f"OFFICIAL: offizieller Kanal von {member}")
    code, output = _verify(text, "--format", "json")
    data = json.loads(output)
    assert data["answer"] == "official"
    assert data["matches"][0]["member"] == member
    assert data["verbund"] == "Kommunaler Social-Media-Verbund Musterland"


def test_a_paused_channel_is_official_with_its_status() -> None:
    code, output = _verify("https://x.com/KatS_BspKreis")
    assert code == 0
    assert "Landkreis Beispielkreis" in output and "ruhend seit 01.03.2025" in output


def test_a_closed_channel_is_formerly_official_and_names_where_it_continues() -> None:
    code, output = _verify("https://twitter.com/gemneudorf")
    assert code == 3, output
    assert output.startswith("FORMERLY OFFICIAL: ehemals offizieller Kanal von Gemeinde Neudorf")
    assert "Die Stelle macht hier weiter: Gemeinde Neudorf: Instagram" in output


@pytest.mark.parametrize(("text", "member"), [
    ("https://www.instagram.com/landkreis_beispielkreis_info/", "Landkreis Beispielkreis"),
    ("https://www.tiktok.com/@stadt.musterstadt.info", "Stadt Musterstadt"),
])
def test_a_known_fake_names_the_member_that_reported_it(text: str, member: str) -> None:
    code, output = _verify(text)
    assert code == 6, output
    assert output.startswith(f"KNOWN FAKE: bekannte Fälschung, gemeldet von {member}")
    assert json.loads(_verify(text, "--format", "json")[1])["reported_by"] == member


def test_an_account_no_member_lists() -> None:
    code, output = _verify("https://www.instagram.com/irgendwer.privat/")
    assert code == 4, output
    assert output.startswith("NOT LISTED: bei keinem Mitglied von „Kommunaler "
                             "Social-Media-Verbund Musterland“ verzeichnet")


def test_verify_without_verbund_yml_is_a_usage_error(tmp_path: object) -> None:
    result = CliRunner().invoke(main, ["verify", "x", "--project", str(tmp_path)])
    assert result.exit_code == 2
