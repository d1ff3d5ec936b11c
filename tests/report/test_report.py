"""The annual report: its figures equal counts made here directly from the YAML files."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, TODAY
from helpers import check, settings_for
from kanalregister.cli import main
from kanalregister.register.platforms import load_registry
from kanalregister.register.reviews import add_months
from kanalregister.report.formats import annual_report, to_csv, to_markdown
from kanalregister.site.pages import PageBuilder
from kanalregister.site.render import Renderer

# A paused channel is still the city's (imprint, review), so the report counts it as running.
RUNNING = {"active", "temporary", "emergency_only", "paused"}
LABELS = {"active": "aktiv", "temporary": "befristet", "emergency_only": "nur für Warnungen",
          "paused": "ruhend", "archived": "archiviert"}


def channels(root: Path) -> list[dict[str, Any]]:
    files = sorted((root / "channels").rglob("*.yml"))
    return [yaml.safe_load(p.read_text("utf-8")) for p in files if not p.name.startswith("_")]


def unit_names(root: Path) -> dict[str, str]:
    org = yaml.safe_load((root / "channels" / "_organisation.yml").read_text("utf-8"))
    return {u["id"]: u["name"] for u in org["units"]}


def status_on(channel: dict[str, Any], day: date) -> str | None:
    """The status on ``day`` as the report defines it (module docstring of report.py)."""
    if channel["status"] == "planned" or channel.get("since", date.min) > day:
        return None
    if "archived" in channel:
        return "archived" if channel["archived"]["date"] <= day else "active"
    if "paused" in channel:
        return "paused" if channel["paused"]["date"] <= day else "active"
    return str(channel["status"])


def expected(root: Path, day: date, year: int | None = None) -> dict[str, Any]:
    data = channels(root)
    names = unit_names(root)
    platforms = load_registry()
    statuses = [(c, status_on(c, day)) for c in data]
    running = [c for c, s in statuses if s in RUNNING]
    published = [c for c in data if c["status"] != "planned"]
    started = Counter(c["since"].year for c in published if "since" in c)
    closed = Counter(c["archived"]["date"].year for c in published if "archived" in c)
    years = sorted(y for y in started | closed if year is None or y <= year)
    return {
        "running": len(running),
        "by_platform": dict(Counter(platforms[c["platform"]].name for c in running)),
        "by_unit": dict(Counter(names[c["unit"]] for c in running)),
        "by_status": {LABELS[k]: Counter(s for _, s in statuses)[k] for k in LABELS},
        "per_year": {y: (started[y], closed[y]) for y in range(years[0], years[-1] + 1)},
        "started": sum(started.values()) if year is None else started[year],
        "closed": sum(closed.values()) if year is None else closed[year],
    }


def report_json(root: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["report", "--format", "json", "--today", TODAY.isoformat(),
                                       *args, str(root / "channels")], catch_exceptions=False,
                                env={"KANALREGISTER_TODAY": ""})
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


@pytest.mark.parametrize("year", [None, 2024, 2025])
def test_demo_figures_equal_independent_counts(year: int | None) -> None:
    day = date(year, 12, 31) if year else TODAY
    want = expected(ROOT, day, year)
    got = report_json(ROOT, *(["--year", str(year)] if year else []))
    assert got["running"] == want["running"]
    assert got["by_platform"] == want["by_platform"]
    assert got["by_unit"] == want["by_unit"]
    assert got["by_status"] == want["by_status"]
    assert {r["year"]: (r["started"], r["closed"]) for r in got["per_year"]} == want["per_year"]
    assert (got["started"], got["closed"]) == (want["started"], want["closed"])
    assert got["date"] == day.isoformat()


def test_demo_has_every_status_and_sorted_rows() -> None:
    got = report_json(ROOT)
    assert all(got["by_status"].values())
    counts = list(got["by_platform"].values())
    assert counts == sorted(counts, reverse=True)


@pytest.fixture
def reviews_project(register_copy: Path) -> Path:
    """The fixture register with one review due and one overdue (on 2026-11-22)."""
    edits = {"presseamt/instagram-musterstadt.yml": ("reviewed: 2026-03-02",
                                                      "reviewed: 2025-10-01"),
             "presseamt/mastodon-stadt-social-musterstadt-example.yml": (
                 "reviewed: 2026-01-15", "reviewed: 2024-08-15")}
    for name, (old, new) in edits.items():
        path = register_copy / "channels" / name
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new), "utf-8")
    return register_copy


def test_reviews_due_per_unit_sorted_by_urgency(reviews_project: Path) -> None:
    settings = settings_for(reviews_project)
    report = annual_report(check(reviews_project).catalog, settings)
    assert [unit for unit, _ in report.reviews_due] == ["Presse- und Informationsamt"]
    rows = report.reviews_due[0][1]
    assert [(r.view.item.slug, r.months, r.state, r.due_since) for r in rows] == [
        ("mastodon-stadt-social-musterstadt-example", 27, "overdue", date(2025, 8, 15)),
        ("instagram-musterstadt", 13, "due", date(2026, 10, 1)),
    ]
    assert report.reviews_count == (1, 1)


def render(root: Path, uri: str, **options: Any) -> str:
    outcome = check(root)
    builder = PageBuilder(outcome.catalog, today=TODAY, **options)
    spec = next(s for s in builder.build() if s.src_uri == uri)
    return Renderer().render(spec)


def test_unit_page_lists_reviews_of_the_unit_and_its_sub_units(reviews_project: Path) -> None:
    page = render(reviews_project, "organisation/presseamt.md")
    table = page[page.index('id="ueberpruefung"'):]
    assert table.index("mastodon-stadt-social") < table.index("instagram-musterstadt")
    assert "<td>15.08.2024</td><td>27</td><td>15.08.2025</td><td><strong>überfällig" in table
    assert "<td>01.10.2025</td><td>13</td><td>01.10.2026</td><td><strong>fällig" in table
    assert "<th scope=\"col\">Einheit</th>" in table  # presseamt has the sub-unit kultur


def test_review_months_come_from_the_settings(reviews_project: Path) -> None:
    page = render(reviews_project, "bericht.md", review_warn_months=6, review_fail_months=12)
    assert page.count("überfällig</strong>") == 2  # 13 and 27 months are both past 12
    assert "Fällig ist eine Überprüfung 6 Monate nach der letzten" in page


@pytest.mark.parametrize("uri", ["organisation/presseamt.md", "bericht.md"])
def test_show_reviews_false_hides_the_lists(reviews_project: Path, uri: str) -> None:
    page = render(reviews_project, uri, show_reviews=False)
    assert "ueberpruefung" not in page and "fällig" not in page


def test_report_page_embeds_a_chart_before_each_table() -> None:
    page = render(ROOT, "bericht.md")
    for chart, caption in [("kr-chart-platform", "Betriebene Kanäle nach Plattform</caption>"),
                           ("kr-chart-unit", "nach Organisationseinheit</caption>"),
                           ("kr-chart-years", "Kanäle je Jahr</caption>")]:
        assert page.index(f'id="{chart}-title"') < page.index(caption)
    # Markdown ends a raw HTML block at an empty line: a chart must not contain one.
    for line in page.splitlines():
        if line.startswith('<figure class="kr-chart">'):
            assert line.endswith("</figure>")


def test_markdown_and_csv_carry_the_same_figures(reviews_project: Path) -> None:
    report = annual_report(check(reviews_project).catalog, settings_for(reviews_project))
    text = to_markdown(report)
    assert "| Instagram | 2 |" in text
    assert "| Mastodon Presse | channels/presseamt/mastodon" not in text  # names, not guesses
    assert "überfällig" in text and "### Presse- und Informationsamt" in text
    rows = list(csv.reader(io.StringIO(to_csv(report))))
    assert rows[0] == ["section", "group", "key", "value"]
    assert ["summary", "", "running", str(report.running)] in rows
    assert ["platform", "", "Instagram", "2"] in rows
    assert ["review_overdue", "Presse- und Informationsamt",
            "channels/presseamt/mastodon-stadt-social-musterstadt-example.yml", "27"] in rows


def test_csv_cells_never_start_a_formula(register_copy: Path) -> None:
    org = register_copy / "channels" / "_organisation.yml"
    org.write_text(org.read_text("utf-8").replace("name: Feuerwehr", "name: \"=HYPERLINK()\""))
    report = annual_report(check(register_copy).catalog, settings_for(register_copy))
    assert ["unit", "", "'=HYPERLINK()", "1"] in list(csv.reader(io.StringIO(to_csv(report))))


def test_a_future_year_is_refused() -> None:
    result = CliRunner().invoke(main, ["report", "--year", "2031", "--today", "2026-11-22",
                                       str(ROOT / "channels")])
    assert result.exit_code == 2 and "--year" in result.output


@pytest.mark.parametrize(("day", "months", "due"), [
    (date(2025, 3, 15), 12, date(2026, 3, 15)),
    (date(2025, 1, 31), 1, date(2025, 3, 1)),   # no 31 February: due the day after
    (date(2024, 2, 29), 12, date(2025, 3, 1)),
    (date(2025, 12, 31), 24, date(2027, 12, 31)),
])
def test_add_months(day: date, months: int, due: date) -> None:
    assert add_months(day, months) == due
