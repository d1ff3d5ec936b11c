"""Messages in two languages: German by default, English on request, from one catalogue each.

Every message id has both languages with the same placeholders; every finding code has its
messages in both; the CLI speaks German unless asked otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kanalregister.cli import main
from kanalregister.finding_codes import catalogue as codes
from kanalregister.i18n import LANG_ENV, LANGUAGES, catalogue, language, placeholders, tr


def test_both_catalogues_have_the_same_ids() -> None:
    de, en = catalogue("de"), catalogue("en")
    assert sorted(set(de) - set(en)) == []
    assert sorted(set(en) - set(de)) == []


@pytest.mark.parametrize("msgid", sorted(catalogue("de")))
def test_each_message_has_the_same_placeholders_in_both(msgid: str) -> None:
    assert placeholders(catalogue("de")[msgid]) == placeholders(catalogue("en")[msgid])


@pytest.mark.parametrize("code", sorted(codes()))
def test_every_code_has_a_message_and_a_hint_in_both(code: str) -> None:
    for lang in LANGUAGES:
        ids = catalogue(lang)
        messages = [i for i in ids if i.startswith(code + ".") and i.endswith(".message")]
        assert messages, f"{code} has no message in {lang}"
        for msgid in messages:
            assert msgid.removesuffix(".message") + ".hint" in ids


def test_german_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LANG_ENV)
    assert language() == "de"
    assert tr("cli.summary", {"errors": 2, "warnings": 1}) == "2 Fehler, 1 Warnung(en)"
    monkeypatch.setenv(LANG_ENV, "en_GB.UTF-8")
    assert language() == "en"


def _break_label(project: Path) -> None:
    path = project / "channels" / "presseamt" / "instagram-musterstadt.yml"
    path.write_text(path.read_text("utf-8").replace("label: Impressum", "label: Info"), "utf-8")


def test_the_cli_speaks_german_unless_asked(register_copy: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LANG_ENV)
    monkeypatch.chdir(register_copy)
    _break_label(register_copy)
    runner = CliRunner()
    german = runner.invoke(main, ["validate", "--today", "2026-11-22"])
    assert german.exit_code == 1
    assert ("instagram-musterstadt.yml:15:10: Fehler: imprint.label: „Info“ ist kein "
            "erkennbarer Impressumslink [IMP003]") in german.output
    assert "Hinweis: die Rechtsprechung verlangt" in german.output
    assert german.output.strip().endswith("1 Fehler, 0 Warnung(en)")
    english = runner.invoke(main, ["--lang", "en", "validate", "--today", "2026-11-22"])
    assert english.exit_code == 1
    assert '"Info" is not a recognisable imprint link [IMP003]' in english.output
    assert english.output.strip().endswith("1 error(s), 0 warning(s)")
    by_env = runner.invoke(main, ["validate", "--today", "2026-11-22"],
                           env={LANG_ENV: "en"})
    assert "hint: court rulings require" in by_env.output


def test_the_new_interview_speaks_german(register_copy: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LANG_ENV)
    monkeypatch.chdir(register_copy)
    runner = CliRunner()
    missing = runner.invoke(main, ["new", "--yes", "--dry-run", "--today", "2026-11-22"])
    assert missing.exit_code == 2
    assert "es fehlen: --url" in missing.output
    asked = runner.invoke(main, ["new", "--dry-run", "--today", "2026-11-22"], input="\n\n\n")
    assert "Profiladresse (wie der Browser sie zeigt)" in asked.output
    assert "eine Antwort ist nötig" in asked.output
