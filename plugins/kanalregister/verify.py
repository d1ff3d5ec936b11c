"""Is this account official? The answer the CLI gives, and the one the browser's widget
(assets/kanalregister.js, ``verify``) gives from the exported index; the shared vectors in
tests/fixtures/verify_vectors.yml hold both to the same rules.

Answers:

``official``      the text names a channel the city operates (a paused one too: the city
                  holds it; the status and the pause date are in the match)
``only-on``       a name without a platform (``@name``, a bare word, a channel's name): it is
                  official only on the listed channels, nowhere else
``archived``      formerly official; the answer names where the city continues
``planned``       a channel of the register that is not yet in operation
``known-fake``    an account the city reported to its platform as an impersonation
                  (``channels/_faelschungen.yml``), with the dates of the report
``not-listed``    not official; ``lookalike`` when it imitates an official account or platform
``email``         an e-mail address, not a social-media account
``unusable``      the text names no account

How the text was read (``reading``): ``profile`` (a profile address or ``@user@server``),
``content`` (a post or a profile tab: the account is taken from the path), ``handle``,
``word`` (a bare word, read as a handle and then as a name), ``name`` or ``email``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal
from urllib.parse import urljoin

from .exports.opendata import published
from .paths import channel_page, page_url
from .register.canonical import Canonical, UrlProblem, canonicalize, handle_candidates
from .register.catalog import Catalog, Listed, ListedFake, website_hosts
from .register.models import Status
from .register.platforms import PlatformRegistry
from .register.successors import accounts as accounts_by_key
from .register.successors import running_successors

Answer = Literal["official", "only-on", "archived", "planned", "known-fake", "not-listed",
                 "email", "unusable"]

_WHITESPACE = " \t\n\r\f\v"
# A bare word ("musterstadt", "feuerwehr.musterstadt") and a name ("Stadt Musterstadt").
WORD = re.compile(r"[^\W_][\w.\-]*")
NAME = re.compile(r"[^\W_][\w .,&'’\-–]*")
EMAIL = re.compile(r"[^@\s/:]+@[^@\s/:]+\.[^@\s/:.]+")
MIN_NAME = 3
# Platform host labels shorter than this ("x", "fb", "t") are no sign of a look-alike host.
MIN_LABEL = 4


@dataclass(frozen=True)
class Match:
    """A channel of the register that the text names."""

    platform: str
    platform_name: str
    account: str
    name: str
    unit: str
    status: str
    archived: date | None
    page: str | None
    url: str
    successors: tuple[Match, ...] = ()
    paused: date | None = None
    member: str | None = None  # in a Verbund: the member body that lists the channel

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data."""
        data = {k: v for k, v in vars(self).items() if k != "successors"}
        data["archived"] = self.archived.isoformat() if self.archived else None
        data["paused"] = self.paused.isoformat() if self.paused else None
        data["successors"] = [s.to_json() for s in self.successors]
        return data


