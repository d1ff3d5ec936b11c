"""The browser's verify widget: the JavaScript canonicaliser against the shared URL vectors
and against the Python one, and the three answers on the built demo site."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml

from conftest import FIXTURES, ROOT
from kanalregister.register.canonical import Canonical, canonicalize, handle_candidates
from kanalregister.register.platforms import load_registry
from verify_vectors import VERIFY_VECTORS, expected_summary

pytestmark = pytest.mark.browser

SCRIPT = ROOT / "plugins" / "kanalregister" / "assets" / "kanalregister.js"
VECTORS: list[dict[str, Any]] = yaml.safe_load(
    (FIXTURES / "url_vectors.yml").read_text("utf-8"))
RULES = load_registry().to_json_rules()
REGISTRY = load_registry()

# Inputs beyond the vectors, for a differential test: Python and JavaScript must agree.
EXTRA_INPUTS = [
    "https://WWW.Instagram.COM/Muster.Stadt_/?a=1#x", "//instagram.com/musterstadt",
    "https://instagram.com:/musterstadt", "https://instagram.com:0443/musterstadt",
    "https://instagram.com:99999/musterstadt", "https://instagram.com:44a/musterstadt",
    "https://instagram.com/%6Dusterstadt", "https://instagram.com/musterstadt/.",
    "https://instagram.com/a/%2E%2E/musterstadt", "https://instagram.com/./musterstadt/..",
    "https://www.facebook.com/profile.php?id=123&id=456", "https://facebook.com/profile.php?id",
    "https://facebook.com/profile.php?i%64=123", "https://facebook.com/profile.php?id=1+2",
    "https://facebook.com/profile.php?id=%31%32", "https://facebook.com/profile.php?id=%FF",
    "https://ｉｎｓｔａｇｒａｍ.com/musterstadt", "https://instagram。com/musterstadt",
    "https://bücher.example/users/Stadt", "https://xn--bcher-kva.example/@stadt",
    "https://straße.example/@stadt", "https://münchen.example:443/@stadt",
    "https://a..example/@stadt", "https://-bad.example/@stadt", "https://1.2.3.4/@x",
    "https://example.123/@x", "https://exa_mple.com/@x", "https://[v1.x]/@x",
    "https://[::1/@x", "https://host]/@x", "https://www.linkedin.com/company/ä ö",
    "https://www.linkedin.com/company/stadt-\u00e4\U0001f600", "https://x.com/Muster%20Stadt",
    "https://t.me/s/Muster_Stadt/", "HTTPS://T.ME/MUSTERSTADT", "http:/x.com/musterstadt",
    "x.com", "x.com/", "www.x.com/musterstadt", "m.mobile.x.com/musterstadt",
    "https://www.x.com./musterstadt", "https://x.com../musterstadt", "@@musterstadt",
    "@muster@stadt@social.bund.de", "musterstadt@social.bund.de.", "@a", "@ab", "@abcde",
    "@" + "a" * 31, "@Mixed.Case_Name", "\u00a0https://x.com/musterstadt",
    "https://x.com/musterstadt\u00a0", "https://x.com/\u2100", "https://a\u2100b.example/@x",
    "https://evil.example\uff20instagram.com/musterstadt", "tel:+4912345",
    "HTTPS://musterstadt.example/Blog/", "https://www.musterstadt.example/",
    "https://social.musterstadt.example/@stadt@social.musterstadt.example",
    "https://musterstadt.example/%7Euser/?x=1", "https://musterstadt.example/a\"b",
    "https://musterstadt.example/a<b>c", "https://musterstadt.example/a`b{c}",
]
WEBSITE_HOSTS = ["musterstadt.example", "social.musterstadt.example"]
# Where the Python canonicaliser differs from what a browser does; the JavaScript follows the
# browser. Listed so that a fix in canonical.py shows up here as an unexpected agreement.
# None left: hosts are mapped with UTS 46 as browsers do (ß stays ß), and IPvFuture literals
# such as "[v1.x]", which urlsplit reads as a host name, are refused as browsers refuse them.
KNOWN_DIVERGENCES: set[str] = set()


def _as_dict(result: Any) -> dict[str, Any]:
    if isinstance(result, Canonical):
        return vars(result)
    return {"problem": result.code}


@pytest.fixture(scope="module")
def js(browser: Any) -> Any:
    """A blank page with kanalregister.js loaded (no server: the canonicaliser is pure)."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>t</title>")
    page.add_script_tag(path=str(SCRIPT))
    yield page
    context.close()


