"""schema.org JSON-LD for search engines: the organisation on the start page, and each
channel page describing its account. Built from the register only, so it cannot disagree
with what the pages show."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin

from ..paths import page_url
from ..register.models import Organisation
from ..views import ChannelView

CONTEXT = "https://schema.org"
WIKIDATA_ENTITY = "https://www.wikidata.org/entity/"


def organisation_id(site_url: str | None) -> str:
    """The organisation's node id, shared by the start page and every channel page."""
    return urljoin(site_url or "/", "#organisation")


def organisation_ld(
    org: Organisation, views: Iterable[ChannelView], *, site_url: str | None
) -> dict[str, Any]:
    """``GovernmentOrganization`` with name, URL, address and the accounts it runs."""
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "GovernmentOrganization",
        "@id": organisation_id(site_url),
        "name": org.name,
    }
    if org.website:
        data["url"] = org.website
    if org.address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": org.address.street,
            "postalCode": org.address.postcode,
            "addressLocality": org.address.city,
            "addressCountry": org.address.country,
        }
    if org.email:
        data["email"] = org.email
    if org.phone:
        data["telephone"] = org.phone
    same_as = sorted({v.item.account.url for v in views
                      if v.item.account and v.channel.status.is_running})
    if org.wikidata:
        same_as.append(WIKIDATA_ENTITY + org.wikidata)
    if same_as:
        data["sameAs"] = same_as
    return {k: v for k, v in data.items() if v is not None}


def channel_ld(
    view: ChannelView, org: Organisation | None, *, site_url: str | None, directory_urls: bool
) -> dict[str, Any]:
    """``WebPage`` about one account, published by the organisation."""
    channel = view.channel
    platform = view.platform.name if view.platform else channel.platform
    account: dict[str, Any] = {"@type": "Thing", "name": f"{channel.name} ({view.handle})",
                               "description": channel.description}
    # A closed account may belong to someone else now: no identity claim for it.
    if view.item.account and channel.status.is_running:
        account["url"] = view.item.account.url
        account["sameAs"] = view.item.account.url
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "WebPage",
        "url": urljoin(site_url or "/", page_url(view.page, directory_urls=directory_urls)),
        "name": f"{channel.name} auf {platform}",
        "inLanguage": "de",
        "about": account,
    }
    if org is not None and org.name:
        data["publisher"] = {"@type": "GovernmentOrganization",
                             "@id": organisation_id(site_url), "name": org.name}
    return data


def script(data: dict[str, Any]) -> str:
    """The data as a ``<script type="application/ld+json">`` element.

    ``<``, ``>`` and ``&`` are escaped as JSON unicode escapes, so no YAML value can end the
    script element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
