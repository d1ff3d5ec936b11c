"""The review rule: one answer for the governance check, the annual report and the unit pages."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from conftest import TODAY
from helpers import check, settings_for
from kanalregister.register.reviews import last_review, months_between, review
from kanalregister.report.formats import annual_report
from kanalregister.site.pages import PageBuilder

CHANNEL = "presseamt/instagram-musterstadt.yml"
SLUG = "instagram-musterstadt"


def _edit(root: Path, pattern: str, replacement: str) -> None:
    path = root / "channels" / CHANNEL
    text, count = re.subn(pattern, replacement, path.read_text("utf-8"), flags=re.M)
    assert count, pattern
    path.write_text(text, "utf-8")


@pytest.fixture
def undated(register_copy: Path) -> Path:
    """The fixture register with one running channel that records no date at all."""
    _edit(register_copy, r"^(since|reviewed): .*\n", "")
    _edit(register_copy, r"^approval:\n(  .*\n)+", "")
    return register_copy


def _codes(root: Path, slug: str) -> set[str]:
    return {f.code for f in check(root).report.findings if slug in f.path}


def test_an_undated_channel_is_overdue_for_the_check_and_the_report(undated: Path) -> None:
    outcome = check(undated)
    item = next(i for i in outcome.catalog.listed if i.slug == SLUG)
    state = review(item.channel, today=TODAY, warn=12, fail=24)
    assert state is not None and (state.last, state.months, state.overdue) == (None, None, True)
    assert "GOV003" in _codes(undated, SLUG)
    report = annual_report(outcome.catalog, settings_for(undated))
    rows = [r for _, rows in report.reviews_due for r in rows if r.view.item.slug == SLUG]
    assert [(r.last, r.months, r.state) for r in rows] == [(None, None, "overdue")]


def test_the_unit_page_lists_the_undated_channel(undated: Path) -> None:
    builder = PageBuilder(check(undated).catalog, today=TODAY)
    spec = next(s for s in builder.build() if s.src_uri == "organisation/presseamt.md")
    assert [r.view.item.slug for r in spec.context["reviews"]] == [SLUG]


@pytest.mark.parametrize(("reviewed", "code", "state"), [
    ("2026-03-02", None, None),          # recent: neither user reports it
    ("2025-10-01", "GOV002", "due"),     # 12 months or more
    ("2024-08-15", "GOV003", "overdue"),  # 24 months or more
])
def test_check_and_report_agree(register_copy: Path, reviewed: str, code: str | None,
                                state: str | None) -> None:
    _edit(register_copy, r"^reviewed: .*$", f"reviewed: {reviewed}")
    outcome = check(register_copy)
    found = _codes(register_copy, SLUG) & {"GOV002", "GOV003"}
    assert found == ({code} if code else set())
    report = annual_report(outcome.catalog, settings_for(register_copy))
    rows = [r.state for _, rows in report.reviews_due for r in rows if r.view.item.slug == SLUG]
    assert rows == ([state] if state else [])


def test_last_review_falls_back_to_approval_then_start(undated: Path) -> None:
    item = next(i for i in check(undated).catalog.listed if i.slug == SLUG)
    assert last_review(item.channel) is None
    since = item.channel.model_copy(update={"since": date(2020, 1, 1)})
    assert last_review(since) == date(2020, 1, 1)
    assert months_between(date(2020, 1, 31), date(2020, 2, 29)) == 0
