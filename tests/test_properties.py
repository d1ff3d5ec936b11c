"""Property tests (Hypothesis) of the YAML reader, the text rule, the URL rule and the
canonical form: they never raise, their positions lie inside the file, their results are
stable when read again, and Python agrees with itself on the host of every accepted URL.
(tests/browser/test_url_rule_chromium.py compares the same hosts with Chromium.)"""

from __future__ import annotations

from urllib.parse import urlsplit

from hypothesis import given
from hypothesis import strategies as st

from hostile_strategies import SETTINGS, url_texts, yaml_texts
from kanalregister.register.canonical import Canonical, canonicalize
from kanalregister.register.platforms import load_registry
from kanalregister.values.text import escape_controls, is_unsafe, unsafe_character
from kanalregister.values.weburl import WebUrl, browser_host, check_web_url, link_target
from kanalregister.yamlfile.reader import YamlDocument, YamlProblem, read_yaml

REGISTRY = load_registry()


def _inside(text: str, line: int | None, col: int | None) -> bool:
    """Whether a 1-based position lies in ``text`` (or just past its last character)."""
    if line is None:
        return col is None
    lines = text.split("\n")
    if not 1 <= line <= len(lines) + 1:
        return False
    width = len(lines[line - 1]) if line <= len(lines) else 0
    return col is None or 1 <= col <= width + 1


@SETTINGS
@given(yaml_texts)
def test_the_yaml_reader_never_raises_and_points_into_the_file(text: str) -> None:
    result = read_yaml(text)
    assert isinstance(result, YamlDocument | YamlProblem)
    if isinstance(result, YamlProblem):
        assert result.message and result.hint
        assert _inside(text, result.line, result.col), (result, text)
    else:
        for line, col in [*result.values.values(), *result.keys.values()]:
            assert _inside(text, line, col), (line, col, text)


@SETTINGS
@given(st.text(max_size=100), st.booleans())
def test_the_text_rule_and_the_escaping_agree(text: str, multiline: bool) -> None:
    found = unsafe_character(text, multiline=multiline)
    if found is None:
        assert not any(is_unsafe(c, frozenset({"\n", "\t"}) if multiline else frozenset())
                       for c in text)
    else:
        assert is_unsafe(text[found[0]]) and text[found[0]] == found[1]
    shown = escape_controls(text)
    assert unsafe_character(shown) is None
    assert escape_controls(shown) == shown


@SETTINGS
@given(url_texts)
def test_the_url_rule_never_raises_is_idempotent_and_python_agrees_on_the_host(
        text: str) -> None:
    result = check_web_url(text, schemes=frozenset({"https", "http"}))
    link_target(text)  # never raises either
    if not isinstance(result, WebUrl):
        assert result.message and result.hint
        return
    again = check_web_url(result.url, schemes=frozenset({"https", "http"}))
    assert again == result
    assert browser_host(result.host) == result.host
    parts = urlsplit(text)
    assert parts.scheme.lower() == result.scheme
    assert browser_host(parts.hostname or "") == result.host
    assert urlsplit(result.url).hostname == result.host


@SETTINGS
@given(st.one_of(url_texts, st.text(max_size=60)))
def test_the_canonical_form_never_raises_and_is_a_fixed_point(text: str) -> None:
    result = canonicalize(text, REGISTRY, website_hosts=["musterstadt.example"])
    if isinstance(result, Canonical):
        again = canonicalize(result.url, REGISTRY, website_hosts=["musterstadt.example"])
        assert isinstance(again, Canonical), (text, result, again)
        assert (again.platform, again.account, again.url) == (
            result.platform, result.account, result.url)
