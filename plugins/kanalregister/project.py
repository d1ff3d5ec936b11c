"""Find a project's settings from its mkdocs.yml without running MkDocs (for the CLI)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .settings import Settings


class ProjectError(Exception):
    """mkdocs.yml cannot be read or its plugin options are wrong."""


class _LenientLoader(yaml.SafeLoader):  # type: ignore[misc]
    """Reads mkdocs.yml but leaves ``!!python/name:`` and ``!ENV`` values out."""


def _ignore(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore)
_LenientLoader.add_multi_constructor("!", _ignore)


@dataclass(frozen=True)
class SiteOptions:
    """The parts of mkdocs.yml that decide how the register's pages are rendered."""

    custom_dir: Path | None
    directory_urls: bool


def _read_config(root: Path) -> dict[str, Any]:
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return {}
    try:
        return yaml.load(config_file.read_text("utf-8"), Loader=_LenientLoader) or {}
    except yaml.YAMLError as exc:
        raise ProjectError(f"{config_file}: cannot read: {exc}") from exc


def site_options(root: Path) -> SiteOptions:
    """The theme's custom_dir (absolute) and use_directory_urls of the project at ``root``."""
    config = _read_config(root)
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return SiteOptions(custom_dir=root / str(custom) if custom else None,
                       directory_urls=bool(config.get("use_directory_urls", True)))


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The options of the kanalregister plugin in a loaded mkdocs.yml (empty if not listed)."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "kanalregister" in entry:
            return dict(entry["kanalregister"] or {})
        if entry == "kanalregister":
            return {}
    return {}


def load_settings(
    root: Path, *, channels: Path | None = None, today: date | None = None
) -> Settings:
    """Settings for the project at ``root`` (mkdocs.yml if present), or for ``channels``."""
    config_file = root / "mkdocs.yml"
    config = _read_config(root)
    options = plugin_options(config)
    today_text = options.get("today")
    try:
        if today is None and today_text:
            today = date.fromisoformat(str(today_text))
    except ValueError as exc:
        raise ProjectError(f"{config_file}: plugin option 'today' must be YYYY-MM-DD") from exc
    docs = root / str(config.get("docs_dir", "docs"))
    return Settings(
        base_dir=root,
        channels_dir=channels or root / str(options.get("channels_dir", "channels")),
        docs_dir=docs if docs.is_dir() else None,
        site_url=config.get("site_url"),
        platforms=dict(options.get("platforms") or {}),
        severities=dict(options.get("severities") or {}),
        review_warn_months=int(options.get("review_warn_months", 12)),
        review_fail_months=int(options.get("review_fail_months", 24)),
        report_problem=options.get("report_problem"),
        show_reviews=bool(options.get("show_reviews", True)),
        privacy_pattern=str(options.get("privacy_pattern", Settings.privacy_pattern)),
        today=today or date.today(),
    )
