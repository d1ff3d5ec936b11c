"""Is this account official? The answer the CLI gives, and the one the browser's widget
(assets/kanalregister.js, ``verify``) gives from the exported index.

Four answers: ``official``, ``archived`` (formerly official), ``not-listed`` and ``unusable``
(the text names no profile). A bare ``@name`` is looked up on every platform whose handles
accept it; a valid address on no known platform (``evil-twitter.com/…``) is not listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal
from urllib.parse import urljoin

from .exports.opendata import published
from .paths import channel_page, page_url
from .register.canonical import Canonical, UrlProblem, canonicalize, handle_candidates
from .register.catalog import Catalog, Listed, website_hosts
from .register.models import Status

Answer = Literal["official", "archived", "not-listed", "unusable"]


@dataclass(frozen=True)
class Match:
    """A published channel that the text names."""

    platform: str
    platform_name: str
    account: str
    name: str
    status: str
    archived: date | None
    page: str
    url: str

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data."""
        data = vars(self).copy()
        data["archived"] = self.archived.isoformat() if self.archived else None
        return data


@dataclass(frozen=True)
class Verdict:
    """The answer for one text, with what it was based on."""

    query: str
    answer: Answer
    canonical: Canonical | None = None
    problem: UrlProblem | None = None
    candidates: list[tuple[str, str]] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    similar: list[Match] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data (``kanalregister verify --format json``)."""
        return {
            "query": self.query,
            "answer": self.answer,
            "canonical": vars(self.canonical) if self.canonical else None,
            "problem": vars(self.problem) if self.problem else None,
            "candidates": [{"platform": p, "account": a} for p, a in self.candidates],
            "matches": [m.to_json() for m in self.matches],
            "similar": [m.to_json() for m in self.similar],
        }


class Verifier:
    """Looks texts up in the published channels of one catalog."""

    def __init__(self, catalog: Catalog, *, site_url: str | None = None) -> None:
        self.catalog = catalog
        self.site_url = site_url
        self.hosts = website_hosts(catalog.organisation, site_url)
        self.accounts: dict[tuple[str, str], Match] = {}
        for item in published(catalog):
            if item.account is not None:
                key = (item.account.platform, item.account.account)
                self.accounts[key] = self._match(item, item.account)

    def _match(self, item: Listed, account: Canonical) -> Match:
        channel = item.channel
        platform = self.catalog.platform(item)
        page = page_url(channel_page(item))
        return Match(
            platform=account.platform,
            platform_name=platform.name if platform else channel.platform,
            account=account.account,
            name=channel.name,
            status=channel.status.value,
            archived=channel.archived.date if channel.archived else None,
            page=urljoin(self.site_url, page) if self.site_url else "/" + page,
            url=account.url,
        )

    def verify(self, text: str) -> Verdict:
        """The answer for a profile URL, an ``@user@server`` address or a bare ``@name``."""
        query = text.strip(" \t\n\r\f\v")
        result = canonicalize(text, self.catalog.platforms, website_hosts=self.hosts)
        if isinstance(result, Canonical):
            match = self.accounts.get((result.platform, result.account))
            if match is None:
                return Verdict(query, "not-listed", canonical=result,
                               similar=self.similar(result))
            return Verdict(query, _answer([match]), canonical=result, matches=[match])
        if result.code == "ambiguous-handle":
            candidates = handle_candidates(text, self.catalog.platforms)
            matches = [m for m in (self.accounts.get(c) for c in candidates) if m is not None]
            answer: Answer = _answer(matches) if candidates else "unusable"
            return Verdict(query, answer, problem=result, candidates=candidates, matches=matches)
        # A valid address on no known platform (a look-alike host) is certainly not ours.
        answer = "not-listed" if result.code == "unknown-host" else "unusable"
        return Verdict(query, answer, problem=result)

    def similar(self, canonical: Canonical) -> list[Match]:
        """Running official accounts that ``canonical`` may imitate: on the same platform, at
        most two edits away, or containing the official name."""
        wanted = _name(canonical.account)
        found = []
        for (platform, account), match in self.accounts.items():
            official = _name(account)
            if (platform != canonical.platform or match.status == Status.ARCHIVED.value
                    or account == canonical.account):
                continue
            if edit_distance(official, wanted) <= 2 or (len(official) >= 5 and official in wanted):
                found.append(match)
        return found


def _name(account: str) -> str:
    # The user part of "user@server": the same name on another server is the classic fake.
    user, at, _ = account.lower().rpartition("@")
    return user if at and user else account.lower()


def _answer(matches: Iterable[Match]) -> Answer:
    statuses = [m.status for m in matches]
    if any(s != Status.ARCHIVED.value for s in statuses):
        return "official"
    return "archived" if statuses else "not-listed"


def edit_distance(a: str, b: str) -> int:
    """The Levenshtein distance of two strings."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


_STATUS_TEXT = {
    "active": "official channel",
    "temporary": "official channel (temporary)",
    "emergency_only": "official channel, for emergencies only",
}
_HEADLINES = {
    "official": "OFFICIAL: offizieller Kanal",
    "archived": "FORMERLY OFFICIAL: ehemals offizieller Kanal",
    "not-listed": "NOT LISTED: nicht im Register",
    "unusable": "UNUSABLE INPUT: no profile address or handle",
}


def describe(match: Match) -> str:
    """One line about a matching channel."""
    if match.archived is not None:
        status = f"formerly official, not operated since {match.archived.isoformat()}"
    else:
        status = _STATUS_TEXT.get(match.status, "official channel")
    return f"{match.platform_name} {match.url}: {match.name} — {status}; {match.page}"


def format_text(verdict: Verdict, *, report_problem: str | None = None) -> list[str]:
    """The answer as lines for people: headline, matches, and what to do."""
    headline = _HEADLINES[verdict.answer]
    if verdict.answer == "archived" and len(verdict.matches) == 1 and verdict.matches[0].archived:
        headline += f" — nicht mehr betrieben seit {verdict.matches[0].archived:%d.%m.%Y}"
    lines = [headline, f"  input: {verdict.query}"]
    if verdict.canonical is not None:
        lines.append(f"  canonical: {verdict.canonical.platform} {verdict.canonical.url}")
    lines += [f"  {describe(m)}" for m in verdict.matches]
    if verdict.candidates:
        looked = ", ".join(f"{p}:{a}" for p, a in verdict.candidates)
        lines.append(f"  looked up as a bare name on: {looked}")
        if verdict.matches:
            lines.append("  on any other platform this name is not an official channel")
    if verdict.problem is not None and verdict.problem.code != "ambiguous-handle":
        lines.append(f"  {verdict.problem.message}")
        if verdict.answer == "unusable" and verdict.problem.hint:
            lines.append(f"  hint: {verdict.problem.hint}")
    if verdict.answer == "unusable" and verdict.problem and verdict.problem.code == (
            "ambiguous-handle"):
        lines.append("  no platform accepts this name; give the profile URL")
    lines += [f"  the official account may be: {describe(m)}" for m in verdict.similar]
    if verdict.answer == "not-listed" or (verdict.answer == "archived" and not verdict.candidates):
        lines.append("  do not share personal data with this account; report a fake account "
                     "to the platform as impersonation")
        if report_problem:
            lines.append(f"  report it to us: {report_problem}")
    return lines
