"""The two projects the benchmark builds for each size.

* the **register project**: the demo's docs/, overrides/ and mkdocs.yml with a synthetic
  channels/ folder, committed to a fresh Git repository as in CI (the plugin reads the
  channel history from Git);
* the **baseline project**: the very pages the plugin would generate, written as plain
  Markdown files, with the exports and assets as static files and the directives in the
  hand-written pages already expanded, built *without* the plugin. It is the floor for an
  MkDocs site of that many pages, so the plugin's overhead is a ratio from one run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

from synth import write_register

from kanalregister.pipeline import run
from kanalregister.project import load_settings, site_builder
from kanalregister.site.folder import mkdocs_settings, write_folder

# The plugin's entry in mkdocs.yml with its indented options.
_PLUGIN_ENTRY = re.compile(r"^  - kanalregister:\n(?:^ {6,}.*\n)*", re.MULTILINE)


def copy_site_sources(source: Path, target: Path) -> None:
    """The project's hand-written part: docs/, overrides/ and mkdocs.yml."""
    target.mkdir(parents=True, exist_ok=True)
    for folder in ("docs", "overrides"):
        shutil.copytree(source / folder, target / folder, dirs_exist_ok=True)
    shutil.copy2(source / "mkdocs.yml", target / "mkdocs.yml")


def register_project(source: Path, target: Path, count: int, *, today: date) -> None:
    """The demo site with ``count`` synthetic channels, committed to a new Git repository."""
    copy_site_sources(source, target)
    write_register(target / "channels", count, demo_channels=source / "channels", today=today)
    git = ["git", "-C", str(target), "-c", "user.name=Benchmark",
           "-c", "user.email=bench@musterstadt.example", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "channels"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Synthetic register"], check=True)


def baseline_project(register: Path, target: Path, *, today: date) -> int:
    """Write the register project's generated pages as plain Markdown (what
    ``kanalregister build --out`` writes) and a mkdocs.yml without the plugin; return the
    number of generated pages."""
    copy_site_sources(register, target)
    settings = replace(load_settings(register, today=today), docs_dir=register / "docs")
    outcome = run(settings)
    if outcome.report.findings:
        raise RuntimeError(f"the synthetic register is not clean: {outcome.report.findings[0]}")
    site = site_builder(register, settings, outcome)
    handwritten = {p.relative_to(settings.docs_dir).as_posix()
                   for p in settings.docs_dir.rglob("*.md")}
    written = write_folder(site, target / "docs", docs_dir=settings.docs_dir)
    generated = [path for path in written if path not in handwritten]
    config = _PLUGIN_ENTRY.sub("", (register / "mkdocs.yml").read_text("utf-8"))
    config += "\n" + mkdocs_settings(generated, handwritten)
    (target / "mkdocs.yml").write_text(config, "utf-8")
    return sum(1 for path in generated if path.endswith(".md"))