def _run_js(page: Any, inputs: list[tuple[str, list[str]]]) -> list[dict[str, Any]]:
    return page.evaluate(
        """([inputs, rules]) => inputs.map(([text, hosts]) => {
            const r = window.Kanalregister.canonicalize(text, rules, hosts);
            return r.problem ? {problem: r.problem} :
              {platform: r.platform, account: r.account, url: r.url, scheme: r.scheme};
        })""",
        [inputs, RULES],
    )


def test_shared_vectors_pass_in_chromium(js: Any) -> None:
    inputs = [(v["input"], v.get("website_hosts", [])) for v in VECTORS]
    results = _run_js(js, inputs)
    failures = []
    for vector, result in zip(VECTORS, results, strict=True):
        if "platform" in vector:
            expected = {k: vector[k] for k in ("platform", "account", "url", "scheme")}
        elif "problem" in vector:
            expected = {"problem": vector["problem"]}
        else:
            continue
        if result != expected:
            failures.append((vector["input"], expected, result))
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)


def test_handle_candidates_match_the_vectors(js: Any) -> None:
    vectors = [v for v in VECTORS if "candidates" in v]
    results = js.evaluate(
        "([texts, rules]) => texts.map(t => window.Kanalregister.handleCandidates(t, rules))",
        [[v["input"] for v in vectors], RULES])
    for vector, result in zip(vectors, results, strict=True):
        assert result == vector["candidates"], vector["input"]


def test_javascript_agrees_with_python_beyond_the_vectors(js: Any) -> None:
    texts = EXTRA_INPUTS + [v["input"] for v in VECTORS]
    inputs = [(t, hosts) for t, hosts in itertools.product(texts, ([], WEBSITE_HOSTS))]
    results = _run_js(js, inputs)
    mismatches = []
    for (text, hosts), result in zip(inputs, results, strict=True):
        expected = _as_dict(canonicalize(text, REGISTRY, website_hosts=hosts))
        if (result != expected) != (text in KNOWN_DIVERGENCES):
            mismatches.append((text, hosts, expected, result))
    candidates = js.evaluate(
        "([texts, rules]) => texts.map(t => window.Kanalregister.handleCandidates(t, rules)"
        ".map(c => [c.platform, c.account]))", [texts, RULES])
    for text, found in zip(texts, candidates, strict=True):
        if [tuple(c) for c in found] != handle_candidates(text, REGISTRY):
            mismatches.append((text, "candidates", handle_candidates(text, REGISTRY), found))
    assert not mismatches, json.dumps(mismatches, ensure_ascii=False, indent=1)


def _verify(page: Any, base: str, text: str) -> Any:
    page.goto(f"{base}pruefen/?konto={quote(text)}")
    result = page.locator("form.kr-verify .kr-verify__result")
    result.and_(page.locator("[data-answer]:not([data-answer='pending'])")).wait_for()
    return result


@pytest.mark.parametrize(("text", "answer", "phrase"), [
    ("https://www.instagram.com/MusterStadt/?utm_source=qr", "official", "Offizieller Kanal"),
    ("@stadt@social.musterstadt.example", "official", "Offizieller Kanal"),
    ("https://twitter.com/musterstadt", "archived",
     "Ehemals offizieller Kanal – nicht mehr betrieben seit 14.02.2025"),
    ("https://www.tiktok.com/@nicht.die.stadt", "not-listed", "Nicht offiziell"),
    ("https://x.com/Visit_MST", "official", "ruhend seit 30.06.2025: keine Beiträge"),
    ("https://www.instagram.com/buergerservice.musterstadt/", "known-fake",
     "am 10.02.2026 der Plattform als Fälschung gemeldet"),
    ("https://www.tiktok.com/@stadt.musterstadt.info", "known-fake", "Bekannte Fälschung"),
    ("https://evil-twitter.com/musterstadt", "not-listed", "Vorsicht, möglicherweise gefälscht"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "unusable", "Prüfung nicht möglich"),
])
def test_three_answers_in_the_browser(
    page: Any, site_server: str, text: str, answer: str, phrase: str
) -> None:
    result = _verify(page, site_server, text)
    assert result.get_attribute("data-answer") == answer
    assert phrase in result.inner_text()
    assert result.get_attribute("role") == "status"
    assert page.foreign_requests == []


def test_official_answer_links_the_channel_page(page: Any, site_server: str) -> None:
    result = _verify(page, site_server, "https://www.instagram.com/musterstadt/")
    link = result.locator("a.kr-verify__page")
    assert link.get_attribute("href") == f"{site_server}kanaele/instagram-musterstadt/"
    link.click()
    page.wait_for_url(f"{site_server}kanaele/instagram-musterstadt/")
    assert "Stadt Musterstadt" in page.title()


