"""Proof that the gates bite: a copy of the built site is broken on purpose, and each gate
must fail with a message that names what is wrong and where."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from browser.axe_gate import assert_accessible
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


def test_linkchecker_gate_names_a_broken_link_and_anchor_and_their_page(
        site_copy: ServedSite) -> None:
    inject(site_copy, '<p><a href="../gibt-es-nicht/">Kaputter Link</a> '
                      '<a href="../datenschutz/#gibt-es-nicht">Kaputter Anker</a></p>')
    report = check_links(site_copy.base + PAGE, depth=1)
    message = report.describe()
    broken = {problem.url: problem for problem in report.problems}
    assert set(broken) == {site_copy.base + "gibt-es-nicht/",
                           site_copy.base + "datenschutz/#gibt-es-nicht"}, message
    assert all(problem.page == site_copy.base + PAGE for problem in broken.values()), message
    assert "404" in broken[site_copy.base + "gibt-es-nicht/"].result
    assert "Anchor `gibt-es-nicht' " in broken[site_copy.base + "datenschutz/#gibt-es-nicht"].result
    assert f"linked from {site_copy.base}{PAGE}" in message


def test_html_gate_reports_invalid_markup_and_filters_only_materials_two_errors(
        site_copy: ServedSite) -> None:
    page = inject(site_copy, '<span><div>Block im Inline-Element</div></span>'
                             '<input type="checkbox" id="__drawer2" autocomplete="off">')
    messages = [str(error["message"]) for error in vnu_errors([page])]
    assert any("“div” not allowed as child of element “span”" in m for m in messages), messages
    # Material's own two autocomplete errors are filtered, this look-alike is not.
    assert sum("autocomplete" in m for m in messages) == 1, messages
