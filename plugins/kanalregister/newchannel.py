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
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from .catalogue import Reporter
from .checks import Context, run_checks
from .findings import Finding
from .loader import Entry, Register, load_register, relative
from .models import Channel, Organisation
from .newchannel_questions import QUESTIONS, AnswerError, Answers, Question
from .newchannel_yaml import render_channel
from .pipeline import make_reporter, platform_registry
from .platforms import PlatformRegistry
from .register import Catalog, resolve, website_hosts
from .settings import Settings
from .urls import Canonical, account_slug
from .yamlread import YamlProblem, read_yaml

__all__ = ["QUESTIONS", "AnswerError", "Asker", "MissingAnswers", "NoOrganisation", "Question",
           "Workspace", "check_draft", "draft", "interview", "write"]

SCHEMA_FILE = "kanalregister.schema.json"


class MissingAnswers(Exception):
    """Required fields without an answer in non-interactive mode."""

    def __init__(self, keys: list[str]) -> None:
        super().__init__(", ".join(keys))
        self.keys = keys


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

    def target(self, answers: Answers) -> Path:
        """Where the channel file goes: ``channels/<unit>/<platform>-<account>.yml``."""
        account: Canonical = answers["url"]
        unit: str = answers["unit"]
        name = account_slug(account.platform, account.account) + ".yml"
        return self.settings.channels_dir / unit / name


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
