"""The text rule, the URL rule and where they apply: every text field of the models, the
plugin options, the generated front matter."""

from __future__ import annotations

import html
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from hostile_strategies import SETTINGS
from kanalregister.register import models
from kanalregister.settings import SettingsError, from_options
from kanalregister.site.render import FrontMatterError, check_front_matter, front_matter_title
from kanalregister.values.text import describe, escape_controls, unsafe_character
from kanalregister.values.types import TextRule
from kanalregister.values.weburl import (
    UrlRefusal,
    WebUrl,
    browser_host,
    check_web_url,
    link_target,
    mailto_href,
)


@pytest.mark.parametrize(("char", "name"), [
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"), ("\x00", "U+0000 NULL"),
    ("\x1b", "U+001B ESCAPE"), ("\u200b", "U+200B ZERO WIDTH SPACE"),
    ("\u2028", "U+2028 LINE SEPARATOR"), ("\ue000", "U+E000 <privat genutzt>"),
    ("\ufdd0", "U+FDD0 <Nichtzeichen>"), ("\U0010fffe", "U+10FFFE <Nichtzeichen>"),
    ("\ud800", "U+D800 <Surrogat>"), ("\x85", "U+0085 NEXT LINE"),
])
def test_refused_characters_are_named(char: str, name: str) -> None:
    assert unsafe_character(f"Stadt {char}Musterstadt") == (6, char)
    assert describe(char) == name


@pytest.mark.parametrize("text", ["Stadt Musterstadt", "Bürgerbüro – „Straße“", "Ελλάδα",
                                  "日本語", "👩‍🚒"[0], "a\u00a0b"])
def test_ordinary_text_passes(text: str) -> None:
    assert unsafe_character(text) is None


def test_newline_and_tab_only_where_allowed() -> None:
    assert unsafe_character("a\nb") == (1, "\n")
    assert unsafe_character("a\nb\tc", multiline=True) is None
    assert unsafe_character("a\n\u202eb", multiline=True) == (2, "\u202e")


def test_escaping_makes_every_refused_character_visible() -> None:
    assert escape_controls("a\nb\x1b]8;;x\x07\u202e") == "a\\x0ab\\x1b]8;;x\\x07\\u202e"
    assert escape_controls("Straße") == "Straße"


def _text_leaves(annotation: Any) -> list[Any]:
    """The ``str`` leaves of a field's type, each with its Annotated metadata."""
    found: list[Any] = []
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        if base is str:
            return [meta]
        return _text_leaves(base)
    if annotation is str:
        return [[]]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return []
    for arg in typing.get_args(annotation):
        found += _text_leaves(arg)
    return found


@pytest.mark.parametrize("model", [m for m in vars(models).values() if isinstance(m, type)
                                   and issubclass(m, BaseModel) and m is not BaseModel])
def test_every_text_field_of_the_models_applies_the_text_rule(model: type[BaseModel]) -> None:
    hints = typing.get_type_hints(model, include_extras=True)
    for name in model.model_fields:
        for meta in _text_leaves(hints[name]):
            rules = [getattr(m, "func", None) for m in meta]
            assert any(isinstance(r, TextRule) for r in rules), f"{model.__name__}.{name}"


@pytest.mark.parametrize(("url", "host"), [
    ("https://www.musterstadt.example/impressum/", "www.musterstadt.example"),
    ("HTTPS://WWW.Musterstadt.Example:443/", "www.musterstadt.example"),
    ("https://straße.example/", "xn--strae-oqa.example"),
    ("https://ｍｕｓｔｅｒｓｔａｄｔ．example/", "musterstadt.example"),
    ("https://evil.example。musterstadt.example/", "evil.example.musterstadt.example"),
])
def test_accepted_urls_report_the_host_a_browser_opens(url: str, host: str) -> None:
    result = check_web_url(url)
    assert isinstance(result, WebUrl) and result.host == host


@pytest.mark.parametrize("url", [
    "https://evil.example\\@www.musterstadt.example/", "https://u@www.musterstadt.example/",
    "https://www.musterstadt.example:8443/", "https://www.musterstadt.example:/",
    "https://www.musterstadt.example/a b", "https://www.musterstadt.example/\u202e",
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//x.example/",
    "https:x.example", "https://evil%2eexample/", "https://127.0.0.1/", "https://0x7f.1/",
    "https://[::1]/", "https://x.example./", "https://localhost/", "https://-a.example/",
    "https://a_b.example/", "https://evil.example＠musterstadt.example/", "ftp://x.example/",
    "http://www.musterstadt.example/", " https://x.example/",
])
def test_refused_urls(url: str) -> None:
    result = check_web_url(url)
    assert isinstance(result, UrlRefusal) and result.message and result.hint


def test_browser_host_refuses_what_is_no_domain_name() -> None:
    assert browser_host("1.2.3.4") is None and browser_host("example") is None
    assert browser_host("a" * 64 + ".example") is None


@pytest.mark.parametrize(("text", "href"), [
    ("socialmedia@musterstadt.example", "mailto:socialmedia@musterstadt.example"),
    ("info@müllheim.example", "mailto:info@xn--mllheim-n2a.example"),
    ("a@b.example?bcc=evil@evil.example", None), ("a@b.example&body=x", None),
    ("a@b.example,c@d.example", None), ("mailto:a@b.example", None), ("a b@c.example", None),
])
def test_mailto_links_are_built_from_bare_addresses(text: str, href: str | None) -> None:
    assert mailto_href(text) == href


@pytest.mark.parametrize(("text", "href"), [
    ("mailto:a@b.example?subject=Problem%20melden", "mailto:a@b.example?subject=Problem%20melden"),
    ("mailto:a@b.example", "mailto:a@b.example"), ("https://x.example/melden", "https://x.example/melden"),
    ("mailto:a@b.example?bcc=e@x.example", None), ("mailto:a@b.example?subject=x&cc=y", None),
    ("javascript:alert(1)", None), ("mailto:a@b.example,e@x.example", None),
])
def test_link_targets(text: str, href: str | None) -> None:
    assert link_target(text) == href


@pytest.mark.parametrize("options", [
    {"report_problem": "javascript:alert(1)"},
    {"report_problem": "mailto:a@b.example?bcc=e@x.example"},
    {"privacy_pattern": "{website}/\u202e{platform}/"},
    {"severities": {"GOV005\u200b": "off"}},
    {"platforms": {"instagram": {"name": "Insta\x1bgram"}}},
])
def test_hostile_plugin_options_are_refused(options: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as refused:
        from_options(options, base_dir=tmp_path)
    assert unsafe_character(str(refused.value)) is None


@SETTINGS
@given(st.text(max_size=80))
def test_front_matter_titles_always_parse(text: str) -> None:
    title = front_matter_title(text)
    assert title.isascii()
    assert yaml.safe_load(f"title: {title}") == {"title": html.escape(text, quote=True)}
    check_front_matter("x.md", f"---\ntitle: {title}\n---\n\n# x\n")


@pytest.mark.parametrize("page", [
    "---\ntitle: \"a\x80b\"\n---\n\n# x\n",
    "---\ntitle: [unclosed\n---\n\n# x\n",
    "---\n- a list\n---\n\n# x\n",
])
def test_front_matter_that_does_not_parse_fails_the_build(page: str) -> None:
    with pytest.raises(FrontMatterError):
        check_front_matter("kanaele/x.md", page)
