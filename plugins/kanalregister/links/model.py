"""What the link check works with: the URLs it checks and its verdicts."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum

# What the check can be limited to: channel profiles, imprint/privacy URLs, links in docs/,
# and the live status of Mastodon and Bluesky accounts (links/live.py).
KINDS = ("profiles", "legal", "docs", "live")


class LinkStatus(StrEnum):
    """What a check found out about one URL."""

    OK = "ok"
    REDIRECTED = "redirected"      # permanently moved: update the URL
    BROKEN = "broken"              # a visitor would not get there either
    UNVERIFIABLE = "unverifiable"  # the platform does not tell robots


@dataclass(frozen=True)
class LinkTarget:
    """An external URL and where the project uses it."""

    url: str
    kinds: tuple[str, ...]          # profiles, legal, docs
    sources: tuple[str, ...]        # channels/…yml (field), docs/…md:line
    platform: str | None = None     # platform id when the URL is on a platform's host


@dataclass(frozen=True)
class LinkResult:
    """The verdict for one URL, with what led to it."""

    url: str
    status: LinkStatus
    reason: str
    http_status: int | None = None
    final_url: str | None = None
    attempts: int = 0
    checked_at: float = field(default_factory=time.time)
    cached: bool = False
