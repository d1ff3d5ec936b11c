"""kanalregister new on the command line: options, prompts, exit codes, on a copy of the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from helpers import check
from kanalregister.cli import main

TODAY = "2026-11-22"
TARGET = "channels/feuerwehr/mastodon-jugendfeuerwehr-social-musterstadt-example.yml"
OPTIONS = ["--url", "https://social.musterstadt.example/@jugendfeuerwehr",
           "--unit", "feuerwehr", "--name", "Jugendfeuerwehr Musterstadt",
           "--description", "Übungen, Zeltlager und Mitmachen bei der Jugendfeuerwehr.",
           "--topics", "sicherheit,jugend"]


@pytest.fixture
def demo(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(demo_copy)
    return demo_copy


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["new", *args, "--today", TODAY], input=input,
                                catch_exceptions=False, env={"KANALREGISTER_TODAY": ""})
    return result.exit_code, result.output


def clean(root: Path) -> bool:
    return check(root).report.findings == []


def test_non_interactive_writes_a_valid_file(demo: Path) -> None:
    code, output = run(*OPTIONS, "--yes")
    assert code == 0, output
    assert f"Wrote {TARGET}." in output
    data = yaml.safe_load((demo / TARGET).read_text("utf-8"))
    assert data["platform"] == "mastodon"
    assert data["url"] == "https://social.musterstadt.example/@jugendfeuerwehr"
    assert data["status"] == "planned"
    assert clean(demo)


def test_non_interactive_names_every_missing_option(demo: Path) -> None:
    code, output = run("--url", OPTIONS[1], "--status", "active", "--non-interactive")
    assert code == 2
    assert ("missing: --unit, --name, --description, --approval-date, --approval-reference"
            in output)
    assert not (demo / TARGET).exists()


def test_duplicate_and_foreign_hosts_exit_2(demo: Path) -> None:
    code, output = run("--url", "https://www.instagram.com/musterstadt/", "--yes")
    assert code == 2
    assert "already registered in channels/presseamt/instagram-musterstadt.yml" in output
    code, output = run("--url", "https://instagram.com.evil.example/musterstadt", "--yes")
    assert code == 2 and "Invalid value for --url" in output


def test_active_channel_with_approval_is_clean(demo: Path) -> None:
    code, output = run(*OPTIONS, "--status", "active", "--since", "2026-11-01",
                       "--approval-date", "2026-10-28", "--approval-reference", "SMD-2026-14",
                       "--contact", "feuerwehr@musterstadt.example", "--yes")
    assert code == 0, output
    assert clean(demo)


def test_interactive_session_asks_refuses_and_writes(demo: Path) -> None:
    answers = [
        "https://x.com/musterstadt",                         # archived X account: refused
        "https://social.musterstadt.example/@jugendfeuerwehr",
        "rathauskantine",                                    # unknown unit: refused
        "feuerwehr",
        "Jugendfeuerwehr Musterstadt",
        "",                                                  # status: planned (default)
        "Übungen, Zeltlager und Mitmachen bei der Jugendfeuerwehr.",
        "sicherheit, jugend",
        "",                                                  # languages: de (default)
        "",                                                  # service hours: skipped
        "jugendfeuerwehr@musterstadt.example",
        "",                                                  # placement: default
        "y",                                                 # write it
    ]
    code, output = run(input="\n".join(answers) + "\n")
    assert code == 0, output
    assert "already registered in channels/presseamt/x-musterstadt.yml" in output
    assert "unknown unit 'rathauskantine'" in output
    assert "Profile URL" in output and "Status [planned]" in output
    assert f"Write {TARGET}? [Y/n]" in output
    data = yaml.safe_load((demo / TARGET).read_text("utf-8"))
    assert data["contact"] == "jugendfeuerwehr@musterstadt.example"
    assert data["topics"] == ["sicherheit", "jugend"]
    assert clean(demo)


def test_dry_run_prints_and_writes_nothing(demo: Path) -> None:
    code, output = run(*OPTIONS, "--yes", "--dry-run")
    assert code == 0
    assert output.startswith("# yaml-language-server: $schema=../../kanalregister.schema.json")
    assert not (demo / TARGET).exists()


def test_an_existing_file_is_not_overwritten(demo: Path) -> None:
    assert run(*OPTIONS, "--yes")[0] == 0
    before = (demo / TARGET).read_text("utf-8")
    code, output = run(*OPTIONS, "--yes")
    assert code == 2
    assert "already registered" in output
    assert (demo / TARGET).read_text("utf-8") == before
