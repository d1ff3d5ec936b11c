"""One run over the register: load, resolve, check. Used by the plugin and by the CLI."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from . import directives, variables
from .checks import Context, run_checks
from .checks.law import scan_docs
from .finding_codes import Reporter, UnknownCode
from .findings import Findings
from .register.catalog import Catalog, resolve
from .register.loader import load_register
from .register.platforms import PlatformRegistry, RegistryError, load_registry
from .settings import Settings


class ConfigError(Exception):
    """The settings themselves are wrong (an unknown code, a broken platform extension)."""


@dataclass
class Outcome:
    """The resolved register and every finding about it."""

    catalog: Catalog
    report: Findings
    reporter: Reporter


def make_reporter(settings: Settings) -> Reporter:
    """A reporter with the configured severities, or a ConfigError naming the bad code."""
    try:
        return Reporter(settings.severities)
    except (UnknownCode, ValueError) as exc:
        raise ConfigError(str(exc)) from exc


def platform_registry(settings: Settings) -> PlatformRegistry:
    """The shipped platform registry with the configured extensions."""
    try:
        return load_registry(settings.platforms or None)
    except RegistryError as exc:
        raise ConfigError("invalid platform settings: " + "; ".join(exc.problems)) from exc


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while the register is read and checked.

    Reading makes hundreds of thousands of small objects that all stay alive (documents,
    positions, models) and no reference cycles; the collector would walk them again and
    again, which costs a fifth of validating 10,000 channels. Reference counting still
    frees every temporary object.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run(settings: Settings, *, scan_markdown: bool = True) -> Outcome:
    """Load and check the register (and scan docs/ for stale law when asked)."""
    reporter = make_reporter(settings)
    platforms = platform_registry(settings)
    report = Findings()
    with _no_cycle_collection():
        register, findings = load_register(
            settings.channels_dir, base=settings.base_dir, reporter=reporter
        )
        report.extend(findings)
        catalog, findings = resolve(register, platforms, reporter, site_url=settings.site_url)
        report.extend(findings)
        report.extend(run_checks(Context(catalog=catalog, reporter=reporter, settings=settings)))
    if scan_markdown and settings.docs_dir is not None and settings.docs_dir.is_dir():
        report.extend(scan_docs(settings.docs_dir, base=settings.base_dir, reporter=reporter))
        report.extend(directives.validate(
            settings.docs_dir, base=settings.base_dir, reporter=reporter,
            argument_ok=directives.argument_checker(platforms.ids())))
        report.extend(variables.validate(
            settings.docs_dir, base=settings.base_dir, reporter=reporter,
            known=variables.values(catalog.organisation, settings.site_url),
            source=register.organisation_path))
    return Outcome(catalog=catalog, report=report, reporter=reporter)
