"""The annual report's figures, computed from the register (no rendering here).

Counts refer to one day: today, or 31 December of a reporting year. The register keeps each
channel's present status only, so for a past day a channel counts as archived once its
closing date has passed, as paused once its pause date has passed, as not yet started before
``since``, and otherwise with its present status (a channel closed or paused later counts as
active on that day). A paused channel still belongs to the city and counts as running.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..register.models import STATUS_LABELS, Channel, Status, Unit
from ..register.platforms import PlatformRegistry
from ..register.reviews import review
from ..views import ChannelView

# How a review's urgency is called in the report and on the unit pages.
REVIEW_STATES = {"overdue": "überfällig", "due": "fällig"}


@dataclass(frozen=True)
class ReviewDue:
    """A channel whose yearly review is due (``warn`` months) or overdue (``fail`` months)."""

    view: ChannelView
    last: date | None
    months: int | None
    overdue: bool = False
    due_since: date | None = None

    @property
    def state(self) -> str:
        """``overdue`` or ``due``."""
        return "overdue" if self.overdue else "due"

    @property
    def state_label(self) -> str:
        """The state in German."""
        return REVIEW_STATES[self.state]


@dataclass
class Report:
    """Counts by platform, unit and status; started and closed per year; reviews due."""

    today: date
    year: int | None = None
    by_platform: list[tuple[str, int]] = field(default_factory=list)
    by_unit: list[tuple[str, int]] = field(default_factory=list)
    by_status: list[tuple[str, int]] = field(default_factory=list)
    per_year: list[tuple[int, int, int]] = field(default_factory=list)
    reviews_due: list[tuple[str, list[ReviewDue]]] = field(default_factory=list)
    review_warn_months: int = 12
    review_fail_months: int = 24

    @property
    def as_of(self) -> date:
        """The day the counts refer to: 31 December of ``year``, or ``today``."""
        return date(self.year, 12, 31) if self.year is not None else self.today

    @property
    def running(self) -> int:
        """Channels operated on the reporting day."""
        return sum(n for _, n in self.by_platform)

    @property
    def started(self) -> int:
        """Channels started in the reporting year (all years without one)."""
        return sum(s for y, s, _ in self.per_year if self.year is None or y == self.year)

    @property
    def closed(self) -> int:
        """Channels closed in the reporting year (all years without one)."""
        return sum(c for y, _, c in self.per_year if self.year is None or y == self.year)

    @property
    def reviews_count(self) -> tuple[int, int]:
        """(due, overdue) reviews over all units."""
        rows = [r for _, unit_rows in self.reviews_due for r in unit_rows]
        overdue = sum(r.overdue for r in rows)
        return len(rows) - overdue, overdue


def status_on(channel: Channel, day: date) -> Status | None:
    """The channel's status on ``day``, or None if it had not started yet."""
    if channel.since is not None and channel.since > day:
        return None
    if channel.archived is not None:
        return Status.ARCHIVED if channel.archived.date <= day else Status.ACTIVE
    if channel.paused is not None:
        return Status.PAUSED if channel.paused.date <= day else Status.ACTIVE
    return channel.status


def build_report(
    views: Sequence[ChannelView],
    units: dict[str, Unit],
    platforms: PlatformRegistry,
    *,
    today: date,
    year: int | None = None,
    review_warn_months: int = 12,
    review_fail_months: int = 24,
) -> Report:
    """Compute the report from the public channels (planned ones are never counted).

    With ``year`` the counts are those of 31 December of that year and the per-year rows
    end with it; the reviews due are always those of ``today``, the day the list is sent.
    """
    report = Report(today=today, year=year, review_warn_months=review_warn_months,
                    review_fail_months=review_fail_months)
    day = report.as_of
    statuses = {id(v): status_on(v.channel, day) for v in views}
    running = [v for v in views if (s := statuses[id(v)]) is not None and s.is_running]
    by_platform = Counter(v.channel.platform for v in running)
    report.by_platform = sorted(
        ((platforms[p].name if p in platforms else p, n) for p, n in by_platform.items()),
        key=lambda row: (-row[1], row[0]))
    by_unit = Counter(v.channel.unit for v in running)
    report.by_unit = sorted(
        ((units[u].name if u in units else u, n) for u, n in by_unit.items()),
        key=lambda row: (-row[1], row[0]))
    counted = Counter(s for s in statuses.values() if s is not None)
    report.by_status = [(STATUS_LABELS[s], counted[s]) for s in Status if s.is_public]
    started = Counter(v.channel.since.year for v in views if v.channel.since)
    closed = Counter(v.channel.archived.date.year for v in views if v.channel.archived)
    years = sorted(y for y in set(started) | set(closed) if year is None or y <= year)
    if years:
        report.per_year = [(y, started[y], closed[y]) for y in range(years[0], years[-1] + 1)]
    report.reviews_due = _reviews_due(
        [v for v in views if v.channel.status.is_running], units, today=today,
        warn=review_warn_months, fail=review_fail_months)
    return report


def reviews_due(
    views: Sequence[ChannelView], *, today: date, warn: int = 12, fail: int = 24
) -> list[ReviewDue]:
    """The running channels among ``views`` whose review is due, most urgent first."""
    rows: list[ReviewDue] = []
    for view in views:
        state = review(view.channel, today=today, warn=warn, fail=fail)
        if state is not None and state.due:
            rows.append(ReviewDue(view, state.last, state.months, overdue=state.overdue,
                                  due_since=state.due_since))
    return sorted(rows, key=_urgency)


def _urgency(row: ReviewDue) -> tuple[int, int, str]:
    # Never reviewed first, then the longest since the last review; ties by name.
    return (0 if row.months is None else 1, -(row.months or 0), row.view.channel.name.casefold())


def _reviews_due(
    views: Sequence[ChannelView], units: dict[str, Unit], *, today: date, warn: int, fail: int
) -> list[tuple[str, list[ReviewDue]]]:
    by_unit: dict[str, list[ReviewDue]] = {}
    for row in reviews_due(views, today=today, warn=warn, fail=fail):
        unit = row.view.channel.unit
        by_unit.setdefault(units[unit].name if unit in units else unit, []).append(row)
    return sorted(by_unit.items(), key=lambda item: item[0].casefold())


def report_rows(report: Report) -> dict[str, Any]:
    """The report as plain data (for JSON output)."""
    return {
        "date": report.as_of.isoformat(),
        "year": report.year,
        "running": report.running,
        "started": report.started,
        "closed": report.closed,
        "by_platform": dict(report.by_platform),
        "by_unit": dict(report.by_unit),
        "by_status": dict(report.by_status),
        "per_year": [{"year": y, "started": s, "closed": c} for y, s, c in report.per_year],
        "reviews_as_of": report.today.isoformat(),
        "reviews_due": {
            unit: [{"channel": r.view.channel.name, "file": r.view.item.path,
                    "last_review": r.last.isoformat() if r.last else None,
                    "months": r.months, "state": r.state,
                    "due_since": r.due_since.isoformat() if r.due_since else None}
                   for r in rows]
            for unit, rows in report.reviews_due
        },
    }
