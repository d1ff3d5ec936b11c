"""A copy of the demo broken in the seven ways issue 3 names yields exactly those findings."""

from __future__ import annotations

from pathlib import Path

from helpers import check

BREAKAGES = [
    # (file, old, new, expected code, expected line)
    ("channels/presseamt/facebook-stadt-musterstadt.yml",
     "label: Impressum", "label: Info", "IMP003", 17),
    ("channels/_organisation.yml", "street: Rathausplatz 1\n  postcode",
     "street: Postfach 10 01 00\n  postcode", "IMP011", 9),
    ("channels/stadtbibliothek/instagram-stadtbibliothek-musterstadt.yml",
     "privacy: https://www.musterstadt.example/datenschutz/instagram/\n", "", "IMP002", 2),
    ("channels/feuerwehr/instagram-feuerwehr-musterstadt.yml",
     "url: https://www.musterstadt.example/impressum/",
     "url: https://impressum-generator.example/musterstadt/", "IMP005", 16),
    ("channels/kulturbuero/instagram-kultur-musterstadt.yml",
     "reviewed: 2026-05-06", "reviewed: 2024-05-06", "GOV003", 23),
    ("channels/jubilaeum/instagram-800jahre-musterstadt.yml",
     "until: 2027-12-31", "until: 2026-10-31", "GOV004", 8),
    ("channels/feuerwehr/instagram-feuerwehr-musterstadt.yml",
     "contact: feuerwehr-presse@musterstadt.example",
     "contact: jana.kowalski@musterstadt.example", "GOV006", 14),
]


def test_broken_demo_yields_exactly_the_expected_findings(demo_copy: Path) -> None:
    for file, old, new, _code, _line in BREAKAGES:
        path = demo_copy / file
        text = path.read_text("utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), "utf-8")
    findings = check(demo_copy).report.sorted()
    got = sorted((f.code, f.path, f.line) for f in findings)
    expected = sorted((code, file, line) for file, _o, _n, code, line in BREAKAGES)
    assert got == expected, "\n".join(f.format_text() for f in findings)


def test_demo_itself_has_no_findings(demo_copy: Path) -> None:
    assert [f.format_text() for f in check(demo_copy).report.findings] == []
