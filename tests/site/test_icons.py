"""Icons: one hidden sprite per page, referenced by every card, hidden from screen readers."""

from __future__ import annotations

import re

from conftest import FIXTURES, TODAY
from helpers import check
from kanalregister.site.icons import material_icon, svg_symbol, symbol_id
from kanalregister.site.pages import PageBuilder
from kanalregister.site.render import Renderer

INSTAGRAM = "fontawesome/brands/instagram"


def _pages() -> dict[str, str]:
    outcome = check(FIXTURES / "register")
    renderer = Renderer(icon=material_icon, globals={"report_problem": None})
    builder = PageBuilder(outcome.catalog, today=TODAY, severities=outcome.reporter.severities)
    return {spec.src_uri: renderer.render(spec) for spec in builder.build()}


PAGES = _pages()


def test_each_icon_is_defined_once_per_page_and_used_by_reference() -> None:
    unit = PAGES["organisation/presseamt.md"]
    uses = re.findall(r'<use href="#([^"]+)">', unit)
    symbols = re.findall(r'<symbol id="([^"]+)"', unit)
    assert len(uses) > len(set(uses)) > 1  # several channels share an icon
    assert sorted(symbols) == sorted(set(uses))
    assert unit.count("<path") == len(symbols)


def test_overview_shows_each_platform_icon_once_in_its_group_heading() -> None:
    # Thousands of rows must not repeat what the heading of their platform group shows.
    overview = PAGES["kanaele/index.md"]
    headings = re.findall(r'<h2 [^>]*id="plattform-([^"]+)"[^>]*><span class="kr-icon" '
                          r'aria-hidden="true"><svg><use href="#([^"]+)">', overview)
    uses = re.findall(r'<use href="#([^"]+)">', overview)
    assert len(headings) == overview.count('<section class="kr-group"') > 1
    assert sorted(uses) == sorted(symbol for _, symbol in headings)
    assert len(set(uses)) == len(uses)
    assert sorted(re.findall(r'<symbol id="([^"]+)"', overview)) == sorted(uses)


def test_icons_stay_hidden_from_screen_readers() -> None:
    overview = PAGES["kanaele/index.md"]
    assert overview.count('<span class="kr-icon" aria-hidden="true"><svg><use') == len(
        re.findall("<use ", overview))
    sprite = overview[overview.index('<div class="kr-sprite"'):]
    assert sprite.startswith('<div class="kr-sprite" hidden>')
    assert 'aria-hidden="true" focusable="false"' in sprite


def test_every_page_has_its_own_sprite() -> None:
    channel = PAGES["kanaele/instagram-musterstadt.md"]
    assert f'<symbol id="{symbol_id(INSTAGRAM)}"' in channel
    assert all(page.count('class="kr-sprite"') <= 1 for page in PAGES.values())


def test_snippets_keep_their_icons_inline() -> None:
    # A snippet shares its hand-written page with other snippets: a sprite each would repeat ids.
    outcome = check(FIXTURES / "register")
    renderer = Renderer(icon=material_icon, globals={"report_problem": None})
    platforms = list(outcome.catalog.platforms.platforms.values())
    html = renderer.render_string("snippets/imprint-placements.jinja", "impressum-leitfaden.md",
                                  platforms=platforms)
    assert "<path" in html and "<use" not in html and "kr-sprite" not in html


def test_symbol_keeps_the_view_box() -> None:
    svg = material_icon(INSTAGRAM)
    assert svg is not None
    symbol = svg_symbol(svg, "x")
    assert symbol is not None and symbol.startswith('<symbol id="x" viewBox="0 0 448 512">')
    assert svg_symbol("<svg><path d='M0'/></svg>", "x") is None
