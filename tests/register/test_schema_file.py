"""The committed editors' schema: current, referenced by every channel file, and it accepts the
demo as an independent validator (jsonschema) reads it, with dates as text like editors do."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from conftest import ROOT
from kanalregister.cli import main
from kanalregister.pipeline import platform_registry
from kanalregister.project import load_settings
from kanalregister.register.schema import schema_json

SCHEMA = ROOT / "kanalregister.schema.json"
CHANNEL_FILES = sorted(p for p in (ROOT / "channels").rglob("*.yml")
                       if not p.name.startswith("_"))
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def as_editors_see_it(value: Any) -> Any:
    """YAML data with dates as the strings an editor's YAML tools pass to JSON schema."""
    if isinstance(value, dict):
        return {k: as_editors_see_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editors_see_it(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_committed_schema_is_current() -> None:
    settings = load_settings(ROOT)
    assert SCHEMA.read_text("utf-8") == schema_json(platform_registry(settings)), (
        "kanalregister.schema.json is stale: run 'kanalregister schema --output "
        "kanalregister.schema.json'")


def test_demo_has_channel_files() -> None:
    assert len(CHANNEL_FILES) >= 40


@pytest.mark.parametrize("path", CHANNEL_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_schema_accepts_every_demo_file(validator: Draft202012Validator, path: Path) -> None:
    data = as_editors_see_it(yaml.safe_load(path.read_text("utf-8")))
    errors = [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize("path", CHANNEL_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_demo_file_points_to_the_schema(path: Path) -> None:
    first = path.read_text("utf-8").splitlines()[0]
    match = MODELINE.match(first)
    assert match, f"first line must be '# yaml-language-server: $schema=…', not {first!r}"
    assert (path.parent / match.group(1)).resolve() == SCHEMA


@pytest.mark.parametrize(("change", "field"), [
    ({"status": "live"}, "status"),
    ({"platform": "myspace"}, "platform"),
    ({"colour": "blau"}, ""),
    ({"since": "gestern"}, "since"),
    ({"imprint": {"url": "https://x.example/", "text": "Impressum"}}, "imprint"),
])
def test_schema_rejects_what_the_loader_rejects(validator: Draft202012Validator,
                                                change: dict[str, Any], field: str) -> None:
    data = as_editors_see_it(yaml.safe_load(CHANNEL_FILES[0].read_text("utf-8")))
    errors = list(validator.iter_errors({**data, **change}))
    assert errors and all(".".join(map(str, e.path)).startswith(field) for e in errors)


def test_schema_command_prints_writes_and_checks(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    printed = runner.invoke(main, ["schema"])
    assert printed.exit_code == 0 and printed.output == SCHEMA.read_text("utf-8")
    assert runner.invoke(main, ["schema", "--check"]).exit_code == 0
    target = tmp_path / "schema.json"
    assert runner.invoke(main, ["schema", "--output", str(target)]).exit_code == 0
    assert target.read_text("utf-8") == SCHEMA.read_text("utf-8")
    target.write_text("{}\n", "utf-8")
    stale = runner.invoke(main, ["schema", "--check", "--output", str(target)])
    assert stale.exit_code == 1 and "is stale" in stale.output


def test_vscode_maps_channel_files_to_the_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    patterns = settings["yaml.schemas"]["./kanalregister.schema.json"]
    assert "channels/**/*.yml" in patterns and "!channels/_organisation.yml" in patterns
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_pre_commit_validates_changed_channel_files() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    hook = hooks["kanalregister-validate"]
    assert hook["entry"] == "kanalregister validate"
    assert re.search(hook["files"], "channels/presseamt/instagram-musterstadt.yml")
    assert not re.search(hook["files"], "docs/index.md")
    assert hooks["kanalregister-schema"]["entry"] == "kanalregister schema --check"
