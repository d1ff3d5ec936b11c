"""What citizens do, in Chromium at phone and desktop width, with and without JavaScript: check
what they paste or type, skip to the content with the keyboard, read every page type without
scrolling sideways. Screenshots of each journey go to test-artifacts/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from browser.page_types import FIXED, VIEWPORTS, page_types
from conftest import ROOT

pytestmark = pytest.mark.browser

SHOTS = ROOT / "test-artifacts" / "screenshots"
PAGE_TYPES = [*FIXED, "channel", "channel-archived"]

# (journey, input, answer, phrase in the headline, phrase that must NOT appear anywhere)
JOURNEYS = [
    ("bare-handle", "@musterstadt", "only-on", "Nur auf Instagram, Threads und YouTube offiziell",
     "Offizieller Kanal"),
    ("bare-word", "musterstadt", "only-on", "Nur auf Instagram, Threads und YouTube offiziell",
     "Prüfung nicht möglich"),
    ("profile-tab", "https://www.instagram.com/musterstadt/reels/", "official",
     "Offizieller Kanal", "Prüfung nicht möglich"),
    ("post-url", "https://www.instagram.com/musterstadt/p/C1a2b3c4d5e/", "official",
     "Offizieller Kanal", "Prüfung nicht möglich"),
    ("name", "Stadt Musterstadt", "only-on", "nur diese Kanäle offiziell", "Prüfung nicht möglich"),
    ("name-unit", "Feuerwehr", "only-on", "nur diese Kanäle offiziell", "Prüfung nicht möglich"),
    ("email", "socialmedia@musterstadt.example", "email", "E-Mail-Adresse, kein Social-Media-Konto",
     "Identitätsdiebstahl"),
    ("unknown-account", "https://www.instagram.com/max.mustermann", "not-listed", "Nicht offiziell",
     "Identitätsdiebstahl"),
    ("look-alike", "https://instagram.com/musterstadt_offiziell", "not-listed",
     "Vorsicht, möglicherweise gefälscht", "Offizieller Kanal"),
    ("look-alike-host", "https://evil-twitter.com/musterstadt", "not-listed",
     "Vorsicht, möglicherweise gefälscht", "Offizieller Kanal"),
    ("archived-successor", "twitter.com/musterstadt", "archived",
     "nicht mehr betrieben seit 14.02.2025", "Identitätsdiebstahl"),
    ("planned", "tiktok.com/@musterstadt", "planned", "Noch nicht in Betrieb",
     "Identitätsdiebstahl"),
    ("mastodon-local", "@stadt", "only-on", "Nur auf Mastodon offiziell", "Prüfung nicht möglich"),
]


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _answer(page: Any) -> Any:
    result = page.locator("form.kr-verify .kr-verify__result").first
    result.and_(page.locator("[data-answer]:not([data-answer='pending'])")).wait_for()
    return result


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(("journey", "text", "answer", "headline", "absent"), JOURNEYS,
                         ids=[j[0] for j in JOURNEYS])
def test_verify_journey(journey: str, text: str, answer: str, headline: str, absent: str,
                        viewport: str, site_server: str, make_page: Callable[..., Any]) -> None:
    page = make_page(viewport=VIEWPORTS[viewport])
    page.goto(f"{site_server}pruefen/")
    page.get_by_label("Profiladresse, Kontoname oder Name").fill(text)
    page.get_by_role("button", name="Prüfen").click()
    result = _answer(page)
    assert result.get_attribute("data-answer") == answer
    shown = result.inner_text()
    assert headline in result.locator(".kr-verify__answer").inner_text(), shown
    assert absent not in shown
    assert re.search(r"Stand des Registers: \d\d\.\d\d\.\d{4}", shown)
    _shot(page, f"verify-{journey}-{viewport}")
    assert page.foreign_requests == []
    assert _overflowing(page) == []


def test_bare_handle_asks_where_it_was_seen(page: Any, site_server: str) -> None:
    page.goto(f"{site_server}pruefen/?konto={quote('@musterstadt')}")
    result = _answer(page)
    result.get_by_role("button", name="TikTok").click()
    page.locator(".kr-verify__result[data-answer='planned']").wait_for()
    assert page.get_by_label("Profiladresse, Kontoname oder Name").input_value() == (
        "https://tiktok.com/@musterstadt")


def test_archived_answer_links_where_the_city_continues(page: Any, site_server: str) -> None:
    page.goto(f"{site_server}pruefen/?konto={quote('https://twitter.com/musterstadt')}")
    result = _answer(page)
    links = result.locator("li a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    for slug in ("mastodon-stadt-social-musterstadt-example", "bluesky-musterstadt-example",
                 "threads-musterstadt"):
        assert any(h.endswith(f"kanaele/{slug}/") for h in links), links


def test_look_alike_report_carries_the_input_and_a_second_route(page: Any,
                                                                 site_server: str) -> None:
    text = "https://instagram.com/musterstadt_offiziell"
    page.goto(f"{site_server}kanaele/")
    box = page.locator("form.kr-verify").first
    box.locator("input").fill(text)
    box.locator("button[type=submit]").click()
    result = box.locator(".kr-verify__result[data-answer='not-listed']")
    result.wait_for()
    mail = result.locator("a.kr-verify__report").get_attribute("href")
    assert mail.startswith("mailto:socialmedia@musterstadt.example?")
    assert quote(text, safe="") in mail
    assert "socialmedia@musterstadt.example" in result.inner_text()
    assert result.locator("a[href^='tel:']").count() == 1
    _shot(page, "overview-look-alike-desktop")


def test_advice_appears_once_on_the_verify_page(page: Any, site_server: str) -> None:
    page.goto(f"{site_server}pruefen/?konto={quote('https://evil-twitter.com/musterstadt')}")
    _answer(page)
    assert page.get_by_text("Meldefunktion der Plattform").count() == 1


def test_empty_submit_is_announced(page: Any, site_server: str) -> None:
    page.goto(f"{site_server}pruefen/")
    page.get_by_role("button", name="Prüfen").click()
    result = page.locator(".kr-verify__result[data-answer='empty']")
    result.wait_for()
    assert "Bitte geben Sie etwas ein" in result.inner_text()
    assert result.get_attribute("role") == "status"
    assert page.evaluate("() => document.activeElement.name") == "konto"


def test_the_hint_for_app_users_is_visible_at_phone_width(site_server: str,
                                                         make_page: Callable[..., Any]) -> None:
    page = make_page(viewport=VIEWPORTS["phone"])
    page.goto(site_server)
    hint = page.locator(".kr-verify__hint").first
    assert hint.is_visible()
    assert "Link kopieren" in hint.inner_text()
    field = page.locator("form.kr-verify input[name='konto']").first
    described = field.get_attribute("aria-describedby")
    assert described == hint.get_attribute("id")


def test_keyboard_only_from_the_skip_link_to_an_answer(site_server: str,
                                                       make_page: Callable[..., Any]) -> None:
    page = make_page(viewport=VIEWPORTS["desktop"])
    page.goto(f"{site_server}pruefen/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == (
        "Zum Inhalt springen")
    page.keyboard.press("Enter")
    presses = 0
    while page.evaluate("() => document.activeElement.name") != "konto":
        presses += 1
        if presses > 5:
            pytest.fail("the verify field is not among the first 5 Tab stops after the skip link")
        page.keyboard.press("Tab")
    page.keyboard.type("@mst_kultur")
    page.keyboard.press("Enter")
    result = page.locator(".kr-verify__result[data-answer='archived']")
    result.wait_for()
    assert "Ehemals offizieller Kanal" in result.inner_text()
    _shot(page, "keyboard-verify-desktop")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_skip_link_is_the_first_tab_stop(kind: str, viewport: str, built_site: Path,
                                         site_server: str,
                                         make_page: Callable[..., Any]) -> None:
    page = make_page(viewport=VIEWPORTS[viewport])
    page.goto(site_server + page_types(built_site)[kind])
    assert page.locator("a.kr-skip").count() == 1
    assert page.locator("a.md-skip:not(.kr-skip)").evaluate_all(
        "links => links.filter(a => a.checkVisibility()).length") == 0
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, "
                            "document.activeElement.getBoundingClientRect().width]")
    assert "kr-skip" in focused[0] and focused[1] > 0
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "kr-inhalt"
    # The next Tab stop lies in the content, or after it on a page without links in the text.
    page.keyboard.press("Tab")
    after = page.evaluate("""() => {
        const content = document.querySelector('.md-content');
        const el = document.activeElement;
        return content.contains(el)
          || !!(content.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    where = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
    assert after, f"after the skip link, Tab went to {where}"


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_horizontal_overflow_at_phone_width(kind: str, built_site: Path, site_server: str,
                                               make_page: Callable[..., Any]) -> None:
    page = make_page(viewport=VIEWPORTS["phone"])
    page.goto(site_server + page_types(built_site)[kind])
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert _overflowing(page) == []
    _shot(page, f"page-{kind}-phone")


def _overflowing(page: Any) -> list[str]:
    """Elements of the content that reach past the viewport outside a scroll container."""
    return page.evaluate("""() => {
        const width = window.innerWidth;
        const clips = (n) => ["auto", "scroll", "hidden"].includes(getComputedStyle(n).overflowX);
        const scrolls = (el) => {
          for (let n = el.parentElement; n; n = n.parentElement) if (clips(n)) return true;
          return false;
        };
        const wide = (el) => el.getClientRects().length
          && el.getBoundingClientRect().right > width + 1;
        return Array.from(document.querySelectorAll('.md-content *'))
          .filter((el) => wide(el) && !scrolls(el))
          .map((el) => `${el.tagName}.${el.className}: ${(el.textContent || '').slice(0, 40)}`);
    }""")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_without_javascript_nothing_drops_the_input(viewport: str, site_server: str,
                                                    make_page: Callable[..., Any]) -> None:
    page = make_page(java_script_enabled=False, viewport=VIEWPORTS[viewport])
    page.goto(site_server)
    assert page.locator("form.kr-verify").first.is_hidden()
    manual = page.locator(".kr-verify__manual").first
    assert manual.is_visible() and "Übersicht der offiziellen Kanäle" in manual.inner_text()
    _shot(page, f"nojs-start-{viewport}")
    page.goto(f"{site_server}pruefen/")
    manual_box = page.locator(".admonition-title", has_text="Ohne JavaScript von Hand prüfen")
    assert manual_box.is_visible()
    _shot(page, f"nojs-verify-{viewport}")
    page.goto(f"{site_server}kanaele/")
    rows = page.locator(".kr-card")
    assert rows.count() > 0 and rows.count() == page.locator(".kr-card:visible").count()
    assert page.locator("#kr-filters").is_hidden()
    _shot(page, f"nojs-overview-{viewport}")


def test_overview_text_filter_finds_a_name(site_server: str,
                                           make_page: Callable[..., Any]) -> None:
    page = make_page(viewport=VIEWPORTS["phone"])
    page.goto(f"{site_server}kanaele/")
    page.get_by_label("Name, Konto oder Einheit").fill("feuerwehr")
    page.locator("#kr-filter-status:has-text('gefunden')").wait_for()
    visible = page.locator(".kr-card:visible").all_inner_texts()
    assert visible and all("feuerwehr" in v.lower() for v in visible)
    assert len(visible) < page.locator(".kr-card").count()
    assert "suche=feuerwehr" in page.url
    _shot(page, "overview-filter-phone")


def test_overview_links_name_the_platform(built_site: Path) -> None:
    html = (built_site / "kanaele" / "index.html").read_text("utf-8")
    names = re.findall(r'class="kr-card__link".*?</a>', html, re.S)
    texts = [re.sub(r"<[^>]+>", "", n.split(">", 1)[1]) for n in names]
    assert texts and len(set(texts)) == len(texts), "two links share one accessible name"
    assert all(re.search(r" \(.+\)$", t) for t in texts), texts


def test_archive_shows_date_and_reason_in_every_entry(built_site: Path, site_server: str,
                                                      make_page: Callable[..., Any]) -> None:
    page = make_page(viewport=VIEWPORTS["phone"])
    page.goto(f"{site_server}kanaele/archiv/")
    entries = page.locator(".kr-archive > li")
    assert entries.count() > 0
    for text in entries.all_inner_texts():
        assert "Geschlossen am" in text and "Grund" in text
    assert _overflowing(page) == []


def test_archived_channel_page_shows_only_what_applies(built_site: Path) -> None:
    html = (built_site / "kanaele" / "x-musterstadt" / "index.html").read_text("utf-8")
    assert "Hier informiert die Stadt jetzt" in html
    assert 'href="../mastodon-stadt-social-musterstadt-example/"' in html
    content = html.split('class="md-content"', 1)[1].split("</article>", 1)[0]
    for gone in ("netiquette/", "Zuletzt überprüft", "nicht erreichbar", "Link in der Bio"):
        assert gone not in content, gone
    running = (built_site / "kanaele" / "instagram-musterstadt" / "index.html").read_text("utf-8")
    assert "Zuletzt überprüft" in running and "netiquette/" in running
    assert "Zur Übersicht aller offiziellen Kanäle" in running


def test_unit_counts_agree_between_overview_and_organisation(built_site: Path) -> None:
    overview = (built_site / "kanaele" / "index.html").read_text("utf-8")
    select = overview.split('id="kr-filter-unit"', 1)[1].split("</select>", 1)[0]
    options = dict(re.findall(r'<option value="([a-z0-9-]+)"[^>]*>[^<]*\((\d+)\)</option>', select))
    tree = (built_site / "organisation" / "index.html").read_text("utf-8")
    entry = r'href="([a-z0-9-]+)/">[^<]*</a> <span class="kr-count">\((\d+)\)'
    counts = dict(re.findall(entry, tree))
    assert options and options == {k: v for k, v in counts.items() if v != "0"}
    assert int(options["kulturbuero"]) > 1
