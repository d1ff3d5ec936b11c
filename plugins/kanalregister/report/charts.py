"""Bar charts as inline SVG, built as plain strings when the site is built (no chart scripts).

Every chart is an image with a name and a description for screen readers (``role="img"``,
``<title>``, ``<desc>``), prints each value next to its bar, tells series apart by a hatch
pattern and a legend as well as by colour, and draws on its own white background so that its
colours keep their contrast in any theme and in print: bars at least 3:1 (WCAG 1.4.11), text
at least 4.5:1 (WCAG 1.4.3). The page shows the same data as a table below each chart.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    from .figures import Report

BACKGROUND = "#ffffff"
TEXT = "#1f1f1f"
AXIS = "#595959"
# Indigo (Material's primary) and a dark orange: both far above 3:1 on white, and told apart
# by the hatching of the second series for readers who do not see the difference in hue.
SERIES_COLOURS = ("#3949ab", "#a64b00")

WIDTH = 640
FONT_SIZE = 14
LINE_HEIGHT = 17
CHAR_WIDTH = 7.6  # a generous average advance of a sans-serif at 14 px
LABEL_MAX = 250
BAR_HEIGHT = 16
PAD = 12


@dataclass(frozen=True)
class Series:
    """One row of values (one per category) with its legend label."""

    label: str
    values: Sequence[int]


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    chart_id: str,
    title: str,
    desc: str,
) -> str:
    """A horizontal bar chart: one row per category, one bar per series, values printed."""
    if not series or len(series) > len(SERIES_COLOURS):
        raise ValueError(f"a chart shows 1 to {len(SERIES_COLOURS)} series")
    legend = len(series) > 1
    chars = max(8, int(LABEL_MAX / CHAR_WIDTH))
    labels = [textwrap.wrap(c, chars, break_on_hyphens=False) or [""] for c in categories]
    longest = max((len(line) for lines in labels for line in lines), default=4)
    label_width = min(LABEL_MAX, int(longest * CHAR_WIDTH) + 4)
    x0 = PAD + label_width + 8
    top = PAD + (28 if legend else 0)
    maximum = max((v for s in series for v in s.values), default=0)
    value_room = int(len(str(maximum)) * CHAR_WIDTH) + 24
    span = WIDTH - x0 - value_room - PAD
    group = BAR_HEIGHT * len(series)
    body: list[str] = []
    y = top
    for index, lines in enumerate(labels):
        row_height = max(group, len(lines) * LINE_HEIGHT) + 10
        centre = y + row_height / 2
        first = centre - (len(lines) - 1) * LINE_HEIGHT / 2
        tspans = "".join(
            f'<tspan x="{x0 - 8}" y="{first + i * LINE_HEIGHT + 5:.1f}">{escape(line)}</tspan>'
            for i, line in enumerate(lines))
        body.append(f'<text text-anchor="end" fill="{TEXT}">{tspans}</text>')
        bar_y = centre - group / 2
        for number, current in enumerate(series):
            value = current.values[index]
            length = span * value / maximum if maximum else 0
            by = bar_y + number * BAR_HEIGHT
            if value:
                body.append(f'<rect x="{x0}" y="{by + 1:.1f}" width="{length:.1f}" '
                            f'height="{BAR_HEIGHT - 2}" {_fill(chart_id, number)}/>')
            body.append(f'<text x="{x0 + length + 6:.1f}" y="{by + BAR_HEIGHT / 2 + 5:.1f}" '
                        f'fill="{TEXT}">{value}</text>')
        y += row_height
    height = int(y + PAD)
    body.append(f'<line x1="{x0}" y1="{top - 4}" x2="{x0}" y2="{y + 4}" stroke="{AXIS}" '
                'stroke-width="1"/>')
    parts = [_open(chart_id, title, desc, height), *_defs(chart_id, series)]
    if legend:
        parts.extend(_legend(chart_id, series, x0))
    parts.extend(body)
    parts.append("</svg>")
    # One line: Markdown ends a raw HTML block at an empty line, so the SVG has none.
    return "".join(parts)


def report_charts(report: Report) -> dict[str, str]:
    """The annual report's charts: by platform, by unit, started and closed per year."""
    charts = {
        "platform": _counts_chart(report.by_platform, "kr-chart-platform",
                                  "Betriebene Kanäle nach Plattform"),
        "unit": _counts_chart(report.by_unit, "kr-chart-unit",
                              "Betriebene Kanäle nach Organisationseinheit"),
    }
    years = [str(y) for y, _, _ in report.per_year]
    started = [s for _, s, _ in report.per_year]
    closed = [c for _, _, c in report.per_year]
    values = "; ".join(f"{y}: {s} gestartet, {c} geschlossen" for y, s, c in report.per_year)
    charts["per_year"] = bar_chart(
        years, [Series("Gestartet", started), Series("Geschlossen", closed)],
        chart_id="kr-chart-years", title="Gestartete und geschlossene Kanäle je Jahr",
        desc=(f"Balkendiagramm mit zwei Balken je Jahr, gestartet (einfarbig) und geschlossen "
              f"(schraffiert). Insgesamt {sum(started)} gestartet, {sum(closed)} geschlossen. "
              f"{values or 'Keine Daten'}."))
    return charts


def _counts_chart(rows: Sequence[tuple[str, int]], chart_id: str, title: str) -> str:
    total = sum(n for _, n in rows)
    values = "; ".join(f"{name}: {n}" for name, n in rows)
    noun = "Kanal" if total == 1 else "Kanäle"
    desc = (f"Balkendiagramm, {total} {noun} insgesamt, nach Anzahl absteigend. "
            f"{values or 'Keine Daten'}.")
    return bar_chart([name for name, _ in rows], [Series("Kanäle", [n for _, n in rows])],
                     chart_id=chart_id, title=title, desc=desc)


def _open(chart_id: str, title: str, desc: str, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kr-chart__svg" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" '
        f'font-size="{FONT_SIZE}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f'<rect width="{WIDTH}" height="{height}" fill="{BACKGROUND}"/>'
    )


def _defs(chart_id: str, series: Sequence[Series]) -> list[str]:
    if len(series) < 2:
        return []
    colour = SERIES_COLOURS[1]
    # White diagonal stripes on the series colour: visible without seeing hue.
    return [
        f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{colour}"/>'
        f'<rect width="2" height="6" fill="{BACKGROUND}"/></pattern></defs>'
    ]


def _fill(chart_id: str, number: int) -> str:
    colour = SERIES_COLOURS[number]
    paint = f"url(#{chart_id}-hatch)" if number == 1 else colour
    return f'fill={quoteattr(paint)} stroke="{colour}" stroke-width="1"'


def _legend(chart_id: str, series: Sequence[Series], x: int) -> list[str]:
    parts: list[str] = []
    for number, current in enumerate(series):
        parts.append(f'<rect x="{x}" y="{PAD}" width="14" height="14" '
                     f'{_fill(chart_id, number)}/>')
        parts.append(f'<text x="{x + 20}" y="{PAD + 12}" fill="{TEXT}">'
                     f"{escape(current.label)}</text>")
        x += 20 + int(len(current.label) * CHAR_WIDTH) + 24
    return parts


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
