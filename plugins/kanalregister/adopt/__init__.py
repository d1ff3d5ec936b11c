"""``kanalregister init``: start the register of another public body from the demo.

The answers (asked on the terminal or read from an answers file) become the body's
``_organisation.yml`` and the settings of mkdocs.yml; the demo's channels and units go. The
new register is checked in a scratch folder first, so a wrong answer never leaves a
half-written project behind.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from ..findings import Findings
from ..i18n import tr
from ..pipeline import run
from ..register.loader import ORGANISATION_FILE
from ..settings import Settings
from .questions import KEYS, QUESTIONS, Question, complete, organisation_data, site_settings
from .writer import AdoptError, Plan, demo_topics, is_demo, write

__all__ = ["KEYS", "QUESTIONS", "AdoptError", "Plan", "Question", "complete", "is_demo",
           "prepare", "read_answers", "trial", "write"]


def read_answers(path: Path) -> dict[str, Any]:
    """An answers file: a YAML mapping of question keys to answers."""
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise AdoptError(tr("init.answers_unreadable", {"path": path, "error": exc})) from exc
    if not isinstance(data, dict):
        raise AdoptError(tr("init.answers_not_mapping", {"path": path}))
    unknown = sorted(set(map(str, data)) - set(KEYS))
    if unknown:
        raise AdoptError(tr("init.answers_unknown", {"path": path, "unknown": ", ".join(unknown),
                                                     "known": ", ".join(KEYS)}))
    return {str(k): v for k, v in data.items()}


def prepare(answers: Mapping[str, str], channels: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """The organisation's data and the site settings for complete ``answers``."""
    return organisation_data(answers, demo_topics(channels)), site_settings(answers)


def trial(organisation: Mapping[str, Any], site_url: str) -> Findings:
    """Check the new register in a scratch folder, as the build will."""
    with tempfile.TemporaryDirectory(prefix="kanalregister-init-") as scratch:
        base = Path(scratch)
        channels = base / "channels"
        channels.mkdir()
        (channels / ORGANISATION_FILE).write_text(
            yaml.safe_dump(dict(organisation), allow_unicode=True, sort_keys=False), "utf-8")
        outcome = run(Settings(base_dir=base, channels_dir=channels, site_url=site_url),
                      scan_markdown=False)
        return outcome.report
