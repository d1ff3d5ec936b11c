"""The canonical form of a profile URL or handle, read with the platform registry's rules.

The browser's verify widget ports these steps to JavaScript and runs the same test
vectors (tests/fixtures/url_vectors.yml), so every step here is one a browser can
repeat exactly:

1. Strip ASCII whitespace. Empty input, inner whitespace, control characters or a
   backslash (browsers read ``\\`` as ``/``, Python does not) are not a URL.
2. A platform's ``address`` (``@user@server``) stands for its ``url``, which is then
   read like any URL, but never as one of the organisation's own pages.
3. Another ``@name`` has no host and may live on any platform: see handle_candidates.
4. Only http and https are accepted; a missing scheme is read as https but reported
   as "". User names or passwords before the host are refused: they disguise the host.
5. The host is lower-cased, IDNA-encoded and loses one www./m./mobile. prefix. It picks
   the platform by exact match (never by suffix), then the organisation's hosts, then
   the any-host platforms (Mastodon); a subdomain of a platform only names it in the error.
6. The path loses dot segments, is percent-encoded like a browser does and loses its
   trailing slashes; the forms are tried in order, each against the whole path (plus
   only the query parameters it names). Everything else in the query and the fragment
   is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qsl, quote, urlsplit

from ..i18n import tr
from ..values.weburl import browser_host
from .platforms import HOST, PLACEHOLDER, Platform, PlatformRegistry, normalise_host

_WHITESPACE = " \t\n\r\f\v"
_FORBIDDEN = re.compile(r"[\x00-\x20\x7f\\]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):(.*)", re.DOTALL)
_DEFAULT_PORTS = {"https": 443, "http": 80, "": 443}
# Characters a browser leaves alone in a path; all others (and non-ASCII) become %XX.
_PATH_SAFE = "/!$%&'()*+,:;=@[]^|"
# What quote() leaves alone: its always-safe characters (letters, digits, "_.-~") and _PATH_SAFE.
_NOTHING_TO_QUOTE = re.compile(r"[A-Za-z0-9_.~/!$%&'()*+,:;=@\[\]^|-]*")
_DOT = {".", "%2e"}
_DOT_DOT = {"..", ".%2e", "%2e.", "%2e%2e"}
_SLUG_RUN = re.compile(r"[^a-z0-9]+")
_EXAMPLE = "https://instagram.com/musterstadt"


@dataclass(frozen=True)
class Canonical:
    """A profile in canonical form: platform id, account, https URL and the input's scheme."""

    platform: str
    account: str
    url: str
    scheme: str


@dataclass(frozen=True)
class UrlProblem:
    """Why a text is not a profile. Codes: not-a-url, bad-scheme, unknown-host,
    not-a-profile, ambiguous-handle."""

    code: str
    message: str
    hint: str = ""


def canonicalize(
    text: str, registry: PlatformRegistry, *, website_hosts: Iterable[str] = ()
) -> Canonical | UrlProblem:
    """Read a profile URL or ``@user@server`` handle into its canonical form.

    ``website_hosts`` are the organisation's own hosts (added to any set with
    ``registry.with_website_hosts``); pages on them belong to the ``website`` platform.
    """
    raw = text.strip(_WHITESPACE)
    if not raw:
        return _problem("not-a-url", "empty", example=_EXAMPLE)
    if _FORBIDDEN.search(raw):
        return _problem("not-a-url", "forbidden", raw=repr(raw), example=_EXAMPLE)
    for platform in registry.platforms.values():
        match = _compiled(platform.address.pattern).fullmatch(raw) if platform.address else None
        if platform.address and match:
            url = _fill(platform.address.url, match)
            return _read_url(url, registry, (), scheme="", own_pages=False)
    if raw.startswith("@"):
        return _problem("ambiguous-handle", "ambiguous", raw=raw)
    return _read_url(raw, registry, website_hosts, scheme=None, own_pages=True)


