"""The MkDocs adapter: hooks only. Everything that knows about channels lives in the core."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .checks.legal_links import legal_links
from .findings import Finding, Severity
from .paths import ASSET_DIR, IMPRINT_PATH, PRIVACY_PATH, safe_href
from .pipeline import ConfigError, Outcome, make_reporter, platform_registry, run
from .register.history import Histories, HistoryUnavailable, is_shallow, read_histories
from .settings import Settings, SettingsError, check_config_text, from_options
from .site.builder import SiteBuilder
from .site.icons import material_icon
from .site.render import FrontMatterError, Renderer
from .site.verbund_site import VerbundSite
from .timings import ENV_VAR as TIMINGS_ENV_VAR
from .timings import Timings
from .verbund.config import is_verbund
from .verbund.data import load_verbund

log = get_plugin_logger(__name__)

Hook = TypeVar("Hook", bound=Callable[..., Any])


def _timed(phase: str) -> Callable[[Hook], Hook]:
    """Count the time a hook takes towards ``phase`` of the plugin's timings."""

    def decorate(hook: Hook) -> Hook:
        @functools.wraps(hook)
        def timed(self: KanalregisterPlugin, *args: Any, **kwargs: Any) -> Any:
            with self.timings.phase(phase):
                return hook(self, *args, **kwargs)

        return timed  # type: ignore[return-value]

    return decorate


