"""The questions of ``kanalregister new``: how each field is asked, read and defaulted.

Every reader turns an editor's text into the field's value or raises AnswerError saying what
is wrong; the readers check against the register (``Workspace``) so that a mistake is refused
at the question that caused it, not after the whole interview.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..checks.imprint import label_is_recognisable, placement_key
from ..i18n import tr
from ..paths import IMPRINT_PATH
from ..register.canonical import Canonical, UrlProblem, canonicalize
from ..register.loader import relative
from ..register.models import Status
from ..values.types import Email
from ..values.weburl import UrlRefusal, check_web_url
from .workspace import Workspace

Answers = dict[str, Any]


class AnswerError(ValueError):
    """An answer that cannot be used: what is wrong (and what to do) for one field."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key



# --- reading answers --------------------------------------------------------------------

def _date(key: str, *, future: bool = False) -> Callable[[Workspace, Answers, str], date]:
    def read(ws: Workspace, answers: Answers, text: str) -> date:
        try:
            value = date.fromisoformat(text)
        except ValueError:
            raise AnswerError(key, tr("new.error.date", {"text": repr(text)})) from None
        if not future and value > ws.settings.today:
            raise AnswerError(key, tr("new.error.future", {"date": value.isoformat()}))
        if future and value < ws.settings.today:
            raise AnswerError(key, tr("new.error.passed", {"date": value.isoformat()}))
        return value
    return read


def _platform(ws: Workspace, answers: Answers, text: str) -> str:
    if text not in ws.platforms:
        raise AnswerError("platform", tr("new.error.platform", {
            "text": repr(text), "known": ", ".join(ws.platforms.ids())}))
    return text


def _url(ws: Workspace, answers: Answers, text: str) -> Canonical:
    result = canonicalize(text, ws.platforms, website_hosts=ws.hosts)
    if isinstance(result, UrlProblem):
        raise AnswerError("url", f"{result.message} {result.hint}".strip())
    wanted = answers.get("platform")
    if wanted and result.platform != wanted:
        raise AnswerError("url", tr("new.error.other_platform", {
            "found": ws.platforms[result.platform].name, "wanted": ws.platforms[wanted].name}))
    owner = ws.owner_of(result)
    if owner is not None:
        raise AnswerError("url", tr("new.error.registered", {
            "account": result.account, "platform": ws.platforms[result.platform].name,
            "owner": owner}))
    return result


def _unit(ws: Workspace, answers: Answers, text: str) -> str:
    if text not in ws.catalog.units:
        raise AnswerError("unit", tr("new.error.unit", {
            "text": repr(text), "source": ws.register.organisation_path}))
    target = ws.target({**answers, "unit": text})
    if target.exists():
        raise AnswerError("unit", tr("new.error.exists", {
            "path": relative(target, ws.settings.base_dir)}))
    return text


def _name(ws: Workspace, answers: Answers, text: str) -> str:
    if not ws.organisation.is_recognisable(text):
        words = ", ".join(ws.organisation.name_markers())
        raise AnswerError("name", tr("new.error.name", {"text": repr(text), "words": words}))
    return text


def _status(ws: Workspace, answers: Answers, text: str) -> Status:
    try:
        return Status(text)
    except ValueError:
        raise AnswerError("status", tr("new.error.status", {
            "text": repr(text), "known": ", ".join(s.value for s in Status)})) from None


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", text) if w]


def _topics(ws: Workspace, answers: Answers, text: str) -> list[str]:
    topics = _words(text)
    unknown = [t for t in topics if t not in ws.organisation.topics]
    if unknown:
        raise AnswerError("topics", tr("new.error.topics", {
            "unknown": ", ".join(unknown), "source": ws.register.organisation_path}))
    return list(dict.fromkeys(topics))


def _languages(ws: Workspace, answers: Answers, text: str) -> list[str]:
    languages = _words(text.lower())
    if not all(re.fullmatch(r"[a-z]{2,3}", code) for code in languages):
        raise AnswerError("languages", tr("new.error.languages"))
    return languages


def _contact(ws: Workspace, answers: Answers, text: str) -> str:
    try:
        TypeAdapter(Email).validate_python(text)
    except ValidationError:
        raise AnswerError("contact", tr("new.error.email", {"text": repr(text)})) from None
    # A mailbox that looks personal is a warning (GOV006), shown with the draft's findings.
    return text


def _own_url(key: str) -> Callable[[Workspace, Answers, str], str]:
    def read(ws: Workspace, answers: Answers, text: str) -> str:
        read = check_web_url(text.strip())
        if isinstance(read, UrlRefusal):
            raise AnswerError(key, tr("new.error.url_rule", {
                "text": repr(text), "reason": read.message, "hint": read.hint}))
        host = read.host.removeprefix("www.")
        if not any(host == h or host.endswith("." + h) for h in ws.hosts):
            raise AnswerError(key, tr("new.error.domain", {
                "host": host, "hosts": ", ".join(ws.hosts)}))
        return text
    return read


def _label(ws: Workspace, answers: Answers, text: str) -> str:
    if not label_is_recognisable(text):
        raise AnswerError("imprint_label", tr("new.error.label", {"text": repr(text)}))
    return text


def _placement(ws: Workspace, answers: Answers, text: str) -> str:
    allowed = ws.platforms[answers["url"].platform].imprint_placements
    for placement in allowed:
        if placement_key(placement) == placement_key(text):
            return placement
    raise AnswerError("imprint_placement", tr("new.error.placement", {
        "text": repr(text), "allowed": "; ".join(allowed)}))


