"""A real ``mkdocs build --strict`` of the demo and of broken copies of it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TODAY


def build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` in ``project`` with the tests' reference date."""
    env = {**os.environ, "KANALREGISTER_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built once for this module."""
    from conftest import ROOT

    site = tmp_path_factory.mktemp("demo") / "site"
    result = build(ROOT, "--site-dir", str(site))
    assert result.returncode == 0, result.stderr[-5000:]
    assert "WARNING" not in result.stderr, result.stderr[-5000:]
    return site


def test_demo_builds_with_the_register_pages(demo_site: Path) -> None:
    data = json.loads((demo_site / "kanaele.json").read_text("utf-8"))
    assert data["count"] >= 40
    for record in data["channels"]:
        assert record["status"] != "planned"
        page = demo_site / record["page"].split("://", 1)[-1].split("/", 1)[1] / "index.html"
        assert page.is_file(), page
    for path in ("kanaele/index.html", "kanaele/archiv/index.html", "pruefen/index.html",
                 "plattformen/instagram/index.html", "organisation/presseamt/index.html",
                 "impressum/index.html", "mitmachen/pruefungen/index.html",
                 "mitmachen/felder/index.html", "bericht/index.html", "kanaele.csv",
                 "kanalregister.schema.json", "assets/kanalregister/index.json"):
        assert (demo_site / path).is_file(), path


def test_channel_pages_stay_out_of_the_navigation(demo_site: Path) -> None:
    start = (demo_site / "index.html").read_text("utf-8")
    assert "kanaele/instagram-musterstadt/" not in start


def test_every_page_links_imprint_and_privacy(demo_site: Path) -> None:
    for page in demo_site.rglob("index.html"):
        html = page.read_text("utf-8")
        assert "impressum/" in html and "datenschutz/" in html, page


def test_schema_export_is_the_models_schema(demo_site: Path) -> None:
    schema = json.loads((demo_site / "kanalregister.schema.json").read_text("utf-8"))
    assert schema["additionalProperties"] is False
    assert "instagram" in schema["properties"]["platform"]["enum"]


def test_a_broken_register_fails_before_site_is_touched(demo_copy: Path) -> None:
    site = demo_copy / "site"
    site.mkdir()
    (site / "keep.txt").write_text("previous build")
    channel = next((demo_copy / "channels" / "presseamt").glob("instagram-*.yml"))
    channel.write_text(channel.read_text("utf-8").replace("label: Impressum", "label: Info"))
    result = build(demo_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "[IMP003]" in result.stderr and channel.name in result.stderr
    assert (site / "keep.txt").is_file(), "a failed check must not empty the previous site"


def test_a_page_without_legal_links_fails_the_build(demo_copy: Path) -> None:
    footer = demo_copy / "overrides" / "partials" / "copyright.html"
    footer.write_text("<div class='md-copyright'></div>")
    # The navigation links both pages too; without footer and nav entries nothing does.
    config = demo_copy / "mkdocs.yml"
    lines = config.read_text("utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines
                              if line.strip() not in ("- Datenschutz: datenschutz.md",
                                                      "- Impressum: impressum/index.md")))
    result = build(demo_copy)
    assert result.returncode == 1
    assert "[IMP020]" in result.stderr and "Traceback" not in result.stderr


def test_unknown_severity_code_is_a_clean_error(demo_copy: Path) -> None:
    config = demo_copy / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "  - kanalregister:\n", "  - kanalregister:\n      severities: {XYZ999: off}\n"))
    result = build(demo_copy)
    assert result.returncode == 1
    assert "XYZ999" in result.stderr and "Traceback" not in result.stderr


def test_exports_follow_use_directory_urls_false(demo_copy: Path) -> None:
    config = demo_copy / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nuse_directory_urls: false\n", "utf-8")
    result = build(demo_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    site = demo_copy / "site"
    index = json.loads((site / "assets" / "kanalregister" / "index.json").read_text("utf-8"))
    for account in index["accounts"]:
        if account["status"] == "planned":  # listed for the verify answer, but no page yet
            assert account["page"] is None
            continue
        assert account["page"].endswith(".html") and (site / account["page"]).is_file()
