"""The register's part of a site without a site generator.

``kanalregister build --out DIR`` writes what the MkDocs plugin adds to a site — the generated
Markdown pages, the exports, the feed, the verify index and the assets — as plain files, so
that any generator that reads Markdown from a folder can publish the register.
``kanalregister check-site SITE_DIR`` lists what a built site must contain and reports what is
missing or empty, so that a generator that silently skips the plugin fails the build.

Both use the same core as the plugin (pipeline, SiteBuilder, Renderer); nothing here imports
MkDocs. ``project.site_builder`` sets the SiteBuilder up from mkdocs.yml as the plugin would.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..paths import (
    ASSET_DIR,
    EXPORT_SCHEMA,
    FEED_PATH,
    REGISTER_CSV,
    REGISTER_JSON,
    SCHEMA_FILE,
    VERIFY_INDEX,
)
from .builder import ASSETS, SiteBuilder

# What a reader calls each generated page, by its template (German: check-site prints it).
PAGE_KINDS = {
    "overview.md.jinja": "Kanalübersicht",
    "archive.md.jinja": "Archiv",
    "channel.md.jinja": "Kanalseite",
    "platforms.md.jinja": "Plattformübersicht",
    "platform.md.jinja": "Plattformseite",
    "units.md.jinja": "Organisationsübersicht",
    "unit.md.jinja": "Seite der Organisationseinheit",
    "checks.md.jinja": "Prüfungen",
    "fields.md.jinja": "Feldreferenz",
    "verify.md.jinja": "Prüfseite",
    "report.md.jinja": "Jahresbericht",
    "imprint.md.jinja": "Impressum",
}
FILE_KINDS = {
    REGISTER_JSON: "Export (JSON)",
    REGISTER_CSV: "Export (CSV)",
    SCHEMA_FILE: "Export (JSON-Schema)",
    EXPORT_SCHEMA: "Export (JSON-Schema der offenen Daten)",
    FEED_PATH: "Feed",
    VERIFY_INDEX: "Prüfindex",
}


@dataclass(frozen=True)
class Expected:
    """A file the built site must contain: its path in the site, what it is, its title."""

    path: str
    kind: str
    title: str = ""

    def describe(self) -> str:
        """``Kanalseite „Titel“`` or just the kind."""
        return f"{self.kind} „{self.title}“" if self.title else self.kind


@dataclass(frozen=True)
class Problem:
    """An expected file that is missing or empty in the built site."""

    expected: Expected
    what: str  # "fehlt" or "ist leer" or "hat keinen Inhalt"

    def format_text(self, site_dir: Path) -> str:
        """``site/kanaele/x/index.html: fehlt: Kanalseite „…“`` with a hint."""
        return (f"{site_dir / self.expected.path}: {self.what}: {self.expected.describe()} – "
                "Hinweis: mit dem Kanalregister-Plugin bauen (mkdocs.yml: plugins: "
                "- kanalregister) oder vorher 'kanalregister build --out' in den docs-Ordner "
                "schreiben")


def write_folder(site: SiteBuilder, out: Path, *, docs_dir: Path | None) -> list[str]:
    """Write the register's files into ``out``; return their paths, sorted.

    With ``docs_dir`` the hand-written pages come along (variables and directives expanded), so
    that ``out`` is a complete docs folder for a generator without the plugin.
    """
    written: list[str] = []
    if docs_dir is not None:
        shutil.copytree(docs_dir, out, dirs_exist_ok=True)
        for page in sorted(out.rglob("*.md")):
            text = page.read_text("utf-8")
            expanded = site.expand_page(text, page.relative_to(out).as_posix())
            if expanded != text:
                page.write_text(expanded, "utf-8")
    content = site.build()
    for src_uri, data in {**content.pages, **content.files}.items():
        path = out / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, "utf-8")
        written.append(src_uri)
    return sorted(written)


def mkdocs_settings(generated: list[str], handwritten: set[str] | None = None) -> str:
    """The lines a mkdocs.yml without the plugin needs for the ``generated`` files: the
    register's stylesheet and scripts, and the generated pages kept out of the navigation
    warnings (a whole folder where no page of ``handwritten`` lives in it)."""
    scripts = [f"{ASSET_DIR}/{name}" for name in ASSETS if name.endswith(".js")]
    taken = {PurePosixPath(path).parts[0] for path in handwritten or set() if "/" in path}
    patterns: set[str] = set()
    for page in (PurePosixPath(path) for path in generated if path.endswith(".md")):
        folder = page.parts[0]
        patterns.add(f"/{folder}/" if len(page.parts) > 1 and folder not in taken else f"/{page}")
    return (f"extra_css: [{ASSET_DIR}/kanalregister.css]\n"
            "extra_javascript:\n" + "".join(f"  - {{path: {script}, defer: true}}\n"
                                             for script in scripts) +
            "not_in_nav: |\n" + "".join(f"  {pattern}\n" for pattern in sorted(patterns)))


def built_path(src_uri: str, *, directory_urls: bool = True) -> str:
    """Where a generator puts the page of ``src_uri``: ``a/b.md`` → ``a/b/index.html``."""
    path = PurePosixPath(src_uri)
    if path.suffix != ".md":
        return src_uri
    if path.stem == "index":
        return (path.parent / "index.html").as_posix().removeprefix("./")
    if directory_urls:
        return (path.parent / path.stem / "index.html").as_posix().removeprefix("./")
    return path.with_suffix(".html").as_posix()


def expected_files(site: SiteBuilder) -> list[Expected]:
    """Every page and file the register adds to a built site (pages first)."""
    dirs = site.renderer.directory_urls
    expected = [Expected(built_path(spec.src_uri, directory_urls=dirs),
                         PAGE_KINDS.get(spec.template, "Seite"), spec.title)
                for spec in site.pages.build()]
    expected += [Expected(path, kind) for path, kind in FILE_KINDS.items()]
    expected += [Expected(f"{ASSET_DIR}/{name}", "Stylesheet oder Skript des Registers")
                 for name in ASSETS]
    return expected


def check_site(site_dir: Path, expected: list[Expected]) -> list[Problem]:
    """What of ``expected`` is missing or empty in ``site_dir``."""
    problems: list[Problem] = []
    for item in expected:
        path = site_dir / item.path
        if not path.is_file():
            problems.append(Problem(item, "fehlt"))
        elif path.stat().st_size == 0:
            problems.append(Problem(item, "ist leer"))
        elif path.suffix == ".html" and b"<h1" not in path.read_bytes():
            problems.append(Problem(item, "hat keinen Inhalt (keine Überschrift)"))
    return problems
