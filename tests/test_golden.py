"""Golden outputs: the generated Markdown and exports of the fixture register.

After an intended change, regenerate with ``UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and
review the diff like any other code change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import FIXTURES, TODAY
from helpers import check
from kanalregister.exports.opendata import register_csv, register_json
from kanalregister.site.pages import PageBuilder
from kanalregister.site.render import Renderer

GOLDEN = FIXTURES / "golden"
PAGES = [
    "kanaele/index.md",
    "kanaele/archiv.md",
    "kanaele/instagram-musterstadt.md",
    "kanaele/mastodon-stadt-social-musterstadt-example.md",
    "kanaele/x-musterstadt.md",
    "plattformen/instagram.md",
    "organisation/presseamt.md",
    "impressum/index.md",
    "impressum/stadtwerke.md",
    "bericht.md",
]


def _outputs() -> dict[str, str]:
    outcome = check(FIXTURES / "register", site_url="https://socialmedia.musterstadt.example/")
    renderer = Renderer(globals={"report_problem": "mailto:socialmedia@musterstadt.example"})
    builder = PageBuilder(outcome.catalog, today=TODAY, severities=outcome.reporter.severities)
    pages = {spec.src_uri: renderer.render(spec) for spec in builder.build()}
    outputs = {uri: pages[uri] for uri in PAGES}
    site_url = "https://socialmedia.musterstadt.example/"
    outputs["kanaele.json"] = register_json(outcome.catalog, site_url=site_url,
                                            generated="2026-11-22T00:00:00+00:00")
    outputs["kanaele.csv"] = register_csv(outcome.catalog, site_url=site_url)
    return outputs


OUTPUTS = _outputs()


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_output_matches_golden(name: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(OUTPUTS[name], "utf-8")
    assert golden.is_file(), f"missing golden file {golden}; run with UPDATE_GOLDEN=1"
    assert OUTPUTS[name] == golden.read_text("utf-8")


def test_planned_channels_are_never_published() -> None:
    for name, text in OUTPUTS.items():
        assert "tiktok-kultur-musterstadt" not in text, name
        assert "Kultur Musterstadt" not in text or name.startswith("kanaele/instagram"), name


def test_every_generated_page_is_listed(tmp_path: Path) -> None:
    outcome = check(FIXTURES / "register")
    builder = PageBuilder(outcome.catalog, today=TODAY)
    uris = {spec.src_uri for spec in builder.build()}
    assert set(PAGES) <= uris
    assert "kanaele/tiktok-kultur-musterstadt.md" not in uris
