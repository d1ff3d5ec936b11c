"""Load channels/ into validated models; every problem becomes a finding, never an exception."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..finding_codes import Reporter
from ..findings import Finding
from ..values.types import BAD_EMAIL, BAD_URL, PUBLIC_SUFFIX, UNSAFE_TEXT
from ..yamlfile.files import read_file, walk_yaml_files
from ..yamlfile.reader import Loc, YamlDocument, YamlProblem, decode, read_yaml
from .models import RETIRED_FIELDS, Channel, Organisation
from .schema import nested_model

ORGANISATION_FILE = "_organisation.yml"

M = TypeVar("M", bound=BaseModel)

_YAML_CODES = {
    "syntax": "YML001",
    "complex-key": "YML001",
    "duplicate-key": "YML004",
    "alias": "YML005",
    "tag": "YML006",
    "too-large": "YML007",
    "encoding": "YML008",
    "multiple-documents": "YML009",
    "unreadable": "YML001",
    "bad-character": "YML010",
    "too-deep": "YML011",
    "not-a-file": "YML012",
}
# The loader's codes for the errors of the text and URL rules (values.types).
_RULE_CODES = {UNSAFE_TEXT: "SCH016", BAD_URL: "SCH017", BAD_EMAIL: "SCH018",
               PUBLIC_SUFFIX: "SCH019"}


@dataclass(frozen=True)
class Entry:
    """One channel as loaded: the model, where it came from, where its values stand."""

    channel: Channel
    path: str
    doc: YamlDocument


@dataclass
class Register:
    """Everything under channels/ that loaded cleanly enough to be checked."""

    organisation: Organisation | None = None
    organisation_path: str = ""
    organisation_doc: YamlDocument | None = None
    entries: list[Entry] = field(default_factory=list)
    failed_paths: list[str] = field(default_factory=list)


def relative(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` in POSIX form when it lies below it, else absolute."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def channel_files(channels_dir: Path) -> list[Path]:
    """The channel files below ``channels_dir``, in a stable order (not ``_``-prefixed files)."""
    return [Path(name) for name in walk_yaml_files(str(channels_dir))[0]]


def load_register(
    channels_dir: Path, *, base: Path, reporter: Reporter
) -> tuple[Register, list[Finding]]:
    """Read ``_organisation.yml`` and every channel file below ``channels_dir``."""
    register = Register()
    findings: list[Finding] = []
    channels_dir, base = channels_dir.resolve(), base.resolve()
    org_path = channels_dir / ORGANISATION_FILE
    register.organisation_path = relative(org_path, base)
    if not os.path.lexists(org_path):  # a link is reported by load_model, never followed
        findings.append(
            reporter.at(
                "SCH015",
                register.organisation_path,
                "the organisation file is missing",
                hint=f"create {register.organisation_path} with the city's imprint data and units",
            )
        )
    else:
        org, doc, problems = load_model(org_path, Organisation, base=base, reporter=reporter)
        register.organisation, register.organisation_doc = org, doc
        findings.extend(problems)
    # Both folders are resolved already: no resolve() (a system call per part) per file.
    prefix = os.path.join(base, "")
    names, walk_problems = walk_yaml_files(str(channels_dir))
    for problem in walk_problems:
        shown = problem.path.removeprefix(prefix).replace(os.sep, "/")
        code = "YML013" if problem.kind == "unreadable-folder" else "YML012"
        findings.append(reporter.at(code, shown, problem.message, hint=problem.hint))
    for name in names:
        shown = name.removeprefix(prefix).replace(os.sep, "/")
        channel, doc, problems = load_model(name, Channel, base=base, reporter=reporter,
                                            shown=shown)
        findings.extend(problems)
        if channel is None or doc is None:
            register.failed_paths.append(shown)
        else:
            register.entries.append(Entry(channel, shown, doc))
    return register, findings


def load_model(
    path: Path | str, model: type[M], *, base: Path, reporter: Reporter,
    shown: str | None = None,
) -> tuple[M | None, YamlDocument | None, list[Finding]]:
    """Read one file into ``model``; on any problem return None and the findings.

    ``shown`` is the path in messages (default: ``path`` relative to ``base``).
    """
    shown = shown or relative(Path(path), base)
    raw = read_file(str(path))
    if isinstance(raw, YamlProblem):
        return None, None, [_yaml_finding(raw, shown, reporter)]
    text = decode(raw)
    if isinstance(text, YamlProblem):
        return None, None, [_yaml_finding(text, shown, reporter)]
    doc = read_yaml(text)
    if isinstance(doc, YamlProblem):
        return None, None, [_yaml_finding(doc, shown, reporter)]
    if doc.data is None:
        return None, doc, [
            reporter.at("YML003", shown, "the file is empty",
                        hint="fill in the fields (see the field reference) or delete the file")
        ]
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        return None, doc, [
            reporter.at("YML002", shown, f"the file holds {kind}, not fields",
                        line=1, col=1, hint="write one 'field: value' per line")
        ]
    try:
        return model.model_validate(doc.data), doc, []
    except ValidationError as exc:
        return None, doc, list(_validation_findings(exc, model, shown, doc, reporter))


def _yaml_finding(problem: YamlProblem, path: str, reporter: Reporter) -> Finding:
    return reporter.at(
        _YAML_CODES[problem.kind],
        path,
        problem.message,
        line=problem.line,
        col=problem.col,
        field=".".join(str(p) for p in problem.loc) or None,
        hint=problem.hint,
    )


def _validation_findings(
    exc: ValidationError, model: type[BaseModel], path: str, doc: YamlDocument, rep: Reporter
) -> Iterable[Finding]:
    for error in exc.errors(include_url=False):
        loc: Loc = tuple(error["loc"])
        kind = error["type"]
        name = str(loc[-1]) if loc else ""
        if kind == "missing":
            yield rep.in_doc("SCH002", path, doc, loc[:-1], f"required field '{name}' is missing",
                             hint=f"add '{name}: …' (see the field reference)",
                             field=".".join(str(p) for p in loc))
        elif kind == "extra_forbidden":
            allowed = _allowed_fields(model, loc[:-1])
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = (f"did you mean '{close[0]}'?" if close
                    else f"remove it; allowed here: {', '.join(allowed)}")
            hint = RETIRED_FIELDS.get(name, hint)
            yield rep.in_doc("SCH001", path, doc, loc, f"unknown field '{name}'", hint=hint,
                             key=True)
        elif kind in _RULE_CODES:
            message, hint = _describe_rule(kind, error)
            yield rep.in_doc(_RULE_CODES[kind], path, doc, loc, message, hint=hint)
        else:
            message, hint = _describe(kind, error, name)
            yield rep.in_doc("SCH003", path, doc, loc, message, hint=hint)


def _describe_rule(kind: str, error: Any) -> tuple[str, str]:
    """German words for the text and URL rules' errors."""
    ctx = error.get("ctx", {})
    if kind == UNSAFE_TEXT:
        return (f"der Text enthält an Stelle {ctx['index'] + 1} das Zeichen {ctx['char']}",
                "das Zeichen löschen (es ist oft unsichtbar: den Text an dieser Stelle neu "
                "tippen); Zeilenumbrüche sind nur in description und reason erlaubt")
    if kind == BAD_URL:
        return (str(ctx["reason"]), str(ctx["hint"]))
    if kind == BAD_EMAIL:
        return ("der Kontakt ist keine einfache E-Mail-Adresse (keine Zusätze wie „?bcc=“, "
                "kein „mailto:“)", "nur die Adresse angeben, z. B. socialmedia@musterstadt.example")
    return (f"„{ctx['host']}“ ist eine öffentliche Endung, unter der jeder Domains anmelden kann",
            "die eigene Domain vollständig angeben, z. B. musterstadt.example")


