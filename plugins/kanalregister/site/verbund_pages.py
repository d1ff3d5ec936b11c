"""The Verbund's pages: what the site shows of every member's stored export.

Member data is foreign input (another body's site): every value is text for the templates,
which escape it; links to member sites go through ``safe_href`` (https only). The member's
own ``account`` claim is not trusted: each profile URL is canonicalised with our rules.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from ..exports.format import ExportChannel, ExportFake
from ..paths import OVERVIEW_PAGE, VERIFY_PAGE, platform_page, safe_href
from ..register.canonical import Canonical, canonicalize
from ..register.models import STATUS_LABELS, Status
from ..register.platforms import Platform, PlatformRegistry
from ..verbund.data import MemberData, Verbund
from .pages import PageSpec

MEMBERS_PAGE = "mitglieder/index.md"
PLATFORMS_INDEX = "plattformen/index.md"
_SLUG = re.compile(r"[^a-z0-9]+")


def member_page(member_id: str) -> str:
    """The source URI of one member's page."""
    return f"mitglieder/{member_id}.md"


def slug(text: str) -> str:
    """A value for data attributes and query parameters (lower-case ASCII, dashes)."""
    return _SLUG.sub("-", text.casefold()).strip("-") or "x"


@dataclass(frozen=True)
class Row:
    """One channel of one member as the pages, exports and the verify index show it."""

    data: MemberData
    channel: ExportChannel
    platform: Platform | None
    canonical: Canonical | None

    @property
    def member(self) -> Any:
        """The member (id, name, website, contact) from verbund.yml."""
        return self.data.member

    @property
    def status(self) -> str:
        """The status id (active, paused, archived, …)."""
        return self.channel.status.value

    @property
    def status_label(self) -> str:
        """The status in German."""
        return STATUS_LABELS[Status(self.channel.status)]

    @property
    def handle(self) -> str:
        """The account as citizens recognise it, from our own reading of the URL."""
        if self.canonical is None:
            return str(self.channel.url)
        text = self.canonical.account
        at = (self.platform is not None and bool(self.platform.handle)) or (
            self.canonical.platform == "mastodon")
        return "@" + text if at and not text.startswith("@") else text

    @property
    def page(self) -> str | None:
        """The channel's page on the member's own register, if it is a safe https link."""
        href = safe_href(str(self.channel.page))
        return href if href and href.startswith("https://") else None

    @property
    def topics(self) -> list[tuple[str, str]]:
        """(id, label) of the channel's topics, labels from the member's export."""
        labels = self.data.document.topics if self.data.document else {}
        return [(str(t), str(labels.get(t, t))) for t in self.channel.topics or []]


def rows(verbund: Verbund, registry: PlatformRegistry) -> list[Row]:
    """Every channel of every member with valid data, by member, then name."""
    found = []
    for data, channel in verbund.channels():
        read = canonicalize(str(channel.url), registry)
        canonical = read if isinstance(read, Canonical) else None
        platform = registry.get(canonical.platform if canonical else str(channel.platform))
        found.append(Row(data, channel, platform, canonical))
    order = {d.member.id: n for n, d in enumerate(verbund.members)}
    found.sort(key=lambda r: (order[r.member.id], str(r.channel.name).casefold(),
                              str(r.channel.url)))
    return found


@dataclass(frozen=True)
class FakeRow:
    """A known fake and the member that reported it."""

    data: MemberData
    fake: ExportFake
    canonical: Canonical | None


def fake_rows(verbund: Verbund, registry: PlatformRegistry) -> list[FakeRow]:
    """Every known fake of every member, canonicalised with our rules."""
    found = []
    for data, fake in verbund.fakes():
        read = canonicalize(str(fake.url), registry)
        found.append(FakeRow(data, fake, read if isinstance(read, Canonical) else None))
    return found


class VerbundPages:
    """The page specs of a Verbund site."""

    def __init__(self, verbund: Verbund, registry: PlatformRegistry, *, today: date) -> None:
        self.verbund = verbund
        self.registry = registry
        self.today = today

    @cached_property
    def rows(self) -> list[Row]:
        """Every channel, computed once for pages, exports and index."""
        return rows(self.verbund, self.registry)

    @cached_property
    def fakes(self) -> list[FakeRow]:
        """Every known fake."""
        return fake_rows(self.verbund, self.registry)

    def _common(self) -> dict[str, Any]:
        members = [d for d in self.verbund.members]
        by_member: dict[str, list[Row]] = defaultdict(list)
        for row in self.rows:
            by_member[row.member.id].append(row)
        return {"verbund": self.verbund.config, "members": members, "by_member": by_member,
                "today": self.today, "platforms": self.registry,
                "status_labels": {s.value: label for s, label in STATUS_LABELS.items()}}

    def build(self) -> list[PageSpec]:
        """Overview, members, platforms and the verify page."""
        common = self._common()
        specs = [self._overview(common), self._verify(common),
                 PageSpec(MEMBERS_PAGE, "verbund/members.md.jinja", "Mitglieder", common)]
        for data in self.verbund.members:
            specs.append(PageSpec(member_page(data.member.id), "verbund/member.md.jinja",
                                  str(data.member.name),
                                  {**common, "data": data,
                                   "rows": common["by_member"].get(data.member.id, [])}))
        by_platform: dict[str, list[Row]] = defaultdict(list)
        for row in self.rows:
            by_platform[row.platform.id if row.platform else "unbekannt"].append(row)
        listed = [(self.registry.get(pid), pid, found) for pid, found in sorted(
            by_platform.items(), key=lambda item: (-len(item[1]), item[0]))]
        specs.append(PageSpec(PLATFORMS_INDEX, "verbund/platforms.md.jinja", "Plattformen",
                              {**common, "listed": listed}))
        for platform, pid, found in listed:
            title = platform.name if platform else "Unbekannte Plattform"
            specs.append(PageSpec(platform_page(slug(pid)), "verbund/platform.md.jinja", title,
                                  {**common, "platform": platform, "rows": found}))
        return specs

    def _overview(self, common: dict[str, Any]) -> PageSpec:
        facets: dict[str, Counter[str]] = {k: Counter() for k in (
            "member", "platform", "status", "topic")}
        topic_labels: dict[str, str] = {}
        for row in self.rows:
            facets["member"][row.member.id] += 1
            facets["platform"][row.platform.id if row.platform else "unbekannt"] += 1
            facets["status"][row.status] += 1
            for _tid, label in row.topics:
                key = slug(label)
                topic_labels.setdefault(key, label)
                facets["topic"][key] += 1
        return PageSpec(OVERVIEW_PAGE, "verbund/overview.md.jinja", "Alle Kanäle im Verbund",
                        {**common, "rows": self.rows, "facets": facets,
                         "topic_labels": topic_labels, "slug": slug})

    def _verify(self, common: dict[str, Any]) -> PageSpec:
        listed = sorted(self.fakes, key=lambda f: f.fake.reported, reverse=True)
        return PageSpec(VERIFY_PAGE, "verbund/verify.md.jinja", "Ist dieser Account echt?",
                        {**common, "fakes": listed, "org": None})
