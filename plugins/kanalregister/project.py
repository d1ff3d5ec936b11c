"""Find a project's settings from its mkdocs.yml without running MkDocs (for the CLI)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .settings import Settings, SettingsError, check_config_text, from_options

if TYPE_CHECKING:
    from .pipeline import Outcome
    from .site.builder import SiteBuilder


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
    """mkdocs.yml at ``root`` as a mapping (empty if absent); a clean ProjectError otherwise."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return {}
    try:
        check_config_text(config_file)
        config = yaml.load(config_file.read_text("utf-8"), Loader=_LenientLoader) or {}
    except SettingsError as exc:
        raise ProjectError(f"{config_file.parent}{os.sep}{exc}") from exc
    # Safe YAML's constructors fail with plain exceptions on values like !!timestamp foo.
    except (yaml.YAMLError, UnicodeDecodeError, ValueError, TypeError, AttributeError,
            KeyError, IndexError, RecursionError) as exc:
        raise ProjectError(f"{config_file}: cannot read: {exc.__class__.__name__}: "
                           f"{exc}") from exc
    if not isinstance(config, dict):
        raise ProjectError(f"{config_file}: the file holds no settings (no mapping)")
    return config


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
    docs = root / str(config.get("docs_dir", "docs"))
    try:
        return from_options(plugin_options(config), base_dir=root, channels=channels,
                            docs_dir=docs if docs.is_dir() else None,
                            site_url=config.get("site_url"), today=today)
    except SettingsError as exc:
        raise ProjectError(f"{config_file}: {exc}") from exc


def site_builder(root: Path, settings: Settings, outcome: Outcome, *,
                 history: bool = True) -> SiteBuilder:
    """The SiteBuilder the plugin would use for the project at ``root``, set up from its
    mkdocs.yml (``history``: read the channel files' Git history for the channel pages)."""
    from .register.history import HistoryUnavailable, read_histories
    from .site.builder import SiteBuilder
    from .site.icons import material_icon
    from .site.render import Renderer

    options = site_options(root)
    overrides = [options.custom_dir / "kanalregister"] if options.custom_dir else []
    renderer = Renderer(override_dirs=overrides, icon=material_icon,
                        directory_urls=options.directory_urls,
                        globals={"report_problem": settings.report_problem})
    docs_dir = settings.docs_dir
    docs = ({p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")}
            if docs_dir else set())
    histories = None
    if history:
        try:
            histories = read_histories(settings.channels_dir, base=settings.base_dir)
        except HistoryUnavailable:
            histories = None
    return SiteBuilder(outcome, settings, renderer, docs=docs, histories=histories)
