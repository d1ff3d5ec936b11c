"""Inline SVG icons from Material for MkDocs' bundled icon sets (no CDN, no web font).

A page that shows an icon many times (the overview: one per channel) carries each icon once,
as a ``<symbol>`` in a hidden sprite, and refers to it with ``<use href="#…">``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_SVG = re.compile(r"\s*<svg\b([^>]*)>(.*)</svg>\s*", re.DOTALL)
_VIEWBOX = re.compile(r'\bviewBox="([^"<>]*)"')
_NOT_ID = re.compile(r"[^a-z0-9]+")


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


def symbol_id(name: str) -> str:
    """The element id of icon ``name`` in a page's sprite."""
    return "kr-icon-" + _NOT_ID.sub("-", name.lower()).strip("-")


def svg_symbol(svg: str, ident: str) -> str | None:
    """``svg`` as a ``<symbol>`` with id ``ident``, or None if it has no viewBox to keep."""
    match = _SVG.fullmatch(svg)
    viewbox = _VIEWBOX.search(match.group(1)) if match else None
    if match is None or viewbox is None:
        return None
    return f'<symbol id="{ident}" viewBox="{viewbox.group(1)}">{match.group(2)}</symbol>'


def sprite(symbols: list[str]) -> str:
    """A hidden block holding ``symbols``, for the end of a page (Markdown leaves it alone)."""
    if not symbols:
        return ""
    return ('\n<div class="kr-sprite" hidden>\n<svg xmlns="http://www.w3.org/2000/svg" '
            f'aria-hidden="true" focusable="false">{"".join(symbols)}</svg>\n</div>\n')
