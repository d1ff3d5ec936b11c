"""The check registry: one small function per check, each declaring the codes it emits."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from ..catalogue import Reporter
from ..findings import Finding
from ..register import Catalog, Listed, website_hosts
from ..settings import Settings
from ..successors import accounts


@dataclass(frozen=True)
class Context:
    """What every check may look at."""

    catalog: Catalog
    reporter: Reporter
    settings: Settings

    @property
    def today(self) -> date:
        """The reference date (injected, so checks are reproducible in tests)."""
        return self.settings.today

    @cached_property
    def hosts(self) -> list[str]:
        """The organisation's hosts and this site's, where imprints and privacy notices live."""
        return website_hosts(self.catalog.organisation, self.settings.site_url)

    @cached_property
    def successor_accounts(self) -> dict[tuple[str, str], Listed]:
        """Channels by canonical account, to resolve the ``successor`` field once."""
        return accounts(self.catalog)


ChannelCheck = Callable[[Listed, Context], Iterable[Finding]]
RegisterCheck = Callable[[Context], Iterable[Finding]]

CHANNEL_CHECKS: list[tuple[tuple[str, ...], ChannelCheck]] = []
REGISTER_CHECKS: list[tuple[tuple[str, ...], RegisterCheck]] = []


def channel_check(*codes: str) -> Callable[[ChannelCheck], ChannelCheck]:
    """Register a check that runs once per channel file."""

    def register(func: ChannelCheck) -> ChannelCheck:
        CHANNEL_CHECKS.append((codes, func))
        return func

    return register


def register_check(*codes: str) -> Callable[[RegisterCheck], RegisterCheck]:
    """Register a check that runs once over the whole register."""

    def register(func: RegisterCheck) -> RegisterCheck:
        REGISTER_CHECKS.append((codes, func))
        return func

    return register


def run_checks(ctx: Context) -> list[Finding]:
    """Run every registered check over the catalog."""
    _load_check_modules()
    findings: list[Finding] = []
    for item in ctx.catalog.listed:
        for _codes, check in CHANNEL_CHECKS:
            findings.extend(check(item, ctx))
    for _codes, register_level in REGISTER_CHECKS:
        findings.extend(register_level(ctx))
    return findings


def registered_codes() -> set[str]:
    """Every code some registered check can emit."""
    _load_check_modules()
    return {code for codes, _ in (*CHANNEL_CHECKS, *REGISTER_CHECKS) for code in codes}


def _load_check_modules() -> None:
    # Importing the modules registers their checks; done lazily to avoid import cycles.
    from . import governance, imprint, organisation, schema  # noqa: F401
