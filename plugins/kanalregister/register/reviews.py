"""The review rule: when a channel was last looked at, and whether a review is due.

The governance check (GOV002/GOV003), the report and the unit pages all ask this module, so
they cannot disagree. A running channel without any date (no review, no approval, no start)
counts as never reviewed, which is overdue: nobody can show that it was ever looked at.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from .models import Channel


def months_between(earlier: date, later: date) -> int:
    """Whole months from ``earlier`` to ``later`` (a day short of a month does not count)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def add_months(day: date, months: int) -> date:
    """The first day that lies ``months`` whole months after ``day`` (as months_between counts)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    candidate = date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
    # Clamped to a shorter month, the anniversary is reached one day later.
    return candidate if months_between(day, candidate) >= months else candidate + timedelta(1)


def last_review(channel: Channel) -> date | None:
    """The last review: the review date, else the approval's date, else the start."""
    if channel.reviewed:
        return channel.reviewed
    if channel.approval:
        return channel.approval.date
    return channel.since


@dataclass(frozen=True)
class Review:
    """Where a running channel stands with its review on one day."""

    last: date | None
    months: int | None  # None: never reviewed
    due: bool
    overdue: bool
    due_since: date | None = None  # unknown for a channel never reviewed


def review(channel: Channel, *, today: date, warn: int, fail: int) -> Review | None:
    """The review state of a running channel; None for one that is not running."""
    if not channel.status.is_running:
        return None
    last = last_review(channel)
    if last is None:
        return Review(None, None, due=True, overdue=True)
    months = months_between(last, today)
    return Review(last, months, due=months >= warn, overdue=months >= fail,
                  due_since=add_months(last, warn))
