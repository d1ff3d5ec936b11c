"""Imprint checks on each running channel (§ 5 DDG, Art. 13 and 26 DSGVO, case law on labels)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..findings import Finding
from ..register.catalog import Listed
from ..values.weburl import UrlRefusal, check_web_url
from .base import Context, channel_check

# Link texts the courts name as recognisable (BGH I ZR 228/03: "Kontakt", "Impressum"; KG Berlin
# 5 U 112/23: "Kontakt", "Impressum", "Anbieter", "Über uns"), and the German law's own term,
# plus the English equivalents for profiles in English. A label must contain one of them as
# whole words: "Info" (LG Aschaffenburg 2 HK O 54/11, OLG Düsseldorf I-20 U 75/13), a vague word
# such as "Kundenbetreuung" (KG Berlin) or a longer compound such as "Kontaktformular" does not
# pass. The list is shown to editors in the IMP003 text of data/checks.yml.
RECOGNISED_LABELS = ("impressum", "kontakt", "über uns", "anbieter", "anbieterkennzeichnung",
                     "imprint", "legal notice")


_NOT_WORD = re.compile(r"[^\w]+")


def _words(text: str) -> str:
    # Compiled once: the module-level re.sub looked the pattern up in re's cache three times
    # per channel, a measurable share of validate's checks on a large register.
    return " " + " ".join(_NOT_WORD.sub(" ", text.casefold()).split()) + " "


def label_is_recognisable(label: str) -> bool:
    """Whether a link text contains a recognised imprint term as whole words."""
    folded = _words(label)
    return any(f" {word} " in folded for word in RECOGNISED_LABELS)


def placement_key(placement: str) -> str:
    """A placement compared without case, punctuation or spacing differences."""
    return _words(placement).strip()


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
    allowed = {placement_key(p) for p in platform.imprint_placements}
    if imprint.placement is None or placement_key(imprint.placement) not in allowed:
        yield rep.in_doc("IMP006", item.path, doc, ("imprint", "placement"),
                         variant="other" if imprint.placement else "none",
                         params={"placement": imprint.placement, "platform": platform.name,
                                 "allowed": "; ".join(platform.imprint_placements)})


@lru_cache(maxsize=4096)
def _scheme_and_host(url: str) -> tuple[str, str]:
    # Most channels of a register link the same imprint and a few privacy pages. The host is
    # the one a browser opens (the models accepted the address under the same rule).
    read = check_web_url(url, schemes=frozenset({"https", "http"}))
    if isinstance(read, UrlRefusal):
        return "", ""
    return read.scheme, read.host.removeprefix("www.")


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