@dataclass(frozen=True)
class Verdict:
    """The answer for one text, with what it was based on."""

    query: str
    answer: Answer
    reading: str = "profile"
    canonical: Canonical | None = None
    problem: UrlProblem | None = None
    candidates: list[tuple[str, str]] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    similar: list[Match] = field(default_factory=list)
    lookalike: bool = False
    known_email: bool = False
    own_domain: bool = False
    fake: ListedFake | None = None
    reported_by: str | None = None  # in a Verbund: the member that reported the fake

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data (``kanalregister verify --format json``)."""
        return {
            "query": self.query,
            "answer": self.answer,
            "reading": self.reading,
            "canonical": vars(self.canonical) if self.canonical else None,
            "problem": vars(self.problem) if self.problem else None,
            "candidates": [{"platform": p, "account": a} for p, a in self.candidates],
            "matches": [m.to_json() for m in self.matches],
            "similar": [m.to_json() for m in self.similar],
            "lookalike": self.lookalike,
            "known_email": self.known_email,
            "own_domain": self.own_domain,
            "fake": _fake_json(self.fake) if self.fake else None,
            **({"reported_by": self.reported_by} if self.reported_by else {}),
        }


def _fake_json(listed: ListedFake) -> dict[str, Any]:
    fake = listed.fake
    return {"platform": listed.account.platform, "account": listed.account.account,
            "url": listed.account.url, "reported": fake.reported.isoformat(),
            "report_reference": fake.report_reference,
            "removed": fake.removed.isoformat() if fake.removed else None}


class Verifier:
    """Looks texts up in the channels of one catalog."""

    # Set by __init__ from a catalog, or by over() from any set of accounts (a Verbund).
    platforms: PlatformRegistry
    hosts: list[str]
    accounts: dict[tuple[str, str], Match]
    planned: dict[tuple[str, str], Match]
    fakes: dict[tuple[str, str], ListedFake]
    fake_members: dict[tuple[str, str], str]
    emails: set[str]

    def __init__(self, catalog: Catalog, *, site_url: str | None = None) -> None:
        self.catalog = catalog
        self.platforms = catalog.platforms
        self.site_url = site_url
        self.hosts = website_hosts(catalog.organisation, site_url)
        self.fake_members = {}
        self.accounts: dict[tuple[str, str], Match] = {}
        self.planned: dict[tuple[str, str], Match] = {}
        by_key = accounts_by_key(catalog)
        public = published(catalog)
        for item in public:
            if item.account is not None:
                self.accounts[_key(item.account)] = self._match(item, item.account, page=True)
        for item in public:
            following = running_successors(item, catalog, by_key, site_url=site_url)
            if item.account is not None and following:
                key = _key(item.account)
                self.accounts[key] = replace(self.accounts[key], successors=tuple(
                    self.accounts[_key(s.account)] for s in following if s.account))
        for item in catalog.listed:
            if item.account is not None and item.channel.status is Status.PLANNED:
                self.planned[_key(item.account)] = self._match(item, item.account, page=False)
        self.fakes = {_key(f.account): f for f in catalog.fakes}
        org = catalog.organisation
        self.emails = {e.lower() for e in [org.email if org else None]
                       + [i.channel.contact for i in public]
                       + [u.imprint.email for u in catalog.units.values() if u.imprint] if e}

    @classmethod
    def over(cls, platforms: PlatformRegistry, *, hosts: list[str],
             accounts: dict[tuple[str, str], Match], fakes: dict[tuple[str, str], ListedFake],
             fake_members: dict[tuple[str, str], str], emails: set[str]) -> Verifier:
        """A verifier over accounts gathered elsewhere (the members of a Verbund): the same
        rules of reading a text, the same answers."""
        verifier = cls.__new__(cls)
        verifier.platforms, verifier.hosts = platforms, hosts
        verifier.accounts, verifier.planned = accounts, {}
        verifier.fakes, verifier.fake_members, verifier.emails = fakes, fake_members, emails
        return verifier

    def _match(self, item: Listed, account: Canonical, *, page: bool) -> Match:
        channel = item.channel
        platform = self.catalog.platform(item)
        unit = self.catalog.units.get(channel.unit)
        url = page_url(channel_page(item)) if page else None
        return Match(
            platform=account.platform,
            platform_name=platform.name if platform else channel.platform,
            account=account.account,
            name=channel.name,
            unit=unit.name if unit else channel.unit,
            status=channel.status.value,
            archived=channel.archived.date if channel.archived else None,
            paused=channel.paused.date if channel.paused else None,
            page=(urljoin(self.site_url, url) if self.site_url else "/" + url) if url else None,
            url=account.url,
        )

    def verify(self, text: str) -> Verdict:
        """The answer for a profile, post or tab URL, an ``@user@server`` address, a bare
        ``@name`` or word, a channel's name or an e-mail address."""
        query = text.strip(_WHITESPACE)
        result = canonicalize(query, self.platforms, website_hosts=self.hosts)
        if isinstance(result, Canonical):
            if EMAIL.fullmatch(query) and _key(result) not in self.accounts:
                return self._email(query)
            return self._account(query, result, "profile")
        if result.code in ("not-a-profile", "unknown-host"):
            owner = self._owner(query)
            if owner is not None:
                return self._account(query, owner, "content")
        if result.code == "ambiguous-handle":
            return self._handle(query, query, "handle", result)
        if result.code in ("not-a-url", "unknown-host") and WORD.fullmatch(query):
            # A bare word is a handle if the register has it as one, else a name.
            verdict = self._handle(query, "@" + query, "word", result, local=False)
            if verdict.matches:
                return verdict
            if result.code == "not-a-url":
                if len(query) < MIN_NAME:
                    return verdict
                by_name = self._names(query, result)
                return by_name if by_name.matches else self._handle(
                    query, "@" + query, "word", result)
        if result.code == "not-a-url" and NAME.fullmatch(query) and len(query) >= MIN_NAME:
            return self._names(query, result)
        if result.code == "unknown-host":
            return Verdict(query, "not-listed", problem=result,
                           lookalike=self._lookalike_host(query))
        return Verdict(query, "unusable", problem=result)

    def _account(self, query: str, canonical: Canonical, reading: str) -> Verdict:
        match = self.accounts.get(_key(canonical))
        if match is not None:
            answer: Answer = "archived" if match.status == Status.ARCHIVED.value else "official"
            return Verdict(query, answer, reading, canonical=canonical, matches=[match])
        planned = self.planned.get(_key(canonical))
        if planned is not None:
            return Verdict(query, "planned", reading, canonical=canonical, matches=[planned])
        similar = self.similar(canonical)
        fake = self.fakes.get(_key(canonical))
        if fake is not None:
            return Verdict(query, "known-fake", reading, canonical=canonical, similar=similar,
                           fake=fake, reported_by=self.fake_members.get(_key(canonical)))
        return Verdict(query, "not-listed", reading, canonical=canonical, similar=similar,
                       lookalike=bool(similar))

    def _handle(self, query: str, handle: str, reading: str, problem: UrlProblem, *,
                local: bool = True) -> Verdict:
        candidates = handle_candidates(handle, self.platforms)
        keys = list(candidates)
        if local:
            # Mastodon shows accounts of its own server as "@user": "@stadt" may be ours there.
            user = handle.lstrip("@").lower()
            keys += [k for k in self.accounts if k[0] == "mastodon" and _name(k[1]) == user]
        matches = [self.accounts[k] for k in keys if k in self.accounts]
        if matches:
            running = any(m.status != Status.ARCHIVED.value for m in matches)
            return Verdict(query, "only-on" if running else "archived", reading, problem=problem,
                           candidates=candidates, matches=matches)
        planned = [self.planned[k] for k in keys if k in self.planned]
        if planned:
            return Verdict(query, "planned", reading, problem=problem, candidates=candidates,
                           matches=planned)
        if not candidates:
            return Verdict(query, "unusable", reading, problem=problem)
        similar = [m for p, a in candidates
                   for m in self.similar(Canonical(p, a, "", ""))]
        return Verdict(query, "not-listed", reading, problem=problem, candidates=candidates,
                       similar=similar, lookalike=bool(similar))

    def _names(self, query: str, problem: UrlProblem) -> Verdict:
        wanted = " ".join(query.casefold().split())
        found = [m for m in self.accounts.values()
                 if wanted in " ".join(m.name.casefold().split())
                 or wanted in " ".join(m.unit.casefold().split())]
        found.sort(key=lambda m: m.status == Status.ARCHIVED.value)
        answer: Answer = "not-listed"
        if found:
            answer = "archived" if found[0].status == Status.ARCHIVED.value else "only-on"
        return Verdict(query, answer, "name", problem=problem, matches=found)

    def _email(self, query: str) -> Verdict:
        domain = query.rpartition("@")[2].lower().removeprefix("www.")
        return Verdict(query, "email", "email", known_email=query.lower() in self.emails,
                       own_domain=domain in self.hosts)

    def _owner(self, query: str) -> Canonical | None:
        """The account a post or profile-tab URL belongs to, where the platform puts it first
        in the path (``…/musterstadt/reels/``, ``…/@name/post/…``)."""
        base = query.split("#", 1)[0].split("?", 1)[0].rstrip("/")
        scheme = base.find("://")
        first = base.find("/", scheme + 3 if scheme >= 0 else 0)
        while first >= 0:
            cut = base.rfind("/")
            if cut <= first:
                return None
            base = base[:cut]
            result = canonicalize(base, self.platforms, website_hosts=self.hosts)
            if isinstance(result, Canonical):
                return result
        return None

    def _lookalike_host(self, query: str) -> bool:
        """An unknown host that names a platform or the city (``evil-twitter.com``)."""
        host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", query.lower()).split("/", 1)[0]
        # The name before the top-level domain: "instagram" of instagram.com, "musterstadt" of
        # social.musterstadt.example.
        names = [h for p in self.platforms.platforms.values()
                 for h in (*p.hosts, *p.aliases)] + self.hosts
        labels = {h.split(".")[-2] for h in names if "." in h}
        return any(len(label) >= MIN_LABEL and label in host for label in labels)

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


def _key(account: Canonical) -> tuple[str, str]:
    return (account.platform, account.account)


def _name(account: str) -> str:
    # The user part of "user@server": the same name on another server is the classic fake.
    user, at, _ = account.lower().rpartition("@")
    return user if at and user else account.lower().lstrip("@")


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
