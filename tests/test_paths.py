"""Relative links between generated pages."""

from __future__ import annotations

import posixpath

import pytest

from kanalregister.paths import page_url, relative_url

SOURCES = ["index.md", "kanaele/index.md", "kanaele/x.md", "organisation/a.md", "a/b/c.md",
           "impressum/sw.md", "kanaele-x/y.md", "a/bc/d.md", "bericht.md"]
TARGETS = ["", "kanaele/", "kanaele/x/", "kanaele/y/#frag", "kanaele.json", "organisation/",
           "organisation/a/", "a/", "a/b/", "a/b/c/", "a/bc/", "a/b", "kanaele-x/", "x.html",
           "assets/kanalregister/index.json", "bericht/#x"]


def plain_relative_url(from_src: str, to_url: str, *, directory_urls: bool) -> str:
    """The same link with one posixpath.relpath per call (what the cache must reproduce)."""
    here = page_url(from_src, directory_urls=directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    target, _, anchor = to_url.partition("#")
    rel = posixpath.relpath("/" + target, "/" + base) if target else ""
    if target.endswith("/") and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return rel + (f"#{anchor}" if anchor else "")


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("source", SOURCES)
def test_cached_folders_give_the_same_links(source: str, directory_urls: bool) -> None:
    for target in TARGETS:
        expected = plain_relative_url(source, target, directory_urls=directory_urls)
        assert relative_url(source, target, directory_urls=directory_urls) == expected, target
