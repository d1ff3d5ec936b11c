"""Checks over the built HTML: every page links the imprint and the privacy notice."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..catalogue import Reporter
from ..findings import Finding

_HREF = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"", re.IGNORECASE)


def _page_url(site_dir: Path, html: Path) -> str:
    rel = html.relative_to(site_dir).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def legal_links(
    site_dir: Path,
    *,
    imprint_path: str = "/impressum/",
    privacy_path: str = "/datenschutz/",
    base_path: str = "/",
    reporter: Reporter,
) -> list[Finding]:
    """Report every built page that does not link both legal pages directly."""
    targets = {base_path.rstrip("/") + imprint_path, base_path.rstrip("/") + privacy_path}
    findings: list[Finding] = []
    for html in sorted(site_dir.rglob("*.html")):
        if html.name == "404.html":
            continue  # served for every missing URL; links there are relative to another page
        url = base_path.rstrip("/") + _page_url(site_dir, html)
        text = html.read_text("utf-8", errors="replace")
        linked = {urlsplit(urljoin(url, href)).path for href in _HREF.findall(text)}
        missing = sorted(t for t in targets if t not in linked)
        if missing:
            findings.append(reporter.at(
                "IMP020", html.relative_to(site_dir).as_posix(),
                f"the page does not link {' and '.join(missing)}",
                hint="use the footer of overrides/ (partials/footer.html), which links both",
            ))
    return findings
