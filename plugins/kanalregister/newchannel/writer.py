"""Write a channel as YAML the way editors write it: documented field order, plain values where
they read back unchanged, quotes only where needed, long texts folded, comments for what is
still to do. A general YAML dumper would sort, quote and wrap differently from the demo files.
"""

from __future__ import annotations

import json
import textwrap
from datetime import date
from typing import Any

import yaml

from ..register.models import Status

FOLD_AT = 88


def scalar(value: Any) -> str:
    """One YAML scalar: plain when it reads back as the same string, else double-quoted."""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if "\n" not in text and text == text.strip() and _reads_back(text, text):
        return text
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def _reads_back(source: str, expected: Any) -> bool:
    try:
        return bool(yaml.safe_load(f"k: {source}") == {"k": expected})
    except yaml.YAMLError:
        return False


def _text_field(key: str, text: str, indent: str = "") -> list[str]:
    """``key: value``, folded (``>-``) when it is long or would need quotes."""
    line = f"{indent}{key}: {scalar(text)}"
    # Prose with ': ' or ' #' needs no quotes in a folded block, and reads better there.
    prose = not line.endswith(text) and (": " in text or " #" in text)
    if (len(line) <= FOLD_AT + 12 and not prose) or "\n" in text:
        return [line]
    inner = indent + "  "
    body = textwrap.wrap(text, FOLD_AT - len(inner), break_long_words=False,
                         break_on_hyphens=False)
    folded = [f"{indent}{key}: >-", *(inner + part for part in body)]
    return folded if _reads_back(">-\n" + "\n".join(folded[1:]), text) else [line]


def _flow_list(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def render_channel(answers: dict[str, Any], *, schema_ref: str) -> str:
    """The channel file for ``answers`` (as read by newchannel.interview)."""
    status: Status = answers["status"]
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        *_text_field("name", answers["name"]),
        f"platform: {answers['platform']}",
        f"url: {scalar(answers['url'].url)}",
        f"unit: {answers['unit']}",
        f"status: {status.value}",
    ]
    for key in ("since", "until"):
        if answers.get(key):
            lines.append(f"{key}: {scalar(answers[key])}")
    lines += _text_field("description", answers["description"])
    if answers.get("topics"):
        lines.append(f"topics: {_flow_list(answers['topics'])}")
    lines.append(f"languages: {_flow_list(answers.get('languages') or ['de'])}")
    for key in ("service_hours", "contact"):
        if answers.get(key):
            lines += _text_field(key, answers[key])
    lines += ["imprint:",
              f"  url: {scalar(answers['imprint_url'])}",
              f"  label: {scalar(answers['imprint_label'])}",
              f"  placement: {scalar(answers['imprint_placement'])}",
              f"privacy: {scalar(answers['privacy'])}"]
    if answers.get("approval_date") and answers.get("approval_reference"):
        lines += ["approval:",
                  f"  date: {scalar(answers['approval_date'])}",
                  *_text_field("reference", answers["approval_reference"], "  ")]
    elif status is Status.PLANNED:
        lines += [
            "# To publish the channel after the central team's approval, set status: active,",
            "# since: (the start date) and the approval, then run 'kanalregister validate':",
            "# approval:",
            "#   date: YYYY-MM-DD",
            "#   reference: SMD-YYYY-NN",
        ]
    if answers.get("reviewed"):
        lines.append(f"reviewed: {scalar(answers['reviewed'])}")
    if status is Status.ARCHIVED:
        lines += ["archived:", f"  date: {scalar(answers['archived_date'])}",
                  *_text_field("reason", answers["archived_reason"], "  ")]
    return "\n".join(lines) + "\n"