def _text(key: str) -> Callable[[Workspace, Answers, str], str]:
    return lambda ws, answers, text: text


# --- the questions ----------------------------------------------------------------------

def _always(answers: Answers) -> bool:
    return True


def _never(answers: Answers) -> bool:
    return False


def _status_is(*statuses: Status) -> Callable[[Answers], bool]:
    return lambda answers: answers.get("status", Status.PLANNED) in statuses


_RUNNING = _status_is(Status.ACTIVE, Status.TEMPORARY, Status.EMERGENCY_ONLY)
_PUBLIC = _status_is(*(s for s in Status if s.is_public))


def _located(answers: Answers) -> bool:
    return "url" in answers and "unit" in answers


@dataclass(frozen=True)
class Question:
    """One field: how it is asked, read, defaulted, and when it applies or is required."""

    key: str
    prompt: str
    read: Callable[[Workspace, Answers, str], Any]
    applies: Callable[[Answers], bool] = _always
    required: Callable[[Answers], bool] = _always
    ask: Callable[[Answers], bool] = _always
    default: Callable[[Workspace, Answers], str | None] | None = None
    choices: Callable[[Workspace, Answers], list[str]] | None = None

    @property
    def text(self) -> str:
        """The prompt in the language in use (``prompt`` is the English original)."""
        return tr(f"new.prompt.{self.key}")

    @property
    def option(self) -> str:
        """The command-line option that answers this question."""
        return "--" + self.key.replace("_", "-")

    def answer(self, ws: Workspace, answers: Answers, text: str) -> Any:
        """Read ``text`` (stripped); an empty answer is None where the field is optional."""
        text = text.strip()
        if not text:
            if self.required(answers):
                raise AnswerError(self.key, tr("new.error.required"))
            return None
        return self.read(ws, answers, text)


def _today(ws: Workspace, answers: Answers) -> str:
    return ws.settings.today.isoformat()


def _imprint_url(ws: Workspace, answers: Answers) -> str | None:
    website = ws.legal_website(answers["unit"])
    return website.rstrip("/") + IMPRINT_PATH if website else None


def _privacy_url(ws: Workspace, answers: Answers) -> str | None:
    website = ws.legal_website(answers["unit"])
    if not website:
        return None
    return ws.settings.privacy_pattern.format(website=website.rstrip("/"),
                                              platform=answers["url"].platform)


def _placements(ws: Workspace, answers: Answers) -> list[str]:
    return list(ws.platforms[answers["url"].platform].imprint_placements)


QUESTIONS: tuple[Question, ...] = (
    Question("platform", "Platform id", _platform, required=_never, ask=_never,
             choices=lambda ws, a: ws.platforms.ids()),
    Question("url", "Profile URL (as the browser shows it)", _url),
    Question("unit", "Unit id", _unit, choices=lambda ws, a: sorted(ws.catalog.units)),
    Question("name", "Name as shown on the platform", _name),
    Question("status", "Status", _status, default=lambda ws, a: Status.PLANNED.value,
             choices=lambda ws, a: [s.value for s in Status]),
    Question("since", "Started on (YYYY-MM-DD)", _date("since"), applies=_PUBLIC,
             default=_today, required=_PUBLIC),
    Question("until", "Ends on (YYYY-MM-DD)", _date("until", future=True),
             applies=_status_is(Status.TEMPORARY)),
    Question("archived_date", "Closed on (YYYY-MM-DD)", _date("archived_date"),
             applies=_status_is(Status.ARCHIVED), default=_today),
    Question("archived_reason", "Why was it closed (shown publicly)", _text("archived_reason"),
             applies=_status_is(Status.ARCHIVED)),
    Question("description", "What the channel is about (one or two sentences)",
             _text("description")),
    Question("topics", "Topics (ids, comma-separated)", _topics,
             required=_never, choices=lambda ws, a: sorted(ws.organisation.topics)),
    Question("languages", "Languages (ISO 639-1, comma-separated)", _languages,
             default=lambda ws, a: "de"),
    Question("service_hours", "Service hours: when messages are answered",
             _text("service_hours"), required=_never),
    Question("contact", "Contact: a role mailbox", _contact, required=_never),
    Question("imprint_url", "Imprint URL", _own_url("imprint_url"), applies=_located,
             ask=_never, default=_imprint_url),
    Question("imprint_label", "Imprint link text on the profile", _label, applies=_located,
             ask=_never, default=lambda ws, a: "Impressum"),
    Question("imprint_placement", "Where the imprint link is on the profile", _placement,
             applies=_located, default=lambda ws, a: _placements(ws, a)[0], choices=_placements),
    Question("privacy", "Privacy notice URL", _own_url("privacy"), applies=_located,
             ask=_never, default=_privacy_url),
    Question("approval_date", "Approved on (YYYY-MM-DD)", _date("approval_date"),
             required=_RUNNING, ask=_RUNNING),
    Question("approval_reference", "Approval reference (e.g. SMD-2026-01)",
             _text("approval_reference"), required=_RUNNING, ask=_RUNNING),
    Question("reviewed", "Last reviewed on (YYYY-MM-DD)", _date("reviewed"), required=_never,
             ask=_RUNNING, default=lambda ws, a: _today(ws, a) if _RUNNING(a) else None),
)
