"""The register a new channel joins, loaded once for the interview and its checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..finding_codes import Reporter
from ..pipeline import make_reporter, platform_registry
from ..register.canonical import Canonical, account_slug
from ..register.catalog import Catalog, resolve, website_hosts
from ..register.loader import Register, load_register
from ..register.models import Organisation
from ..register.platforms import PlatformRegistry
from ..settings import Settings


class NoOrganisation(Exception):
    """The organisation file is missing or invalid, so units cannot be checked."""


@dataclass
class Workspace:
    """The register a new channel joins: loaded and resolved once."""

    settings: Settings
    platforms: PlatformRegistry
    reporter: Reporter
    register: Register
    catalog: Catalog
    organisation: Organisation

    @classmethod
    def open(cls, settings: Settings) -> Workspace:
        """Load the register at ``settings.channels_dir`` (raises ConfigError, NoOrganisation)."""
        reporter = make_reporter(settings)
        platforms = platform_registry(settings)
        register, _ = load_register(settings.channels_dir, base=settings.base_dir,
                                    reporter=reporter)
        if register.organisation is None:
            raise NoOrganisation(f"{register.organisation_path} is missing or invalid; "
                                 "run 'kanalregister validate' and fix it first")
        catalog, _ = resolve(register, platforms, reporter, site_url=settings.site_url)
        return cls(settings, platforms, reporter, register, catalog, register.organisation)

    @property
    def hosts(self) -> list[str]:
        """The organisation's own hosts (imprint and privacy must be on them)."""
        return website_hosts(self.organisation, self.settings.site_url)

    def owner_of(self, account: Canonical) -> str | None:
        """The file that already registers ``account``, if any."""
        for item in self.catalog.listed:
            if item.account and (item.account.platform, item.account.account) == (
                    account.platform, account.account):
                return item.path
        return None

    def legal_website(self, unit_id: str) -> str | None:
        """The website of the body responsible for ``unit_id``: the nearest unit (itself or a
        parent) with its own imprint, else the organisation."""
        units, seen = self.catalog.units, set()
        current = units.get(unit_id)
        while current is not None and current.id not in seen:
            if current.imprint is not None and current.website:
                return current.website
            seen.add(current.id)
            current = units.get(current.parent or "")
        return self.organisation.website

    def target(self, answers: dict[str, Any]) -> Path:
        """Where the channel file goes: ``channels/<unit>/<platform>-<account>.yml``."""
        account: Canonical = answers["url"]
        unit: str = answers["unit"]
        name = account_slug(account.platform, account.account) + ".yml"
        return self.settings.channels_dir / unit / name
