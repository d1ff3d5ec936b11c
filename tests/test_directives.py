"""One registry of directives: the check, the site's snippets and the templates follow it."""

from __future__ import annotations

from pathlib import Path

from kanalregister import directives
from kanalregister.directives import DIRECTIVES

TEMPLATES = Path(directives.__file__).parent / "templates"


def test_every_directive_has_its_snippet_and_every_snippet_a_directive() -> None:
    snippets = {p.relative_to(TEMPLATES).as_posix() for p in (TEMPLATES / "snippets").iterdir()}
    assert snippets == {spec.template for spec in DIRECTIVES.values()}


def test_arguments_are_checked_by_their_kind() -> None:
    ok = directives.argument_checker(["mastodon"])
    assert ok("platform-facts", "mastodon") and not ok("platform-facts", "myspace")
    assert ok("checks", "governance") and ok("checks", "Steuerung") and not ok("checks", "x")
    assert ok("stats", "anything")
