"""The link check's memory: recent results in a JSON file, so that a second run within the
maximum age asks no platform again (platforms throttle robots that come back too often)."""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from .model import LinkResult, LinkStatus

VERSION = 1


class LinkCache:
    """Results by URL. Broken links are never reused: a fix must show at once, and a
    failure is confirmed by a fresh request before anyone is told."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.error: str | None = None
        self._entries: dict[str, dict[str, Any]] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # no cache yet, or a damaged one: start afresh
        if isinstance(data, dict) and data.get("version") == VERSION:
            self._entries = {url: entry for url, entry in data.get("results", {}).items()
                             if isinstance(entry, dict)}

    def get(self, url: str, max_age: float, *, now: float | None = None) -> LinkResult | None:
        """The cached result for ``url`` if younger than ``max_age`` seconds and not broken."""
        entry = self._entries.get(url)
        if entry is None:
            return None
        try:
            result = LinkResult(**{**entry, "status": LinkStatus(entry["status"])})
        except (TypeError, ValueError, KeyError):
            return None
        age = (time.time() if now is None else now) - result.checked_at
        if result.status is LinkStatus.BROKEN or not 0 <= age <= max_age:
            return None
        return replace(result, cached=True)

    def update(self, results: Iterable[LinkResult]) -> None:
        """Remember ``results`` (replacing older ones for the same URLs)."""
        for result in results:
            entry = asdict(result)
            entry["status"] = result.status.value
            entry.pop("cached")
            self._entries[result.url] = entry

    def save(self) -> bool:
        """Write the cache atomically (a crash never leaves half a file). The cache only saves
        time: if it cannot be written, ``error`` says why and the check goes on."""
        payload = json.dumps({"version": VERSION, "results": self._entries},
                             ensure_ascii=False, indent=1, sort_keys=True)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".links-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload + "\n")
            os.replace(tmp, self.path)
        except OSError as exc:
            self.error = f"cannot write the link cache {self.path}: {exc.strerror or exc}"
            return False
        return True
