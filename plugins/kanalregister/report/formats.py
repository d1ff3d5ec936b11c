"""The annual report as a document outside the site: Markdown, CSV or JSON.

Markdown is what the central team pastes into its yearly report to the council; CSV is one
long table (``section,group,key,value``) that spreadsheets pivot; JSON is for other tools.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from ..exports.opendata import csv_safe
from ..register.catalog import Catalog
from ..settings import Settings
from ..views import channel_views
from .figures import Report, build_report, report_rows


def annual_report(catalog: Catalog, settings: Settings, *, year: int | None = None) -> Report:
    """The report of the register as the site shows it, for today or for ``year``."""
    return build_report(channel_views(catalog), catalog.units, catalog.platforms,
                        today=settings.today, year=year,
                        review_warn_months=settings.review_warn_months,
                        review_fail_months=settings.review_fail_months)


def _date(value: object) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else "–"


def _cell(text: object) -> str:
    # A pipe would end the table cell; a line break the row.
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(head: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * len(head)) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def to_markdown(report: Report) -> str:
    """The report as a Markdown document in German."""
    title = f"Jahresbericht {report.year}" if report.year is not None else "Bericht"
    lines = [
        f"# Offizielle Social-Media-Kanäle: {title}",
        "",
        f"Stand: {_date(report.as_of)}. Betriebene Kanäle: {report.running}. "
        f"Gestartet{' im Jahr' if report.year is not None else ' insgesamt'}: {report.started}, "
        f"geschlossen: {report.closed}.",
        "",
        "## Kanäle nach Plattform", "",
        *_table(["Plattform", "Kanäle"], [[n, c] for n, c in report.by_platform]),
        "## Kanäle nach Organisationseinheit", "",
        *_table(["Organisationseinheit", "Kanäle"], [[n, c] for n, c in report.by_unit]),
        "## Kanäle nach Status", "",
        *_table(["Status", "Kanäle"], [[n, c] for n, c in report.by_status]),
        "## Gestartete und geschlossene Kanäle je Jahr", "",
        *_table(["Jahr", "Gestartet", "Geschlossen"], [list(r) for r in report.per_year]),
        f"## Fällige Überprüfungen (Stand {_date(report.today)})", "",
    ]
    if not report.reviews_due:
        lines += [f"Alle betriebenen Kanäle wurden in den letzten {report.review_warn_months} "
                  "Monaten überprüft.", ""]
    for unit, rows in report.reviews_due:
        lines += [f"### {unit}", ""]
        lines += _table(
            ["Kanal", "Datei", "Zuletzt überprüft", "Monate", "Fällig seit", "Stand"],
            [[r.view.channel.name, r.view.item.path, _date(r.last) if r.last else "nie",
              r.months if r.months is not None else "–", _date(r.due_since), r.state_label]
             for r in rows])
    return "\n".join(lines).rstrip("\n") + "\n"


def to_csv(report: Report) -> str:
    """The report as one long CSV table: section, group, key, value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "group", "key", "value"])
    # Unit and channel names come from YAML: never let a spreadsheet run them as formulas.
    writer.writerows([csv_safe(cell) for cell in row] for row in _csv_rows(report))
    return out.getvalue()


def _csv_rows(report: Report) -> Iterator[list[object]]:
    yield ["summary", "", "date", report.as_of.isoformat()]
    yield ["summary", "", "running", report.running]
    yield ["summary", "", "started", report.started]
    yield ["summary", "", "closed", report.closed]
    for section, rows in (("platform", report.by_platform), ("unit", report.by_unit),
                          ("status", report.by_status)):
        for name, count in rows:
            yield [section, "", name, count]
    for year, started, closed in report.per_year:
        yield ["per_year", "started", year, started]
        yield ["per_year", "closed", year, closed]
    for unit, reviews in report.reviews_due:
        for r in reviews:
            yield [f"review_{r.state}", unit, r.view.item.path,
                   r.months if r.months is not None else ""]


def to_json(report: Report) -> str:
    """The report as a JSON document."""
    return json.dumps(report_rows(report), ensure_ascii=False, indent=2) + "\n"


FORMATS = {"md": to_markdown, "csv": to_csv, "json": to_json}
