"""The language of what editors read: finding messages, hints, summary lines, CLI verdicts.

Editors are German public-sector staff, so German is the default; English on request with
``--lang en`` or the environment variable ``KANALREGISTER_LANG=en``. Each language has one
catalogue, ``data/messages/<lang>.yml``: message ids (``IMP010.message``, ``cli.summary``) map
to ``str.format`` templates with named placeholders. Codes, field names and command names are
the same in every language.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

LANG_ENV = "KANALREGISTER_LANG"
LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"

_chosen: str | None = None


class UnknownLanguage(ValueError):
    """A language was asked for that has no catalogue."""


def set_language(lang: str | None) -> None:
    """Choose the language of this process; None goes back to the environment's or German."""
    global _chosen
    if lang is not None and lang not in LANGUAGES:
        raise UnknownLanguage(f"unknown language {lang!r}; use one of: {', '.join(LANGUAGES)}")
    _chosen = lang


def language() -> str:
    """The language in use: the one chosen, else ``KANALREGISTER_LANG``, else German."""
    if _chosen is not None:
        return _chosen
    env = os.environ.get(LANG_ENV, "").strip().lower()[:2]
    return env if env in LANGUAGES else DEFAULT_LANGUAGE


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every message id of ``lang`` with its template, nested keys joined by dots."""
    import yaml  # here, so that "kanalregister --help" does not load PyYAML

    if lang not in LANGUAGES:
        raise UnknownLanguage(f"unknown language {lang!r}")
    text = resources.files("kanalregister").joinpath(f"data/messages/{lang}.yml").read_text(
        "utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    flat: dict[str, str] = {}
    _flatten(raw or {}, "", flat)
    return flat


def _flatten(node: Mapping[str, Any], prefix: str, into: dict[str, str]) -> None:
    for key, value in node.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            _flatten(value, name + ".", into)
        else:
            into[name] = str(value)


def has(msgid: str, lang: str | None = None) -> bool:
    """Whether ``msgid`` is in the catalogue of ``lang`` (default: the language in use)."""
    return msgid in catalogue(lang or language())


def tr(msgid: str, params: Mapping[str, object] | None = None, *, lang: str | None = None
       ) -> str:
    """The message ``msgid`` in ``lang`` (default: the language in use), filled with
    ``params``. A missing id is a programming error, caught by the catalogue tests."""
    template = catalogue(lang or language())[msgid]
    return template.format_map(params or {})


def placeholders(template: str) -> set[str]:
    """The named placeholders of a ``str.format`` template."""
    return {name.split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(template) if name}
