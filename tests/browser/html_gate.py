"""The HTML gate: the Nu Html Checker (npm ``vnu-jar``, on the system's Java) over built pages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

VNU_JAR = (Path(__file__).resolve().parents[2]
           / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")

_AUTOCOMPLETE = ("Attribute “autocomplete” is only allowed when the input type is “color”, "
                 "“date”, “datetime-local”, “email”, “hidden”, “month”, “number”, “password”, "
                 "“range”, “search”, “tel”, “text”, “time”, “url”, or “week”.")
# The two errors in Material for MkDocs 9.8.1's own base.html, on every page: its drawer and
# search toggles are checkboxes with autocomplete="off" (kept so that browsers do not restore
# an open drawer on back navigation). Matched by message and exact element, nothing looser.
KNOWN_MATERIAL_ERRORS = frozenset({
    (_AUTOCOMPLETE, '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" '
                    'id="__drawer" autocomplete="off">'),
    (_AUTOCOMPLETE, '<input class="md-toggle" data-md-toggle="search" type="checkbox" '
                    'id="__search" autocomplete="off">'),
})


def _require(found: bool, message: str) -> None:
    if found:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def element(message: dict[str, Any]) -> str:
    """The markup vnu highlights for ``message`` (the offending start tag)."""
    extract = str(message.get("extract", ""))
    start, length = int(message.get("hiliteStart", 0)), int(message.get("hiliteLength", 0))
    return extract[start:start + length]


def vnu_errors(pages: Iterable[Path]) -> list[dict[str, Any]]:
    """Every error vnu reports for ``pages``, minus exactly the known Material errors."""
    java = shutil.which("java")
    _require(java is not None, "no Java runtime: install default-jre-headless (make test does)")
    _require(VNU_JAR.is_file(), f"vnu-jar not installed ({VNU_JAR}): run 'npm ci' (make test does)")
    result = subprocess.run(
        [str(java), "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
         *(str(page) for page in pages)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    # vnu writes its JSON report to stderr; exit status 1 only says that errors were found.
    messages = json.loads(result.stderr)["messages"]
    return [m for m in messages
            if (m.get("message"), element(m)) not in KNOWN_MATERIAL_ERRORS]


def describe(errors: list[dict[str, Any]], site: Path, limit: int = 30) -> str:
    """One line per error: page, line, message and the element vnu points at."""
    lines = []
    for error in errors[:limit]:
        page = str(error.get("url", "")).removeprefix("file:").removeprefix(str(site) + "/")
        lines.append(f"  {page}:{error.get('lastLine', '?')}: {error.get('message')}\n"
                     f"      {element(error).strip()[:200]}")
    more = f"\n  … and {len(errors) - limit} more" if len(errors) > limit else ""
    return "\n".join(lines) + more
