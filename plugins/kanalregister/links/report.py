"""The link check's report: text for people, JSON for tools, Markdown for the issue that the
scheduled workflow opens or updates."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..findings import plain_line
from ..values.text import escape_controls
from .model import LinkResult, LinkStatus, LinkTarget

if TYPE_CHECKING:  # the type only: "kanalregister --help" must not load the register
    from .live import LiveResult

ORDER = (LinkStatus.BROKEN, LinkStatus.REDIRECTED, LinkStatus.UNVERIFIABLE, LinkStatus.OK)
HEADINGS = {
    LinkStatus.BROKEN: "Broken: fix or remove these links",
    LinkStatus.REDIRECTED: "Moved permanently: update these links",
    LinkStatus.UNVERIFIABLE: "Unverifiable: the platform does not answer robots, check by hand",
    LinkStatus.OK: "OK",
}
Pairs = list[tuple[LinkTarget, LinkResult]]


def counts(pairs: Pairs) -> dict[str, int]:
    """Number of URLs per status, every status present."""
    found = Counter(result.status for _, result in pairs)
    return {status.value: found.get(status, 0) for status in ORDER}


def summary(pairs: Pairs) -> str:
    """``42 URLs: 1 broken, 2 redirected, 5 unverifiable, 34 ok``."""
    parts = ", ".join(f"{n} {status}" for status, n in counts(pairs).items())
    return f"{len(pairs)} URLs: {parts}"


_LIVE_STATE = {True: "ok", False: "Problem", None: "nicht prüfbar"}


def _live_lines(live: Sequence[LiveResult]) -> list[str]:
    lines = [f"Live-Status der Konten ({len(live)}):"]
    for result in live:
        lines.append(f"  {result.platform} {result.account}: {_LIVE_STATE[result.ok]} – "
                     + "; ".join(result.messages))
        lines.append(f"    used in {result.path}")
    return lines + [""]


def as_text(pairs: Pairs, live: Sequence[LiveResult] = ()) -> str:
    """Every URL that is not ok, grouped by status, with where it is used; the live status of
    Mastodon and Bluesky accounts; then the summary."""
    lines: list[str] = _live_lines(live) if live else []
    for status in ORDER[:-1]:
        group = [(t, r) for t, r in pairs if r.status is status]
        if not group:
            continue
        lines.append(f"{HEADINGS[status]} ({len(group)}):")
        for target, result in group:
            # URLs, reasons (a server's words) and sources are shown escaped, one line each.
            lines.append(plain_line(f"  {result.url}"))
            lines.append(plain_line(f"    {result.reason}" + (" [cached]" if result.cached
                                                            else "")))
            lines.extend(plain_line(f"    used in {source}") for source in target.sources)
        lines.append("")
    lines.append(summary(pairs))
    return "\n".join(lines)


def as_json(pairs: Pairs, live: Sequence[LiveResult] = ()) -> str:
    """All results with their targets and the counts, and the live status, as one JSON
    document."""
    return json.dumps({
        "live": [result.to_json() for result in live],
        "counts": counts(pairs),
        "results": [{
            "url": r.url, "status": r.status.value, "reason": r.reason,
            "http_status": r.http_status, "final_url": r.final_url, "attempts": r.attempts,
            "checked_at": datetime.fromtimestamp(r.checked_at, UTC).isoformat(timespec="seconds"),
            "cached": r.cached, "kinds": list(t.kinds), "platform": t.platform,
            "sources": list(t.sources),
        } for t, r in pairs],
    }, ensure_ascii=False, indent=2)


def _cell(text: str) -> str:
    """``text`` as an inert table cell: one code span (no links, images, @mentions or
    headings inside), control characters escaped, pipes escaped for the table."""
    shown = escape_controls(text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", shown)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {shown} {fence}" if shown else ""


def as_markdown(pairs: Pairs, live: Sequence[LiveResult] = (), *,
                title: str = "Link check") -> str:
    """A GitHub issue body: counts, then a table per status that needs attention."""
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"## {title}", "", f"Checked {when}: {summary(pairs)}.", "",
             "| status | URLs |", "|---|---:|"]
    lines += [f"| {status} | {n} |" for status, n in counts(pairs).items()]
    for status in ORDER[:-1]:
        group = [(t, r) for t, r in pairs if r.status is status]
        if not group:
            continue
        lines += ["", f"### {HEADINGS[status]} ({len(group)})", "",
                  "| URL | finding | used in |", "|---|---|---|"]
        lines += [f"| {_cell(r.url)} | {_cell(r.reason)} | {_cell(', '.join(t.sources))} |"
                  for t, r in group]
    if live:
        lines += ["", f"### Live-Status der Konten ({len(live)})", "",
                  "| Konto | Stand | Befund | Kanaldatei |", "|---|---|---|---|"]
        lines += [f"| {_cell(r.platform + ' ' + r.account)} | {_LIVE_STATE[r.ok]} | "
                  f"{_cell('; '.join(r.messages))} | {_cell(r.path)} |" for r in live]
    if not any(r.status is not LinkStatus.OK for _, r in pairs):
        lines += ["", "Every link answered. Nothing to do."]
    return "\n".join(lines) + "\n"
