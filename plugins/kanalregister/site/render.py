"""Render page specs with Jinja. Templates are files in the package, overridable by a folder
(``overrides/kanalregister/`` in a project). Every YAML value is escaped where it is output."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape
from mkdocs.utils.meta import get_data

from ..paths import page_url, relative_url, safe_href
from ..values.weburl import mailto_href
from .icons import sprite, svg_symbol, symbol_id
from .pages import PageSpec

IconResolver = Callable[[str], str | None]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def markdown_text(value: object) -> Markup:
    """Plain text made safe for Markdown outside HTML blocks (headings, list items)."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=False)))


def inline_code(value: object) -> Markup:
    """Escape text and turn Markdown-style `backticks` into <code> elements."""
    parts = html.escape(str(value), quote=False).split("`")
    return Markup("".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts)))


def front_matter_title(value: str) -> Markup:
    """A title for the page's front matter.

    Material prints ``page.meta.title`` without escaping, so the HTML escaping happens here;
    JSON quoting with every non-ASCII character escaped makes it a YAML string that parses
    whatever it contains (YAML refuses some characters unescaped, e.g. U+0080 or U+FFFE).
    """
    quoted = json.dumps(html.escape(value, quote=True), ensure_ascii=False)
    return Markup(_NON_ASCII.sub(_yaml_escape, quoted))


# Every character but printable ASCII (DEL, controls, non-ASCII) in a front-matter value is
# written as a YAML escape: \uXXXX, or \UXXXXXXXX beyond the BMP (JSON's surrogate pairs
# would decode to two lone surrogates).
_NON_ASCII = re.compile(r"[^\x20-\x7e]")


def _yaml_escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


class FrontMatterError(ValueError):
    """A generated page whose front matter MkDocs would not read."""


def check_front_matter(src_uri: str, markdown: str) -> None:
    """Raise FrontMatterError unless a page that opens a front matter block has one MkDocs
    reads: otherwise MkDocs silently keeps the block in the page body, as Markdown."""
    if not markdown.startswith("---"):
        return
    body, meta = get_data(markdown)
    if not meta or body == markdown:
        raise FrontMatterError(f"the generated page {src_uri} has front matter that does not "
                               "parse; a value in it needs escaping")


class Renderer:
    """Renders page specs to Markdown (with HTML blocks) for MkDocs."""

    def __init__(
        self,
        *,
        override_dirs: Sequence[Path] = (),
        icon: IconResolver | None = None,
        directory_urls: bool = True,
        globals: dict[str, Any] | None = None,
    ) -> None:
        loaders: list[jinja2.BaseLoader] = [
            jinja2.FileSystemLoader([str(d) for d in override_dirs if d.is_dir()]),
            jinja2.PackageLoader("kanalregister", "templates"),
        ]
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.directory_urls = directory_urls
        self._icon = icon
        self._icon_cache: dict[str, Markup] = {}
        self._symbols: dict[str, str | None] = {}
        # The icons of the page being rendered (id → symbol); None while rendering a snippet,
        # which may share its page with other snippets and so keeps its icons inline.
        self._sprite: dict[str, str] | None = None
        self.env.filters.update(md=markdown_text, title=front_matter_title, href=safe_href,
                                inline_code=inline_code,
                                mailto=mailto_href)
        self.env.globals.update(icon=self.icon, link=self._link, **(globals or {}))

    def icon(self, name: str | None, label: str | None = None) -> Markup:
        """Inline SVG of a bundled icon, hidden from screen readers unless labelled."""
        if not name or self._icon is None:
            return Markup("")
        if name not in self._icon_cache:
            svg = self._icon(name)
            self._icon_cache[name] = Markup(svg) if svg else Markup("")
        svg = self._icon_cache[name]
        if not svg:
            return svg
        if self._sprite is not None:
            svg = self._use(name, svg)
        if label:
            return Markup(f'<span class="kr-icon" role="img" aria-label="{escape(label)}">'
                          f"{svg}</span>")
        return Markup(f'<span class="kr-icon" aria-hidden="true">{svg}</span>')

    def _use(self, name: str, svg: str) -> Markup:
        """A reference to the icon's symbol, which joins the page's sprite."""
        ident = symbol_id(name)
        if name not in self._symbols:
            self._symbols[name] = svg_symbol(svg, ident)
        symbol = self._symbols[name]
        if symbol is None or self._sprite is None:
            return Markup(svg)
        self._sprite[ident] = symbol
        return Markup(f'<svg><use href="#{ident}"></use></svg>')

    @jinja2.pass_context
    def _link(self, ctx: jinja2.runtime.Context, target: str) -> str:
        """A relative URL from the page being rendered to a source URI or site URL."""
        here = ctx["page_src"]
        url = page_url(target, directory_urls=self.directory_urls) if target.endswith(
            ".md") else target
        return relative_url(here, url, directory_urls=self.directory_urls)

    def render(self, spec: PageSpec) -> str:
        """The Markdown of one page spec; raises FrontMatterError if its front matter would
        not parse (defence in depth: every value in it is escaped already)."""
        template = self.env.get_template(spec.template)
        self._sprite = {}
        try:
            text = template.render(spec.context, page_src=spec.src_uri, page_title=spec.title)
        finally:
            sprites, self._sprite = list((self._sprite or {}).values()), None
        check_front_matter(spec.src_uri, text)
        return text + sprite(sprites)

    def render_string(self, template: str, page_src: str, **context: Any) -> str:
        """Render a named template for a snippet inside a hand-written page."""
        return self.env.get_template(template).render(context, page_src=page_src)
