"""Live status of accounts, read from the platforms' public interfaces (scheduled, never at
build time).

- Mastodon: the server's public API (``/api/v1/accounts/lookup``) tells whether the profile's
  link to the channel's register page is verified (``verified_at``, which Mastodon sets after
  finding ``rel="me"`` on that page), and whether the account has moved or is suspended.
- Bluesky: the handle is resolved to its DID (``com.atproto.identity.resolveHandle`` of a
  public AppView), and the DID document must name the handle back (``alsoKnownAs``);
  otherwise the handle is broken and the app shows "invalid handle". A DID in the channel
  file must be the one the handle resolves to.

Every request goes through the link check's fetcher, with its protections.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from ..paths import channel_page, page_url
from ..register.catalog import Catalog, Listed
from .check import is_reserved
from .fetch import fetch

LIVE_PLATFORMS = ("mastodon", "bluesky")
_HREF = re.compile(r'href="([^"]+)"')
_BODY_LIMIT = 1_000_000


@dataclass(frozen=True)
class LiveOptions:
    """Where to ask; tests point every base at a server on 127.0.0.1."""

    timeout: float = 10.0
    user_agent: str = "kanalregister-links/1.0 (live status of a public register)"
    # The https origin of a host (a Mastodon server, a DID's web host).
    origin: Callable[[str], str] = lambda host: f"https://{host}"
    appview: str = "https://public.api.bsky.app"
    plc_directory: str = "https://plc.directory"
    # The link check's guard refuses internal addresses; tests open it for 127.0.0.1 only.
    allow_loopback: bool = False


@dataclass(frozen=True)
class LiveResult:
    """The live state of one account: ``ok`` True, False (a problem) or None (not known)."""

    path: str
    platform: str
    account: str
    ok: bool | None
    messages: list[str]
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"channel": self.path, "platform": self.platform, "account": self.account,
                "ok": self.ok, "messages": self.messages, "details": self.details}


class _Unknown(Exception):
    """The answer says nothing about the account (no connection, no JSON)."""


def _get_json(url: str, options: LiveOptions) -> tuple[int | None, Any]:
    hop = fetch(url, timeout=options.timeout, user_agent=options.user_agent,
                read=_BODY_LIMIT, accept="application/json",
                allow_loopback=options.allow_loopback)
    if hop.status is None:
        raise _Unknown(hop.error or "keine Antwort")
    if hop.body is None:
        return hop.status, None
    try:
        return hop.status, json.loads(hop.body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _Unknown(f"keine JSON-Antwort von {url}") from exc


def _same_page(a: str, b: str) -> bool:
    def key(url: str) -> tuple[str, str]:
        parts = urlsplit(url.strip())
        return (parts.hostname or "").lower().removeprefix("www."), parts.path.rstrip("/")
    return key(a) == key(b)


def mastodon_status(account: str, page: str | None, options: LiveOptions) -> tuple[
        bool | None, list[str], dict[str, Any]]:
    """Verified link, move and suspension of ``user@server``."""
    user, _, server = account.rpartition("@")
    url = f"{options.origin(server)}/api/v1/accounts/lookup?acct={quote(user)}"
    status, data = _get_json(url, options)
    if status == 404:
        return False, ["Konto nicht gefunden (HTTP 404)"], {"http_status": 404}
    if status == 410:
        return False, ["Konto gelöscht oder gesperrt (HTTP 410)"], {"http_status": 410}
    if status != 200 or not isinstance(data, dict):
        return None, [f"Server antwortet mit HTTP {status}"], {"http_status": status}
    details: dict[str, Any] = {"suspended": bool(data.get("suspended")),
                               "moved_to": None, "verified": False, "linked": False}
    problems: list[str] = []
    moved = data.get("moved")
    if isinstance(moved, dict):
        details["moved_to"] = moved.get("acct") or moved.get("url")
        problems.append(f"Konto ist umgezogen nach {details['moved_to']}: Kanaldatei anpassen")
    if details["suspended"]:
        problems.append("Konto ist auf dem Server gesperrt")
    for entry in data.get("fields") or []:
        if not isinstance(entry, dict) or page is None:
            continue
        if any(_same_page(href, page) for href in _HREF.findall(str(entry.get("value", "")))):
            details["linked"] = True
            details["verified"] = details["verified"] or bool(entry.get("verified_at"))
    if page is None:
        problems.append("ohne site_url ist die Registerseite nicht bekannt: Link nicht geprüft")
    elif not details["linked"]:
        problems.append(f"das Profil verlinkt die Registerseite {page} nicht")
    elif not details["verified"]:
        problems.append("der Link zur Registerseite ist nicht bestätigt (Mastodon fand dort "
                        "kein rel=\"me\")")
    return not problems, problems or ["Link zur Registerseite bestätigt"], details


def _did_document(did: str, options: LiveOptions) -> Any:
    if did.startswith("did:plc:"):
        status, doc = _get_json(f"{options.plc_directory}/{did}", options)
    elif did.startswith("did:web:"):
        host = did.removeprefix("did:web:")
        status, doc = _get_json(f"{options.origin(host)}/.well-known/did.json", options)
    else:
        raise _Unknown(f"unbekannte DID-Methode: {did}")
    if status != 200 or not isinstance(doc, dict):
        raise _Unknown(f"DID-Dokument von {did} nicht lesbar (HTTP {status})")
    return doc


def bluesky_status(account: str, did: str | None, options: LiveOptions) -> tuple[
        bool | None, list[str], dict[str, Any]]:
    """Handle → DID → handle, and the channel file's DID."""
    handle = None if account.startswith("did:") else account
    details: dict[str, Any] = {"handle": handle, "did": None, "handle_of_did": None}
    if handle is not None:
        url = (f"{options.appview}/xrpc/com.atproto.identity.resolveHandle"
               f"?handle={quote(handle)}")
        status, data = _get_json(url, options)
        resolved = data.get("did") if status == 200 and isinstance(data, dict) else None
        if not isinstance(resolved, str):
            return False, [f"Handle {handle} lässt sich nicht auflösen (HTTP {status}): "
                           "DNS-Eintrag _atproto oder /.well-known/atproto-did prüfen"], details
        details["did"] = resolved
    else:
        details["did"] = account
    doc = _did_document(details["did"], options)
    names = [a.removeprefix("at://") for a in doc.get("alsoKnownAs") or []
             if isinstance(a, str) and a.startswith("at://")]
    details["handle_of_did"] = names[0] if names else None
    problems = []
    if handle is not None and handle.lower() not in (n.lower() for n in names):
        problems.append(f"Handle gebrochen: {details['did']} nennt "
                        f"{details['handle_of_did'] or 'keinen Handle'}, nicht {handle}")
    if did is not None and did != details["did"]:
        problems.append(f"die DID in der Kanaldatei ({did}) ist nicht die des Handles "
                        f"({details['did']})")
    return not problems, problems or ["Handle und DID passen zusammen"], details


