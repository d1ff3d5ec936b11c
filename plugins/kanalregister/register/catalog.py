"""The register after loading: channels with their canonical account and page slug."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..finding_codes import Reporter
from ..findings import Finding
from ..values.weburl import browser_host
from .canonical import Canonical, UrlProblem, account_slug, canonicalize
from .loader import Entry, Register
from .models import Channel, KnownFake, Organisation, Unit
from .platforms import Platform, PlatformRegistry


@dataclass(frozen=True)
class Listed:
    """A channel that can be shown: its model, source, canonical account and page slug."""

    entry: Entry
    account: Canonical | None
    slug: str

    @property
    def channel(self) -> Channel:
        """The channel's validated data."""
        return self.entry.channel

    @property
    def path(self) -> str:
        """The channel file, relative to the project."""
        return self.entry.path


@dataclass(frozen=True)
class ListedFake:
    """A known fake with its canonical account (what ``verify`` looks up)."""

    fake: KnownFake
    account: Canonical


@dataclass
class Catalog:
    """Everything the checks, pages and exports need, resolved once."""

    register: Register
    platforms: PlatformRegistry
    listed: list[Listed] = field(default_factory=list)
    fakes: list[ListedFake] = field(default_factory=list)

    @property
    def organisation(self) -> Organisation | None:
        """The public body, if its file loaded."""
        return self.register.organisation

    @cached_property
    def units(self) -> dict[str, Unit]:
        """Units by id (asked for once per channel by the checks, so built once)."""
        org = self.organisation
        return {u.id: u for u in org.units} if org else {}

    def public(self) -> Iterator[Listed]:
        """Channels shown on the site: every status but planned."""
        return (item for item in self.listed if item.channel.status.is_public)

    def platform(self, item: Listed) -> Platform | None:
        """The registry entry of the channel's platform."""
        return self.platforms.get(item.channel.platform)


def site_host(site_url: str | None) -> str | None:
    """The host this site is published on (lower-case), if it has a URL."""
    host = (urlsplit(site_url).hostname or "").lower() if site_url else ""
    return host or None


def atproto_did(catalog: Catalog, site_url: str | None) -> str | None:
    """The DID for /.well-known/atproto-did: that of the running Bluesky channel whose
    handle is this site's host."""
    host = site_host(site_url)
    for item in catalog.listed:
        channel = item.channel
        if (host and channel.platform == "bluesky" and channel.did and item.account
                and item.account.account == host and channel.status.is_running):
            return channel.did
    return None


def website_hosts(organisation: Organisation | None, site_url: str | None) -> list[str]:
    """The hosts on which the organisation publishes: its domains and this site."""
    domains = [*(organisation.domains if organisation else [])]
    if site_url:
        domains.append(urlsplit(site_url).hostname or "")
    # The hosts a browser opens (IDNA, lower case), as the URL rule reports them.
    hosts = (browser_host(domain.strip()) for domain in domains)
    return sorted({host.removeprefix("www.") for host in hosts if host})


def resolve(
    register: Register,
    platforms: PlatformRegistry,
    reporter: Reporter,
    *,
    site_url: str | None = None,
) -> tuple[Catalog, list[Finding]]:
    """Resolve every channel's account; report unknown platforms, foreign hosts and http."""
    catalog = Catalog(register=register, platforms=platforms)
    findings: list[Finding] = []
    hosts = website_hosts(register.organisation, site_url)
    for entry in register.entries:
        channel = entry.channel
        account: Canonical | None = None
        if platforms.get(channel.platform) is None:
            findings.append(reporter.in_doc(
                "SCH004", entry.path, entry.doc, ("platform",),
                params={"platform": channel.platform, "known": ", ".join(sorted(platforms.ids()))},
            ))
        else:
            account = _resolve_url(entry, platforms, hosts, reporter, findings)
        slug = account_slug(account.platform, account.account) if account else _stem(entry)
        catalog.listed.append(Listed(entry=entry, account=account, slug=slug))
    catalog.fakes = _resolve_fakes(catalog, hosts, reporter, findings)
    return catalog, findings


def _resolve_fakes(
    catalog: Catalog, hosts: list[str], reporter: Reporter, findings: list[Finding]
) -> list[ListedFake]:
    """The known fakes with their accounts; refuses any that is a channel of the register."""
    register, platforms = catalog.register, catalog.platforms
    ours = {(i.account.platform, i.account.account): i.path for i in catalog.listed if i.account}
    resolved: list[ListedFake] = []
    for index, fake in enumerate(register.fakes.fakes):
        loc = ("fakes", index)
        if platforms.get(fake.platform) is None:
            findings.append(reporter.in_doc(
                "SCH004", register.fakes_path, register.fakes_doc, (*loc, "platform"),
                params={"platform": fake.platform, "known": ", ".join(sorted(platforms.ids()))},
            ))
            continue
        result = canonicalize(fake.url, platforms, website_hosts=hosts)
        if isinstance(result, UrlProblem):
            findings.append(reporter.in_doc("SCH011", register.fakes_path, register.fakes_doc,
                                            (*loc, "url"), result.message, hint=result.hint))
            continue
        if result.platform != fake.platform:
            expected = platforms.get(fake.platform)
            findings.append(reporter.in_doc(
                "SCH011", register.fakes_path, register.fakes_doc, (*loc, "url"),
                variant="platform",
                params={"found": platforms[result.platform].name, "platform": fake.platform,
                        "found_id": result.platform,
                        "expected": expected.name if expected else fake.platform}))
            continue
        channel = ours.get((result.platform, result.account))
        if channel is not None:
            findings.append(reporter.in_doc(
                "SCH021", register.fakes_path, register.fakes_doc, (*loc, "url"),
                params={"url": result.url, "channel": channel}))
            continue
        resolved.append(ListedFake(fake, result))
    return resolved


def _stem(entry: Entry) -> str:
    return PurePosixPath(entry.path).stem


def _resolve_url(
    entry: Entry,
    platforms: PlatformRegistry,
    hosts: list[str],
    reporter: Reporter,
    findings: list[Finding],
) -> Canonical | None:
    channel = entry.channel
    result = canonicalize(channel.url, platforms, website_hosts=hosts)
    if isinstance(result, UrlProblem):
        findings.append(reporter.in_doc(
            "SCH011", entry.path, entry.doc, ("url",), result.message, hint=result.hint,
        ))
        return None
    if result.platform != channel.platform:
        expected = platforms.get(channel.platform)
        findings.append(reporter.in_doc(
            "SCH011", entry.path, entry.doc, ("url",), variant="platform",
            params={"found": platforms[result.platform].name, "platform": channel.platform,
                    "found_id": result.platform,
                    "expected": expected.name if expected else channel.platform},
        ))
        return None
    if result.scheme != "https":
        findings.append(reporter.in_doc(
            "SCH012", entry.path, entry.doc, ("url",),
            variant="scheme" if result.scheme else "none",
            params={"scheme": result.scheme, "url": result.url},
        ))
    return result
