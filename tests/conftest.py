"""Shared fixtures: the network is blocked except for 127.0.0.1, and helpers for registers."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kanalregister.i18n import LANG_ENV, set_language

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = date(2026, 11, 22)

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: object) -> object:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1")):
        return _real_connect(self, address)
    if self.family == socket.AF_UNIX:
        return _real_connect(self, address)
    raise OSError(f"network access blocked in tests: {address!r}")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests may reach servers they start on 127.0.0.1, nothing else."""
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)
    yield


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Messages in English, as the assertions of the older tests read them; the German
    default is tested in test_i18n.py and wherever a test passes ``--lang de``."""
    monkeypatch.setenv(LANG_ENV, "en")
    yield
    set_language(None)


@pytest.fixture
def register_copy(tmp_path: Path) -> Path:
    """A writable copy of the small fixture register (tests/fixtures/register)."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "register", target)
    return target


def copy_demo_project(target: Path) -> Path:
    """Copy the demo project as a city would clone it (mkdocs.yml, docs/, channels/,
    overrides/; no site/ or caches) into the new folder ``target``."""
    target.mkdir()
    for name in ("mkdocs.yml", "docs", "channels", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """A writable copy of the demo project: mkdocs.yml, docs/, channels/, overrides/."""
    return copy_demo_project(tmp_path / "demo")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with every harmless case of the hostile corpus applied, built once per session
    with ``mkdocs build --strict`` (tests/test_hostile.py and the browser test share it)."""
    import os
    import subprocess
    import sys

    from helpers import apply_hostile, harmless_cases

    project = tmp_path_factory.mktemp("hostile") / "demo"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "channels", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        elif source.exists():
            shutil.copy2(source, project / name)
    with pytest.MonkeyPatch.context() as monkeypatch:
        for case in harmless_cases():
            apply_hostile(case, project, monkeypatch)
    env = {**os.environ, "KANALREGISTER_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
         str(project / "site")], cwd=project, env=env, capture_output=True, text=True,
        timeout=600)
    assert result.returncode == 0, result.stderr[-5000:]
    assert "Traceback" not in result.stderr
    return project / "site"
