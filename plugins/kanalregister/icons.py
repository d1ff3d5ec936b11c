"""Inline SVG icons from Material for MkDocs' bundled icon sets (no CDN, no web font)."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def _icon_root() -> Path | None:
    try:
        import material
    except ImportError:
        return None
    return Path(material.__file__).parent / "templates" / ".icons"


@cache
def material_icon(name: str) -> str | None:
    """The SVG markup of ``name`` (e.g. ``fontawesome/brands/instagram``), or None."""
    root = _icon_root()
    if root is None or ".." in name:
        return None
    path = root / f"{name}.svg"
    return path.read_text("utf-8") if path.is_file() else None
