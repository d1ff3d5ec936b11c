"""Governance checks: approval, yearly review, expiry, recognisable names, role mailboxes."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..findings import Finding
from ..register.catalog import Listed
from ..register.models import Status
from ..register.reviews import review
from .base import Context, channel_check

# Parts of a mailbox name that mark a function, not a person.
_ROLE_WORDS = (
    "presse", "info", "kontakt", "social", "media", "redaktion", "service", "team", "stadt",
    "amt", "buero", "office", "post", "mail", "web", "online", "kommunikation", "oeffentlich",
    "feuerwehr", "bibliothek", "museum", "schule", "karriere", "jobs", "verwaltung", "buerger",
)
_PERSONAL = re.compile(r"^([a-zäöüß]{2,})[._]([a-zäöüß]{2,})$")


def looks_personal(address: str) -> bool:
    """Whether a mailbox looks like ``vorname.nachname@``, i.e. tied to one person."""
    local = address.split("@", 1)[0].casefold()
    match = _PERSONAL.match(local)
    return bool(match) and not any(w in local for w in _ROLE_WORDS)


@channel_check("GOV001")
def approval_present(item: Listed, ctx: Context) -> Iterable[Finding]:
    """A running channel has an approval with date and reference."""
    if item.channel.status.is_running and item.channel.approval is None:
        yield ctx.reporter.in_doc("GOV001", item.path, item.entry.doc, (), field="approval")


@channel_check("GOV002", "GOV003")
def review_due(item: Listed, ctx: Context) -> Iterable[Finding]:
    """The last review of a published, not archived channel is recent."""
    channel = item.channel
    settings = ctx.settings
    state = review(channel, today=ctx.today, warn=settings.review_warn_months,
                   fail=settings.review_fail_months)
    if state is None or not state.due:
        return
    loc = ("reviewed",) if channel.reviewed else ()
    last, age = state.last, state.months
    if last is None or age is None:
        yield ctx.reporter.in_doc("GOV003", item.path, item.entry.doc, loc, variant="never")
    elif state.overdue:
        yield ctx.reporter.in_doc("GOV003", item.path, item.entry.doc, loc, variant="overdue",
                                  params={"last": last.isoformat(), "age": age,
                                          "limit": settings.review_fail_months})
    else:
        yield ctx.reporter.in_doc("GOV002", item.path, item.entry.doc, loc,
                                  params={"last": last.isoformat(), "age": age,
                                          "every": settings.review_warn_months})


@channel_check("GOV004")
def temporary_expired(item: Listed, ctx: Context) -> Iterable[Finding]:
    """A temporary channel whose end date has passed must be archived."""
    channel = item.channel
    if channel.status is Status.TEMPORARY and channel.until and channel.until < ctx.today:
        yield ctx.reporter.in_doc("GOV004", item.path, item.entry.doc, ("until",),
                                  params={"until": channel.until.isoformat()})


@channel_check("GOV005")
def recognisable_name(item: Listed, ctx: Context) -> Iterable[Finding]:
    """A published channel's display name lets people recognise the city."""
    org = ctx.catalog.organisation
    channel = item.channel
    if org is None or not channel.status.is_running:
        return
    if not org.is_recognisable(channel.name):
        words = ", ".join(f"„{w}“" for w in org.name_markers())
        yield ctx.reporter.in_doc("GOV005", item.path, item.entry.doc, ("name",),
                                  params={"name": channel.name, "words": words})


@channel_check("GOV006")
def role_mailbox(item: Listed, ctx: Context) -> Iterable[Finding]:
    """The contact is a role mailbox, not a person's."""
    contact = item.channel.contact
    if contact and looks_personal(contact):
        yield ctx.reporter.in_doc("GOV006", item.path, item.entry.doc, ("contact",),
                                  params={"contact": contact})
