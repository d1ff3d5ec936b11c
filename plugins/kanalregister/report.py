"""The annual report's figures, computed from the register (no rendering here)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .checks.governance import months_between
from .models import STATUS_LABELS, Status, Unit
from .platforms import PlatformRegistry

if TYPE_CHECKING:
    from .pages import ChannelView


@dataclass(frozen=True)
class ReviewDue:
    """A channel whose yearly review is due or overdue."""

    view: ChannelView
    last: date | None
    months: int | None


@dataclass
class Report:
    """Counts by platform, unit and status; started and closed per year; reviews due."""

    today: date
    by_platform: list[tuple[str, int]] = field(default_factory=list)
    by_unit: list[tuple[str, int]] = field(default_factory=list)
    by_status: list[tuple[str, int]] = field(default_factory=list)
    per_year: list[tuple[int, int, int]] = field(default_factory=list)
    reviews_due: list[tuple[str, list[ReviewDue]]] = field(default_factory=list)

    @property
    def running(self) -> int:
        """Channels operated now."""
        return sum(n for _, n in self.by_platform)


def build_report(
    views: Sequence[ChannelView],
    units: dict[str, Unit],
    platforms: PlatformRegistry,
    *,
    today: date,
    review_months: int = 12,
) -> Report:
    """Compute the report from the public channels (planned ones are never counted)."""
    report = Report(today=today)
    running = [v for v in views if v.channel.status.is_running]
    by_platform = Counter(v.channel.platform for v in running)
    report.by_platform = sorted(
        ((platforms[p].name if p in platforms else p, n) for p, n in by_platform.items()),
        key=lambda row: (-row[1], row[0]))
    by_unit = Counter(v.channel.unit for v in running)
    report.by_unit = sorted(
        ((units[u].name if u in units else u, n) for u, n in by_unit.items()),
        key=lambda row: (-row[1], row[0]))
    statuses = Counter(v.channel.status for v in views)
    report.by_status = [(STATUS_LABELS[s], statuses[s]) for s in Status if s.is_public]
    started = Counter(v.channel.since.year for v in views if v.channel.since)
    closed = Counter(v.channel.archived.date.year for v in views if v.channel.archived)
    years = sorted(set(started) | set(closed))
    if years:
        report.per_year = [(y, started[y], closed[y]) for y in range(years[0], years[-1] + 1)]
    due: dict[str, list[ReviewDue]] = {}
    for view in running:
        channel = view.channel
        last = channel.reviewed or (channel.approval.date if channel.approval else channel.since)
        months = months_between(last, today) if last else None
        if months is None or months >= review_months:
            unit = units[channel.unit].name if channel.unit in units else channel.unit
            due.setdefault(unit, []).append(ReviewDue(view, last, months))
    report.reviews_due = sorted(due.items())
    return report


def report_rows(report: Report) -> dict[str, Any]:
    """The report as plain data (for JSON and CSV output)."""
    return {
        "date": report.today.isoformat(),
        "running": report.running,
        "by_platform": dict(report.by_platform),
        "by_unit": dict(report.by_unit),
        "by_status": dict(report.by_status),
        "per_year": [{"year": y, "started": s, "closed": c} for y, s, c in report.per_year],
        "reviews_due": {
            unit: [{"channel": r.view.channel.name, "file": r.view.item.path,
                    "last_review": r.last.isoformat() if r.last else None,
                    "months": r.months} for r in rows]
            for unit, rows in report.reviews_due
        },
    }
