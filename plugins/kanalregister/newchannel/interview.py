"""``kanalregister new``: ask for a channel's fields, check each answer at once, write the file.

Each answer is checked against the register the moment it is given: a URL on a host of no or
of another platform, an account that is already registered, an unknown unit or topic are
refused before the next question. Defaults come from the organisation (the imprint on the
website of the legally responsible body, the privacy notice from a URL pattern). The finished
draft runs through every check of ``kanalregister validate`` before it is written, and an
existing file is never overwritten. Nothing here prompts or exits: the CLI supplies an
``Asker`` and turns the exceptions into messages and exit codes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from ..checks import Context, run_checks
from ..findings import Finding
from ..paths import SCHEMA_FILE
from ..register.catalog import resolve
from ..register.loader import Entry, relative
from ..register.models import Channel
from ..yamlfile.reader import YamlProblem, read_yaml
from .questions import QUESTIONS, AnswerError, Answers, Question
from .workspace import NoOrganisation, Workspace
from .writer import render_channel

__all__ = ["QUESTIONS", "AnswerError", "Asker", "MissingAnswers", "NoOrganisation", "Question",
           "Workspace", "check_draft", "draft", "interview", "write"]

class MissingAnswers(Exception):
    """Required fields without an answer in non-interactive mode."""

    def __init__(self, keys: list[str]) -> None:
        super().__init__(", ".join(keys))
        self.keys = keys


# Asker(question, choices, default, read) -> the value read; it asks again until read works.
Asker = Callable[[Question, list[str], str | None, Callable[[str], Any]], Any]


def interview(ws: Workspace, given: Mapping[str, str | None], ask: Asker | None = None) -> Answers:
    """Answers for every question: from ``given``, else asked, else the default.

    Raises AnswerError for an unusable given value (at once, before later questions) and
    MissingAnswers, naming every required field, when there is no ``ask`` to ask with.
    """
    answers: Answers = {}
    missing: list[str] = []
    for question in QUESTIONS:
        raw = given.get(question.key)
        if not question.applies(answers):
            if raw:
                raise AnswerError(question.key, "does not apply to this channel "
                                                f"(status {answers.get('status', 'planned')})")
            continue
        if raw is not None:
            value = question.answer(ws, answers, raw)
        else:
            default = question.default(ws, answers) if question.default else None
            if ask is not None and question.ask(answers):
                current = dict(answers)
                choices = question.choices(ws, current) if question.choices else []
                value = ask(question, choices, default, partial(question.answer, ws, current))
            elif default is not None:
                value = question.answer(ws, answers, default)
            else:
                if question.required(answers):
                    missing.append(question.key)
                continue
        if value is not None:
            answers[question.key] = value
    if missing:
        raise MissingAnswers(missing)
    if "platform" not in answers:
        answers["platform"] = answers["url"].platform
    return answers


def draft(ws: Workspace, answers: Answers) -> tuple[Path, str]:
    """The file path and the YAML text of the new channel."""
    target = ws.target(answers)
    schema = Path(os.path.relpath(ws.settings.base_dir / SCHEMA_FILE, target.parent))
    return target, render_channel(answers, schema_ref=schema.as_posix())


def check_draft(ws: Workspace, target: Path, text: str) -> list[Finding]:
    """Every finding ``kanalregister validate`` would report for the draft, as if written."""
    path = relative(target, ws.settings.base_dir)
    doc = read_yaml(text)
    if isinstance(doc, YamlProblem):  # a bug in render_channel, never the editor's answers
        raise RuntimeError(f"the draft is not valid YAML: {doc.message}")
    channel = Channel.model_validate(doc.data)
    register = replace(ws.register, entries=[*ws.register.entries, Entry(channel, path, doc)])
    catalog, findings = resolve(register, ws.platforms, ws.reporter,
                                site_url=ws.settings.site_url)
    findings += run_checks(Context(catalog=catalog, reporter=ws.reporter, settings=ws.settings))
    return [f for f in findings if f.path == path]


def write(target: Path, text: str) -> None:
    """Create the file; FileExistsError if it exists (a file is never overwritten)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
