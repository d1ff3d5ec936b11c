"""The fetched folder read offline: the demo Verbund and members without usable data."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from kanalregister.i18n import set_language
from kanalregister.verbund.data import FetchState, dump_state, load_verbund, member_dir

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def verbund_copy(tmp_path: Path) -> Path:
    """A writable copy of the demo Verbund's configuration and fetched data."""
    target = tmp_path / "verbund"
    target.mkdir()
    shutil.copy2(ROOT / "verbund" / "verbund.yml", target / "verbund.yml")
    shutil.copytree(ROOT / "verbund" / "daten", target / "daten")
    return target


def test_the_demo_verbund_loads_every_member() -> None:
    verbund, findings = load_verbund(ROOT / "verbund", today=TODAY)
    assert verbund is not None
    assert [f.format_text() for f in findings] == []
    ids = [m.member.id for m in verbund.members]
    assert ids == ["musterstadt", "beispielkreis", "neudorf"]
    for data in verbund.members:
        assert data.document is not None and data.fetch is not None
        assert data.fetch.result == "ok" and not data.stale
        assert data.age_days == (TODAY - data.document.generated.date()).days
    channels = list(verbund.channels())
    assert len(channels) == sum(m.document.count for m in verbund.members if m.document)
    statuses = {c.status.value for _, c in channels}
    assert {"active", "paused", "archived"} <= statuses
    assert {m.member.id for m, _ in verbund.fakes()} >= {"musterstadt", "beispielkreis"}


def test_an_old_export_is_stale(verbund_copy: Path) -> None:
    later = TODAY + dt.timedelta(days=40)
    verbund, findings = load_verbund(verbund_copy, today=later)
    assert verbund is not None
    assert all(m.stale for m in verbund.members)
    assert {f.code for f in findings} == {"VBD003"}
    assert {f.field for f in findings} == {"musterstadt", "beispielkreis", "neudorf"}


def test_a_member_never_fetched_is_left_out(verbund_copy: Path) -> None:
    shutil.rmtree(member_dir(verbund_copy, "neudorf"))
    verbund, findings = load_verbund(verbund_copy, today=TODAY)
    assert verbund is not None
    neudorf = verbund.members[2]
    assert neudorf.document is None and neudorf.fetch is None
    assert [(f.code, f.field) for f in findings] == [("VBD002", "neudorf")]
    assert all(m.document is not None for m in verbund.members[:2])


def test_an_invalid_stored_export_is_left_out_with_the_reason(verbund_copy: Path) -> None:
    path = member_dir(verbund_copy, "beispielkreis") / "kanaele.json"
    data = json.loads(path.read_text("utf-8"))
    data["format_version"] = "7.1"
    path.write_text(json.dumps(data), "utf-8")
    set_language("de")
    verbund, findings = load_verbund(verbund_copy, today=TODAY)
    assert verbund is not None and verbund.members[1].document is None
    (finding,) = findings
    assert finding.code == "VBD001"
    assert finding.path == "daten/beispielkreis/kanaele.json"
    assert "unbekannte Hauptversion 7.1" in finding.message
    assert "Landkreis Beispielkreis" in finding.message


@pytest.mark.parametrize(("result", "code"), [("failed", "VBD002"), ("invalid", "VBD001")])
def test_a_failed_fetch_keeps_the_last_good_data(verbund_copy: Path, result: str,
                                                 code: str) -> None:
    folder = member_dir(verbund_copy, "neudorf")
    state = FetchState.model_validate_json((folder / "abruf.json").read_text("utf-8"))
    state = state.model_copy(update={"result": result, "reason": "HTTP 503"})
    (folder / "abruf.json").write_text(dump_state(state), "utf-8")
    verbund, findings = load_verbund(verbund_copy, today=TODAY)
    assert verbund is not None and verbund.members[2].document is not None
    (finding,) = findings
    assert finding.code == code and finding.field == "neudorf"
    assert "HTTP 503" in finding.message and "days old" in finding.message


def test_a_link_in_place_of_the_export_is_not_followed(verbund_copy: Path) -> None:
    path = member_dir(verbund_copy, "neudorf") / "kanaele.json"
    path.unlink()
    path.symlink_to(ROOT / "verbund" / "daten" / "neudorf" / "kanaele.json")
    verbund, findings = load_verbund(verbund_copy, today=TODAY)
    assert verbund is not None and verbund.members[2].document is None
    assert [f.code for f in findings] == ["VBD001"]


def test_config_problems_are_findings_at_their_position(tmp_path: Path) -> None:
    verbund, findings = load_verbund(tmp_path, today=TODAY)
    assert verbund is None and [f.code for f in findings] == ["VBD006"]
    (tmp_path / "verbund.yml").write_text(
        "name: V\nmembers:\n  - id: a\n    name: A\n    export: http://a.example/k.json\n",
        "utf-8")
    verbund, findings = load_verbund(tmp_path, today=TODAY)
    assert verbund is None
    (finding,) = findings
    assert (finding.path, finding.line, finding.field) == ("verbund.yml", 5, "members.0.export")
