"""URLs of generated pages, and which outside URLs may become links."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # the type only: the CLI reads SCHEMA_FILE without loading the register
    from .register.catalog import Listed

CHANNELS_DIR = "kanaele"
# The JSON schema of channel files: the project's copy and the site's (both at the root).
SCHEMA_FILE = "kanalregister.schema.json"


def channel_page(item: Listed) -> str:
    """The source URI of a channel's page."""
    return f"{CHANNELS_DIR}/{item.slug}.md"


def unit_page(unit_id: str) -> str:
    """The source URI of a unit's page."""
    return f"organisation/{unit_id}.md"


def platform_page(platform_id: str) -> str:
    """The source URI of a platform's page."""
    return f"plattformen/{platform_id}.md"


def page_url(src_uri: str, *, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives ``src_uri`` (``kanaele/x.md`` → ``kanaele/x/``)."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/" if directory_urls else stem + ".html"


def relative_url(from_src: str, to_url: str, *, directory_urls: bool = True) -> str:
    """A relative link from the page ``from_src`` to the site-relative URL ``to_url``."""
    here = page_url(from_src, directory_urls=directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    target, _, anchor = to_url.partition("#")
    rel = _relpath(target, base) if target else ""
    if target.endswith("/") and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return rel + (f"#{anchor}" if anchor else "")


def _relpath(target: str, base: str) -> str:
    # A page links thousands of pages in a few folders (the overview: kanaele/<slug>/), so the
    # way to the folder is computed once per folder pair.
    path = target.rstrip("/")
    parent, _, name = path.rpartition("/")
    if not name or name in (".", "..") or (base + "/").startswith(path + "/"):
        return posixpath.relpath("/" + target, "/" + base)  # the page's own folder or above
    up = _relative_folder(parent, base)
    return name if up == "." else f"{up}/{name}"


@lru_cache(maxsize=1024)
def _relative_folder(folder: str, base: str) -> str:
    return posixpath.relpath("/" + folder, "/" + base)


def safe_href(url: str | None, *, allow_mailto: bool = False) -> str | None:
    """``url`` if it may be linked (https, or mailto for contacts), else None."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    if scheme == "https" or (allow_mailto and scheme == "mailto"):
        return url.strip()
    return None
