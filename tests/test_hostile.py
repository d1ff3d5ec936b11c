"""The hostile corpus (tests/fixtures/hostile/cases.yml): every case is refused with its
finding, stays allowed, or builds harmless, without a traceback and within a few seconds."""

from __future__ import annotations

import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES
from helpers import apply_hostile, check, harmless_cases
from kanalregister.project import ProjectError, load_settings

CASES: list[dict[str, Any]] = yaml.safe_load(
    (FIXTURES / "hostile" / "cases.yml").read_text("utf-8"))
FILE_CASES = [c for c in CASES if c["expect"] not in ("refused", "harmless")]
OPTION_CASES = [c for c in CASES if c["expect"] == "refused"]
# Each case must be decided quickly: a hang or a quadratic blow-up fails here.
SECONDS = 10.0


def test_the_corpus_covers_every_class_with_40_cases_or_more() -> None:
    classes = {c["class"] for c in CASES}
    assert {"text", "yaml-bytes", "yaml-constructor", "depth", "loader", "url", "contact",
            "organisation", "output", "options", "harmless"} <= classes
    assert len(CASES) >= 40
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", FILE_CASES, ids=[c["id"] for c in FILE_CASES])
def test_hostile_file_is_refused_with_its_finding(
    case: dict[str, Any], register_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    apply_hostile(case, register_copy, monkeypatch)
    started = time.monotonic()
    findings = check(register_copy).report.findings
    assert time.monotonic() - started < SECONDS
    codes = {f.code for f in findings}
    if case["expect"] == "clean":
        assert not findings, [f.format_text() for f in findings]
        return
    assert case["expect"] in codes, [f.format_text() for f in findings]
    found = next(f for f in findings if f.code == case["expect"])
    assert found.line is None or found.line >= 1
    text = "\n".join(f.format_text() + "\n" + f.format_github() for f in findings)
    if "contains" in case:
        assert case["contains"] in found.message + found.hint, found.format_text()
    if "not_contains" in case:
        assert case["not_contains"] not in text
    _assert_printable(text)


def _assert_printable(text: str) -> None:
    """What reaches a terminal or a CI log: no control characters but the line breaks we
    write, no format characters, and no line a runner would read as a workflow command."""
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e"
                         r"\u2066-\u2069\ufeff]", text), ascii(text)
    for line in text.split("\n"):
        if not line.startswith("::error ") and not line.startswith("::warning "):
            assert not line.lstrip().startswith("::"), line


@pytest.mark.parametrize("case", OPTION_CASES, ids=[c["id"] for c in OPTION_CASES])
def test_hostile_option_is_refused(case: dict[str, Any], register_copy: Path) -> None:
    (register_copy / "mkdocs.yml").write_text("site_name: Test\n" + case["option"]
                                              if not case["option"].startswith("site_name")
                                              else case["option"], "utf-8")
    with pytest.raises(ProjectError) as refused:
        load_settings(register_copy)
    message = str(refused.value)
    assert case["contains"] in message
    _assert_printable(message)


class _Page(HTMLParser):
    """Collects what a hostile value could turn into: links, images, scripts, handlers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.sources: list[str] = []
        self.handlers: list[str] = []
        self.scripts: list[str] = []
        # JSON-LD blocks: data, not code; each must still parse as one JSON document.
        self.json_ld: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "href" and value:
                self.hrefs.append(value)
            if name == "src" and value:
                self.sources.append(value)
            if name.startswith("on"):
                self.handlers.append(f"{name}={value}")
        self._in_json_ld = tag == "script" and ("type", "application/ld+json") in attrs
        self._in_script = tag == "script" and not self._in_json_ld

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)
            return
        (self.scripts if self._in_script else self.text).append(data)


def test_hostile_text_builds_harmless(hostile_site: Path) -> None:
    """The demo with every harmless case applied builds (conftest.hostile_site), and each
    value shows as text: no script link, no foreign image, no event handler, no script."""
    words = {w: False for case in harmless_cases() for w in case["words"]}
    for page in hostile_site.rglob("*.html"):
        parsed = _Page()
        parsed.feed(page.read_text("utf-8"))
        where = page.relative_to(hostile_site)
        assert not [h for h in parsed.hrefs if h.strip().lower().startswith(
            ("javascript:", "data:", "vbscript:"))], where
        assert not [s for s in parsed.sources if "evil.example" in s or s == "x"], where
        assert not [h for h in parsed.handlers if "alert" in h], where
        assert not [s for s in parsed.scripts if "alert(1)" in s], where
        for block in parsed.json_ld:  # a value that ended the block early would not parse
            assert isinstance(json.loads(block), dict) and "<" not in block, where
        text = "".join(parsed.text)
        for word in words:
            words[word] = words[word] or word in text
    assert all(words.values()), [w for w, seen in words.items() if not seen]
