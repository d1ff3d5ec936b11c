"""kanalregister new, core: answers are checked at once, the file written validates cleanly."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import TODAY
from helpers import check, settings_for
from kanalregister.newchannel.interview import (
    AnswerError,
    MissingAnswers,
    Workspace,
    check_draft,
    draft,
    interview,
    write,
)
from kanalregister.newchannel.writer import _text_field, scalar
from kanalregister.register.models import Status

BASE = {
    "url": "https://www.instagram.com/musterstadt.sport/?igsh=tracking",
    "unit": "presseamt",
    "name": "Sport in Musterstadt",
    "description": "Vereine, Sportstätten und Veranstaltungen: alles rund um den Sport in "
                   "Musterstadt, mit Terminen und Ergebnissen #sport.",
    "topics": "stadtleben, kultur",
}
ACTIVE = {**BASE, "status": "active", "since": "2026-10-01", "approval_date": "2026-09-20",
          "approval_reference": "SMD-2026-11", "service_hours": "Mo–Fr 9–15 Uhr",
          "contact": "socialmedia@musterstadt.example"}


@pytest.fixture
def ws(register_copy: Path) -> Workspace:
    return Workspace.open(settings_for(register_copy))


def create(ws: Workspace, given: dict[str, str]) -> tuple[Path, str]:
    target, text = draft(ws, interview(ws, given))
    write(target, text)
    return target, text


def findings_for(root: Path, target: Path) -> list[Any]:
    relative = target.relative_to(root).as_posix()
    return [f for f in check(root).report.findings if f.path == relative]


@pytest.mark.parametrize("given", [BASE, ACTIVE], ids=["planned", "active"])
def test_written_file_validates_with_zero_findings(ws: Workspace, register_copy: Path,
                                                   given: dict[str, str]) -> None:
    target, text = create(ws, given)
    assert target == register_copy / "channels/presseamt/instagram-musterstadt-sport.yml"
    assert text.startswith("# yaml-language-server: $schema=../../kanalregister.schema.json\n")
    assert findings_for(register_copy, target) == []
    assert check(register_copy).report.findings == []


def test_fields_are_written_in_the_documented_order(ws: Workspace) -> None:
    _, text = draft(ws, interview(ws, ACTIVE))
    keys = [line.split(":")[0] for line in text.splitlines()
            if line and not line.startswith((" ", "#"))]
    assert keys == ["name", "platform", "url", "unit", "status", "since", "description",
                    "topics", "languages", "service_hours", "contact", "imprint", "privacy",
                    "approval", "reviewed"]


def test_account_and_defaults_are_derived(ws: Workspace) -> None:
    _, text = draft(ws, interview(ws, ACTIVE))
    data = yaml.safe_load(text)
    assert data["platform"] == "instagram"
    assert data["url"] == "https://instagram.com/musterstadt.sport"  # canonical, no tracking
    assert data["imprint"] == {"url": "https://www.musterstadt.example/impressum/",
                               "label": "Impressum", "placement": "Link in der Bio"}
    assert data["privacy"] == "https://www.musterstadt.example/datenschutz/instagram/"
    assert data["description"] == ACTIVE["description"]
    assert data["reviewed"] == TODAY
    assert data["languages"] == ["de"]


def test_a_unit_with_its_own_imprint_gets_its_own_defaults(ws: Workspace) -> None:
    answers = interview(ws, {**BASE, "unit": "stadtwerke", "name": "Stadtwerke Musterstadt"})
    data = yaml.safe_load(draft(ws, answers)[1])
    assert data["imprint"]["url"] == "https://www.musterstadt.example/stadtwerke/impressum/"
    assert data["privacy"] == "https://www.musterstadt.example/stadtwerke/datenschutz/instagram/"


def test_planned_file_says_what_is_missing_to_publish(ws: Workspace) -> None:
    _, text = draft(ws, interview(ws, BASE))
    assert "status: planned" in text
    assert "# approval:" in text
    assert "since" not in yaml.safe_load(text)


def test_publishing_needs_one_edit(ws: Workspace, register_copy: Path) -> None:
    target, text = create(ws, BASE)
    text = text.replace("status: planned", "status: active\nsince: 2026-11-01")
    text = text.replace("# approval:\n#   date: YYYY-MM-DD\n#   reference: SMD-YYYY-NN",
                        "approval:\n  date: 2026-10-30\n  reference: SMD-2026-12")
    target.write_text(text, "utf-8")
    assert findings_for(register_copy, target) == []


@pytest.mark.parametrize(("change", "key", "words"), [
    ({"url": "https://instagram.com/Musterstadt"}, "url", "already registered in "
     "channels/presseamt/instagram-musterstadt.yml"),
    ({"url": "https://evil.example.net/musterstadt"}, "url", "not a host of any platform"),
    ({"url": "https://www.facebook.com/musterstadt.sport", "platform": "instagram"}, "url",
     "an address on Facebook, not on Instagram"),
    ({"url": "https://instagram.com/p/Cabc123"}, "url", "not a profile"),
    ({"platform": "myspace"}, "platform", "unknown platform"),
    ({"unit": "rathauskantine"}, "unit", "unknown unit"),
    ({"topics": "stadtleben, kochen"}, "topics", "kochen"),
    ({"name": "Sportclub"}, "name", "does not show that the channel is the city's"),
    ({"status": "live"}, "status", "unknown status"),
    ({"status": "active", "since": "2030-01-01"}, "since", "future"),
    ({"status": "temporary", "until": "2020-01-01"}, "until", "has passed"),
    ({"until": "2027-01-01"}, "until", "does not apply"),
    ({"contact": "kein-postfach"}, "contact", "not an e-mail address"),
    ({"privacy": "https://datenschutz.example.org/"}, "privacy", "not one of the organisation"),
    ({"imprint_url": "http://www.musterstadt.example/impressum/"}, "imprint_url", "https"),
    ({"imprint_label": "Info"}, "imprint_label", "not a recognisable imprint link"),
    ({"imprint_placement": "Angepinnter Beitrag"}, "imprint_placement", "Link in der Bio"),
])
def test_wrong_answers_are_refused_at_once(ws: Workspace, change: dict[str, str], key: str,
                                           words: str) -> None:
    with pytest.raises(AnswerError) as caught:
        interview(ws, {**BASE, **change})
    assert caught.value.key == key
    assert words in str(caught.value)


def test_missing_answers_are_named_together(ws: Workspace) -> None:
    with pytest.raises(MissingAnswers) as caught:
        interview(ws, {"url": BASE["url"], "status": "active"})
    assert caught.value.keys == ["unit", "name", "description", "approval_date",
                                 "approval_reference"]


def test_an_existing_file_is_never_overwritten(ws: Workspace, register_copy: Path) -> None:
    target, text = draft(ws, interview(ws, BASE))
    target.write_text("# someone else's draft\n", "utf-8")
    with pytest.raises(AnswerError, match="exists already"):
        interview(ws, BASE)
    with pytest.raises(FileExistsError):
        write(target, text)
    assert target.read_text("utf-8") == "# someone else's draft\n"


def test_the_draft_is_checked_like_validate(ws: Workspace) -> None:
    answers = interview(ws, {**ACTIVE, "contact": "erika.mustermann@musterstadt.example"})
    target, text = draft(ws, answers)
    codes = [f.code for f in check_draft(ws, target, text)]
    assert codes == ["GOV006"]  # a warning: the file may still be written


def test_asked_answers_are_read_with_the_same_checks(ws: Workspace) -> None:
    asked: list[str] = []
    replies = {"url": ["https://instagram.com/musterstadt", BASE["url"]]}

    def ask(question: Any, choices: list[str], default: str | None, read: Any) -> Any:
        asked.append(question.key)
        for text in replies.get(question.key, []):
            try:
                return read(text)
            except AnswerError:
                asked.append(f"{question.key} refused")
        return read(BASE.get(question.key) or default or "")

    answers = interview(ws, {}, ask=ask)
    assert asked[:3] == ["url", "url refused", "unit"]
    assert "approval_date" not in asked  # planned channels need no approval yet
    assert answers["status"] is Status.PLANNED


@pytest.mark.parametrize("value", [
    "Stadt Musterstadt", "Mo–Fr 8–17 Uhr: Chat", "Tipps #1", "yes", "2026-01-01", "'zitiert'",
    "@musterstadt", "- Liste", "{a}", "Wert mit \"Anführungszeichen\"", "1.5", "null", "~",
    " führendes Leerzeichen", "a: b", "* Stern", "!wichtig", "%25", "Ende:",
])
def test_scalars_read_back_unchanged(value: str) -> None:
    assert yaml.safe_load(f"k: {scalar(value)}") == {"k": value}


def test_dates_are_plain() -> None:
    assert scalar(date(2026, 3, 2)) == "2026-03-02"


@pytest.mark.parametrize("text", ["Übungen: die Jugendfeuerwehr", "Tipps #1", "a " * 70 + "b",
                                  "yes", "Ende mit Leerzeichen: x "])
def test_text_fields_fold_prose_and_read_back(text: str) -> None:
    lines = _text_field("description", text)
    assert yaml.safe_load("\n".join(lines)) == {"description": text}
    if ": " in text.strip() or " #" in text or len(text) > 90:
        assert lines[0] == "description: >-" or text.endswith(" ")
