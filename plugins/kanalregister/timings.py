"""Where the register's time goes during a build, phase by phase.

The plugin measures its own phases (load and check, generate, export, directives, the check of
the built pages) so that the benchmark can tell them apart from MkDocs' Markdown and theme work.
The figures go to the debug log (``mkdocs build -v``) and, when ``KANALREGISTER_TIMINGS`` names
a file, into that file as JSON.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV_VAR = "KANALREGISTER_TIMINGS"


class Timings:
    """Seconds spent per phase; a phase entered several times adds up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Measure the block as (part of) phase ``name``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    @property
    def total(self) -> float:
        """The sum of all phases."""
        return sum(self.seconds.values())

    def summary(self) -> str:
        """One line for the log: each phase and the total, in seconds."""
        parts = [f"{name} {value:.3f}" for name, value in self.seconds.items()]
        return ", ".join([*parts, f"total {self.total:.3f} s"])

    def write(self, path: Path) -> None:
        """Write the phases and their total as JSON."""
        data = {"phases": self.seconds, "total": self.total}
        path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