def _describe(kind: str, error: Any, name: str) -> tuple[str, str]:
    """Editor-friendly words for pydantic's error types."""
    value = error.get("input")
    shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    if kind.startswith(("date_", "datetime_")):
        return (f"{shown} is not a date", "write dates as YYYY-MM-DD, e.g. 2026-03-02")
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return (f"{shown} is not allowed", f"use one of {expected}")
    if kind == "string_type":
        if isinstance(value, int | float | bool):
            return (f"{shown} must be text", "put the value in quotes, e.g. \"12345\"")
        return (f"{shown} must be text", "write a plain text value")
    if kind == "string_too_short":
        return ("the value is empty", "fill in the value or remove the field")
    if kind == "string_pattern_mismatch":
        return (f"{shown} has the wrong form", _pattern_hint(name))
    if kind == "list_type":
        return (f"{shown} must be a list", f"write a list, e.g. {name}: [a, b]")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (f"{shown} must be a group of fields", "indent the sub-fields below this key")
    return (str(error.get("msg", "invalid value")), "see the field reference for the form")


def _pattern_hint(name: str) -> str:
    if name in ("contact", "email"):
        return "write an e-mail address such as socialmedia@example.org"
    if name == "postcode":
        return "write the postcode as text, e.g. \"12345\""
    if name.isdigit():  # an item of languages or topics
        return "use lower-case ids: languages as ISO 639-1 codes (de, en), topics as listed"
    return "use lower-case letters, digits and '-', e.g. presseamt"


def _allowed_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed at ``loc`` (walking nested models and lists)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            return []
        current = nested_model(info.annotation)
        if current is None:
            return []
    return list(current.model_fields) if hasattr(current, "model_fields") else []
