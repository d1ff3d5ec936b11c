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
from ..yamlfile.reader import CODES as YAML_CODES
from ..yamlfile.reader import Loc, YamlDocument, YamlProblem, decode, read_yaml
from .models import RETIRED_FIELDS, Channel, KnownFakes, Organisation
from .schema import nested_model

ORGANISATION_FILE = "_organisation.yml"
FAKES_FILE = "_faelschungen.yml"

M = TypeVar("M", bound=BaseModel)

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
    # Accounts reported as impersonations (optional file); empty when absent or broken.
    fakes: KnownFakes = field(default_factory=KnownFakes)
    fakes_path: str = ""
    fakes_doc: YamlDocument | None = None


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
                params={"path": register.organisation_path},
            )
        )
    else:
        org, doc, problems = load_model(org_path, Organisation, base=base, reporter=reporter)
        register.organisation, register.organisation_doc = org, doc
        findings.extend(problems)
    fakes_path = channels_dir / FAKES_FILE
    register.fakes_path = relative(fakes_path, base)
    if fakes_path.is_file():
        fakes, fakes_doc, problems = load_model(fakes_path, KnownFakes, base=base,
                                                reporter=reporter)
        register.fakes_doc = fakes_doc
        register.fakes = fakes or KnownFakes()
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
            reporter.at("YML003", shown)
        ]
    if not isinstance(doc.data, dict):
        kind = "list" if isinstance(doc.data, list) else "value"
        return None, doc, [
            reporter.at("YML002", shown, line=1, col=1, variant=kind)
        ]
    try:
        return model.model_validate(doc.data), doc, []
    except ValidationError as exc:
        return None, doc, list(_validation_findings(exc, model, shown, doc, reporter))


def _yaml_finding(problem: YamlProblem, path: str, reporter: Reporter) -> Finding:
    return reporter.at(
        YAML_CODES[problem.kind],
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
            yield rep.in_doc("SCH002", path, doc, loc[:-1], params={"name": name},
                             field=".".join(str(p) for p in loc))
        elif kind == "extra_forbidden":
            allowed = _allowed_fields(model, loc[:-1])
            close = difflib.get_close_matches(name, allowed, n=1)
            yield rep.in_doc("SCH001", path, doc, loc, key=True,
                             variant="close" if close else "other",
                             hint=RETIRED_FIELDS.get(name),
                             params={"name": name, "close": close[0] if close else "",
                                     "allowed": ", ".join(allowed)})
        elif kind in _RULE_CODES:
            ctx = error.get("ctx", {})
            yield rep.in_doc(_RULE_CODES[kind], path, doc, loc, params={
                "index": ctx.get("index", 0) + 1, "char": ctx.get("char", ""),
                "reason": ctx.get("reason", ""), "rule_hint": ctx.get("hint", ""),
                "host": ctx.get("host", "")})
        else:
            variant, params = _describe(kind, error, name)
            yield rep.in_doc("SCH003", path, doc, loc, variant=variant, params=params)


def _describe(kind: str, error: Any, name: str) -> tuple[str, dict[str, object]]:
    """The catalogue variant of SCH003 for pydantic's error type, and its parameters."""
    value = error.get("input")
    shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    params: dict[str, object] = {"value": shown, "name": name}
    if kind.startswith(("date_", "datetime_")):
        return "date", params
    if kind == "enum":
        return "enum", {**params, "expected": error.get("ctx", {}).get("expected", "")}
    if kind == "string_type":
        return ("quote" if isinstance(value, int | float | bool) else "text"), params
    if kind == "string_too_short":
        return "empty", params
    if kind == "string_pattern_mismatch":
        return _pattern_variant(name), params
    if kind == "list_type":
        return "list", params
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "group", params
    return "other", {**params, "detail": str(error.get("msg", ""))}


def _pattern_variant(name: str) -> str:
    if name in ("contact", "email"):
        return "form_email"
    if name == "did":
        return "form_did"
    if name == "wikidata":
        return "form_wikidata"
    if name == "postcode":
        return "form_postcode"
    if name.isdigit():  # an item of languages or topics
        return "form_id"
    return "form_slug"


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
