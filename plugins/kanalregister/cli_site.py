"""``kanalregister build --out`` and ``kanalregister check-site``: the register without the
MkDocs plugin, and the check that a built site contains all of it (see sitefolder.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli import EXIT_ERRORS, EXIT_OK, _print, _run, _settings, _today_option, main
from .findings import Severity
from .sitefolder import (
    check_site,
    expected_files,
    mkdocs_settings,
    site_builder,
    write_folder,
)


@main.command("build")
@click.option("--out", "out", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="folder to write into (created if missing)")
@click.option("--generated-only", is_flag=True,
              help="only the register's files, without the hand-written pages of docs/")
@_today_option
def build(out: Path, generated_only: bool, today: str | None) -> None:
    """Write the register's pages (Markdown), exports, feed, verify index and assets into a
    folder, for a site generator without the plugin. Without --generated-only the folder
    also gets the hand-written pages of docs/, with their directives expanded."""
    settings = _settings(None, today)
    outcome = _run(settings, scan_markdown=True)
    if any(f.severity is Severity.ERROR for f in outcome.report.findings):
        _print(outcome.report, "text", summary=False)
        click.echo("Nichts geschrieben: erst die Fehler beheben.", err=True)
        sys.exit(EXIT_ERRORS)
    docs = None if generated_only else settings.docs_dir
    if docs is not None and out.resolve().is_relative_to(docs.resolve()):
        raise click.UsageError(f"--out {out} liegt im docs-Ordner {docs}: einen anderen Ordner "
                               "wählen oder --generated-only angeben")
    out.mkdir(parents=True, exist_ok=True)
    site = site_builder(settings.base_dir, settings, outcome)
    written = write_folder(site, out, docs_dir=docs)
    pages = sum(1 for path in written if path.endswith(".md"))
    click.echo(f"{pages} Seiten und {len(written) - pages} weitere Dateien des Registers "
               f"nach {out} geschrieben.")
    handwritten = ({p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
                   if docs else set())
    click.echo(f"Für einen Build ohne Plugin in mkdocs.yml: 'docs_dir: {out}', das Plugin "
               "abschalten (enabled: false) und ergänzen:\n"
               + mkdocs_settings([p for p in written if p not in handwritten], handwritten),
               err=True)
    sys.exit(EXIT_OK)


@main.command("check-site")
@click.argument("site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_today_option
def check_site_command(site_dir: Path, today: str | None) -> None:
    """Check a built site for every page and file of the register: channel, unit and platform
    pages, exports, feed, verify index, imprint. Exit 1 if one is missing or empty."""
    settings = _settings(None, today)
    outcome = _run(settings, scan_markdown=False)
    site = site_builder(settings.base_dir, settings, outcome, history=False)
    expected = expected_files(site)
    problems = check_site(site_dir, expected)
    for problem in problems:
        click.echo(problem.format_text(site_dir))
    if problems:
        click.echo(f"{len(problems)} von {len(expected)} Seiten und Dateien des Registers "
                   f"fehlen oder sind leer in {site_dir}.", err=True)
        sys.exit(EXIT_ERRORS)
    click.echo(f"Vollständig: alle {len(expected)} Seiten und Dateien des Registers sind in "
               f"{site_dir}.")
    sys.exit(EXIT_OK)
