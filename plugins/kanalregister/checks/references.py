"""Checks that relate a channel to the rest of the register: units, topics, dates, names."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable

from ..findings import Finding
from ..register.catalog import Listed, site_host
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
                         params={"unit": channel.unit,
                                 "source": ctx.catalog.register.organisation_path})
    elif posixpath.basename(posixpath.dirname(item.path)) != channel.unit:
        yield rep.in_doc("SCH013", item.path, item.entry.doc, ("unit",),
                         params={"unit": channel.unit})
    for index, topic in enumerate(channel.topics):
        if topic not in org.topics:
            yield rep.in_doc("SCH006", item.path, item.entry.doc, ("topics", index),
                             params={"topic": topic, "known": ", ".join(sorted(org.topics))})


@channel_check("SCH007")
def no_future_dates(item: Listed, ctx: Context) -> Iterable[Finding]:
    """Start, approval, review, pause and closing dates cannot lie in the future."""
    channel = item.channel
    dates = {
        ("since",): channel.since,
        ("approval", "date"): channel.approval.date if channel.approval else None,
        ("reviewed",): channel.reviewed,
        ("paused", "date"): channel.paused.date if channel.paused else None,
        ("archived", "date"): channel.archived.date if channel.archived else None,
    }
    for loc, value in dates.items():
        if value is not None and value > ctx.today:
            yield ctx.reporter.in_doc("SCH007", item.path, item.entry.doc, loc,
                                      params={"date": value.isoformat()})


@channel_check("SCH008")
def status_fields(item: Listed, ctx: Context) -> Iterable[Finding]:
    """temporary needs until, paused needs paused, archived needs archived; other statuses
    carry none of them."""
    channel, rep, doc = item.channel, ctx.reporter, item.entry.doc
    if channel.status is Status.TEMPORARY and channel.until is None:
        yield rep.in_doc("SCH008", item.path, doc, ("status",), variant="until_missing")
    if channel.status is not Status.TEMPORARY and channel.until is not None:
        yield rep.in_doc("SCH008", item.path, doc, ("until",), variant="until_extra",
                         params={"status": channel.status.value})
    if channel.status is Status.ARCHIVED and channel.archived is None:
        yield rep.in_doc("SCH008", item.path, doc, ("status",), variant="archived_missing")
    if channel.status is not Status.ARCHIVED and channel.archived is not None:
        yield rep.in_doc("SCH008", item.path, doc, ("archived",), variant="archived_extra",
                         params={"status": channel.status.value})
    if channel.status is Status.PAUSED and channel.paused is None:
        yield rep.in_doc("SCH008", item.path, doc, ("status",), variant="paused_missing")
    if channel.status is not Status.PAUSED and channel.paused is not None:
        yield rep.in_doc("SCH008", item.path, doc, ("paused",), variant="paused_extra",
                         params={"status": channel.status.value})


@channel_check("SCH009")
def file_name(item: Listed, ctx: Context) -> Iterable[Finding]:
    """The file is named <platform>-<account>.yml."""
    if item.account is None:
        return
    stem, suffix = posixpath.splitext(posixpath.basename(item.path))
    if stem != item.slug:
        yield ctx.reporter.at("SCH009", item.path, line=1, col=1,
                              params={"account": item.account.account,
                                      "name": f"{item.slug}{suffix}"})


@channel_check("GOV007")
def since_present(item: Listed, ctx: Context) -> Iterable[Finding]:
    """Published channels say since when they are official."""
    if item.channel.status.is_public and item.channel.since is None:
        yield ctx.reporter.in_doc("GOV007", item.path, item.entry.doc, (), field="since")


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
                                      params={"account": account, "first": first.path})


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
            yield rep.in_doc("SCH014", path, doc, ("units", index, "id"), variant="twice",
                             params={"unit": unit.id})
        ids.setdefault(unit.id, index)
    for index, unit in enumerate(org.units):
        if unit.parent is not None and unit.parent not in ids:
            yield rep.in_doc("SCH014", path, doc, ("units", index, "parent"), variant="parent",
                             params={"parent": unit.parent})
    parents = {u.id: u.parent for u in org.units}
    for index, unit in enumerate(org.units):
        seen, current = {unit.id}, parents.get(unit.id)
        while current is not None and current in parents:
            if current in seen:
                yield rep.in_doc("SCH014", path, doc, ("units", index, "parent"),
                                 variant="cycle", params={"unit": unit.id})
                break
            seen.add(current)
            current = parents[current]


@channel_check("SCH022")
def bluesky_did(item: Listed, ctx: Context) -> Iterable[Finding]:
    """'did' belongs to Bluesky channels; a handle on this site's host needs it, because the
    build publishes it as /.well-known/atproto-did."""
    channel, rep, doc = item.channel, ctx.reporter, item.entry.doc
    if channel.did is not None and channel.platform != "bluesky":
        yield rep.in_doc("SCH022", item.path, doc, ("did",), variant="not_bluesky",
                         params={"platform": channel.platform})
        return
    host = site_host(ctx.settings.site_url)
    if (channel.platform == "bluesky" and channel.did is None and item.account is not None
            and host and item.account.account == host and channel.status.is_running):
        yield rep.in_doc("SCH022", item.path, doc, ("url",), variant="missing",
                         params={"host": host})


@channel_check("SCH020")
def successors_exist(item: Listed, ctx: Context) -> Iterable[Finding]:
    """A closed channel's successors are channels of the register that are operated now."""
    channel, rep = item.channel, ctx.reporter
    if not channel.successor:
        return
    if channel.status is not Status.ARCHIVED:
        yield rep.in_doc("SCH020", item.path, item.entry.doc, ("successor",),
                         variant="status", params={"status": channel.status.value})
        return
    by_account = ctx.successor_accounts
    for index, url, target in resolve(item, ctx.catalog, by_account,
                                      site_url=ctx.settings.site_url):
        if target is None:
            yield rep.in_doc("SCH020", item.path, item.entry.doc, ("successor", index),
                             variant="unknown", params={"url": url})
        elif not target.channel.status.is_running:
            yield rep.in_doc("SCH020", item.path, item.entry.doc, ("successor", index),
                             variant="not_running",
                             params={"url": url, "status": target.channel.status.value})
