"""Proof that the gates bite: a copy of the built site is broken on purpose, and each gate
must fail with a message that names what is wrong and where."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from browser.anchor_gate import check_anchors
from browser.axe_gate import assert_accessible
from browser.axe_sweep import describe, sweep
from browser.conftest import ServedSite
from browser.html_gate import vnu_errors
from browser.link_gate import check_links
from browser.page_types import VIEWPORTS
from browser.privacy_gate import RequestLog, assert_private

PAGE = "impressum/"


def inject(site: ServedSite, html: str) -> Path:
    """Put ``html`` at the end of the imprint page's article; return the changed file."""
    target = site.root / PAGE / "index.html"
    text = target.read_text(encoding="utf-8")
    if "</article>" not in text:
        raise AssertionError(f"{target} has no </article> to inject into")
    target.write_text(text.replace("</article>", html + "</article>", 1), encoding="utf-8")
    return target


@pytest.mark.browser
def test_privacy_gate_names_a_third_party_image(site_copy: ServedSite,
                                               make_page: Callable[..., Any]) -> None:
    inject(site_copy, '<p><img src="https://tracker.example.net/pixel.gif" alt="Zählpixel"></p>')
    page = make_page(viewport=VIEWPORTS["desktop"])
    log = RequestLog(page)
    page.goto(site_copy.base + PAGE)
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_private(page, log, site_copy.base, "the injected imprint page")
    message = str(failure.value)
    assert "request to a third party: https://tracker.example.net/pixel.gif" in message
    assert "/impressum/" in message


@pytest.mark.browser
def test_axe_gate_names_an_image_without_alt(site_copy: ServedSite,
                                            make_page: Callable[..., Any]) -> None:
    inject(site_copy, '<p><img id="ohne-alt" src="../assets/images/favicon.png"></p>')
    page = make_page(viewport=VIEWPORTS["phone"])
    page.goto(site_copy.base + PAGE)
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page, "the injected imprint page")
    message = str(failure.value)
    assert "[image-alt]" in message
    assert "#ohne-alt" in message
    assert "/impressum/" in message


def test_linkchecker_gate_names_a_broken_link_and_its_page(site_copy: ServedSite) -> None:
    inject(site_copy, '<p><a href="../gibt-es-nicht/">Kaputter Link</a></p>')
    report = check_links(site_copy.base + PAGE, depth=1)
    message = report.describe()
    broken = {problem.url: problem for problem in report.problems}
    assert set(broken) == {site_copy.base + "gibt-es-nicht/"}, message
    assert broken[site_copy.base + "gibt-es-nicht/"].page == site_copy.base + PAGE, message
    assert "404" in broken[site_copy.base + "gibt-es-nicht/"].result
    assert f"linked from {site_copy.base}{PAGE}" in message


@pytest.mark.parametrize(("html", "problem"), [
    ('<a href="../datenschutz/#gibt-es-nicht">Anker auf einer anderen Seite</a>',
     "no element with id 'gibt-es-nicht' on /datenschutz/"),
    ('<a href="#gibt-es-nicht">Anker auf derselben Seite</a>',
     "no element with id 'gibt-es-nicht' on /impressum/"),
    ('<a href="../datenschutz/#Gibt%20es%20nicht">kodierter Anker</a>',
     "no element with id 'Gibt%20es%20nicht' on /datenschutz/"),
    ('<svg aria-hidden="true"><use href="#kr-icon-gibt-es-nicht"></use></svg>',
     "no element with id 'kr-icon-gibt-es-nicht' on /impressum/"),
    ('<a href="../gibt-es-nicht/">Kaputter Link</a>', "no such file (404)"),
    ('<img src="../assets/gibt-es-nicht.png" alt="Bild">', "no such file (404)"),
])
def test_anchor_gate_names_a_broken_anchor_or_target_and_its_page(
        site_copy: ServedSite, html: str, problem: str) -> None:
    assert not check_anchors(site_copy.root).broken, "the copied site must start clean"
    inject(site_copy, f"<p>{html}</p>")
    report = check_anchors(site_copy.root)
    assert [(link.page, link.problem) for link in report.broken] == [("/impressum/", problem)], \
        report.describe()
    assert "/impressum/:" in report.describe()


def test_anchor_gate_accepts_existing_anchors_in_every_spelling(site_copy: ServedSite) -> None:
    target = site_copy.root / "datenschutz" / "index.html"
    ids = re.findall(r'<h2 id="([^"]+)"', target.read_text(encoding="utf-8"))
    assert ids, "the privacy page has headings with ids"
    inject(site_copy, f'<p><a href="../datenschutz/#{ids[0]}">da</a> '
                      f'<a href="../datenschutz/index.html#{ids[0]}">da</a> '
                      '<a href="#">nach oben</a> <a href="#top">nach oben</a></p>')
    report = check_anchors(site_copy.root)
    assert not report.broken, report.describe()


def test_html_gate_reports_invalid_markup_and_filters_only_materials_two_errors(
        site_copy: ServedSite) -> None:
    page = inject(site_copy, '<span><div>Block im Inline-Element</div></span>'
                             '<input type="checkbox" id="__drawer2" autocomplete="off">')
    messages = [str(error["message"]) for error in vnu_errors([page])]
    assert any("“div” not allowed as child of element “span”" in m for m in messages), messages
    # Material's own two autocomplete errors are filtered, this look-alike is not.
    assert sum("autocomplete" in m for m in messages) == 1, messages


@pytest.mark.browser
@pytest.mark.parametrize(("html", "rule", "target"), [
    # A wide table in a region that scrolls but cannot take the focus: keyboard users cannot
    # scroll it (with a class, so that neither Material nor kanalregister-tables.js wrap it).
    ('<div id="breit" style="overflow-x:auto;max-width:10rem"><table class="x"><tr>'
     '<td style="white-space:nowrap">Sehr breiter Inhalt in einer Tabelle</td></tr></table>'
     '</div>', "scrollable-region-focusable", "#breit"),
    # A code comment in a grey that fails 4.5:1 on the code background.
    ('<div class="highlight"><pre><code><span id="blass" class="c1" style="color:#8a8a8a">'
     '# Kommentar</span></code></pre></div>', "color-contrast", "#blass"),
])
def test_axe_sweep_names_the_page_and_the_element_of_each_new_rule(
        site_copy: ServedSite, chromium_path: str, html: str, rule: str, target: str) -> None:
    inject(site_copy, html)
    found = sweep(site_copy.base, [PAGE, "datenschutz/"], VIEWPORTS["phone"], chromium_path)
    assert found["datenschutz/"] == [], describe(found, "phone")
    message = describe(found, "phone")
    assert f"/{PAGE}\n  [{rule}]" in message
    assert target in message


@pytest.mark.browser
def test_wide_tables_become_named_focusable_regions(site_server: str,
                                                   make_page: Callable[..., Any]) -> None:
    page = make_page(viewport=VIEWPORTS["phone"])
    page.goto(site_server + "mitmachen/pruefungen/", wait_until="load")
    region = page.locator(".kr-scrollwrap[tabindex='0'][role='region']").first
    region.wait_for(timeout=10_000)
    assert (region.get_attribute("aria-label") or "").startswith("Tabelle")
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())
    # On a wide screen a table that fits is no Tab stop.
    page.set_viewport_size({"width": 3000, "height": 800})
    page.wait_for_function(
        "() => [...document.querySelectorAll('.kr-scrollwrap')].every("
        "el => el.scrollWidth > el.clientWidth + 1 || !el.hasAttribute('tabindex'))")
