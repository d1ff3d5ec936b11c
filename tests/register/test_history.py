"""The public history of each channel file, read from Git, and its section on channel pages."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from conftest import TODAY
from kanalregister.register.history import (
    Change,
    HistoryUnavailable,
    is_shallow,
    parse_log,
    read_histories,
)

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
    reason="git is not installed",
)

CHANNEL = "channels/presseamt/instagram-musterstadt.yml"


def git(repo: Path, *args: str, day: str = "2026-01-15") -> str:
    """Run git in ``repo`` with a fixed identity and date."""
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run(
        ["git", "-c", "user.name=Redaktion", "-c", "user.email=redaktion@musterstadt.example",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def commit_all(repo: Path, subject: str, day: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", subject, day=day)


def build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KANALREGISTER_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


def test_parse_log_follows_renames() -> None:
    def record(commit: str, day: str, subject: str, *files: str) -> str:
        return f"\x1e{commit}\x1f{day}\x1f{subject}\0\n" + "".join(f + "\0" for f in files)

    output = (record("c3", "2026-03-01", "Umbenannt", "R100", "a/old.yml", "a/new.yml")
              + record("c2", "2026-02-01", "Alt geändert", "M", "a/old.yml")
              + record("c1", "2026-01-01", "Beide angelegt", "A", "a/old.yml", "A", "a/b.yml"))
    histories = parse_log(output, prefix="channels")
    assert [c.subject for c in histories["channels/a/new.yml"]] == [
        "Umbenannt", "Alt geändert", "Beide angelegt"]
    assert histories["channels/a/b.yml"] == [Change(date(2026, 1, 1), "Beide angelegt", "c1")]
    assert "channels/a/old.yml" not in histories


def test_history_in_a_repository(tmp_path: Path) -> None:
    channels = tmp_path / "channels" / "unit"
    channels.mkdir(parents=True)
    git(tmp_path, "init", "-q")
    (channels / "x-alt.yml").write_text("name: a\n")
    (channels / "y.yml").write_text("name: y\n")
    (tmp_path / "README.md").write_text("outside channels/\n")
    commit_all(tmp_path, "Kanäle eingetragen", "2025-01-10")
    (channels / "x-alt.yml").write_text("name: b\n")
    commit_all(tmp_path, "Name geändert", "2025-06-01")
    git(tmp_path, "mv", "channels/unit/x-alt.yml", "channels/unit/x.yml")
    commit_all(tmp_path, "Konto umbenannt", "2026-02-02")
    (tmp_path / "README.md").write_text("changed\n")
    commit_all(tmp_path, "Nur README", "2026-03-03")

    histories = read_histories(tmp_path / "channels", base=tmp_path)
    assert [(c.date.isoformat(), c.subject) for c in histories["channels/unit/x.yml"]] == [
        ("2026-02-02", "Konto umbenannt"), ("2025-06-01", "Name geändert"),
        ("2025-01-10", "Kanäle eingetragen")]
    assert [c.subject for c in histories["channels/unit/y.yml"]] == ["Kanäle eingetragen"]
    assert not is_shallow(tmp_path / "channels")


def test_no_repository_is_reported_not_raised_as_error(tmp_path: Path) -> None:
    (tmp_path / "channels").mkdir()
    with pytest.raises(HistoryUnavailable, match="not a git repository"):
        read_histories(tmp_path / "channels", base=tmp_path)


def test_no_git_or_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(HistoryUnavailable, match="not a folder"):
        read_histories(tmp_path / "missing", base=tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(HistoryUnavailable, match="git is not installed"):
        read_histories(tmp_path, base=tmp_path)


def test_one_git_call_stays_fast_for_many_files(tmp_path: Path) -> None:
    channels = tmp_path / "channels"
    for unit in range(20):
        folder = channels / f"unit{unit}"
        folder.mkdir(parents=True)
        for number in range(100):
            (folder / f"x-kanal{number}.yml").write_text(f"name: {unit}-{number}\n")
    git(tmp_path, "init", "-q")
    commit_all(tmp_path, "2000 Kanäle", "2025-01-01")
    for number in range(0, 100, 10):
        (channels / "unit0" / f"x-kanal{number}.yml").write_text("name: neu\n")
    commit_all(tmp_path, "Zehn geändert", "2025-02-01")
    started = time.perf_counter()
    histories = read_histories(channels, base=tmp_path)
    elapsed = time.perf_counter() - started
    assert len(histories) == 2000
    assert len(histories["channels/unit0/x-kanal10.yml"]) == 2
    assert elapsed < 5, f"reading the history of 2,000 files took {elapsed:.1f} s"


def test_channel_page_lists_its_history(demo_copy: Path) -> None:
    git(demo_copy, "init", "-q")
    commit_all(demo_copy, "Register angelegt", "2025-01-10")
    channel = demo_copy / CHANNEL
    channel.write_text(channel.read_text("utf-8").replace(
        "reviewed:", "# jährlich überprüft\nreviewed:", 1), "utf-8")
    commit_all(demo_copy, "Instagram: Überprüfung <2026> & Impressum", "2026-03-02")

    result = build(demo_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (demo_copy / "site/kanaele/instagram-musterstadt/index.html").read_text("utf-8")
    assert 'id="verlauf"' in html
    assert ('<time datetime="2026-03-02">02.03.2026</time>: '
            "Instagram: Überprüfung &lt;2026&gt; &amp; Impressum") in html
    assert '<time datetime="2025-01-10">' in html
    other = (demo_copy / "site/kanaele/youtube-musterstadt/index.html").read_text("utf-8")
    assert "Instagram: Überprüfung" not in other and "Register angelegt" in other


def test_without_git_history_the_build_says_so_and_leaves_it_out(demo_copy: Path) -> None:
    result = build(demo_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "channel history left out" in result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr
    html = (demo_copy / "site/kanaele/instagram-musterstadt/index.html").read_text("utf-8")
    assert 'id="verlauf"' not in html


def test_history_can_be_switched_off(demo_copy: Path) -> None:
    git(demo_copy, "init", "-q")
    commit_all(demo_copy, "Register angelegt", "2025-01-10")
    config = demo_copy / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "      channels_dir: channels\n", "      channels_dir: channels\n      history: false\n"),
        "utf-8")
    assert "history: false" in config.read_text("utf-8")
    result = build(demo_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (demo_copy / "site/kanaele/instagram-musterstadt/index.html").read_text("utf-8")
    assert 'id="verlauf"' not in html
