"""SVG charts: well-formed, named and described for screen readers, readable without colour."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT
from helpers import check, settings_for
from kanalregister.report.charts import (
    AXIS,
    BACKGROUND,
    SERIES_COLOURS,
    TEXT,
    Series,
    bar_chart,
    contrast_ratio,
    report_charts,
)
from kanalregister.report.formats import annual_report

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


@pytest.fixture(scope="module")
def demo_charts() -> dict[str, str]:
    report = annual_report(check(ROOT).catalog, settings_for(ROOT))
    return report_charts(report)


def test_demo_charts_are_well_formed_and_accessible(demo_charts: dict[str, str]) -> None:
    assert set(demo_charts) == {"platform", "unit", "per_year"}
    ids: set[str] = set()
    for svg in demo_charts.values():
        root = parse(svg)
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert root.get("aria-labelledby") == title.get("id")
        assert root.get("aria-describedby") == desc.get("id")
        assert list(root)[:2] == [title, desc]  # first children, as assistive technology expects
        found = {e.get("id") for e in root.iter() if e.get("id")}
        assert not ids & found, "ids must be unique on the page"
        ids |= found
        assert "\n\n" not in svg and "<script" not in svg


def test_every_value_is_printed_and_described(demo_charts: dict[str, str]) -> None:
    report = annual_report(check(ROOT).catalog, settings_for(ROOT))
    root = parse(demo_charts["platform"])
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    for name, count in report.by_platform:
        assert name in texts
        assert f"{name}: {count}" in (root.find(f"{SVG}desc").text or "")
    assert texts.count(str(report.by_platform[0][1])) >= 1
    years = parse(demo_charts["per_year"])
    values = [t.text for t in years.iter(f"{SVG}text") if t.text and t.text.isdigit()]
    assert len([v for v in values if len(v) < 4]) == 2 * len(report.per_year)


def test_second_series_is_hatched_and_in_the_legend() -> None:
    svg = bar_chart(["2024", "2025"], [Series("Gestartet", [3, 1]), Series("Geschlossen", [0, 2])],
                    chart_id="t", title="Verlauf", desc="Zwei Jahre")
    root = parse(svg)
    assert root.find(f"{SVG}defs/{SVG}pattern[@id='t-hatch']") is not None
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    assert "url(#t-hatch)" in fills and SERIES_COLOURS[0] in fills
    legend = [t.text for t in root.iter(f"{SVG}text")]
    assert "Gestartet" in legend and "Geschlossen" in legend


def test_labels_from_yaml_are_escaped_and_long_ones_wrapped() -> None:
    name = "Amt für <Kinder> & \"Jugend\" und Familien in der Stadt Musterstadt mit Zusatz"
    root = parse(bar_chart([name], [Series("Kanäle", [2])], chart_id="e",
                           title="A & B", desc="<desc>"))
    label = next(root.iter(f"{SVG}text"))
    lines = [t.text or "" for t in label]
    assert len(lines) >= 2 and " ".join(lines) == name
    assert root.find(f"{SVG}title").text == "A & B"
    assert root.find(f"{SVG}desc").text == "<desc>"


def test_empty_data_still_gives_a_valid_chart() -> None:
    root = parse(bar_chart([], [Series("Kanäle", [])], chart_id="n", title="Leer", desc="Keine"))
    assert root.get("role") == "img"


@pytest.mark.parametrize("colour", SERIES_COLOURS + (AXIS,))
def test_graphics_have_3_to_1_contrast(colour: str) -> None:
    assert contrast_ratio(colour, BACKGROUND) >= 3


def test_text_has_4_5_to_1_contrast() -> None:
    assert contrast_ratio(TEXT, BACKGROUND) >= 4.5
    # Values are printed in the text colour beside bars, never on top of them.


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_bar_lengths_are_proportional() -> None:
    root = parse(bar_chart(["a", "b"], [Series("n", [4, 2])], chart_id="p", title="t", desc="d"))
    widths = [float(r.get("width") or 0) for r in root.iter(f"{SVG}rect")
              if r.get("fill") == SERIES_COLOURS[0]]
    assert widths[0] == pytest.approx(2 * widths[1])
    assert re.fullmatch(r"\d+", root.get("height") or "")
