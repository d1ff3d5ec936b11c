"""Helpers shared by tests: run the pipeline on a folder with a fixed reference date."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, TODAY
from kanalregister.pipeline import Outcome, run
from kanalregister.project import load_settings
from kanalregister.settings import Settings


def settings_for(root: Path, **changes: object) -> Settings:
    """Settings for the project at ``root`` with the tests' reference date."""
    settings = load_settings(root, today=TODAY)
    return replace(settings, **changes) if changes else settings


def check(root: Path, **changes: object) -> Outcome:
    """Load and check the register at ``root`` (and its docs/, if any)."""
    return run(settings_for(root, **changes))


def make_unreadable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``folder`` unlistable, also for root (who reads any folder despite its mode)."""
    folder.mkdir(parents=True)
    folder.chmod(0)
    listing = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)


def hostile_cases() -> list[dict[str, Any]]:
    """The hostile corpus (tests/fixtures/hostile/cases.yml)."""
    cases: list[dict[str, Any]] = yaml.safe_load(
        (FIXTURES / "hostile" / "cases.yml").read_text("utf-8"))
    return cases


def harmless_cases() -> list[dict[str, Any]]:
    """The corpus cases that must build harmless (applied to the demo)."""
    return [c for c in hostile_cases() if c["expect"] == "harmless"]


def apply_hostile(case: dict[str, Any], root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Change the project at ``root`` as the case says."""
    target = root / case["file"]
    target.parent.mkdir(parents=True, exist_ok=True)
    if case.get("symlink"):
        target.unlink(missing_ok=True)
        target.symlink_to(case["symlink"])
    elif case.get("fifo"):
        os.mkfifo(target)
    elif case.get("link_folder"):
        target.symlink_to(case["link_folder"], target_is_directory=True)
    elif case.get("unreadable_folder"):
        make_unreadable(target, monkeypatch)
    else:
        text = case["content"] if "content" in case else target.read_text("utf-8")
        if "repeat_to" in case:
            text = (text * (case["repeat_to"] // len(text) + 1))[: case["repeat_to"]]
        for key in ("replace", "also_replace"):
            if key in case:
                old, new = case[key]
                assert old in text, f"{case['id']}: {old!r} not in {target}"
                text = text.replace(old, new)
        if "pad_bytes" in case:
            text += ("# " + "x" * 98 + "\n") * (case["pad_bytes"] // 100 + 1)
        target.write_bytes(text.encode("utf-8"))


@contextmanager
def loopback_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``handler`` on 127.0.0.1 (a free port) in a thread; yield the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
