"""The catalogue of finding codes, and a factory that turns a code into a Finding."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from .findings import Finding, Severity
from .i18n import tr
from .yamlfile.reader import Loc, YamlDocument


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What a code means, for the reference page and the default severity."""

    code: str
    severity: Severity
    group: str
    title: str
    reason: str
    fix: str


@cache
def catalogue() -> dict[str, CodeInfo]:
    """Every code the loader and the checks can emit, read from the shipped data file."""
    text = resources.files("kanalregister").joinpath("data/checks.yml").read_text("utf-8")
    # libyaml's loader where PyYAML has it: the pure-Python one takes a tenth of a second here.
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {
        code: CodeInfo(
            code=code,
            severity=Severity(entry["severity"]),
            group=entry["group"],
            title=entry["title"],
            reason=entry["reason"],
            fix=entry["fix"],
        )
        for code, entry in raw.items()
    }


class UnknownCode(ValueError):
    """A severity override names a code that does not exist."""


class Reporter:
    """Makes findings with the severity configured for their code."""

    def __init__(self, severities: Mapping[str, str | Severity] | None = None) -> None:
        known = catalogue()
        self.severities = {code: info.severity for code, info in known.items()}
        for code, value in (severities or {}).items():
            if code not in known:
                raise UnknownCode(f"unknown check code '{code}' in the severity settings")
            self.severities[code] = Severity(value)

    def at(
        self,
        code: str,
        path: str,
        message: str | None = None,
        *,
        line: int | None = None,
        col: int | None = None,
        field: str | None = None,
        hint: str | None = None,
        variant: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> Finding:
        """A finding at an explicit position.

        The message and the hint (how to fix it) come from the language catalogue, entry
        ``CODE`` or ``CODE.variant``, filled with ``params``; an explicit ``message``/``hint``
        is taken as it is.
        """
        msgid = f"{code}.{variant}" if variant else code
        values = params or {}
        return Finding(
            path=path,
            line=line,
            col=col,
            field=field,
            code=code,
            severity=self.severities[code],
            message=message if message is not None else tr(f"{msgid}.message", values),
            hint=hint if hint is not None else tr(f"{msgid}.hint", values),
        )

    def in_doc(
        self,
        code: str,
        path: str,
        doc: YamlDocument | None,
        loc: Loc,
        message: str | None = None,
        *,
        hint: str | None = None,
        key: bool = False,
        field: str | None = None,
        variant: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> Finding:
        """A finding at the value (or key) ``loc`` of a YAML document.

        ``field`` names the field when it differs from ``loc`` (a missing field is reported
        at its parent's position).
        """
        line, col = doc.position(loc, key=key) if doc is not None else (None, None)
        field = field or ".".join(str(part) for part in loc) or None
        return self.at(code, path, message, line=line, col=col, field=field, hint=hint,
                       variant=variant, params=params)
