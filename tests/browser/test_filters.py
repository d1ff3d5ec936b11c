"""The overview's filters in Chromium: platform, unit and topic, combinable, counted,
announced, reflected in the URL; and the full list without JavaScript."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser


def _open(page: Any, base: str, query: str = "") -> Any:
    page.goto(f"{base}kanaele/{query}")
    page.locator("#kr-filters").wait_for(state="visible")
    return page


def _visible_cards(page: Any) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        ".kr-card", "cards => cards.filter(c => c.offsetParent !== null).map(c => "
        "({platform: c.dataset.platform, unit: c.dataset.unit, topics: c.dataset.topics}))")


def _option_count(page: Any, select: str, value: str) -> int:
    text = page.locator(f"{select} option[value='{value}']").inner_text()
    match = re.search(r"\((\d+)\)$", text)
    assert match, text
    return int(match.group(1))


def _query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_without_javascript_the_full_grouped_list_shows(make_page: Any, site_server: str) -> None:
    page = make_page(java_script_enabled=False)
    page.goto(f"{site_server}kanaele/")
    assert not page.locator("#kr-filters").is_visible()
    cards = page.locator(".kr-card")
    assert cards.count() >= 30
    assert len(_visible_cards(page)) == cards.count()
    assert page.locator("section.kr-group:visible").count() == page.locator(
        "section.kr-group").count()


def test_filter_by_platform_changes_list_counts_status_and_url(
    page: Any, site_server: str
) -> None:
    _open(page, site_server)
    total = len(_visible_cards(page))
    expected = _option_count(page, "#kr-filter-platform", "instagram")
    page.select_option("#kr-filter-platform", "instagram")
    cards = _visible_cards(page)
    assert len(cards) == expected < total
    assert {c["platform"] for c in cards} == {"instagram"}
    assert page.locator("#kr-filter-status").inner_text() == f"{expected} Kanäle gefunden"
    assert _query(page) == {"plattform": ["instagram"]}
    visible_groups = page.locator("section.kr-group:visible")
    assert visible_groups.count() == 1
    assert visible_groups.get_attribute("data-platform") == "instagram"
    # The other selects now count only Instagram channels.
    # A unit counts its own channels and those of its sub-units (data-unit lists the chain).
    units = {u for c in cards for u in c["unit"].split()}
    for unit in units:
        owned = sum(unit in c["unit"].split() for c in cards)
        assert _option_count(page, "#kr-filter-unit", unit) == owned, unit
    assert _option_count(page, "#kr-filter-unit", "") == expected


def test_filters_combine(page: Any, site_server: str) -> None:
    _open(page, site_server)
    page.select_option("#kr-filter-unit", "feuerwehr")
    by_unit = _visible_cards(page)
    assert len(by_unit) >= 3 and all("feuerwehr" in c["unit"].split() for c in by_unit)
    page.select_option("#kr-filter-platform", "instagram")
    both = _visible_cards(page)
    assert both == [c for c in by_unit if c["platform"] == "instagram"]
    assert len(both) == 1
    assert page.locator("#kr-filter-status").inner_text() == "1 Kanal gefunden"
    assert _query(page) == {"plattform": ["instagram"], "einheit": ["feuerwehr"]}


def test_topic_filter_and_empty_choices_are_disabled(page: Any, site_server: str) -> None:
    _open(page, site_server)
    topic = page.locator("#kr-filter-topic option").nth(1).get_attribute("value")
    page.select_option("#kr-filter-topic", topic)
    cards = _visible_cards(page)
    assert cards and all(topic in c["topics"].split() for c in cards)
    platforms = {c["platform"] for c in cards}
    for option in page.locator("#kr-filter-platform option").all():
        value = option.get_attribute("value")
        if value:
            assert option.is_disabled() == (value not in platforms), value


def test_state_is_restored_from_a_shared_url(page: Any, site_server: str) -> None:
    _open(page, site_server, "?plattform=x&einheit=unbekannt")
    assert page.input_value("#kr-filter-platform") == "x"
    # An unknown value is ignored rather than hiding everything.
    assert page.input_value("#kr-filter-unit") == ""
    cards = _visible_cards(page)
    assert cards and {c["platform"] for c in cards} == {"x"}
    assert re.fullmatch(r"\d+ Kan(äle|al) gefunden",
                        page.locator("#kr-filter-status").inner_text())


def test_reset_shows_everything_again(page: Any, site_server: str) -> None:
    _open(page, site_server, "?plattform=instagram")
    page.get_by_role("button", name="Filter zurücksetzen").click()
    page.wait_for_function("!location.search.includes('plattform')")
    assert len(_visible_cards(page)) == page.locator(".kr-card").count()
    assert page.locator("section.kr-group:visible").count() == page.locator(
        "section.kr-group").count()


def test_keyboard_only(page: Any, site_server: str) -> None:
    _open(page, site_server)
    page.locator("#kr-filter-platform").focus()
    page.keyboard.press("ArrowDown")
    value = page.input_value("#kr-filter-platform")
    assert value
    assert {c["platform"] for c in _visible_cards(page)} == {value}
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "kr-filter-unit"
    assert page.get_by_role("status").filter(has_text="gefunden").count() == 1


def test_archived_channels_are_not_in_the_overview(page: Any, site_server: str) -> None:
    page.goto(f"{site_server}kanaele/")
    assert page.locator("a[href$='x-musterstadt/']").count() == 0
    assert page.locator("a[href$='telegram-gesundheitsamt-musterstadt/']").count() == 0
    assert page.locator("a[href$='instagram-musterstadt/']").count() >= 1


def test_filter_by_status_shows_the_paused_channels(page: Any, site_server: str) -> None:
    _open(page, site_server, "?status=paused")
    assert page.locator("#kr-filter-state").input_value() == "paused"
    expected = _option_count(page, "#kr-filter-state", "paused")
    states = page.eval_on_selector_all(
        ".kr-card",
        "cards => cards.filter(c => c.offsetParent !== null).map(c => c.dataset.status)")
    assert states == ["paused"] * expected and expected >= 1
    assert "ruhend" in page.locator(".kr-card:visible .kr-badge").first.inner_text()


def _text_filter(page: Any, text: str) -> list[str]:
    """Type into the text filter and return the links of the rows left visible."""
    page.fill("#kr-filter-text", text)
    page.wait_for_function(
        "t => new URL(location.href).searchParams.get('suche') === t", arg=text)
    return page.eval_on_selector_all(
        ".kr-card", "cards => cards.filter(c => c.offsetParent !== null)"
        ".map(c => c.querySelector('a').getAttribute('href'))")


def test_text_filter_finds_a_channel_by_name_account_and_unit(
    page: Any, site_server: str, built_site: Path
) -> None:
    """Channel pages are not in the site search (issue 18): the overview's text filter is the
    way to one channel, by its name, its account or its unit."""
    records = [r for r in json.loads((built_site / "kanaele.json").read_text("utf-8"))["channels"]
               if r["status"] != "archived"]
    record = max(records, key=lambda r: len(r["name"]))
    slug = record["page"].rstrip("/").rsplit("/", 1)[-1] + "/"
    _open(page, site_server)
    total = len(_visible_cards(page))
    for text in (record["name"], record["account"]):
        shown = _text_filter(page, text)
        assert slug in shown and len(shown) < total, (text, shown)
    unit_name = page.locator(f".kr-card:has(a[href='{slug}']) > span").nth(1).inner_text()
    shown = _text_filter(page, unit_name.split(" ")[0])
    assert slug in shown, (unit_name, shown)
    assert _text_filter(page, "zzz-kein-kanal") == []
    assert page.locator("#kr-filter-status").inner_text() == "0 Kanäle gefunden"


def test_groups_render_lazily_on_screen_and_all_print(page: Any, site_server: str) -> None:
    """The overview's platform groups skip rendering off-screen (issue 18), yet nothing is
    missing on paper: printing shows every row."""
    _open(page, site_server)
    styles = "nodes => nodes.map(n => getComputedStyle(n).contentVisibility)"
    groups = page.eval_on_selector_all("section.kr-group", styles)
    assert len(groups) > 1 and set(groups) == {"auto"}, groups
    page.emulate_media(media="print")
    assert set(page.eval_on_selector_all("section.kr-group", styles)) == {"visible"}
    heights = page.eval_on_selector_all(
        "section.kr-group .kr-card", "rows => rows.map(r => r.getBoundingClientRect().height)")
    assert heights and min(heights) > 0
