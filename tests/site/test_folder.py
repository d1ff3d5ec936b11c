"""``kanalregister build --out`` gives a generator without the plugin the same pages, and
``kanalregister check-site`` tells a complete site from one built without the register."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TODAY

ENV = {**os.environ, "KANALREGISTER_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
PLUGIN = "  - kanalregister:\n"
# The console script that pip installs next to the interpreter, as users run it.
CLI = Path(sys.executable).with_name("kanalregister")


def kanalregister(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), *args], cwd=project,
                          env=ENV, capture_output=True, text=True, timeout=300)


def mkdocs_build(project: Path, site: Path, *, strict: bool = True) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    result = subprocess.run([*command, *(["--strict"] if strict else [])], cwd=project,
                            env=ENV, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-5000:]


def without_plugin(config: str, extra: str = "") -> str:
    """mkdocs.yml with the register's plugin switched off (its own ``enabled`` option)."""
    assert config.count(PLUGIN) == 1, "the demo lists the plugin with options"
    return config.replace(PLUGIN, PLUGIN + "      enabled: false\n") + extra


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("with-plugin") / "site"
    mkdocs_build(ROOT, site)
    return site


@pytest.fixture(scope="module")
def plain_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo whose docs come from ``build --out`` and whose plugin is off."""
    project = tmp_path_factory.mktemp("without-plugin")
    for name in ("channels", "overrides", "docs"):
        subprocess.run(["cp", "-r", str(ROOT / name), str(project / name)], check=True)
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8"), "utf-8")
    result = kanalregister(project, "build", "--out", "plain")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^\d+ Seiten und \d+ weitere Dateien", result.stdout, re.MULTILINE)
    settings = result.stderr.split("ergänzen:\n", 1)[1]
    config = without_plugin((ROOT / "mkdocs.yml").read_text("utf-8"), settings)
    (project / "mkdocs.yml").write_text(config.replace("docs_dir: docs", "docs_dir: plain"),
                                        "utf-8")
    return project


def test_build_out_gives_a_plugin_free_build_the_same_pages(
        plugin_site: Path, plain_project: Path) -> None:
    site = plain_project / "site"
    mkdocs_build(plain_project, site)
    assert html_pages(site) == html_pages(plugin_site)
    for name in ("kanaele.json", "kanaele.csv", "feed.xml", "assets/kanalregister/index.json"):
        assert (site / name).stat().st_size > 0, name
    # The directives of the hand-written pages were expanded, not left as comments.
    start = (site / "index.html").read_text("utf-8")
    assert "kanalregister:" not in start


def test_check_site_passes_on_both_builds(plugin_site: Path, plain_project: Path) -> None:
    result = kanalregister(ROOT, "check-site", str(plugin_site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Vollständig: alle ")


def test_check_site_fails_on_a_site_built_without_the_plugin(demo_copy: Path) -> None:
    config = demo_copy / "mkdocs.yml"
    config.write_text(without_plugin(config.read_text("utf-8")), "utf-8")
    site = demo_copy / "site"
    # Not strict: the navigation names register pages that no longer exist.
    mkdocs_build(demo_copy, site, strict=False)
    result = kanalregister(demo_copy, "check-site", "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert f"{Path('site') / 'kanaele/index.html'}: fehlt: Kanalübersicht „Offizielle Kanäle“" \
        in " ".join(lines)
    for kind in ("Kanalseite", "Plattformseite", "Seite der Organisationseinheit",
                 "Impressum", "Feed", "Export (CSV)", "Prüfindex"):
        assert any(f": fehlt: {kind}" in line for line in lines), kind
    assert "fehlen oder sind leer" in result.stderr


def test_check_site_names_an_empty_export_and_a_page_without_content(
        plugin_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(["cp", "-r", str(plugin_site), str(site)], check=True)
    (site / "feed.xml").write_text("", "utf-8")
    imprint = site / "impressum" / "index.html"
    imprint.write_text(re.sub(r"<h1[^>]*>.*?</h1>", "", imprint.read_text("utf-8"), flags=re.S),
                       "utf-8")
    result = kanalregister(ROOT, "check-site", str(site))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2, result.stdout
    assert lines[0].startswith(f"{imprint}: hat keinen Inhalt (keine Überschrift): Impressum")
    assert lines[1].startswith(f"{site / 'feed.xml'}: ist leer: Feed")
    assert all("Hinweis: " in line for line in lines)
