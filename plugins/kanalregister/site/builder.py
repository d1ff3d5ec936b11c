"""Everything the register adds to a site, as plain strings keyed by source URI.

The MkDocs plugin turns these into generated files; tests compare them with golden files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from html import escape
from importlib import resources
from typing import Any

from .. import directives, variables
from ..directives import DIRECTIVES, check_group
from ..exports.feed import atom_feed
from ..exports.format import export_schema_json
from ..exports.opendata import register_csv, register_json, verify_index
from ..finding_codes import catalogue
from ..paths import (
    ASSET_DIR,
    ATPROTO_DID,
    EXPORT_SCHEMA,
    FEED_PATH,
    REGISTER_CSV,
    REGISTER_JSON,
    SCHEMA_FILE,
    START_PAGE,
    VERIFY_INDEX,
)
from ..pipeline import Outcome
from ..register.catalog import atproto_did, website_hosts
from ..register.schema import schema_json
from ..settings import Settings
from ..variables import values
from ..views import ChannelView
from .pages import PageBuilder
from .render import Renderer
from .structured import channel_ld, organisation_ld, script

ASSETS = ("kanalregister.css", "kanalregister.js", "kanalregister-tables.js")


@dataclass
class SiteContent:
    """Generated pages (Markdown) and other files (JSON, CSV, assets) by source URI."""

    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, str | bytes] = field(default_factory=dict)


class SiteBuilder:
    """Renders the register's pages, exports and page snippets."""

    def __init__(
        self,
        outcome: Outcome,
        settings: Settings,
        renderer: Renderer,
        *,
        docs: set[str] | None = None,
        histories: dict[str, list[Any]] | None = None,
    ) -> None:
        self.outcome = outcome
        self.settings = settings
        self.renderer = renderer
        self.catalog = outcome.catalog
        # The values of the {{ org.… }} variables of hand-written pages.
        self.variables = values(outcome.catalog.organisation, settings.site_url)
        self.pages = PageBuilder(
            self.catalog, today=settings.today, docs=docs or set(),
            severities=outcome.reporter.severities, histories=histories,
            review_warn_months=settings.review_warn_months,
            review_fail_months=settings.review_fail_months,
            show_reviews=settings.show_reviews, variable_values=self.variables,
        )

    def build(self) -> SiteContent:
        """All generated pages and files."""
        return SiteContent(pages=self.render_pages(), files=self.files())

    def render_pages(self) -> dict[str, str]:
        """The Markdown of every generated page by source URI."""
        return {spec.src_uri: self.renderer.render(spec) for spec in self.pages.build()}

    def files(self) -> dict[str, str | bytes]:
        """The exports and the register's assets by source URI."""
        files = self.exports()
        for name in ASSETS:
            asset = resources.files("kanalregister").joinpath(f"assets/{name}")
            if asset.is_file():
                files[f"{ASSET_DIR}/{name}"] = asset.read_bytes()
        return files

    def exports(self) -> dict[str, str | bytes]:
        """Open data and the verify index."""
        site_url = self.settings.site_url
        generated = datetime.now(UTC).replace(microsecond=0).isoformat()
        hosts = website_hosts(self.catalog.organisation, site_url)
        rules = self.catalog.platforms.to_json_rules()
        dirs = self.renderer.directory_urls
        return {
            REGISTER_JSON: register_json(self.catalog, site_url=site_url, generated=generated,
                                          directory_urls=dirs),
            REGISTER_CSV: register_csv(self.catalog, site_url=site_url, directory_urls=dirs),
            SCHEMA_FILE: schema_json(self.catalog.platforms),
            EXPORT_SCHEMA: export_schema_json(),
            VERIFY_INDEX: verify_index(self.catalog, rules, hosts, directory_urls=dirs,
                                       today=self.settings.today.isoformat()),
            FEED_PATH: self.feed(),
            **({ATPROTO_DID: did} if (did := atproto_did(self.catalog, site_url)) else {}),
        }

    def feed(self) -> str:
        """/feed.xml: channels added and closed, newest first."""
        org = self.catalog.organisation
        owner = org.name if org and org.name else "Kanalregister"
        return atom_feed(self.pages.views, title=f"Offizielle Social-Media-Kanäle: {owner}",
                         author=owner, site_url=self.settings.site_url, today=self.settings.today,
                         directory_urls=self.renderer.directory_urls,
                         fakes=self.catalog.fakes)

    def head(self, src_uri: str, meta: Mapping[str, Any]) -> str:
        """Extra ``<head>`` elements of a page: JSON-LD and, where asked, ``noindex``."""
        parts = []
        if meta.get("robots"):
            parts.append(f'<meta name="robots" content="{_attribute(str(meta["robots"]))}">')
        org, site_url = self.catalog.organisation, self.settings.site_url
        if src_uri == START_PAGE and org is not None:
            parts.append(script(organisation_ld(org, self.pages.views, site_url=site_url)))
        view = self._by_page.get(src_uri)
        if view is not None:
            parts.append(script(channel_ld(view, org, site_url=site_url,
                                           directory_urls=self.renderer.directory_urls)))
        return "".join(parts)

    @cached_property
    def _by_page(self) -> dict[str, ChannelView]:
        return {view.page: view for view in self.pages.views}

    def _directive_context(self, name: str, argument: str) -> dict[str, Any]:
        """What the snippet of each directive of ``directives.DIRECTIVES`` shows."""
        if name == "stats":
            return {"current": self.pages.current, "archived": self.pages.archived,
                    "platforms": self.catalog.platforms}
        if name == "platform-facts":
            return {"platform": self.catalog.platforms[argument]}
        if name in ("imprint-placements", "platform-controllers", "platform-third-countries"):
            return {"platforms": list(self.catalog.platforms.platforms.values())}
        if name == "checks":
            group = check_group(argument)
            return {"infos": [i for i in catalogue().values() if i.group == group]}
        return {}

    def expand_page(self, markdown: str, page_src: str) -> str:
        """A hand-written page as published: the organisation's facts in place of its
        ``{{ org.… }}`` variables, then its ``<!-- kanalregister: … -->`` directives expanded
        (in this order, so that the check reference a directive renders may show the variable
        syntax itself). The plugin and ``kanalregister build --out`` both use this."""
        markdown = variables.expand(markdown, self.variables)
        return directives.expand(
            markdown, lambda name, argument: self.directive(name, argument, page_src))

    def directive(self, name: str, argument: str, page_src: str) -> str:
        """The HTML that replaces a directive in the hand-written page ``page_src``."""
        org = self.catalog.organisation
        context: dict[str, Any] = {"org": org, "severities": self.outcome.reporter.severities}
        context.update(self._directive_context(name, argument))
        template = DIRECTIVES[name].template
        return "\n" + self.renderer.render_string(template, page_src, **context).strip() + "\n"


def _attribute(value: str) -> str:
    return escape(value, quote=True)
