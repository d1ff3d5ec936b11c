"""Findings: what the loader and the checks report to editors."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from .i18n import tr
from .values.text import escape_controls


class Severity(StrEnum):
    """How bad a finding is: errors stop the build, warnings are listed."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place of one file, with what to do about it."""

    path: str
    line: int | None
    col: int | None
    field: str | None
    code: str
    severity: Severity
    message: str
    hint: str = ""

    def location(self) -> str:
        """``path:line:col`` as editors and their tools expect it."""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def format_text(self) -> str:
        """One line for the terminal and the build log, plus the hint on the next line.

        Paths, fields and messages may carry values from channel files: control characters
        (newlines too) are shown escaped, and no line starts with ``::``, which GitHub's
        runner would read as a workflow command.
        """
        where = f"{self.field}: " if self.field else ""
        severity = tr(f"severity.{self.severity.value}")
        text = plain_line(f"{self.location()}: {severity}: {where}{self.message} [{self.code}]")
        if self.hint:
            text += "\n    " + tr("finding.hint", {"hint": escape_controls(self.hint)})
        return text

    def format_github(self) -> str:
        """A GitHub Actions workflow command that annotates the file in the pull request."""
        level = "error" if self.severity is Severity.ERROR else "warning"
        props = [f"file={_gh_property(self.path)}"]
        if self.line is not None:
            props.append(f"line={self.line}")
            if self.col is not None:
                props.append(f"col={self.col}")
        props.append(f"title={_gh_property(self.code)}")
        where = f"{self.field}: " if self.field else ""
        # Line breaks stay: _gh_data encodes them, and GitHub shows them inside the annotation.
        body = escape_controls(f"{where}{self.message}", keep=_BREAKS)
        if self.hint:
            body += f"\nHint: {escape_controls(self.hint, keep=_BREAKS)}"
        return f"::{level} {','.join(props)}::{_gh_data(body)}"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dictionary."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


_BREAKS = frozenset("\r\n")


def plain_line(text: str) -> str:
    """``text`` as one printable line: control characters escaped, no leading ``::``."""
    line = escape_controls(text)
    if line.lstrip().startswith("::"):
        line = line.replace(":", "\\x3a", 1)
    return line


def _gh_data(text: str) -> str:
    # GitHub's escaping rules for the message part of a workflow command.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(escape_controls(text)).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Findings:
    """All findings of one run, in a stable order."""

    findings: list[Finding] = field(default_factory=list)

    def extend(self, items: Iterable[Finding]) -> None:
        """Add findings, dropping those whose severity was switched off."""
        self.findings.extend(f for f in items if f.severity is not Severity.OFF)

    @property
    def errors(self) -> list[Finding]:
        """The findings that must stop a build."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """The findings that are printed but do not stop a build."""
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def sorted(self) -> list[Finding]:
        """Findings by file, then line, then code."""
        return sorted(
            self.findings, key=lambda f: (f.path, f.line or 0, f.col or 0, f.code, f.message)
        )

    def counts(self) -> list[tuple[str, Severity, int]]:
        """(code, severity, count) rows for the summary table."""
        counter = Counter((f.code, f.severity) for f in self.findings)
        return sorted((code, sev, n) for (code, sev), n in counter.items())

    def to_json(self) -> str:
        """The findings as a JSON document."""
        return json.dumps(
            {
                "errors": len(self.errors),
                "warnings": len(self.warnings),
                "findings": [f.to_dict() for f in self.sorted()],
            },
            ensure_ascii=False,
            indent=2,
        )
