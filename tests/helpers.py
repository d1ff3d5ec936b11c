"""Helpers shared by tests: run the pipeline on a folder with a fixed reference date."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from conftest import TODAY
from kanalregister.pipeline import Outcome, run
from kanalregister.project import load_settings
from kanalregister.settings import Settings


def settings_for(root: Path, **changes: object) -> Settings:
    """Settings for the project at ``root`` with the tests' reference date."""
    settings = load_settings(root, today=TODAY)
    return replace(settings, **changes) if changes else settings


def check(root: Path, **changes: object) -> Outcome:
    """Load and check the register at ``root`` (and its docs/, if any)."""
    return run(settings_for(root, **changes))
