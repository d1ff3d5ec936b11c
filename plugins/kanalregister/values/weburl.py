"""One rule for every web address in the register's files, read as a browser reads it.

Python's ``urlsplit`` and a browser's URL parser (WHATWG URL) disagree on many inputs: a
backslash ends the host for a browser but not for Python, a browser drops tabs and newlines,
percent-decodes and IDNA-maps the host, reads ``0x7f.1`` as an IP address. A check that
compares the host Python sees can then be steered to approve a host the browser never opens.
This rule accepts only addresses both read alike: ``https`` (``http`` where a check reports it),
no user name, no port but 443, no backslash, space or control character, and a host that is a
valid internationalised domain name; the host it returns is the ASCII host a browser opens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

import idna

from .text import describe, is_unsafe

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# One DNS label in ASCII (after IDNA): letters, digits, inner hyphens.
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# A top-level label is letters or an IDNA A-label; browsers read numeric or 0x… last labels
# as an IPv4 address.
_TOP_LABEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
# Not allowed anywhere in an address: they must be percent-encoded (RFC 3986), and browsers
# and Python treat them differently (a backslash is a slash for a browser).
_NOT_IN_URL = frozenset('\\<>"`{}|^')
# A bare address: a conservative local part (no "?", "&", "%" or "#" that could smuggle mail
# headers into a mailto: link) and a domain that browser_host reads.
_ADDRESS = re.compile(r"[A-Za-z0-9._+-]+@[^@\s/?#%:\\]+")
_EXAMPLE = "https://www.musterstadt.example/impressum/"


@dataclass(frozen=True, slots=True)
class WebUrl:
    """An accepted address: its scheme, the host a browser opens, and a canonical form."""

    scheme: str
    host: str
    rest: str  # path, query and fragment as written

    @property
    def url(self) -> str:
        """The address with a lower-case scheme, the ASCII host and no default port."""
        return f"{self.scheme}://{self.host}{self.rest}"


@dataclass(frozen=True, slots=True)
class UrlRefusal:
    """Why an address is refused (German, shown to editors), with a hint."""

    message: str
    hint: str


def check_web_url(text: str, *, schemes: frozenset[str] = frozenset({"https"})) -> (
        WebUrl | UrlRefusal):
    """Read ``text`` as an absolute web address under the rule; never raises."""
    for char in text:
        if char in _NOT_IN_URL or char.isspace() or is_unsafe(char):
            shown = describe(char) if not char.isprintable() or char.isspace() else f"„{char}“"
            return UrlRefusal(f"die Adresse enthält das Zeichen {shown}",
                              "Adressen enthalten keine Leer-, Steuer- oder Sonderzeichen wie "
                              "„\\“; die Adresse aus der Adresszeile des Browsers kopieren")
    match = _SCHEME.match(text)
    scheme = match.group(1).lower() if match else ""
    if scheme not in schemes:
        allowed = " oder ".join(sorted(schemes))
        found = f"„{scheme}:“" if scheme else "kein Schema"
        return UrlRefusal(f"die Adresse hat {found}; erlaubt ist nur {allowed}",
                          f"eine Adresse der Form {_EXAMPLE} angeben")
    rest = text[len(scheme) + 1:]
    if not rest.startswith("//"):
        return UrlRefusal("nach dem Schema fehlt „//“", f"z. B. {_EXAMPLE}")
    authority, tail = _split_authority(rest[2:])
    if "@" in authority:
        return UrlRefusal("die Adresse enthält einen Benutzernamen vor dem Host („…@“); "
                          "so lässt sich der wirkliche Host verschleiern",
                          "alles zwischen „//“ und „@“ entfernen")
    host, colon, port = authority.partition(":")
    if colon and port != "443":
        return UrlRefusal(f"die Adresse nennt den Port „{port}“; erlaubt ist nur der "
                          "Standardport 443", "den Port („:…“) weglassen")
    ascii_host = browser_host(host)
    if ascii_host is None:
        return UrlRefusal(f"„{host}“ ist kein gültiger Domainname",
                          "einen Domainnamen wie www.musterstadt.example angeben (keine "
                          "IP-Adresse, kein „%“, kein Punkt am Ende)")
    return WebUrl(scheme, ascii_host, tail)


def browser_host(host: str) -> str | None:
    """The ASCII host a browser opens for ``host`` (UTS 46 mapping, IDNA), or None if ``host``
    is no valid domain name of at least two labels or could be read as an IP address."""
    if not host or "%" in host or len(host) > 253:
        return None
    try:
        mapped = idna.encode(host, uts46=True, std3_rules=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError):
        return None
    labels = mapped.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return None
    if not _TOP_LABEL.fullmatch(labels[-1]) or len(mapped) > 253:
        return None
    return mapped


def mailto_href(address: str) -> str | None:
    """The ``mailto:`` link of a bare e-mail address, built and percent-encoded here; None
    when ``address`` is not a bare address (no headers such as ``?bcc=``, no second address)."""
    if not _ADDRESS.fullmatch(address):
        return None
    local, _, domain = address.rpartition("@")
    host = browser_host(domain)
    if host is None:
        return None
    return "mailto:" + quote(local, safe="._+-") + "@" + host


def link_target(text: str) -> str | None:
    """What a page may link for an address from the register's data or options: an https
    URL under the rule (as written), or a ``mailto:`` link rebuilt here from a bare address
    with at most a ``subject`` (no other headers: ``?bcc=`` would send hidden copies)."""
    text = text.strip()
    if text[:7].lower() == "mailto:":
        address, _, query = text[7:].partition("?")
        href = mailto_href(unquote(address))
        if href is None:
            return None
        if not query:
            return href
        key, equals, subject = query.partition("=")
        if key.lower() != "subject" or not equals or "&" in subject:
            return None
        return f"{href}?subject={quote(unquote(subject), safe='')}"
    read = check_web_url(text)
    return text if isinstance(read, WebUrl) else None


def _split_authority(text: str) -> tuple[str, str]:
    """The authority and what follows it: both parsers end the host at ``/``, ``?`` or ``#``
    (the backslash, where they differ, is refused before)."""
    for index, char in enumerate(text):
        if char in "/?#":
            return text[:index], text[index:]
    return text, ""