def test_not_listed_gives_advice_the_report_link_and_the_official_account(
    page: Any, site_server: str
) -> None:
    text = "https://instagram.com/musterstadt_offiziell"
    result = _verify(page, site_server, text)
    assert "Es ähnelt diesem offiziellen Kanal" in result.inner_text()
    assert result.locator("a[href$='kanaele/instagram-musterstadt/']").count() == 1
    # On /pruefen/ the answer points to the steps below instead of repeating them ...
    assert result.locator("a[href='#was-tun']").count() == 1
    assert "persönlichen Daten" not in result.inner_text()
    report = page.locator("#kr-was-tun a.kr-report-mail")
    assert report.get_attribute("href").startswith("mailto:socialmedia@musterstadt.example")
    assert quote(text, safe="") in report.get_attribute("href")
    # ... and elsewhere (the start page) it gives them itself.
    page.goto(site_server)
    box = page.locator("form.kr-verify").first
    box.locator("input").fill(text)
    box.locator("button[type=submit]").click()
    answer = box.locator(".kr-verify__result[data-answer='not-listed']")
    answer.wait_for()
    assert "persönlichen Daten" in answer.inner_text()
    assert quote(text, safe="") in answer.locator("a.kr-verify__report").get_attribute("href")


def test_bare_handle_lists_all_matches(page: Any, site_server: str) -> None:
    result = _verify(page, site_server, "@musterstadt")
    assert result.get_attribute("data-answer") == "only-on"
    items = result.locator("li").all_inner_texts()
    assert any(i.startswith("Instagram") for i in items)
    assert any(i.startswith("X") and "nicht mehr betrieben seit" in i for i in items)


def test_shared_verify_vectors_in_chromium(js: Any, built_site: Path) -> None:
    """The browser's answers on the built index agree with the vectors the CLI passes."""
    index = json.loads((built_site / "assets/kanalregister/index.json").read_text("utf-8"))
    results = js.evaluate(
        """([texts, index]) => texts.map((text) => {
            const r = window.Kanalregister.verify(text, index);
            const keys = (ms) => ms.map((m) => `${m.platform}:${m.account}`);
            return {answer: r.answer, reading: r.reading, matches: keys(r.matches),
              similar: keys(r.similar), lookalike: r.lookalike,
              successors: keys(r.matches.flatMap((m) => m.successors || [])),
              known_email: r.known_email, own_domain: r.own_domain};
        })""", [[v["input"] for v in VERIFY_VECTORS], index])
    failures = [(v["input"], expected_summary(v), r)
                for v, r in zip(VERIFY_VECTORS, results, strict=True) if r != expected_summary(v)]
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)


def test_typing_into_the_form_answers_and_makes_a_shareable_url(
    page: Any, site_server: str
) -> None:
    page.goto(f"{site_server}pruefen/")
    page.get_by_label("Profiladresse, Kontoname oder Name").fill("https://x.com/mst_kultur")
    page.keyboard.press("Enter")
    result = page.locator("form.kr-verify .kr-verify__result[data-answer='archived']")
    result.wait_for()
    assert "konto=https%3A%2F%2Fx.com%2Fmst_kultur" in page.url


def test_the_start_page_box_answers_in_place(page: Any, site_server: str) -> None:
    page.goto(site_server)
    box = page.locator("form.kr-verify").first
    box.locator("input").fill("https://www.facebook.com/neuemittemusterstadt")
    box.locator("button[type=submit]").click()
    box.locator(".kr-verify__result[data-answer='archived']").wait_for()
    assert page.url == site_server


def test_without_javascript_the_verify_page_explains_the_manual_check(
    make_page: Any, site_server: str
) -> None:
    page = make_page(java_script_enabled=False)
    page.goto(f"{site_server}pruefen/")
    assert "Ohne JavaScript von Hand prüfen" in page.content()
    assert page.locator("a[href$='kanaele/']").count() >= 1


def test_index_pages_resolve_against_the_site_base(built_site: Path) -> None:
    index = json.loads((built_site / "assets/kanalregister/index.json").read_text("utf-8"))
    for entry in index["accounts"]:
        if entry["status"] == "planned":
            assert entry["page"] is None  # planned channels have no page yet
            continue
        assert not entry["page"].startswith("/")
        assert (built_site / entry["page"] / "index.html").is_file(), entry["page"]
