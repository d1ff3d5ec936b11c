"""Checks that relate a channel to the rest of the register: units, topics, dates, names."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable

from ..findings import Finding
from ..register.catalog import Listed
from ..register.models import Status
from ..register.successors import resolve
from .base import Context, channel_check, register_check


@channel_check("SCH005", "SCH006", "SCH013")
def unit_and_topics(item: Listed, ctx: Context) -> Iterable[Finding]:
    """The unit and the topics exist in _organisation.yml; the file sits in its unit's folder."""
    org = ctx.catalog.organisation
    if org is None:
        return
    channel, rep = item.channel, ctx.reporter
    units = ctx.catalog.units
    if channel.unit not in units:
        yield rep.in_doc("SCH005", item.path, item.entry.doc, ("unit",),
                         f"unknown unit '{channel.unit}'",
                         hint=f"use a unit id from {ctx.catalog.register.organisation_path}")
    elif posixpath.basename(posixpath.dirname(item.path)) != channel.unit:
        yield rep.in_doc("SCH013", item.path, item.entry.doc, ("unit",),
                         f"the file is not in the folder of unit '{channel.unit}'",
                         hint=f"move it to channels/{channel.unit}/")
    for index, topic in enumerate(channel.topics):
        if topic not in org.topics:
            yield rep.in_doc("SCH006", item.path, item.entry.doc, ("topics", index),
                             f"unknown topic '{topic}'",
                             hint=f"use one of: {', '.join(sorted(org.topics))}")


@channel_check("SCH007")
def no_future_dates(item: Listed, ctx: Context) -> Iterable[Finding]:
    """Start, approval, review and closing dates cannot lie in the future."""
    channel = item.channel
    dates = {
        ("since",): channel.since,
        ("approval", "date"): channel.approval.date if channel.approval else None,
        ("reviewed",): channel.reviewed,
        ("archived", "date"): channel.archived.date if channel.archived else None,
    }
    for loc, value in dates.items():
        if value is not None and value > ctx.today:
            yield ctx.reporter.in_doc("SCH007", item.path, item.entry.doc, loc,
                                      f"{value.isoformat()} lies in the future",
                                      hint="correct the date")


@channel_check("SCH008")
def status_fields(item: Listed, ctx: Context) -> Iterable[Finding]:
    """temporary needs until, archived needs archived; other statuses carry neither."""
    channel, rep, doc = item.channel, ctx.reporter, item.entry.doc
    if channel.status is Status.TEMPORARY and channel.until is None:
        yield rep.in_doc("SCH008", item.path, doc, ("status",),
                         "a temporary channel needs 'until'",
                         hint="add 'until: YYYY-MM-DD' (the planned end)")
    if channel.status is not Status.TEMPORARY and channel.until is not None:
        yield rep.in_doc("SCH008", item.path, doc, ("until",),
                         f"'until' only applies to status temporary, not {channel.status.value}",
                         hint="remove 'until' or set 'status: temporary'")
    if channel.status is Status.ARCHIVED and channel.archived is None:
        yield rep.in_doc("SCH008", item.path, doc, ("status",),
                         "an archived channel needs 'archived' with date and reason",
                         hint="add 'archived: {date: YYYY-MM-DD, reason: …}'")
    if channel.status is not Status.ARCHIVED and channel.archived is not None:
        yield rep.in_doc("SCH008", item.path, doc, ("archived",),
                         f"'archived' only applies to status archived, not {channel.status.value}",
                         hint="remove 'archived' or set 'status: archived'")


@channel_check("SCH009")
def file_name(item: Listed, ctx: Context) -> Iterable[Finding]:
    """The file is named <platform>-<account>.yml."""
    if item.account is None:
        return
    stem, suffix = posixpath.splitext(posixpath.basename(item.path))
    if stem != item.slug:
        yield ctx.reporter.at("SCH009", item.path,
                              f"the file name does not match the account {item.account.account}",
                              line=1, col=1,
                              hint=f"rename the file to {item.slug}{suffix}")


@channel_check("GOV007")
def since_present(item: Listed, ctx: Context) -> Iterable[Finding]:
    """Published channels say since when they are official."""
    if item.channel.status.is_public and item.channel.since is None:
        yield ctx.reporter.in_doc("GOV007", item.path, item.entry.doc, (),
                                  "a published channel needs 'since'", field="since",
                                  hint="add 'since: YYYY-MM-DD' (the day the channel started)")


@register_check("SCH010")
def unique_accounts(ctx: Context) -> Iterable[Finding]:
    """Every canonical account appears once in the register."""
    seen: dict[tuple[str, str], list[Listed]] = defaultdict(list)
    for item in ctx.catalog.listed:
        if item.account is not None:
            seen[(item.account.platform, item.account.account)].append(item)
    for (_platform, account), items in seen.items():
        first = items[0]
        for other in items[1:]:
            yield ctx.reporter.in_doc("SCH010", other.path, other.entry.doc, ("url",),
                                      f"account {account} is already registered in {first.path}",
                                      hint="keep one of the two files")


@register_check("SCH014")
def unit_tree(ctx: Context) -> Iterable[Finding]:
    """Unit ids are unique, parents exist, and no unit is its own ancestor."""
    org = ctx.catalog.organisation
    if org is None:
        return
    rep, path = ctx.reporter, ctx.catalog.register.organisation_path
    doc = ctx.catalog.register.organisation_doc
    ids: dict[str, int] = {}
    for index, unit in enumerate(org.units):
        if unit.id in ids:
            yield rep.in_doc("SCH014", path, doc, ("units", index, "id"),
                             f"unit id '{unit.id}' is used twice", hint="give each unit its own id")
        ids.setdefault(unit.id, index)
    for index, unit in enumerate(org.units):
        if unit.parent is not None and unit.parent not in ids:
            yield rep.in_doc("SCH014", path, doc, ("units", index, "parent"),
                             f"parent unit '{unit.parent}' does not exist",
                             hint="use the id of another unit, or remove 'parent'")
    parents = {u.id: u.parent for u in org.units}
    for index, unit in enumerate(org.units):
        seen, current = {unit.id}, parents.get(unit.id)
        while current is not None and current in parents:
            if current in seen:
                yield rep.in_doc("SCH014", path, doc, ("units", index, "parent"),
                                 f"unit '{unit.id}' is its own ancestor",
                                 hint="break the cycle of 'parent' references")
                break
            seen.add(current)
            current = parents[current]


@channel_check("SCH020")
def successors_exist(item: Listed, ctx: Context) -> Iterable[Finding]:
    """A closed channel's successors are channels of the register that are operated now."""
    channel, rep = item.channel, ctx.reporter
    if not channel.successor:
        return
    if channel.status is not Status.ARCHIVED:
        yield rep.in_doc("SCH020", item.path, item.entry.doc, ("successor",),
                         f"'successor' only applies to status archived, not "
                         f"{channel.status.value}",
                         hint="remove 'successor' or set 'status: archived'")
        return
    by_account = ctx.successor_accounts
    for index, url, target in resolve(item, ctx.catalog, by_account,
                                      site_url=ctx.settings.site_url):
        if target is None:
            yield rep.in_doc("SCH020", item.path, item.entry.doc, ("successor", index),
                             f"{url} is not a channel of the register",
                             hint="give the profile address of a channel file in channels/")
        elif not target.channel.status.is_running:
            yield rep.in_doc("SCH020", item.path, item.entry.doc, ("successor", index),
                             f"{url} is {target.channel.status.value}, not operated now",
                             hint="name a channel with status active, temporary or "
                                  "emergency_only")
