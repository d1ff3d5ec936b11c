"""``kanalregister verify`` across the members of a Verbund: the verifier of verify.py over
the accounts of every member's stored export, each match naming its member.

Accounts are read again from each record's URL with the Verbund's platform rules (as the
conflict check does), so the answer follows the same rules as for a single register.
"""

from __future__ import annotations

from .register.canonical import Canonical, canonicalize
from .register.catalog import ListedFake
from .register.models import KnownFake
from .register.platforms import PlatformRegistry
from .verbund.conflicts import claims, member_hosts
from .verbund.data import Verbund
from .verify import Match, Verifier


def verbund_verifier(verbund: Verbund, platforms: PlatformRegistry) -> Verifier:
    """A verifier over every member with valid data."""
    accounts: dict[tuple[str, str], Match] = {}
    found = claims(verbund, platforms)
    for claim in found:
        channel, account = claim.channel, claim.account
        platform = platforms.get(account.platform)
        accounts[(account.platform, account.account)] = Match(
            platform=account.platform,
            platform_name=platform.name if platform else channel.platform_name or "",
            account=account.account, name=channel.name,
            unit=channel.unit_name or channel.unit, status=channel.status.value,
            archived=channel.archived.date if channel.archived else None,
            page=channel.page, url=account.url,
            paused=channel.paused.date if channel.paused else None,
            member=claim.data.member.name)
    hosts_of = {data.member.id: member_hosts(data) for data in verbund.members}
    for claim in found:  # where a closed channel continues, within the same member
        if claim.channel.successor:
            key = (claim.account.platform, claim.account.account)
            following = []
            for url in claim.channel.successor:
                target = canonicalize(url, platforms, website_hosts=hosts_of[claim.data.member.id])
                match = (accounts.get((target.platform, target.account))
                         if isinstance(target, Canonical) else None)
                if match is not None and match.member == accounts[key].member:
                    following.append(match)
            if following:
                accounts[key] = Match(**{**vars(accounts[key]), "successors": tuple(following)})
    fakes: dict[tuple[str, str], ListedFake] = {}
    fake_members: dict[tuple[str, str], str] = {}
    for data, fake in verbund.fakes():
        reported = canonicalize(fake.url, platforms)
        if isinstance(reported, Canonical):
            key = (reported.platform, reported.account)
            fakes[key] = ListedFake(KnownFake(platform=reported.platform, url=fake.url,
                                              reported=fake.reported, report_reference=None,
                                              removed=fake.removed), reported)
            fake_members[key] = data.member.name
    hosts = sorted({h for found_hosts in hosts_of.values() for h in found_hosts})
    emails = {c.contact.lower() for _, c in verbund.channels() if c.contact}
    emails |= {data.member.contact.lower() for data in verbund.members if data.member.contact}
    return Verifier.over(platforms, hosts=hosts, accounts=accounts, fakes=fakes,
                         fake_members=fake_members, emails=emails)
