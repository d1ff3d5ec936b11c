"""Which external URLs the link check looks at, and where each one is used.

- ``profiles``: the profile URL of every channel the city runs (archived and planned
  channels are left out: their profiles are expected to be gone or not yet there);
- ``legal``: the imprint and privacy URLs those channels link;
- ``docs``: the https links in the hand-written Markdown under docs/ (code is skipped:
  URLs in code blocks and code spans are examples for editors, not links).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..register.catalog import Catalog
from ..register.loader import relative
from ..register.platforms import PlatformRegistry, normalise_host
from .model import KINDS, LinkTarget

_URL = re.compile(r"https://[^\s<>()\[\]{}\"'`|\\]+")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+).*?\1")
_TRAILING = ".,;:!?*_"


@dataclass
class _Found:
    kinds: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def _channel_urls(catalog: Catalog) -> Iterator[tuple[str, str, str]]:
    """(kind, url, source) for every running channel's profile, imprint and privacy URL."""
    for item in catalog.listed:
        channel = item.channel
        if not channel.status.is_running:
            continue
        yield "profiles", str(channel.url), f"{item.path} (url)"
        if channel.imprint and channel.imprint.url:
            yield "legal", str(channel.imprint.url), f"{item.path} (imprint.url)"
        if channel.privacy:
            yield "legal", str(channel.privacy), f"{item.path} (privacy)"


def markdown_urls(text: str) -> Iterator[tuple[int, str]]:
    """(line number, URL) for each https URL in ``text`` outside code blocks and spans."""
    in_fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        fence = _FENCE.match(line)
        if fence:
            marker = fence.group(1)
            in_fence = None if in_fence == marker else in_fence or marker
            continue
        if in_fence:
            continue
        for match in _URL.finditer(_CODE_SPAN.sub("", line)):
            yield number, match.group(0).rstrip(_TRAILING)


def _docs_urls(docs_dir: Path, base: Path) -> Iterator[tuple[str, str, str]]:
    for path in sorted(docs_dir.rglob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # `kanalregister check` reports unreadable Markdown
        for line, url in markdown_urls(text):
            yield "docs", url, f"{relative(path, base)}:{line}"


def _platform_of(url: str, platforms: PlatformRegistry) -> str | None:
    """The platform whose host serves ``url``; None for the organisation's own websites,
    which owe their visitors an answer (a 403 there is broken, not a robot wall)."""
    platform_id = platforms.host_index.get(normalise_host(urlsplit(url).hostname or ""))
    platform = platforms.get(platform_id) if platform_id else None
    return platform_id if platform and not platform.organisation_hosts else None


def collect(catalog: Catalog, *, docs_dir: Path | None, base: Path,
            only: Iterable[str] = KINDS) -> list[LinkTarget]:
    """The URLs to check, each once, with every place that uses it, in order of appearance."""
    wanted = set(only)
    found: dict[str, _Found] = {}
    # Profiles on servers of no fixed host (Mastodon) know their platform from the channel.
    profile_platforms = {str(item.channel.url): item.channel.platform for item in catalog.listed
                         if item.channel.platform in catalog.platforms
                         and not catalog.platforms[item.channel.platform].organisation_hosts}
    sources = [_channel_urls(catalog)]
    if docs_dir is not None and docs_dir.is_dir():
        sources.append(_docs_urls(docs_dir, base))
    for source in sources:
        for kind, url, where in source:
            if kind not in wanted:
                continue
            entry = found.setdefault(url, _Found())
            if kind not in entry.kinds:
                entry.kinds.append(kind)
            entry.sources.append(where)
    return [LinkTarget(url, tuple(f.kinds), tuple(f.sources),
                       platform=_platform_of(url, catalog.platforms)
                       or (profile_platforms.get(url) if "profiles" in f.kinds else None))
            for url, f in found.items()]
