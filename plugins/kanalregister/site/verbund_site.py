"""Everything a Verbund site adds: its pages, exports, verify index and assets, read from the
fetched folder only (``verbund.data.load_verbund``): the build never touches the network."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, time
from html import escape
from importlib import resources
from typing import Any

from ..exports.format import export_schema_json
from ..finding_codes import Reporter
from ..paths import ASSET_DIR, EXPORT_SCHEMA, FEED_PATH, REGISTER_CSV, REGISTER_JSON
from ..register.platforms import PlatformRegistry
from ..settings import Settings
from ..verbund.data import Verbund
from .builder import ASSETS
from .render import Renderer
from .verbund_files import verbund_csv, verbund_feed, verbund_json, verify_index
from .verbund_pages import VerbundPages, slug


class VerbundSite:
    """Renders a Verbund's pages and files (the plugin's Verbund mode)."""

    def __init__(self, verbund: Verbund, registry: PlatformRegistry, settings: Settings,
                 renderer: Renderer, *, reporter: Reporter) -> None:
        self.verbund = verbund
        self.settings = settings
        self.renderer = renderer
        self.reporter = reporter
        self.registry = registry
        renderer.env.filters["kr_slug"] = slug
        renderer.env.globals["kr_slug"] = slug
        self.pages = VerbundPages(verbund, registry, today=settings.today)

    def render_pages(self) -> dict[str, str]:
        """The Markdown of every generated page by source URI."""
        return {spec.src_uri: self.renderer.render(spec) for spec in self.pages.build()}

    def files(self) -> dict[str, str | bytes]:
        """The Verbund's exports, the split verify index and the register's assets."""
        rows, fakes = self.pages.rows, self.pages.fakes
        name = str(self.verbund.config.name)
        site_url = self.settings.site_url
        dirs = self.renderer.directory_urls
        # Reproducible: the export's time stamp is the newest member export, not the clock.
        stamps = [d.document.generated for d in self.verbund.members if d.document]
        generated = max(stamps) if stamps else datetime.combine(self.settings.today, time(),
                                                                tzinfo=UTC)
        files: dict[str, str | bytes] = {
            REGISTER_JSON: verbund_json(rows, fakes, name=name, site_url=site_url,
                                        generated=generated.isoformat()),
            REGISTER_CSV: verbund_csv(rows),
            EXPORT_SCHEMA: export_schema_json(),
            FEED_PATH: verbund_feed(rows, title=name, site_url=site_url,
                                    today=self.settings.today, directory_urls=dirs),
            **verify_index(rows, fakes, self.registry, name=name, today=self.settings.today,
                           directory_urls=dirs),
        }
        for asset in ASSETS:
            source = resources.files("kanalregister").joinpath(f"assets/{asset}")
            if source.is_file():
                files[f"{ASSET_DIR}/{asset}"] = source.read_bytes()
        return files

    def expand_page(self, markdown: str, page_src: str) -> str:
        """Hand-written pages of a Verbund have no organisation variables or directives."""
        return markdown

    def head(self, src_uri: str, meta: Mapping[str, Any]) -> str:
        """No structured data for Verbund pages; ``robots`` as on single sites."""
        robots = meta.get("robots")
        if not robots:
            return ""
        return f'<meta name="robots" content="{escape(str(robots), quote=True)}">'
