"""One representative URL per page type of the built demo, for the quality gates.

Channel pages are picked from the site's own ``kanaele.json``, so the gates follow the demo
content instead of hard-coding a slug that an editor may rename.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

VIEWPORTS: dict[str, dict[str, int]] = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 390, "height": 844},
}

# Page types whose address does not depend on the demo data (site-relative, no leading slash).
FIXED: dict[str, str] = {
    "start": "",
    "overview": "kanaele/",
    "overview-filtered": "kanaele/?plattform=instagram",
    "archive": "kanaele/archiv/",
    "fakes": "kanaele/archiv/faelschungen/",
    "platform": "plattformen/instagram/",
    "unit": "organisation/presseamt/",
    "verify": "pruefen/",
    "report": "bericht/",
    "guideline": "leitlinien/dienstlich/",
    "guideline-diagram": "toolbox/freigabe/",
    "imprint": "impressum/",
}


def _site_path(page_url: str) -> str:
    """``https://host/base/kanaele/x/`` → ``kanaele/x/`` (the register exports absolute URLs)."""
    return "kanaele/" + urlsplit(page_url).path.split("/kanaele/", 1)[1]


def page_types(site: Path) -> dict[str, str]:
    """Every page type of the built ``site``: name → site-relative URL."""
    data = json.loads((site / "kanaele.json").read_text(encoding="utf-8"))
    channels = data["channels"]
    active = next(c for c in channels if c["status"] == "active")
    archived = next(c for c in channels if c["status"] == "archived")
    paused = next((c for c in channels if c["status"] == "paused"), None)
    types = dict(FIXED)
    types["channel"] = _site_path(active["page"])
    types["channel-archived"] = _site_path(archived["page"])
    if paused is not None:
        types["channel-paused"] = _site_path(paused["page"])
    return types
