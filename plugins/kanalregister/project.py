"""Find a project's settings from its mkdocs.yml without running MkDocs (for the CLI)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .settings import Settings, SettingsError, check_config_text, from_options


class ProjectError(Exception):
    """mkdocs.yml cannot be read or its plugin options are wrong."""


class _LenientLoader(yaml.SafeLoader):  # type: ignore[misc]
    """Reads mkdocs.yml but leaves ``!!python/name:`` and ``!ENV`` values out."""


def _ignore(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore)
_LenientLoader.add_multi_constructor("!", _ignore)


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
    config: dict[str, Any] = {}
    if config_file.is_file():
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
    docs = root / str(config.get("docs_dir", "docs"))
    try:
        return from_options(plugin_options(config), base_dir=root, channels=channels,
                            docs_dir=docs if docs.is_dir() else None,
                            site_url=config.get("site_url"), today=today)
    except SettingsError as exc:
        raise ProjectError(f"{config_file}: {exc}") from exc