def handle_candidates(text: str, registry: PlatformRegistry) -> list[tuple[str, str]]:
    """Every (platform, account) whose ``handle`` accepts a bare ``@name``, in registry order."""
    raw = text.strip(_WHITESPACE)
    found: list[tuple[str, str]] = []
    for platform in registry.platforms.values():
        match = _compiled(platform.handle).fullmatch(raw) if platform.handle else None
        if match:
            account = match.group(1).lower() if platform.case_insensitive else match.group(1)
            if account.lower().lstrip("@") not in platform.reserved:
                found.append((platform.id, account))
    return found


def account_slug(platform: str, account: str) -> str:
    """The file and page name of an account: ``<platform>-<account>``, lower-case, [a-z0-9-]."""
    return _SLUG_RUN.sub("-", f"{platform}-{account}".lower()).strip("-")


def profile_url(platform: Platform, account: str) -> str:
    """The canonical https URL of ``account`` on ``platform``."""
    user, _, server = account.rpartition("@") if "@" in account else (account, "", "")
    return _fill(platform.profile_url, None, account=account, user=user, server=server)


def _read_url(
    raw: str,
    registry: PlatformRegistry,
    website_hosts: Iterable[str],
    *,
    scheme: str | None,
    own_pages: bool,
) -> Canonical | UrlProblem:
    match = _SCHEME.fullmatch(raw)
    # "instagram.com:443/x" looks like a scheme but is a host with a port.
    if match and "." not in match.group(1):
        found = match.group(1).lower()
        if found not in ("http", "https"):
            return _problem("bad-scheme", "scheme", scheme=found, example=_EXAMPLE)
        rest = match.group(2)
        if not rest.startswith("//"):
            return _problem("not-a-url", "slashes", raw=repr(raw), scheme=found, example=_EXAMPLE)
    else:
        found, rest = "", raw if raw.startswith("//") else "//" + raw
    scheme = found if scheme is None else scheme
    try:
        parts = urlsplit("https:" + rest)
        port = parts.port
    except ValueError:
        return _problem("not-a-url", "invalid", raw=repr(raw), example=_EXAMPLE)
    if "[" in parts.netloc or "]" in parts.netloc:
        # urlsplit reads "[v1.x]" (an IPvFuture literal) as a host name; browsers refuse it.
        return _problem("not-a-url", "host", raw=repr(raw), example=_EXAMPLE)
    if "@" in parts.netloc:
        return _problem("not-a-url", "userinfo", raw=repr(raw))
    host = _host(parts.hostname or "")
    if host is None:
        return _problem("not-a-url", "host", raw=repr(raw), example=_EXAMPLE)
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        return _problem("unknown-host", "port", host=host, port=port)
    path = _clean_path(parts.path)
    query: dict[str, str] = {}
    for key, value in parse_qsl(parts.query, keep_blank_values=True) if parts.query else ():
        query.setdefault(key, value)
    platform = _platform_for(host, registry, website_hosts if own_pages else None)
    if platform is not None and platform.organisation_hosts:
        # An organisation may run its own Mastodon server on one of its domains: a
        # profile path there ("/@name") is the Mastodon account, not a web page.
        for candidate in registry.platforms.values():
            if candidate.any_host and (result := _read_forms(candidate, host, path, query, scheme)):
                return result
    if platform is not None:
        result = _read_forms(platform, host, path, query, scheme)
        return result or _problem("not-a-profile", "not_profile", host=host, path=path,
                                  platform=platform.name, copy=_copy_hint(platform))
    owner = _owner_by_suffix(host, registry)
    if owner is not None:
        return _problem("not-a-profile", "media_host", host=host, platform=owner.name,
                        copy=_copy_hint(owner))
    for candidate in registry.platforms.values():
        if candidate.any_host and (result := _read_forms(candidate, host, path, query, scheme)):
            return result
    return _problem("unknown-host", "unknown_host", host=host,
                    known=", ".join(p.name for p in registry.platforms.values()))


