"""Scan the hand-written Markdown for law that no longer applies."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..finding_codes import Reporter
from ..findings import Finding
from ..register.loader import relative

# (pattern, what it is, what replaces it); the most specific patterns first.
_STALE = [
    (re.compile(r"§+\s*5\s*(Abs\.\s*\d+\s*)?TMG\b"), "§ 5 TMG", "§ 5 DDG"),
    (re.compile(r"§+\s*55\s*(Abs\.\s*\d+\s*)?RStV\b"), "§ 55 RStV", "§ 18 MStV"),
    (re.compile(r"\bTelemediengesetz(es)?\b"), "Telemediengesetz",
     "Digitale-Dienste-Gesetz (DDG)"),
    (re.compile(r"\bRundfunkstaatsvertrag(es|s)?\b"), "Rundfunkstaatsvertrag",
     "Medienstaatsvertrag (MStV)"),
    (re.compile(r"\bTMG\b"), "TMG", "DDG"),
    (re.compile(r"\bRStV\b"), "RStV", "MStV"),
]
_ODR = re.compile(r"(https?://)?(webgate\.)?ec\.europa\.eu/(consumers/)?odr\b[^\s)\]>\"']*")

# A sentence that speaks of the old law as history is not a citation of it.
_HISTORIC = re.compile(r"\b(früher|ehemals|ehemalig\w*|abgelöst|ersetzt|bis zum 13\.05\.2024|"
                       r"außer Kraft)\b", re.IGNORECASE)


def scan_docs(docs_dir: Path, *, base: Path, reporter: Reporter) -> list[Finding]:
    """Report citations of the TMG or RStV as current law and links to the closed ODR platform."""
    findings: list[Finding] = []
    for path in sorted(docs_dir.rglob("*.md")):
        shown = relative(path, base)
        try:
            lines = path.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            findings.append(reporter.at("YML008", shown, variant="page",
                                        params={"error": exc}))
            continue
        for number, line in enumerate(lines, start=1):
            findings.extend(_scan_line(line, number, shown, reporter))
    return findings


def _scan_line(line: str, number: int, path: str, reporter: Reporter) -> Iterable[Finding]:
    for match in _ODR.finditer(line):
        yield reporter.at("LAW002", path, line=number, col=match.start() + 1)
    if _HISTORIC.search(line):
        return
    taken: list[tuple[int, int]] = []
    for pattern, old, new in _STALE:
        for match in pattern.finditer(line):
            if any(start <= match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            yield reporter.at("LAW001", path, line=number, col=match.start() + 1,
                              params={"old": old, "new": new})
