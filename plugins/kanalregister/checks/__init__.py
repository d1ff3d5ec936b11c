"""The checks: one small function per check, each declaring the codes it emits.

Each check module enters its checks in the registries of ``base`` when it is imported; this
package imports them all, so importing ``checks`` gives the complete set.
"""

from __future__ import annotations

from ..findings import Finding
from . import (  # noqa: F401  (they register)
    contacts,
    governance,
    imprint,
    organisation,
    references,
)
from .base import CHANNEL_CHECKS, REGISTER_CHECKS, Context

__all__ = ["Context", "registered_codes", "run_checks"]


def run_checks(ctx: Context) -> list[Finding]:
    """Run every registered check over the catalog."""
    findings: list[Finding] = []
    for item in ctx.catalog.listed:
        for _codes, check in CHANNEL_CHECKS:
            findings.extend(check(item, ctx))
    for _codes, register_level in REGISTER_CHECKS:
        findings.extend(register_level(ctx))
    return findings


def registered_codes() -> set[str]:
    """Every code some registered check can emit."""
    return {code for codes, _ in (*CHANNEL_CHECKS, *REGISTER_CHECKS) for code in codes}
