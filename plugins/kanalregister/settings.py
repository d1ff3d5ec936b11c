"""Settings of a register run, independent of MkDocs (the plugin and the CLI fill them in)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from .values.text import describe, escape_controls, unsafe_character
from .values.weburl import link_target

# Overrides the reference date of a run (tests, reproducible builds); YYYY-MM-DD.
TODAY_ENV = "KANALREGISTER_TODAY"
DEFAULT_CHANNELS_DIR = "channels"


@dataclass(frozen=True)
class Settings:
    """Where the register lives and how strictly it is checked."""

    base_dir: Path
    channels_dir: Path
    docs_dir: Path | None = None
    site_url: str | None = None
    platforms: dict[str, Any] = field(default_factory=dict)
    severities: dict[str, str] = field(default_factory=dict)
    review_warn_months: int = 12
    review_fail_months: int = 24
    report_problem: str | None = None
    today: date = field(default_factory=date.today)
    show_reviews: bool = True
    privacy_pattern: str = "{website}/datenschutz/{platform}/"


class SettingsError(ValueError):
    """A plugin option (or the reference date) has a value that cannot be used."""


def parse_today(text: object, *, source: str = "today") -> date | None:
    """The reference date written as YYYY-MM-DD, or None when ``text`` is empty."""
    if text is None or text == "":
        return None
    if isinstance(text, date):
        return text
    try:
        return date.fromisoformat(str(text))
    except ValueError as exc:
        raise SettingsError(f"{source} must be YYYY-MM-DD, not {str(text)!r}") from exc


# The plugin options that are settings, each converted as mkdocs.yml may write it.
_CONVERT: dict[str, Any] = {
    "platforms": dict, "severities": dict, "review_warn_months": int,
    "review_fail_months": int, "report_problem": str, "show_reviews": bool,
    "privacy_pattern": str,
}
assert set(_CONVERT) <= {f.name for f in fields(Settings)}


def check_config_text(path: Path) -> None:
    """Raise SettingsError at ``path:line:col`` if mkdocs.yml contains a control or format
    character anywhere (the text rule; line breaks and tabs are fine in the file itself)."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return  # MkDocs (or the CLI's reader) reports an unreadable file itself
    for number, line in enumerate(text.split("\n"), start=1):
        found = unsafe_character(line.removesuffix("\r"), multiline=True)
        if found is not None:
            raise SettingsError(
                f"{path.name}:{number}:{found[0] + 1}: die Datei enthält das Zeichen "
                f"{describe(found[1])}; es ist unsichtbar oder verändert die Anzeige – "
                "löschen und die Stelle neu tippen")


def check_option_text(options: Mapping[str, Any], prefix: str = "") -> None:
    """Raise SettingsError if any text among the plugin options (keys and values, nested)
    contains a control or format character (the text rule of values.text)."""
    items: list[tuple[str, Any]] = list(options.items())
    while items:
        name, value = items.pop()
        texts = [name, value] if isinstance(value, str) else [name]
        for text in texts:
            found = unsafe_character(str(text))
            if found is not None:
                raise SettingsError(
                    f"plugin option {escape_controls(prefix + str(name))!r}: der Text enthält "
                    f"an Stelle {found[0] + 1} das Zeichen {describe(found[1])}")
        if isinstance(value, Mapping):
            items.extend((f"{name}.{key}", item) for key, item in value.items())
        elif isinstance(value, list | tuple):
            items.extend((f"{name}.{index}", item) for index, item in enumerate(value))


def from_options(
    options: Mapping[str, Any],
    *,
    base_dir: Path,
    docs_dir: Path | None = None,
    site_url: str | None = None,
    channels: Path | None = None,
    today: date | None = None,
) -> Settings:
    """Settings from the plugin's options in mkdocs.yml, for the plugin and the CLI alike.

    Options left out (or None) take the defaults of ``Settings``. The reference date is the
    first given of: ``today`` (the CLI's --today), the environment variable
    ``KANALREGISTER_TODAY``, the option ``today``, the current date.
    """
    check_option_text(options)
    given = {key: convert(options[key]) for key, convert in _CONVERT.items()
             if options.get(key) is not None}
    if given.get("report_problem") is not None and link_target(given["report_problem"]) is None:
        raise SettingsError(
            f"plugin option 'report_problem': {given['report_problem']!r} ist weder eine "
            "https-Adresse noch eine E-Mail-Adresse als „mailto:adresse“ (höchstens mit "
            "„?subject=…“); javascript:, data: und weitere Kopfzeilen wie „bcc“ sind nicht "
            "erlaubt")
    day = (today or parse_today(os.environ.get(TODAY_ENV), source=TODAY_ENV)
           or parse_today(options.get("today"), source="plugin option 'today'") or date.today())
    folder = options.get("channels_dir") or DEFAULT_CHANNELS_DIR
    return Settings(
        base_dir=base_dir,
        channels_dir=channels or (base_dir / str(folder)).resolve(),
        docs_dir=docs_dir,
        site_url=site_url,
        today=day,
        **given,
    )
