"""What ``kanalregister build --out`` and ``kanalregister check-site`` do, without click (the
commands and their exit codes are in cli.py): the register without the MkDocs plugin, and the
check that a built site contains all of it (see site/folder.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .pipeline import Outcome
from .project import site_builder
from .settings import Settings
from .site.folder import check_site, expected_files, mkdocs_settings, write_folder


class OutInDocs(ValueError):
    """The folder to write into lies inside the docs folder that would be copied into it."""


@dataclass(frozen=True)
class Written:
    """What ``build --out`` wrote, and what a mkdocs.yml without the plugin needs for it."""

    pages: int
    files: int
    config: str


def build_folder(settings: Settings, outcome: Outcome, out: Path, *,
                 generated_only: bool) -> Written:
    """Write the register (and, unless ``generated_only``, the docs) into ``out``."""
    docs = None if generated_only else settings.docs_dir
    if docs is not None and out.resolve().is_relative_to(docs.resolve()):
        raise OutInDocs(f"--out {out} liegt im docs-Ordner {docs}: einen anderen Ordner wählen "
                        "oder --generated-only angeben")
    out.mkdir(parents=True, exist_ok=True)
    written = write_folder(site_builder(settings.base_dir, settings, outcome), out,
                           docs_dir=docs)
    handwritten = ({p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
                   if docs else set())
    generated = [path for path in written if path not in handwritten]
    pages = sum(1 for path in generated if path.endswith(".md"))
    return Written(pages, len(generated) - pages, mkdocs_settings(generated, handwritten))


def site_problems(settings: Settings, outcome: Outcome, site_dir: Path) -> tuple[list[str], int]:
    """The German lines for each missing or empty page or file, and how many were expected."""
    expected = expected_files(site_builder(settings.base_dir, settings, outcome, history=False))
    return [p.format_text(site_dir) for p in check_site(site_dir, expected)], len(expected)
