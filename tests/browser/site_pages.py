"""Every page of a built site, for the gates that check pages rather than page types.

Hand-written pages and the register's own pages (overview, archive, platforms, units, verify,
report, imprint) are all taken. Channel pages are generated from one template, so a sample
covers them: one per platform and one per status, chosen from the site's ``kanaele.json`` so
that the sample follows the demo data.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit


def _url_of(page: Path, site: Path) -> str:
    """``site/a/b/index.html`` → ``a/b/``; ``site/404.html`` → ``404.html``."""
    relative = page.relative_to(site).as_posix()
    return relative.removesuffix("index.html")


def channel_urls(site: Path) -> set[str]:
    """Site-relative URLs of every channel page, from the site's ``kanaele.json``."""
    data = json.loads((site / "kanaele.json").read_text(encoding="utf-8"))
    return {"kanaele/" + urlsplit(c["page"]).path.split("/kanaele/", 1)[1]
            for c in data["channels"]}


def channel_sample(site: Path) -> list[str]:
    """One channel page per platform and per status (the first in the export's order)."""
    data = json.loads((site / "kanaele.json").read_text(encoding="utf-8"))
    seen: set[tuple[str, str]] = set()
    sample: list[str] = []
    for channel in data["channels"]:
        for key in (("platform", channel["platform"]), ("status", channel["status"])):
            if key not in seen:
                seen.add(key)
                url = "kanaele/" + urlsplit(channel["page"]).path.split("/kanaele/", 1)[1]
                if url not in sample:
                    sample.append(url)
    return sample


def all_pages(site: Path) -> list[str]:
    """Every HTML page of ``site`` except channel pages, plus the channel sample; sorted."""
    channels = channel_urls(site)
    pages = {_url_of(p, site) for p in site.rglob("*.html")}
    return sorted((pages - channels) | set(channel_sample(site)))
