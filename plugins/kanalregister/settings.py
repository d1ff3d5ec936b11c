"""Settings of a register run, independent of MkDocs (the plugin and the CLI fill them in)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Settings:
    """Where the register lives and how strictly it is checked."""

    base_dir: Path
    channels_dir: Path
    docs_dir: Path | None = None
    site_url: str | None = None
    platforms: dict[str, Any] = field(default_factory=dict)
    severities: dict[str, str] = field(default_factory=dict)
    review_warn_months: int = 12
    review_fail_months: int = 24
    report_problem: str | None = None
    today: date = field(default_factory=date.today)
    show_reviews: bool = True
    privacy_pattern: str = "{website}/datenschutz/{platform}/"