def live_status(catalog: Catalog, *, site_url: str | None, options: LiveOptions,
                directory_urls: bool = True) -> list[LiveResult]:
    """The live status of every running Mastodon and Bluesky channel."""
    return [_one(item, site_url, options, directory_urls) for item in _candidates(catalog)]


def _candidates(catalog: Catalog) -> Iterable[Listed]:
    for item in catalog.listed:
        if (item.account and item.channel.status.is_running
                and item.channel.platform in LIVE_PLATFORMS):
            yield item


def _one(item: Listed, site_url: str | None, options: LiveOptions,
         directory_urls: bool) -> LiveResult:
    platform = item.channel.platform
    account = item.account.account if item.account else str(item.channel.url)
    host = account.rpartition("@")[2] if platform == "mastodon" else account
    if is_reserved(f"https://{host}/"):
        return LiveResult(item.path, platform, account, None,
                          ["Beispieldomain (RFC 2606): nicht geprüft"])
    page = (urljoin(site_url, page_url(channel_page(item), directory_urls=directory_urls))
            if site_url else None)
    try:
        if platform == "mastodon":
            ok, messages, details = mastodon_status(account, page, options)
        else:
            ok, messages, details = bluesky_status(account, item.channel.did, options)
    except _Unknown as exc:
        return LiveResult(item.path, platform, account, None, [str(exc)])
    return LiveResult(item.path, platform, account, ok, messages, details)
