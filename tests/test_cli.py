"""The command line: exit codes and the three output formats of validate and check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from kanalregister.cli import main


def invoke(project: Path, *args: str) -> tuple[int, str]:
    runner = CliRunner()
    result = runner.invoke(main, [*args, "--today", "2026-11-22"], catch_exceptions=False,
                           env={"KANALREGISTER_TODAY": ""})
    return result.exit_code, result.output


@pytest.fixture
def in_project(register_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(register_copy)
    return register_copy


def break_label(project: Path) -> Path:
    path = project / "channels" / "presseamt" / "instagram-musterstadt.yml"
    path.write_text(path.read_text("utf-8").replace("label: Impressum", "label: Info"))
    return path


def test_validate_clean_register_exits_0(in_project: Path) -> None:
    code, output = invoke(in_project, "validate")
    assert code == 0
    assert output.strip() == "0 error(s), 0 warning(s)"


def test_validate_reports_errors_with_position_and_exits_1(in_project: Path) -> None:
    break_label(in_project)
    code, output = invoke(in_project, "validate")
    assert code == 1
    assert ("channels/presseamt/instagram-musterstadt.yml:15:10: error: imprint.label: "
            "\"Info\" is not a recognisable imprint link [IMP003]") in output
    assert "hint:" in output


def test_json_format(in_project: Path) -> None:
    break_label(in_project)
    code, output = invoke(in_project, "validate", "--format", "json")
    assert code == 1
    data = json.loads(output[: output.rindex("}") + 1])
    assert data["errors"] == 1
    finding = data["findings"][0]
    assert finding["code"] == "IMP003" and finding["line"] == 15 and finding["severity"] == "error"


def test_github_format(in_project: Path) -> None:
    break_label(in_project)
    code, output = invoke(in_project, "validate", "--format", "github")
    assert code == 1
    line = next(x for x in output.splitlines() if x.startswith("::"))
    assert line == (
        "::error file=channels/presseamt/instagram-musterstadt.yml,line=15,col=10,"
        "title=IMP003::imprint.label: \"Info\" is not a recognisable imprint link%0AHint: "
        "court rulings require e.g. \"Impressum\"; \"Kontakt\" and \"Über uns\" are "
        "accepted too")


def test_path_argument_overrides_the_project(register_copy: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = invoke(tmp_path, "validate", str(register_copy / "channels"))
    assert code == 0, output


def test_missing_channels_folder_is_a_usage_error(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = invoke(tmp_path, "validate")
    assert code == 2
    assert "no channels folder" in output


def test_bad_today_is_a_usage_error(in_project: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--today", "yesterday"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_check_prints_a_summary_table(in_project: Path) -> None:
    break_label(in_project)
    docs = in_project / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Start\n\nImpressum nach § 5 TMG\n", "utf-8")
    code, output = invoke(in_project, "check")
    assert code == 1
    assert "docs/index.md:3:16: error: cites § 5 TMG" in output
    table = output[output.index("code     severity"):]
    assert "IMP003   error        1" in table and "LAW001   error        1" in table


def test_demo_is_clean() -> None:
    """The shipped demo register and its Markdown have zero findings."""
    import os

    old = Path.cwd()
    os.chdir(ROOT)
    try:
        code, output = invoke(ROOT, "check")
    finally:
        os.chdir(old)
    assert code == 0, output
    assert output.strip().endswith("0 error(s), 0 warning(s)")


TEN_WAYS = {
    "a.yml": "name: [broken\n",
    "b.yml": "- just\n- a list\n",
    "c.yml": "",
    "d.yml": "name: A\nname: B\n",
    "e.yml": "name: &x A\nalias: *x\n",
    "f.yml": "name: !!python/object/apply:os.system [ls]\n",
    "g.yml": None,  # cp1252 bytes
    "h.yml": "name: Stadt Musterstadt\nplatform: instagram\n",
    "i.yml": "name: A\n---\nname: B\n",
    "j.yml": None,  # larger than 1 MiB
}


def test_ten_broken_files_are_all_reported_without_traceback(register_copy: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    folder = register_copy / "channels" / "presseamt"
    for name, text in TEN_WAYS.items():
        if name == "g.yml":
            (folder / name).write_bytes("name: Bürgerbüro\n".encode("cp1252"))
        elif name == "j.yml":
            (folder / name).write_text("# x\n" * 300_000)
        else:
            (folder / name).write_text(text or "")
    monkeypatch.chdir(register_copy)
    code, output = invoke(register_copy, "validate")
    assert code == 1
    assert "Traceback" not in output
    for name in TEN_WAYS:
        assert f"channels/presseamt/{name}:" in output, name


def test_importing_the_cli_loads_no_feature() -> None:
    """Each command imports its feature inside its body, so the CLI starts quickly."""
    import subprocess
    import sys

    code = ("import sys, kanalregister.cli; "
            "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'yaml', "
            "'kanalregister.register', 'kanalregister.pipeline', 'kanalregister.checks'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
