"""Conflicts between members: one account claimed by two (VBD004), a member's channel that
another member reported as a fake (VBD005). Stale exports (VBD003) are found by the loader.

Accounts are compared in the canonical form of the Verbund's own platform rules
(register.canonical): each record's URL is read again, the member's ``account`` field is not
trusted (an old or a hostile export could write anything there).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..exports.format import ExportChannel
from ..finding_codes import Reporter
from ..findings import Finding
from ..register.canonical import Canonical, canonicalize
from ..register.catalog import website_hosts
from ..register.platforms import PlatformRegistry
from .config import DATA_DIR
from .data import EXPORT_FILE, MemberData, Verbund

Key = tuple[str, str]


@dataclass(frozen=True)
class Claim:
    """One member's record of an account."""

    data: MemberData
    index: int
    channel: ExportChannel
    account: Canonical


def member_hosts(data: MemberData) -> list[str]:
    """The member's own web hosts: pages there are its ``website`` channels. The export does
    not carry the body's list of domains, so the hosts of its website channels count too."""
    urls = [data.member.website]
    if data.document is not None:
        urls += [data.document.publisher.website, data.document.publisher.register_url]
        urls += [c.url for c in data.document.channels if c.platform == "website"]
    return sorted({host for url in urls if url for host in website_hosts(None, url)})


def claims(verbund: Verbund, registry: PlatformRegistry) -> list[Claim]:
    """Every channel of every member with the account its URL canonicalises to."""
    found = []
    for data in verbund.members:
        if data.document is None:
            continue
        hosts = member_hosts(data)
        for index, channel in enumerate(data.document.channels):
            account = canonicalize(channel.url, registry, website_hosts=hosts)
            if isinstance(account, Canonical):
                found.append(Claim(data, index, channel, account))
    return found


def fake_accounts(verbund: Verbund, registry: PlatformRegistry
                  ) -> dict[Key, list[tuple[MemberData, str]]]:
    """The canonical accounts members reported as fakes, with who reported them and when."""
    found: dict[Key, list[tuple[MemberData, str]]] = defaultdict(list)
    for data, fake in verbund.fakes():
        account = canonicalize(fake.url, registry)
        if isinstance(account, Canonical):
            found[_key(account)].append((data, fake.reported.isoformat()))
    return found


def conflicts(verbund: Verbund, registry: PlatformRegistry, *,
              reporter: Reporter) -> list[Finding]:
    """VBD004 and VBD005 findings, at the record in the member's stored export."""
    all_claims = claims(verbund, registry)
    by_key: dict[Key, list[Claim]] = defaultdict(list)
    for claim in all_claims:
        by_key[_key(claim.account)].append(claim)
    findings = list(_shared(by_key.values(), reporter))
    fakes = fake_accounts(verbund, registry)
    for claim in all_claims:
        for other, reported in fakes.get(_key(claim.account), []):
            if other.member.id == claim.data.member.id:
                continue  # a register cannot list its own fake (the loader refuses it)
            findings.append(reporter.at(
                "VBD005", _path(claim), field=f"channels.{claim.index}.url",
                params={**_names(claim), "account": claim.account.account,
                        "platform": claim.account.platform, "other": other.member.id,
                        "other_name": other.member.name, "reported": reported}))
    return findings


def _shared(groups: Iterable[list[Claim]], reporter: Reporter) -> Iterable[Finding]:
    for group in groups:
        members = {claim.data.member.id for claim in group}
        if len(members) < 2:
            continue
        for claim in group:
            for other in group:
                if other.data.member.id <= claim.data.member.id:
                    continue  # each pair once, at the member first in alphabetical order
                yield reporter.at(
                    "VBD004", _path(claim), field=f"channels.{claim.index}.url",
                    params={**_names(claim), "account": claim.account.account,
                            "platform": claim.account.platform, "other": other.data.member.id,
                            "other_name": other.data.member.name,
                            "other_channel": other.channel.name})


def _key(account: Canonical) -> Key:
    return account.platform, account.account


def _names(claim: Claim) -> dict[str, object]:
    return {"member": claim.data.member.id, "name": claim.data.member.name,
            "channel": claim.channel.name}


def _path(claim: Claim) -> str:
    return f"{DATA_DIR}/{claim.data.member.id}/{EXPORT_FILE}"
