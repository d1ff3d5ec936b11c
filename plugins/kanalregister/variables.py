"""Variables that let hand-written pages state the organisation's facts from its data.

A page writes ``{{ org.short_name }}`` or ``{{ org.social_media_team.email }}``, inline or in a
block, and the build puts the value from ``channels/_organisation.yml`` there, so that a city
that adopts the project changes data, never a guideline page. ``\\{{ org.name }}`` shows the
syntax itself. An unknown name or a name without a value is a finding with file:line:col.

The names come from the model (``Organisation``): every field that holds one value, nested
blocks joined by dots, and an address also as one line. This module knows nothing of MkDocs.
"""

from __future__ import annotations

import difflib
import html
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel

from .finding_codes import Reporter
from .findings import Finding
from .register.loader import relative
from .register.models import Address, Organisation

# {{ org.short_name }}; a backslash before the braces shows the text as it is.
VARIABLE = re.compile(r"(\\?)\{\{\s*([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)\s*\}\}")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")

# Fields that hold lists or rules, not facts a sentence states.
_SKIPPED = {"units", "topics", "domains", "name_pattern", "name_words"}


@dataclass(frozen=True)
class Variable:
    """One name a page may use, and what it stands for (German, for the field reference)."""

    name: str
    description: str


def _model_of(annotation: object) -> type[BaseModel] | None:
    """The model class in ``X | None``, or None for plain values."""
    options = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (
        annotation,)
    for option in options:
        if isinstance(option, type) and issubclass(option, BaseModel):
            return option
    return None


def _is_scalar(annotation: object) -> bool:
    options = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (
        annotation,)
    return not any(typing.get_origin(o) in (list, dict) for o in options)


def _walk(model: type[BaseModel], prefix: str, label: str) -> Iterator[Variable]:
    for name, info in model.model_fields.items():
        if name in _SKIPPED or not _is_scalar(info.annotation):
            continue
        description = info.description or name
        shown = f"{label} – {description}" if label else description
        inner = _model_of(info.annotation)
        if inner is None:
            yield Variable(f"{prefix}.{name}", shown)
            continue
        if inner is Address:
            yield Variable(f"{prefix}.{name}", f"{shown} (in einer Zeile)")
        yield from _walk(inner, f"{prefix}.{name}", shown)


@cache
def variables() -> tuple[Variable, ...]:
    """Every variable, in the order of the model's fields, then the derived ones."""
    return (
        *_walk(Organisation, "org", ""),
        Variable("org.website_host", "Rechnername der Hauptwebseite, z. B. www.stadt.example"),
        Variable("org.domain", "Hauptdomain ohne „www.“, z. B. stadt.example"),
        Variable("org.domain_slug", "Hauptdomain für Dateinamen, z. B. stadt-example"),
        Variable("org.handle", "Kurzname für Kontonamen: klein, ohne Umlaute und Leerzeichen, "
                               "z. B. neustadt"),
        Variable("site.url", "Adresse dieser Website (site_url in mkdocs.yml)"),
        Variable("site.host", "Rechnername dieser Website"),
    )


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, Address):
        return ", ".join(value.lines())
    return str(value)


def values(org: Organisation | None, site_url: str | None) -> dict[str, str | None]:
    """The value of every variable (None where the data has none)."""
    result: dict[str, str | None] = {}
    for variable in variables():
        parts = variable.name.split(".")
        node: object = org if parts[0] == "org" else None
        for part in parts[1:]:
            node = getattr(node, part, None) if node is not None else None
        result[variable.name] = _text(node)
    website_host = urlsplit(org.website).hostname if org and org.website else None
    site_host = urlsplit(site_url).hostname if site_url else None
    domain = website_host.removeprefix("www.") if website_host else None
    short = org.short_name if org else None
    result.update({
        "org.website_host": website_host,
        "org.domain": domain,
        "org.domain_slug": re.sub(r"[^a-z0-9]+", "-", domain.lower()).strip("-") if domain
        else None,
        "org.handle": handle(short) if short else None,
        "site.url": site_url,
        "site.host": site_host,
    })
    return result


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def handle(name: str) -> str:
    """A name as platforms' account names write it: lower-case ASCII letters and digits."""
    return re.sub(r"[^a-z0-9]+", "", name.lower().translate(_UMLAUTS))


@dataclass(frozen=True)
class Use:
    """One variable written in a page."""

    name: str
    line: int
    col: int


def find(text: str) -> Iterator[Use]:
    """Every variable in ``text`` (escaped ones left out), with its position."""
    for match in VARIABLE.finditer(text):
        if match.group(1):
            continue
        before = text[: match.start()]
        yield Use(match.group(2), before.count("\n") + 1,
                  match.start() - (before.rfind("\n") + 1) + 1)


def validate(
    docs_dir: Path, *, base: Path, reporter: Reporter, known: Mapping[str, str | None],
    source: str,
) -> list[Finding]:
    """Report unknown variables and variables without a value in every page of ``docs_dir``;
    ``source`` names the data file for the hint."""
    findings: list[Finding] = []
    names = ", ".join(known)
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text("utf-8", errors="replace")
        if "{{" not in text:
            continue
        shown = relative(path, base)
        for use in find(text):
            if use.name not in known:
                close = difflib.get_close_matches(use.name, list(known), n=1)
                findings.append(reporter.at(
                    "DOC002", shown, line=use.line, col=use.col,
                    variant="close" if close else "other",
                    params={"name": use.name, "close": close[0] if close else "",
                            "known": names}))
            elif known[use.name] is None:
                findings.append(reporter.at("DOC003", shown, line=use.line, col=use.col,
                                            params={"name": use.name, "source": source}))
    return findings


def expand(text: str, known: Mapping[str, str | None]) -> str:
    """Put each variable's value in its place: as it is in code, HTML-escaped in text.

    Unknown names stay as written (``validate`` has reported them); ``\\{{`` loses its
    backslash and shows the braces.
    """
    if "{{" not in text:
        return text
    lines = text.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            elif "{{" in line:
                lines[index] = _fill(line, known, raw=True)
            continue
        if opening:
            fence = opening.group(1)
            continue
        if "{{" in line:
            lines[index] = _outside_code(line, known)
    return "\n".join(lines)


def _outside_code(line: str, known: Mapping[str, str | None]) -> str:
    parts: list[str] = []
    last = 0
    for span in _CODE_SPAN.finditer(line):
        parts.append(_fill(line[last:span.start()], known, raw=False))
        parts.append(_fill(span.group(0), known, raw=True))
        last = span.end()
    parts.append(_fill(line[last:], known, raw=False))
    return "".join(parts)


def _fill(text: str, known: Mapping[str, str | None], *, raw: bool) -> str:
    escape: Callable[[str], str] = (lambda s: s) if raw else (
        lambda s: html.escape(s, quote=False))

    def one(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(0)[1:]
        value = known.get(match.group(2))
        return match.group(0) if value is None else escape(value)

    return VARIABLE.sub(one, text)
