"""Which addresses the link check may connect to: public ones only.

URLs come from channel files and from the guidelines in docs/, and a server may redirect
anywhere. Without this guard the weekly link check would fetch the CI runner's own services
(``127.0.0.1``), the cloud's metadata service (``169.254.169.254``) or a company network
(``10.0.0.0/8``) and report what they answer. Every hop's host is resolved once, every
address is judged here, and the request goes to the address that was judged.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Shared address space for carrier-grade NAT (RFC 6598); not "private" to Python, not public.
_SHARED = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1"})


class Refused(Exception):
    """The host may not be contacted; the message says why (shown in the link report)."""


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, Teredo, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refusal(address: IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why the link check may not connect to ``address``, or None if it is public.

    Refused: loopback, private, link-local, shared (100.64/10), reserved, multicast and
    unspecified addresses, IPv4 and IPv6, also where an IPv6 address embeds an IPv4 one.
    ``allow_loopback`` lets the test suite reach its own servers on 127.0.0.1 / ::1 only.
    """
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None:
            why = refusal(inner, allow_loopback=allow_loopback)
            return f"{why} (in {address})" if why else None
    if address.is_loopback:
        return None if allow_loopback and str(address) in _LOOPBACK_HOSTS else "loopback"
    checks = (
        (address.is_unspecified, "unspecified"),
        (address.is_multicast, "multicast"),
        (address.is_link_local, "link-local"),
        (isinstance(address, ipaddress.IPv4Address) and address in _SHARED, "shared (CGNAT)"),
        (address.is_private, "private"),
        (address.is_reserved, "reserved"),
        (not address.is_global, "not public"),
    )
    return next((why for hit, why in checks if hit), None)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A host and the one address the request will connect to."""

    host: str
    address: str
    port: int


def resolve(host: str, port: int, *, allow_loopback: bool = False) -> Resolved:
    """Resolve ``host`` once and judge every address it has; raise Refused if any is not
    public (a name with one private address among public ones is refused as a whole)."""
    try:
        literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        found = [literal]
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise Refused(f"host not found: {host}") from exc
        found = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not found:
        raise Refused(f"host not found: {host}")
    for address in found:
        why = refusal(address, allow_loopback=allow_loopback)
        if why:
            raise Refused(f"{host} resolves to a {why} address ({address}): not requested")
    return Resolved(host, str(found[0]), port)
