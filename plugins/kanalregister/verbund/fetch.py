"""``kanalregister fetch``: download every member's ``kanaele.json`` into ``daten/``.

Every request goes through the link check's fetcher (links.fetch), so links.guard decides
before any connection whether an address may be contacted: https only, public addresses only
(also after a redirect), one time limit for the whole request and a size limit (larger
answers are refused, never cut off). Requests are conditional (``If-None-Match``,
``If-Modified-Since`` from ``abruf.json``); a 304 keeps the stored file. A failed or invalid
answer keeps the last good data; one member never stops the others.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..exports.format import FormatError, parse_export
from ..links.fetch import Hop, fetch
from .config import Member, VerbundConfig
from .data import EXPORT_FILE, MAX_EXPORT_BYTES, STATE_FILE, FetchState, dump_state, member_dir
from .data import read_state as stored_state

_LOOPBACK = frozenset({"127.0.0.1", "::1", "[::1]"})


@dataclass(frozen=True)
class FetchOptions:
    """Limits of one download; tests open the guard for their server on 127.0.0.1 only."""

    timeout: float = 30.0
    max_bytes: int = MAX_EXPORT_BYTES
    max_redirects: int = 3
    user_agent: str = "kanalregister-fetch/1.0 (Verbund of public channel registers)"
    allow_loopback: bool = False
    # Where a member's export URL is requested; tests point it at their server on 127.0.0.1.
    route: Callable[[str], str] = lambda url: url


@dataclass(frozen=True)
class Outcome:
    """What fetching one member did: its new state and how many channels it now has."""

    member: Member
    state: FetchState
    channels: int | None


def scheme_refusal(url: str, *, allow_loopback: bool) -> str | None:
    """Why ``url`` may not be fetched by its scheme: https only (plain http only to the
    loopback test server, and only when the tests allow it)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return f"keine gültige Adresse: {url}"
    if parts.scheme == "https":
        return None
    if parts.scheme == "http" and allow_loopback and parts.hostname in _LOOPBACK:
        return None
    return f"nur https-Adressen werden abgerufen, nicht {parts.scheme or 'ohne Schema'}: {url}"


def download(url: str, headers: dict[str, str], options: FetchOptions) -> Hop:
    """GET ``url``, following at most ``max_redirects`` redirects, each hop judged anew."""
    for _ in range(options.max_redirects + 1):
        why = scheme_refusal(url, allow_loopback=options.allow_loopback)
        if why:
            return Hop(url, error=why)
        hop = fetch(url, timeout=options.timeout, user_agent=options.user_agent,
                    allow_loopback=options.allow_loopback, read=options.max_bytes + 1,
                    accept="application/json", headers=headers)
        if hop.status in (301, 302, 303, 307, 308) and hop.location:
            url = urljoin(url, hop.location)
            continue
        return hop
    return Hop(url, error=f"mehr als {options.max_redirects} Weiterleitungen")


def reason_of(hop: Hop, options: FetchOptions) -> str:
    """A German reason for an answer that brought no export."""
    if hop.status is not None:
        return f"HTTP {hop.status} unter {hop.url}"
    if hop.transient and "no answer" in (hop.error or ""):
        return f"keine vollständige Antwort innerhalb von {options.timeout:g} s"
    if hop.error and "resolves to" in hop.error:
        return f"Adresse nicht erlaubt (intern oder nicht öffentlich): {hop.error}"
    if hop.error and "host not found" in hop.error:
        return f"Host nicht gefunden: {urlsplit(hop.url).hostname}"
    return hop.error or "keine Antwort"


def fetch_member(project: Path, member: Member, options: FetchOptions, *,
                 now: Callable[[], dt.datetime]) -> Outcome:
    """Fetch one member, store what is valid and write ``abruf.json``."""
    folder = member_dir(project, member.id)
    previous = stored_state(folder)
    has_export = (folder / EXPORT_FILE).is_file()
    kept = previous if previous is not None and has_export else None
    headers: dict[str, str] = {}
    if kept is not None and kept.url == member.export:
        if kept.etag:
            headers["If-None-Match"] = kept.etag
        if kept.last_modified:
            headers["If-Modified-Since"] = kept.last_modified
    checked = now()
    hop = download(options.route(member.export), headers, options)
    # Unless a new export is stored, the validators and date of the stored one stay.
    base = FetchState(url=member.export, checked=checked,
                      fetched=kept.fetched if kept else None,
                      etag=kept.etag if kept else None,
                      last_modified=kept.last_modified if kept else None, result="failed")
    channels: int | None = None
    if hop.status == 304 and kept is not None:
        state = base.model_copy(update={"result": "not_modified"})
    elif hop.status is not None and 200 <= hop.status < 300:
        body = hop.body or b""
        try:
            if hop.body is None or len(body) > options.max_bytes:
                raise FormatError(f"die Antwort ist größer als {options.max_bytes:,} Bytes "
                                  "und wird nicht gespeichert".replace(",", "."))
            document = parse_export(body)
        except FormatError as exc:
            state = base.model_copy(update={"result": "invalid", "reason": str(exc)})
        else:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(folder / EXPORT_FILE, body)
            channels = document.count
            state = FetchState(url=member.export, checked=checked, fetched=checked,
                               etag=hop.etag, last_modified=hop.last_modified, result="ok")
    else:
        state = base.model_copy(update={"reason": reason_of(hop, options)})
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / STATE_FILE, dump_state(state).encode("utf-8"))
    return Outcome(member, state, channels)


def fetch_all(project: Path, config: VerbundConfig, options: FetchOptions | None = None, *,
              now: Callable[[], dt.datetime] | None = None) -> list[Outcome]:
    """Fetch every member in the order of ``verbund.yml``."""
    options = options or FetchOptions()
    clock = now or (lambda: dt.datetime.now(dt.UTC).replace(microsecond=0))
    return [fetch_member(project, member, options, now=clock) for member in config.members]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
