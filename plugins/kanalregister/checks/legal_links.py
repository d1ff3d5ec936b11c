"""Checks over the built HTML: every page links the imprint and the privacy notice."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..finding_codes import Reporter
from ..findings import Finding

# Bytes, not text: decoding every built page (tens of megabytes) cost more than the search.
_HREF = re.compile(rb"<a\b[^>]*?\bhref=\"([^\"]*)\"", re.IGNORECASE)


def _page_url(site_dir: Path, html: Path) -> str:
    rel = html.relative_to(site_dir).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def _reaching(names: set[str]) -> re.Pattern[bytes]:
    """Links that name one of the target folders, or a folder only by its position ("./",
    "../", "#top" on the page itself): only these can reach a target."""
    named = b"|".join(re.escape(name.encode("utf-8")) for name in sorted(names))
    return re.compile(named + rb"|^[./]*(?:[#?]|$)")


def legal_links(
    site_dir: Path,
    *,
    imprint_path: str,
    privacy_path: str,
    base_path: str = "/",
    reporter: Reporter,
) -> list[Finding]:
    """Report every built page that does not link both legal pages directly."""
    targets = {base_path.rstrip("/") + imprint_path, base_path.rstrip("/") + privacy_path}
    # Only links that name a target's last segment can reach it; resolving every link of every
    # page (urljoin) would be most of this check's time on a large site.
    may_reach = _reaching({target.rstrip("/").rsplit("/", 1)[-1] for target in targets}).search
    findings: list[Finding] = []
    for html in sorted(site_dir.rglob("*.html")):
        if html.name == "404.html":
            continue  # served for every missing URL; links there are relative to another page
        url = base_path.rstrip("/") + _page_url(site_dir, html)
        unlinked = set(targets)
        for href in _HREF.findall(html.read_bytes()):
            if may_reach(href):
                unlinked.discard(urlsplit(urljoin(url, href.decode("utf-8", "replace"))).path)
                if not unlinked:
                    break  # the navigation usually links both early on
        missing = sorted(unlinked)
        if missing:
            findings.append(reporter.at(
                "IMP020", html.relative_to(site_dir).as_posix(),
                params={"missing": " + ".join(missing)},
            ))
    return findings