def _host(hostname: str) -> str | None:
    host = hostname.lower().rstrip(".")
    if not host.isascii():
        # UTS 46 as browsers map hosts (Python's "idna" codec is IDNA 2003: ß → ss).
        mapped = browser_host(host)
        if mapped is None:
            return None
        host = mapped
    # An IP address is no platform, and numeric last labels are how browsers spot one.
    if not HOST.fullmatch(host) or host.rsplit(".", 1)[-1].isdigit():
        return None
    return normalise_host(host)


def _platform_for(
    host: str, registry: PlatformRegistry, website_hosts: Iterable[str] | None
) -> Platform | None:
    pid = registry.host_index.get(host)
    platform = registry.platforms[pid] if pid else None
    if platform is not None and platform.organisation_hosts and website_hosts is None:
        return None
    own = website_hosts is not None and host in _normalised(tuple(website_hosts))
    if platform is None and own:
        return next((p for p in registry.platforms.values() if p.organisation_hosts), None)
    return platform


def _owner_by_suffix(host: str, registry: PlatformRegistry) -> Platform | None:
    for platform in registry.platforms.values():
        if platform.organisation_hosts:
            continue
        owned = [*platform.all_hosts, *platform.non_profile_hosts]
        if host in platform.non_profile_hosts or any(host.endswith("." + h) for h in owned):
            return platform
    return None


def _read_forms(
    platform: Platform, host: str, path: str, query: dict[str, str], scheme: str
) -> Canonical | UrlProblem | None:
    for form in platform.forms:
        subject = path
        pairs = [f"{key}={query[key]}" for key in form.query if key in query]
        if pairs:
            subject += "?" + "&".join(pairs)
        match = _compiled(form.pattern).fullmatch(subject)
        if not match:
            continue
        if match.group(1).lower() in platform.reserved:
            return _problem("not-a-profile", "reserved", host=host, path=path,
                            platform=platform.name, copy=_copy_hint(platform))
        account = _fill(form.account, match, host=host)
        if platform.form_case_insensitive(form):
            account = account.lower()
        return Canonical(platform.id, account, profile_url(platform, account), scheme)
    return None


def _clean_path(path: str) -> str:
    # Most profile paths have no dot segment and nothing to percent-encode (10,000 of them in a
    # large register): those steps only run when they can change something.
    if "." in path or "%" in path:
        path = _remove_dot_segments(path)
    if not _NOTHING_TO_QUOTE.fullmatch(path):
        path = quote(path, safe=_PATH_SAFE)
    return path.rstrip("/")


def _remove_dot_segments(path: str) -> str:
    # Browsers resolve "." and ".." (also percent-encoded) before requesting a path.
    segments = path.split("/")[1:]
    kept: list[str] = []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment.lower() in _DOT_DOT:
            if kept:
                kept.pop()
        elif segment.lower() not in _DOT:
            kept.append(segment)
            continue
        if last:
            kept.append("")
    return "/" + "/".join(kept)


def _fill(template: str, match: re.Match[str] | None, **named: str) -> str:
    def value(found: re.Match[str]) -> str:
        key = found.group(1)
        if key.isdigit():
            return (match.group(int(key)) if match else None) or ""
        return named.get(key, "")

    return PLACEHOLDER.sub(value, template)


def _copy_hint(platform: Platform) -> str:
    if platform.example:
        return tr("url.copy_example", {"example": platform.example})
    return tr("url.copy_plain")


def _problem(code: str, variant: str, **params: object) -> UrlProblem:
    """A problem with its message and hint from the language catalogue (``url.<variant>``)."""
    return UrlProblem(code, tr(f"url.{variant}.message", params),
                      tr(f"url.{variant}.hint", params))


@cache
def _normalised(hosts: tuple[str, ...]) -> frozenset[str]:
    # The same few hosts for every channel of a register: normalised once.
    return frozenset(map(normalise_host, hosts))


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # re.ASCII makes \d, \w and case rules ASCII-only, as they are in JavaScript.
    return re.compile(pattern, re.ASCII)
