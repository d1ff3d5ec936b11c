"""Imprint checks on each running channel (§ 5 DDG, Art. 13 and 26 DSGVO, case law on labels)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from ..findings import Finding
from ..register.catalog import Listed
from .base import Context, channel_check

# Labels the courts and the literature accept as recognisable. A label must contain one of
# these; "Info" alone does not (LG Aschaffenburg 2 HK O 54/11, OLG Düsseldorf I-20 U 75/13) and
# neither does any other vague word (KG Berlin 5 U 112/23).
RECOGNISED_LABELS = ("impressum", "kontakt", "über uns", "anbieterkennzeichnung", "imprint",
                     "legal notice")


def label_is_recognisable(label: str) -> bool:
    """Whether a link text makes the imprint recognisable, ignoring case and spacing."""
    folded = " ".join(re.sub(r"[^\w&]+", " ", label.casefold()).split())
    return any(word in folded for word in RECOGNISED_LABELS)


@channel_check("IMP001", "IMP007", "IMP003", "IMP006")
def imprint_link(item: Listed, ctx: Context) -> Iterable[Finding]:
    """A running channel links a recognisable imprint from an allowed place on its profile."""
    channel, rep, doc = item.channel, ctx.reporter, item.entry.doc
    if not channel.status.is_running:
        return
    imprint = channel.imprint
    if imprint is None or imprint.url is None:
        yield rep.in_doc("IMP001", item.path, doc, ("imprint",) if imprint else (),
                         field="imprint.url")
    if imprint is None:
        return
    if imprint.label is None:
        yield rep.in_doc("IMP007", item.path, doc, ("imprint",), field="imprint.label")
    elif not label_is_recognisable(imprint.label):
        yield rep.in_doc("IMP003", item.path, doc, ("imprint", "label"),
                         params={"label": imprint.label})
    platform = ctx.catalog.platform(item)
    if platform is None:
        return
    allowed = {p.casefold(): p for p in platform.imprint_placements}
    if imprint.placement is None or imprint.placement.casefold() not in allowed:
        yield rep.in_doc("IMP006", item.path, doc, ("imprint", "placement"),
                         variant="other" if imprint.placement else "none",
                         params={"placement": imprint.placement, "platform": platform.name,
                                 "allowed": "; ".join(platform.imprint_placements)})


@lru_cache(maxsize=4096)
def _scheme_and_host(url: str) -> tuple[str, str]:
    # Most channels of a register link the same imprint and a few privacy pages.
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").removeprefix("www.")


@channel_check("IMP002", "IMP004", "IMP005")
def legal_urls(item: Listed, ctx: Context) -> Iterable[Finding]:
    """Imprint and privacy notice are https pages on the organisation's domains or this site."""
    channel, rep, doc = item.channel, ctx.reporter, item.entry.doc
    if not channel.status.is_running:
        return
    if channel.privacy is None:
        yield rep.in_doc("IMP002", item.path, doc, (), field="privacy")
    hosts = ctx.hosts
    urls = {("privacy",): channel.privacy,
            ("imprint", "url"): channel.imprint.url if channel.imprint else None}
    for loc, url in urls.items():
        if url is None:
            continue
        scheme, host = _scheme_and_host(url)
        if scheme != "https":
            yield rep.in_doc("IMP004", item.path, doc, loc, params={"url": url})
            continue
        if not any(host == h or host.endswith("." + h) for h in hosts):
            yield rep.in_doc("IMP005", item.path, doc, loc, variant="known" if hosts else "none",
                             params={"host": host, "hosts": ", ".join(hosts)})
