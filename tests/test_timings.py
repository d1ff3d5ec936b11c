"""The plugin's own time, phase by phase, for the benchmark (KANALREGISTER_TIMINGS)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, TODAY
from kanalregister.timings import ENV_VAR, Timings


def test_phases_add_up() -> None:
    timings = Timings()
    for _ in range(2):
        with timings.phase("generate"):
            pass
    with timings.phase("export"):
        pass
    assert list(timings.seconds) == ["generate", "export"]
    assert timings.total == sum(timings.seconds.values()) >= 0
    assert timings.summary().endswith(f"total {timings.total:.3f} s")


def test_a_build_writes_its_timings(tmp_path: Path) -> None:
    target = tmp_path / "timings.json"
    env = {**os.environ, "KANALREGISTER_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1",
           ENV_VAR: str(target)}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(target.read_text("utf-8"))
    assert set(data["phases"]) == {"load_check", "generate", "export", "directives",
                                   "post_build_check"}
    assert 0 < sum(data["phases"].values()) == data["total"]
    overview = (tmp_path / "site" / "kanaele" / "index.html").read_text("utf-8")
    assert overview.count('<div class="kr-sprite" hidden>') == 1
