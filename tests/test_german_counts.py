"""Generated German agrees with its numbers: "1 offizieller Kanal", "auf 1 Plattform"."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from conftest import FIXTURES, TODAY
from helpers import check
from kanalregister.site.pages import PageBuilder
from kanalregister.site.render import Renderer


def _view(platform: str, unit: str) -> SimpleNamespace:
    return SimpleNamespace(channel=SimpleNamespace(platform=platform, unit=unit))


def _stats(n: int) -> str:
    current = [_view(f"p{i}", f"u{i}") for i in range(n)]
    html = Renderer().render_string("snippets/stats.jinja", "index.md", current=current,
                                    archived=current, platforms=None)
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_stats_in_the_singular() -> None:
    text = _stats(1)
    assert "1 offizieller Kanal auf 1 Plattform, betreut von 1 Organisationseinheit." in text
    assert "1 geschlossener Kanal steht im Archiv" in text


def test_stats_of_an_empty_register_say_so() -> None:
    text = _stats(0)
    assert "Das Register ist noch leer" in text and "0 offizielle" not in text


@pytest.mark.parametrize("n", [2, 3])
def test_stats_in_the_plural(n: int) -> None:
    text = _stats(n)
    assert (f"{n} offizielle Kanäle auf {n} Plattformen, betreut von {n} "
            f"Organisationseinheiten.") in text
    assert f"{n} geschlossene Kanäle stehen im Archiv" in text


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    outcome = check(FIXTURES / "register", site_url="https://socialmedia.musterstadt.example/")
    renderer = Renderer(globals={"report_problem": "mailto:socialmedia@musterstadt.example"})
    builder = PageBuilder(outcome.catalog, today=TODAY, severities=outcome.reporter.severities)
    return {spec.src_uri: renderer.render(spec) for spec in builder.build()}


# A number and the noun phrase after it, in every generated page.
COUNTED = re.compile(r"\b(\d+)\)? (offiziellen Kanal|offizielle Kanäle|offizielle Kanal|"
                     r"offiziellen Social-Media-Kanal|offizielle Social-Media-Kanäle|"
                     r"Kanal|Kanäle|Plattform|Plattformen)\b")
# Inline markup joins its words; every other tag separates them (table cells, headings).
INLINE = re.compile(r"</?(?:strong|em|a|span|code)\b[^>]*>")
SINGULAR = {"offiziellen Kanal", "offiziellen Social-Media-Kanal", "Kanal", "Plattform"}


def test_every_generated_count_agrees_with_its_noun(pages: dict[str, str]) -> None:
    seen = {1: 0, 2: 0}
    for uri, text in pages.items():
        plain = " ".join(re.sub(r"<[^>]+>", "|", re.sub(INLINE, "", text)).split())
        for number, noun in COUNTED.findall(plain):
            n = int(number)
            assert (noun in SINGULAR) == (n == 1), f"{uri}: '{number} {noun}'"
            seen[min(n, 2)] = seen.get(min(n, 2), 0) + 1
    assert seen[1] and seen[2], "the fixture register yields both singular and plural counts"


def test_a_platform_with_one_channel_says_so(pages: dict[str, str]) -> None:
    singles = [t for t in pages.values() if "betreibt hier 1 offiziellen Kanal." in t]
    assert singles, "the fixture register has a platform with exactly one channel"