class PluginConfig(Config):  # type: ignore[no-untyped-call]
    """Options of ``plugins: - kanalregister:`` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    # "verbund": the site of a Verbund (verbund.yml and the fetched daten/); left out, a
    # project with verbund.yml at its root is one, any other a single body's register.
    mode = c.Optional(c.Choice(("register", "verbund")))
    # Settings of the register run: left out, they take the defaults of ``Settings``.
    channels_dir = c.Optional(c.Type(str))
    platforms = c.Optional(c.Type(dict))
    severities = c.Optional(c.Type(dict))
    review_warn_months = c.Optional(c.Type(int))
    review_fail_months = c.Optional(c.Type(int))
    report_problem = c.Optional(c.Type(str))
    today = c.Optional(c.Type(str))
    check_built_pages = c.Type(bool, default=True)
    # Each channel page lists the commits to its file (one `git log` per build).
    history = c.Type(bool, default=True)
    # Review lists on unit pages and in the report are internal; a public site may hide them.
    show_reviews = c.Optional(c.Type(bool))
    # Where `kanalregister new` points the privacy link; {website} is the unit's legal body's.
    privacy_pattern = c.Optional(c.Type(str))


class KanalregisterPlugin(BasePlugin[PluginConfig]):  # type: ignore[no-untyped-call]
    """Loads and checks the register, then generates its pages and exports."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.site: SiteBuilder | VerbundSite | None = None
        self.timings = Timings()
        self.generated: set[str] = set()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Add the register's stylesheet and script to the theme."""
        if not self.config.enabled:
            return config
        config.extra_css.append(f"{ASSET_DIR}/kanalregister.css")
        for name in ("kanalregister.js", "kanalregister-tables.js"):
            # Deferred: the page is complete and usable without them (issue 18).
            script = c.ExtraScriptValue(f"{ASSET_DIR}/{name}")
            script.defer = True
            config.extra_javascript.append(script)
        return config

    @_timed("load_check")
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Load and check the register before MkDocs empties site/: a failing register never
        leaves a half-written site behind."""
        if not self.config.enabled:
            return
        self.timings.seconds.clear()
        self.settings = self._settings(config)
        if self._verbund_mode():
            self.site = self._verbund_site(config, self.settings)
            return
        try:
            outcome = run(self.settings)
        except ConfigError as exc:
            raise PluginError(f"kanalregister: {exc}") from exc
        renderer = Renderer(
            override_dirs=self._override_dirs(config),
            icon=material_icon,
            directory_urls=config.use_directory_urls,
            # Checked by the settings already; rebuilt here so that only a safe link renders.
            globals={"report_problem": safe_href(self.settings.report_problem,
                                                 allow_mailto=True)},
        )
        self.site = SiteBuilder(outcome, self.settings, renderer,
                                docs=self._docs(config), histories=self._histories())
        _log_and_fail(outcome)

    # Late, so that other plugins' files are in place and ours are not overwritten.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages (outside the navigation) and the exports."""
        if not self.config.enabled or self.site is None:
            return files
        with self.timings.phase("generate"):
            try:
                pages = self.site.render_pages()
            except FrontMatterError as exc:
                raise PluginError(f"kanalregister: {exc}") from exc
            self.generated = set(pages)
            for src_uri, markdown in pages.items():
                # Pages listed in mkdocs.yml's nav still appear there; the thousands of channel
                # pages stay out of it without "not in nav" warnings.
                _replace(files, File.generated(config, src_uri, content=markdown,
                                               inclusion=InclusionLevel.NOT_IN_NAV))
        with self.timings.phase("export"):
            for src_uri, data in self.site.files().items():
                # Included explicitly: MkDocs leaves out dot folders (.well-known/) by default.
                _replace(files, File.generated(config, src_uri, content=data,
                                               inclusion=InclusionLevel.INCLUDED))
        return files

    @_timed("directives")
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Put the organisation's facts and the directives' HTML into hand-written pages."""
        if not self.config.enabled or self.site is None or page.file.src_uri in self.generated:
            return markdown  # our own pages have none, and the overview is long to search
        return self.site.expand_page(markdown, page.file.src_uri)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Add the page's structured data (JSON-LD) and robots rule to its ``<head>``."""
        if not self.config.enabled or self.site is None:
            return output
        extra = self.site.head(page.file.src_uri, page.meta or {})
        if not extra:
            return output
        head_end = output.find("</head>")
        if head_end < 0:
            return output
        return output[:head_end] + extra + "\n" + output[head_end:]

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Rebuild when a channel file changes."""
        if self.config.enabled and self.settings is not None:
            if isinstance(self.site, VerbundSite):
                server.watch(str(self.settings.base_dir / "verbund.yml"))
                server.watch(str(self.settings.base_dir / "daten"))
            else:
                server.watch(str(self.settings.channels_dir))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Check that every built page links the imprint and the privacy notice."""
        if not (self.config.enabled and self.site):
            return
        errors = 0
        if self.config.check_built_pages:
            with self.timings.phase("post_build_check"):
                findings = legal_links(Path(config.site_dir), reporter=self._reporter(),
                                       imprint_path=IMPRINT_PATH, privacy_path=PRIVACY_PATH,
                                       base_path=_path_of(config.site_url or "/"))
            errors = _log(findings)
        self._report_timings()
        if errors:
            raise PluginError(f"kanalregister: {errors} built page(s) lack the legal links")

    def _settings(self, config: MkDocsConfig) -> Settings:
        base = Path(config.config_file_path or ".").resolve().parent
        try:
            if config.config_file_path:
                check_config_text(Path(config.config_file_path))
            return from_options(dict(self.config), base_dir=base, docs_dir=Path(config.docs_dir),
                                site_url=config.site_url)
        except SettingsError as exc:
            raise PluginError(f"kanalregister: {exc}") from exc

    def _verbund_mode(self) -> bool:
        if self.config.mode is not None:
            return bool(self.config.mode == "verbund")
        return self.settings is not None and is_verbund(self.settings.base_dir)

    def _verbund_site(self, config: MkDocsConfig, settings: Settings) -> VerbundSite:
        """Read verbund.yml and the fetched daten/ (never the network) and log the findings;
        only an unusable verbund.yml or a finding raised to an error stops the build."""
        try:
            reporter = make_reporter(settings)
            registry = platform_registry(settings)
        except ConfigError as exc:
            raise PluginError(f"kanalregister: {exc}") from exc
        verbund, findings = load_verbund(settings.base_dir, today=settings.today,
                                         reporter=reporter)
        # A member's stale, failed, invalid or conflicting data is the member's state, not a
        # fault of this build: the pages show it (age, "veraltet", left out), the log says it
        # as INFO, and 'kanalregister check' reports it. A warning here would make one
        # member's outage or the calendar abort every strict build of the Verbund.
        errors = _log(findings, warn=log.info)
        if verbund is None or errors:
            raise PluginError(f"kanalregister: {max(errors, 1)} error(s) in the Verbund; fix "
                              "verbund.yml or fetch again ('kanalregister fetch')")
        renderer = Renderer(override_dirs=self._override_dirs(config), icon=material_icon,
                            directory_urls=config.use_directory_urls,
                            globals={"report_problem": None})
        return VerbundSite(verbund, registry, settings, renderer, reporter=reporter)

    def _reporter(self) -> Any:
        site = self.site
        return site.reporter if isinstance(site, VerbundSite) else site.outcome.reporter \
            if site is not None else None

    def _histories(self) -> Histories | None:
        """The channel files' Git history; a site without one is fine, so only INFO."""
        if not self.config.history or self.settings is None:
            return None
        try:
            histories = read_histories(self.settings.channels_dir, base=self.settings.base_dir)
        except HistoryUnavailable as exc:
            log.info(f"channel history left out: {exc}")
            return None
        if is_shallow(self.settings.channels_dir):
            log.info("channel history comes from a shallow clone and may be incomplete "
                     "(check out with fetch-depth: 0)")
        return histories

    def _report_timings(self) -> None:
        log.debug(f"time spent: {self.timings.summary()}")
        target = os.environ.get(TIMINGS_ENV_VAR)
        if target:
            self.timings.write(Path(target))

    @staticmethod
    def _override_dirs(config: MkDocsConfig) -> list[Path]:
        custom = config.theme.custom_dir
        return [Path(custom) / "kanalregister"] if custom else []

    @staticmethod
    def _docs(config: MkDocsConfig) -> set[str]:
        docs = Path(config.docs_dir)
        return {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}


def _path_of(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).path or "/"


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def _log(findings: list[Finding], *, warn: Callable[[str], None] = log.warning) -> int:
    """Log findings through the plugin logger (so --strict counts warnings); return errors.
    ``warn`` logs the warnings (a Verbund passes ``log.info``, see ``_verbund_site``)."""
    errors = 0
    for finding in sorted(findings, key=lambda f: (f.path, f.line or 0, f.code)):
        if finding.severity is Severity.ERROR:
            errors += 1
            log.error(finding.format_text())
        else:
            warn(finding.format_text())
    return errors


def _log_and_fail(outcome: Outcome) -> None:
    errors = _log(outcome.report.findings)
    if errors:
        raise PluginError(
            f"kanalregister: {errors} error(s) in the register; fix them and build again "
            "('kanalregister check' lists them too)"
        )
