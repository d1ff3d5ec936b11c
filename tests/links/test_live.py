"""Live status (links/live.py) against a server on 127.0.0.1 that answers like a Mastodon
server, a Bluesky AppView and the PLC directory."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from helpers import check, loopback_server
from kanalregister.links.live import LiveOptions, bluesky_status, live_status, mastodon_status

PAGE = "https://socialmedia.musterstadt.example/kanaele/mastodon-stadt-social-musterstadt-de/"
GOOD_DID = "did:plc:" + "a" * 24
OTHER_DID = "did:plc:" + "b" * 24


def _field(href: str, verified: bool) -> dict[str, Any]:
    return {"name": "Register", "value": f'<a href="{href}" rel="me">{href}</a>',
            "verified_at": "2026-01-05T10:00:00.000+00:00" if verified else None}


ROUTES: dict[str, tuple[int, Any]] = {
    "/api/v1/accounts/lookup?acct=stadt": (200, {"acct": "stadt",
                                                 "fields": [_field(PAGE, True)]}),
    "/api/v1/accounts/lookup?acct=unverified": (200, {"fields": [_field(PAGE, False)]}),
    "/api/v1/accounts/lookup?acct=unlinked": (200, {"fields": [
        _field("https://www.musterstadt.example/", True)]}),
    "/api/v1/accounts/lookup?acct=moved": (200, {"fields": [_field(PAGE, True)],
                                                 "moved": {"acct": "stadt@neu.example"}}),
    "/api/v1/accounts/lookup?acct=suspended": (200, {"suspended": True, "fields": []}),
    "/xrpc/com.atproto.identity.resolveHandle?handle=stadt.musterstadt.de": (
        200, {"did": GOOD_DID}),
    "/xrpc/com.atproto.identity.resolveHandle?handle=alt.musterstadt.de": (
        200, {"did": OTHER_DID}),
    f"/{GOOD_DID}": (200, {"id": GOOD_DID, "alsoKnownAs": ["at://stadt.musterstadt.de"]}),
    f"/{OTHER_DID}": (200, {"id": OTHER_DID, "alsoKnownAs": ["at://jemand.anders.de"]}),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's API
        status, data = ROUTES.get(self.path, (404, {"error": "NotFound"}))
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture
def options() -> Iterator[LiveOptions]:
    with loopback_server(_Handler) as base:
        yield LiveOptions(timeout=5, origin=lambda host: base, appview=base, plc_directory=base,
                          allow_loopback=True)


@pytest.mark.parametrize(("user", "ok", "message"), [
    ("stadt", True, "Link zur Registerseite bestätigt"),
    ("unverified", False, "nicht bestätigt"),
    ("unlinked", False, "verlinkt die Registerseite"),
    ("moved", False, "umgezogen nach stadt@neu.example"),
    ("suspended", False, "gesperrt"),
    ("gone", False, "nicht gefunden (HTTP 404)"),
])
def test_mastodon(options: LiveOptions, user: str, ok: bool, message: str) -> None:
    result, messages, _ = mastodon_status(f"{user}@social.musterstadt.de", PAGE, options)
    assert result is ok
    assert any(message in m for m in messages), messages


@pytest.mark.parametrize(("handle", "did", "ok", "message"), [
    ("stadt.musterstadt.de", None, True, "passen zusammen"),
    ("stadt.musterstadt.de", GOOD_DID, True, "passen zusammen"),
    ("stadt.musterstadt.de", OTHER_DID, False, "nicht die des Handles"),
    ("alt.musterstadt.de", None, False, "Handle gebrochen"),
    ("weg.musterstadt.de", None, False, "lässt sich nicht auflösen"),
    (GOOD_DID, None, True, "passen zusammen"),
])
def test_bluesky(options: LiveOptions, handle: str, did: str | None, ok: bool,
                 message: str) -> None:
    result, messages, _ = bluesky_status(handle, did, options)
    assert result is ok
    assert any(message in m for m in messages), messages


def test_register_channels_are_checked_and_example_domains_skipped(
        register_copy: Path, options: LiveOptions) -> None:
    mastodon = register_copy / "channels/presseamt/mastodon-stadt-social-musterstadt-example.yml"
    text = mastodon.read_text("utf-8")
    assert "https://social.musterstadt.example/@stadt" in text
    moved = register_copy / "channels/presseamt/mastodon-stadt-social-musterstadt-de.yml"
    moved.write_text(text.replace("social.musterstadt.example", "social.musterstadt.de"),
                     "utf-8")
    outcome = check(register_copy, site_url="https://socialmedia.musterstadt.example/")
    results = {r.path: r for r in live_status(outcome.catalog, options=options,
                                              site_url="https://socialmedia.musterstadt.example/")}
    live = results["channels/presseamt/mastodon-stadt-social-musterstadt-de.yml"]
    assert live.ok is True, live.messages
    skipped = results["channels/presseamt/mastodon-stadt-social-musterstadt-example.yml"]
    assert skipped.ok is None and "Beispieldomain" in skipped.messages[0]
