"""URLs of generated pages, and which outside URLs may become links: the site's URL scheme."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from typing import TYPE_CHECKING

from .values.weburl import link_target

if TYPE_CHECKING:  # the type only: the CLI reads SCHEMA_FILE without loading the register
    from .register.catalog import Listed

CHANNELS_DIR = "kanaele"
SCHEMA_FILE = "kanalregister.schema.json"

# The hand-written start page, which carries the organisation's structured data.
START_PAGE = "index.md"

# Generated pages (source URIs).
OVERVIEW_PAGE = f"{CHANNELS_DIR}/index.md"
ARCHIVE_PAGE = f"{CHANNELS_DIR}/archiv.md"
FAKES_PAGE = f"{CHANNELS_DIR}/archiv/faelschungen.md"
PLATFORMS_PAGE = "plattformen/index.md"
UNITS_PAGE = "organisation/index.md"
CHECKS_PAGE = "mitmachen/pruefungen.md"
FIELDS_PAGE = "mitmachen/felder.md"
VERIFY_PAGE = "pruefen.md"
REPORT_PAGE = "bericht.md"

# Exports and assets (site paths).
ASSET_DIR = "assets/kanalregister"
VERIFY_INDEX = f"{ASSET_DIR}/index.json"
REGISTER_JSON = "kanaele.json"
REGISTER_CSV = "kanaele.csv"
# The JSON schema of kanaele.json (the open-data format; SCHEMA_FILE is that of channel files).
EXPORT_SCHEMA = "kanaele.schema.json"
FEED_PATH = "feed.xml"
ATPROTO_DID = ".well-known/atproto-did"

# The legal pages every page links (the imprint generated, the privacy notice hand-written).
IMPRINT_PATH = "/impressum/"
PRIVACY_PATH = "/datenschutz/"


def channel_page(item: Listed) -> str:
    """The source URI of a channel's page."""
    return f"{CHANNELS_DIR}/{item.slug}.md"


def unit_page(unit_id: str) -> str:
    """The source URI of a unit's page."""
    return f"organisation/{unit_id}.md"


def platform_page(platform_id: str) -> str:
    """The source URI of a platform's page."""
    return f"plattformen/{platform_id}.md"


def imprint_page(unit_id: str | None = None) -> str:
    """The source URI of the imprint, or of a unit's own imprint (a legal person)."""
    folder = IMPRINT_PATH.strip("/")
    return f"{folder}/{unit_id}.md" if unit_id else f"{folder}/index.md"


def platform_profile(platform_id: str) -> str:
    """The source URI of the toolbox's hand-written guidance for a platform (in docs/)."""
    return f"toolbox/plattformen/{platform_id}.md"


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
    """``url`` if it may be linked (https under the URL rule, or for a contact a mailto:
    link rebuilt by the code), else None."""
    if not url:
        return None
    if url.strip()[:7].lower() == "mailto:" and not allow_mailto:
        return None
    return link_target(url)
