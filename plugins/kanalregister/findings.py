"""Findings: what the loader and the checks report to editors."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum


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
        """One line for the terminal and the build log, plus the hint on the next line."""
        where = f"{self.field}: " if self.field else ""
        text = f"{self.location()}: {self.severity.value}: {where}{self.message} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {self.hint}"
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
        body = f"{where}{self.message}"
        if self.hint:
            body += f"\nHint: {self.hint}"
        return f"::{level} {','.join(props)}::{_gh_data(body)}"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dictionary."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def _gh_data(text: str) -> str:
    # GitHub's escaping rules for the message part of a workflow command.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


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
