"""Directives that let hand-written pages show register data.

A directive is an HTML comment such as ``<!-- kanalregister: NAME ARG -->``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .finding_codes import Reporter
from .findings import Finding
from .register.loader import relative

DIRECTIVE = re.compile(r"<!--\s*kanalregister:\s*([a-z-]+)(?:[ \t]+([^\n]*?))?\s*-->")

# What a directive's argument names, as editors are told in a finding's hint.
ARGUMENT_KINDS = {"platform": "a platform id", "check-group": "a check group"}


@dataclass(frozen=True)
class Spec:
    """What the register knows of one directive; the site renders ``template``."""

    name: str
    argument: str | None = None  # a key of ARGUMENT_KINDS, or None for no argument

    @property
    def template(self) -> str:
        """The snippet template (under templates/ or an override folder)."""
        return f"snippets/{self.name}.jinja"


# The one registry of directives: the check, the site and the templates follow it.
DIRECTIVES = {spec.name: spec for spec in (
    Spec("stats"),
    Spec("verify-box"),
    Spec("imprint-placements"),
    Spec("platform-controllers"),
    Spec("platform-third-countries"),
    Spec("platform-facts", "platform"),
    Spec("checks", "check-group"),
)}


@dataclass(frozen=True)
class Directive:
    """One directive found in a page."""

    name: str
    argument: str
    line: int
    col: int


def find(text: str) -> Iterator[Directive]:
    """Every directive in ``text``, with its position."""
    for match in DIRECTIVE.finditer(text):
        before = text[: match.start()]
        line = before.count("\n") + 1
        col = match.start() - (before.rfind("\n") + 1) + 1
        yield Directive(match.group(1), (match.group(2) or "").strip(), line, col)


# English ids for the check groups, so directives read the same in any project language.
GROUP_IDS = {"file": "Datei", "schema": "Schema", "imprint": "Impressum", "law": "Rechtsstand",
             "governance": "Steuerung", "pages": "Seiten"}


def check_group(argument: str) -> str | None:
    """The catalogue group a ``checks`` argument names (English id or German name)."""
    wanted = argument.strip().casefold()
    for group_id, group in GROUP_IDS.items():
        if wanted in (group_id, group.casefold()):
            return group
    return None


def argument_checker(platform_ids: Iterable[str]) -> Callable[[str, str], bool]:
    """Whether a directive's argument names something that exists."""
    platforms = set(platform_ids)
    known: dict[str | None, Callable[[str], bool]] = {
        "platform": lambda argument: argument in platforms,
        "check-group": lambda argument: check_group(argument) is not None,
    }

    def ok(name: str, argument: str) -> bool:
        kind = DIRECTIVES[name].argument if name in DIRECTIVES else None
        check = known.get(kind)
        return check is None or check(argument)

    return ok


def validate(
    docs_dir: Path, *, base: Path, reporter: Reporter, argument_ok: Callable[[str, str], bool]
) -> list[Finding]:
    """Report unknown directives and bad arguments in every page of ``docs_dir``."""
    findings: list[Finding] = []
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text("utf-8", errors="replace")
        if "kanalregister:" not in text:
            continue
        for d in find(text):
            variant = None
            if d.name not in DIRECTIVES:
                variant = "unknown"
            elif DIRECTIVES[d.name].argument and not argument_ok(d.name, d.argument):
                variant = "argument"
            if variant:
                findings.append(reporter.at(
                    "DOC001", relative(path, base), line=d.line, col=d.col, variant=variant,
                    params={"name": d.name, "argument": d.argument,
                            "known": ", ".join(sorted(DIRECTIVES))}))
    return findings



def expand(text: str, render: Callable[[str, str], str]) -> str:
    """Replace each directive with what ``render(name, argument)`` returns."""
    if "kanalregister:" not in text:
        return text
    return DIRECTIVE.sub(lambda m: render(m.group(1), (m.group(2) or "").strip()), text)
