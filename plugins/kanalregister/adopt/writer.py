"""Write a new body's register: its ``_organisation.yml``, the settings of mkdocs.yml, and no
channels. The guideline pages stay as they are: they take the body's facts from the data."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..i18n import tr
from ..register.loader import ORGANISATION_FILE

# The demo register's websites end with this; any other register is a body's own.
DEMO_DOMAIN = "musterstadt.example"

_HEADER = """\
# {name}: everything its imprint needs (§ 5 DDG, § 18 MStV), the contacts its pages name,
# its own domains, the topics and the organisational units that channel files refer to.
# Written by `kanalregister init`; the field reference on the site explains every field.

"""


class AdoptError(Exception):
    """The project cannot be set up as asked (with what to do, in German)."""


@dataclass
class Plan:
    """What ``init`` changes, for the summary it prints."""

    organisation: Path
    config: Path
    removed: list[Path] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)


def demo_topics(channels: Path) -> dict[str, str]:
    """The topics of the register being replaced (generic for a city), or none."""
    data = _read_organisation(channels)
    topics = data.get("topics") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in topics.items()} if isinstance(topics, dict) else {}


def _read_organisation(channels: Path) -> Any:
    path = channels / ORGANISATION_FILE
    if not path.is_file():
        return None
    try:
        return yaml.safe_load(path.read_text("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return {"website": "(unlesbar)"}


def is_demo(channels: Path) -> bool:
    """Whether ``channels`` holds nothing or the demo register (which init may replace)."""
    data = _read_organisation(channels)
    if data is None:
        return not any(channels.rglob("*.yml")) if channels.is_dir() else True
    website = str(data.get("website") or "") if isinstance(data, dict) else ""
    return DEMO_DOMAIN in website


def write(root: Path, channels: Path, organisation: Mapping[str, Any],
          settings: Mapping[str, str], *, force: bool) -> Plan:
    """Replace the register in ``channels`` and the settings in ``root/mkdocs.yml``."""
    config = root / "mkdocs.yml"
    if not config.is_file():
        raise AdoptError(tr("init.no_config", {"root": root}))
    if not force and not is_demo(channels):
        raise AdoptError(tr("init.refuse", {"channels": channels}))
    text = _set_settings(config.read_text("utf-8"), settings)
    plan = Plan(organisation=channels / ORGANISATION_FILE, config=config,
                settings=dict(settings))
    channels.mkdir(parents=True, exist_ok=True)
    for child in sorted(channels.iterdir()):
        if child.is_dir():
            shutil.rmtree(child)
            plan.removed.append(child)
        elif child.suffix in (".yml", ".yaml"):
            child.unlink()
            plan.removed.append(child)
    body = yaml.safe_dump(dict(organisation), allow_unicode=True, sort_keys=False, width=100)
    plan.organisation.write_text(_HEADER.format(name=organisation["name"]) + body, "utf-8")
    config.write_text(text, "utf-8")
    return plan


# A top-level key of mkdocs.yml, or the plugin's report_problem option (indented).
def _set_settings(text: str, settings: Mapping[str, str]) -> str:
    """mkdocs.yml with the given top-level settings and ``report_problem`` replaced (or
    added); everything else, comments and tags included, stays as it is."""
    for key, value in settings.items():
        quoted = json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string
        if key == "report_problem":
            found = re.search(r"^(\s+report_problem:).*$", text, re.MULTILINE)
            if found:
                text = f"{text[:found.start()]}{found.group(1)} {quoted}{text[found.end():]}"
            else:
                text = _add_plugin_option(text, f"report_problem: {quoted}")
            continue
        pattern = re.compile(rf"^{re.escape(key)}:.*$", re.MULTILINE)
        line = f"{key}: {quoted}"
        if pattern.search(text):
            text = pattern.sub(_literal(line), text, count=1)
        else:
            text = f"{line}\n{text}"
    return text


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement that inserts ``text`` as it is (no backslash or group processing)."""
    return lambda _match: text


def _add_plugin_option(text: str, option: str) -> str:
    match = re.search(r"^(\s*)- kanalregister:[ \t]*\n(\s+)", text, re.MULTILINE)
    if match:
        return text[:match.end()] + option + "\n" + match.group(2) + text[match.end():]
    match = re.search(r"^(\s*)- kanalregister[ \t]*$", text, re.MULTILINE)
    if not match:
        raise AdoptError(tr("init.no_plugin"))
    indent = match.group(1)
    return (text[:match.start()] + f"{indent}- kanalregister:\n{indent}    {option}"
            + text[match.end():])
