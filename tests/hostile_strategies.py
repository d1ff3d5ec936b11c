"""Hypothesis strategies for hostile input: YAML-like text and URL-like strings.

Shared by the property tests and the browser test that compares the URL rule with Chromium.
Settings are modest and deterministic: ``derandomize=True`` (the same examples every run, no
example database), a bounded ``max_examples`` and no per-example deadline (the machine is
shared; slowness must not turn into flakiness).
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=300,
                    suppress_health_check=[HealthCheck.too_slow])
BROWSER_SETTINGS = settings(SETTINGS, max_examples=150)

# Pieces that steer the YAML parser into its corners: indentation, flow collections, tags,
# anchors, quotes and escapes, documents, comments, and characters YAML refuses.
_YAML_PIECES = st.sampled_from([
    "a", "name", ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "\n", "  ", " ", "\t", "#",
    "'", '"', "\\", "\\x80", "\\u202e", "\\0", "\\L", "!!int ", "!!float ", "!!bool ",
    "!!timestamp ", "!!str ", "!!binary ", "!!python/object ", "!custom ", "&a ", "*a", "? ",
    "---", "...", "|", ">", "|-", "2026-13-45", "0x", "maybe", "~", "null", "\x00", "\x1b",
    "\x7f", "\x80", "\ufffe", "\u2028", "\u202e", "\ufeff", "ü", "𝔘", "%YAML 1.1\n", "%TAG",
])
yaml_texts = st.one_of(
    st.lists(_YAML_PIECES, max_size=40).map("".join),
    st.text(max_size=200),
)

_HOST_CHARS = st.sampled_from(list(
    "abcxyz019-.") + ["ü", "ß", "ｅ", "。", "．", "％", "%2e", "@", "＠", "\\", ":", "[", "]",
                      "xn--", "xn--strae-oqa", "ａ", "ς", "σ", "İ", "\u200d", "\u00ad",
                      "ﬀ", "Ⅸ", "example", "musterstadt", "0x7f", "1", "255"])
_PATH_CHARS = st.sampled_from(list("/abc09?#=&%.~") + [
    "\\", " ", "\t", "\n", "@", "<", ">", '"', "`", "{", "}", "|", "^", "ä", "%00", "/../"])

hosts = st.lists(_HOST_CHARS, min_size=1, max_size=8).map("".join)
# Labels a browser accepts, with the mappings where Python and browsers could part ways:
# upper case, fullwidth letters, ß and final sigma, a soft hyphen, punycode written out.
_LABELS = st.one_of(
    st.sampled_from(["www", "musterstadt", "social", "xn--strae-oqa", "straße", "bücher",
                     "ＭＵＳＴＥＲ", "ΣΟΦΙΑ", "ς", "a-b", "a\u00adb", "İstanbul", "ﬀ", "x1"]),
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-äöüß"), min_size=1,
            max_size=12),
)
_TOPS = st.sampled_from(["example", "de", "com", "EXAMPLE", "xn--p1ai", "рф", "ｃｏｍ"])
_DOTS = st.sampled_from([".", ".", ".", "。", "．", "｡"])
plausible_hosts = st.builds(
    lambda labels, dots, top: "".join(f"{label}{dot}" for label, dot in
                                      zip(labels, dots[:len(labels)], strict=True)) + top,
    st.lists(_LABELS, min_size=1, max_size=3), st.lists(_DOTS, min_size=3, max_size=3), _TOPS)
_SAFE_PATH = st.text(st.sampled_from("abc09/-._~%=&?#äü"), max_size=20).map(
    lambda path: "/" + path if path else path)

hostile_urls = st.builds(
    lambda scheme, sep, user, host, port, path: f"{scheme}{sep}{user}{host}{port}{path}",
    st.sampled_from(["https", "HTTPS", "http", "hTtPs", "javascript", "ftp", "", "https "]),
    st.sampled_from(["://", ":", ":/", ":\\\\", "", ":///"]),
    st.sampled_from(["", "", "", "user@", "a:b@", "evil.example\\@", "@"]),
    st.one_of(hosts, plausible_hosts),
    st.sampled_from(["", "", ":443", ":8443", ":", ":0443", ":99999", ":a"]),
    st.lists(_PATH_CHARS, max_size=8).map("".join),
)
plausible_urls = st.builds(
    lambda scheme, host, port, path: f"{scheme}://{host}{port}{path}",
    st.sampled_from(["https", "HTTPS", "http"]), plausible_hosts,
    st.sampled_from(["", "", "", ":443"]), _SAFE_PATH,
)
url_texts = st.one_of(plausible_urls, hostile_urls)
