"""One case per finding code (tests/fixtures/findings.yml), run against the fixture register."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES
from helpers import check, make_unreadable
from kanalregister.checks import registered_codes
from kanalregister.finding_codes import catalogue
from kanalregister.findings import Finding

CASES: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "findings.yml").read_text("utf-8"))

# Codes that only the built site can show; tests/test_build.py covers them.
BUILT_SITE_CODES = {"IMP020"}
# Codes of a Verbund project (verbund.yml, daten/); tests/verbund/ covers each of them.
VERBUND_CODES = {c for c in catalogue() if c.startswith("VBD")}
# Codes the loader and the directive scan emit (not registered check functions).
LOADER_CODES = {c for c in catalogue() if c.startswith(("YML", "SCH00", "DOC", "LAW"))} | {
    "SCH011", "SCH012", "SCH015", "SCH016", "SCH017", "SCH018", "SCH019", "SCH021"}


def apply(case: dict[str, Any], root: Path) -> None:
    """Change the register at ``root`` as the case says."""
    target = root / case["file"]
    if case.get("delete"):
        target.unlink()
        return
    source = root / case.get("copy_from", case["file"])
    text = case["content"] if "content" in case else source.read_text("utf-8")
    if "replace" in case:
        old, new = case["replace"]
        assert old in text, f"case {case['code']}: {old!r} not in {source}"
        text = text.replace(old, new)
    if "pad_bytes" in case:
        line = "# " + "x" * 98 + "\n"
        text += line * (case["pad_bytes"] // len(line) + 1)
    target.parent.mkdir(parents=True, exist_ok=True)
    if "symlink" in case:
        target.unlink()
        target.symlink_to(case["symlink"])
        return
    target.write_bytes(text.encode(case.get("encoding", "utf-8")))
    if "also_delete" in case:
        (root / case["also_delete"]).unlink()


def test_the_fixture_register_is_clean(register_copy: Path) -> None:
    outcome = check(register_copy)
    assert [f.format_text() for f in outcome.report.findings] == []
    assert len(outcome.catalog.listed) == 6


@pytest.mark.parametrize("case", CASES, ids=[c["code"] for c in CASES])
def test_case_triggers_its_code(
    case: dict[str, Any], register_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    apply(case, register_copy)
    if "unreadable_folder" in case:
        make_unreadable(register_copy / case["unreadable_folder"], monkeypatch)
    findings = check(register_copy).report.findings
    codes = {f.code for f in findings}
    assert case["code"] in codes, [f.format_text() for f in findings]
    unexpected = codes - {case["code"], *case.get("also", [])}
    assert not unexpected, [f.format_text() for f in findings if f.code in unexpected]
    found: Finding = next(f for f in findings if f.code == case["code"])
    expect = case.get("expect", {})
    assert found.path == expect.get("path", case["file"])
    if "line" in expect:
        assert found.line == expect["line"], found.format_text()
    if "field" in expect:
        assert found.field == expect["field"], found.format_text()
    assert found.message and found.hint, "every finding says what is wrong and how to fix it"
    assert found.severity is catalogue()[case["code"]].severity


def test_every_code_has_a_case() -> None:
    covered = {c["code"] for c in CASES} | BUILT_SITE_CODES | VERBUND_CODES
    assert set(catalogue()) == covered


def test_every_check_code_is_in_the_catalogue() -> None:
    assert registered_codes() <= set(catalogue())
    assert set(catalogue()) <= (registered_codes() | LOADER_CODES | BUILT_SITE_CODES
                                | VERBUND_CODES)


def test_catalogue_entries_explain_themselves() -> None:
    for info in catalogue().values():
        assert info.title and info.reason and info.fix, info.code
