"""Conflicts between members on crafted copies of the demo Verbund, and the check command."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT
from kanalregister.cli import main
from kanalregister.finding_codes import Reporter
from kanalregister.register.platforms import load_registry
from kanalregister.verbund.conflicts import conflicts
from kanalregister.verbund.data import load_verbund, member_dir

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def verbund_copy(tmp_path: Path) -> Path:
    target = tmp_path / "verbund"
    target.mkdir()
    shutil.copy2(ROOT / "verbund" / "verbund.yml", target / "verbund.yml")
    shutil.copytree(ROOT / "verbund" / "daten", target / "daten")
    return target


def _add_channel(project: Path, member: str, **fields: Any) -> None:
    path = member_dir(project, member) / "kanaele.json"
    data = json.loads(path.read_text("utf-8"))
    record = {**data["channels"][0], **fields}
    data["channels"].append(record)
    data["count"] = len(data["channels"])
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def _conflicts(project: Path) -> list[Any]:
    verbund, findings = load_verbund(project, today=TODAY)
    assert verbund is not None and findings == []
    return conflicts(verbund, load_registry(), reporter=Reporter())


def test_the_demo_verbund_has_no_conflicts() -> None:
    assert _conflicts(ROOT / "verbund") == []


def test_one_account_claimed_by_two_members(verbund_copy: Path) -> None:
    # Another way of writing the district's Instagram profile, and an "account" field that
    # says something else: the URL decides, read again with the platform rules.
    _add_channel(verbund_copy, "neudorf", name="Neudorf im Landkreis",
                 url="https://instagram.com/Landkreis.Beispielkreis/?igsh=abc",
                 account="gemeinde.neudorf.anders")
    (finding,) = _conflicts(verbund_copy)
    assert finding.code == "VBD004"
    assert finding.path == "daten/beispielkreis/kanaele.json"
    assert finding.field.startswith("channels.") and finding.field.endswith(".url")
    assert "Landkreis Beispielkreis" in finding.message and "Gemeinde Neudorf" in finding.message
    assert "landkreis.beispielkreis" in finding.message
    assert "Neudorf im Landkreis" in finding.message


def test_the_account_field_alone_is_no_conflict(verbund_copy: Path) -> None:
    _add_channel(verbund_copy, "neudorf", name="Anderes Konto",
                 url="https://www.instagram.com/neudorf.erleben/",
                 account="landkreis.beispielkreis")
    assert _conflicts(verbund_copy) == []


def test_a_channel_that_another_member_reported_as_fake(verbund_copy: Path) -> None:
    _add_channel(verbund_copy, "neudorf", name="Landkreis-Info",
                 url="https://www.instagram.com/landkreis_beispielkreis_info")
    (finding,) = _conflicts(verbund_copy)
    assert finding.code == "VBD005"
    assert finding.path == "daten/neudorf/kanaele.json"
    assert "Landkreis-Info" in finding.message
    assert "Landkreis Beispielkreis (beispielkreis)" in finding.message
    assert "2026-06-09" in finding.message


def test_check_in_a_verbund_project_prints_the_conflicts(
        verbund_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _add_channel(verbund_copy, "neudorf", name="Landkreis-Info",
                 url="https://www.instagram.com/landkreis_beispielkreis_info")
    monkeypatch.chdir(verbund_copy)
    result = CliRunner().invoke(main, ["--lang", "de", "check", "--today", "2026-11-30"])
    assert result.exit_code == 0, result.output  # warnings only
    assert "daten/neudorf/kanaele.json: Warnung: channels.4.url: der Kanal „Landkreis-Info“ " \
           "von Gemeinde Neudorf (neudorf)" in result.output
    assert "[VBD005]" in result.output
    as_json = CliRunner().invoke(main, ["check", "--format", "json", "--today", "2026-11-30"])
    found = json.loads(as_json.stdout)["findings"]
    assert [(f["code"], f["path"]) for f in found] == [("VBD005", "daten/neudorf/kanaele.json")]
    stale = CliRunner().invoke(main, ["verbund-check", "--project", str(verbund_copy),
                                      "--today", "2027-03-01"])
    assert stale.output.count("[VBD003]") == 3
