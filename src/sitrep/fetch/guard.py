"""SSRF guard: never connect to private, loopback, link-local or reserved addresses by accident.

A feed can name any URL; http://169.254.169.254/ (cloud metadata) or http://localhost:6379/ must
be refused before a single packet is sent, on the first hop and on every redirect hop.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

# ``allow_private`` (tests, a sample corpus, an intranet source) opens these and only these:
# link-local (169.254.0.0/16, fe80::/10: cloud metadata endpoints) stays refused always.
ALLOWABLE = ("loopback", "private")


def address_problem(ip: str, *, allow_private: bool = False) -> str | None:
    """Why an IP address is not a public internet address, or ``None`` when it is."""
    try:
        addr = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return f"unparseable address {ip!r}"
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    for label, flag in (
        ("link-local", addr.is_link_local),
        ("loopback", addr.is_loopback),
        ("private", addr.is_private),
        ("multicast", addr.is_multicast),
        ("unspecified", addr.is_unspecified),
        ("reserved", addr.is_reserved),
    ):
        if flag:
            return None if allow_private and label in ALLOWABLE else f"{label} address {addr}"
    if not addr.is_global and not allow_private:
        return f"non-global address {addr}"
    return None


def url_problem(url: str, *, allow_private: bool = False) -> str | None:
    """Why ``url`` must not be fetched (scheme, host, resolved address), or ``None``.

    Literal IP hosts are judged without any lookup; names are resolved once and every address
    they resolve to must be public (a name with one private address is refused).
    ``allow_private`` opens loopback and private ranges, never link-local.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"unsupported URL scheme {parts.scheme!r}"
    host = parts.hostname
    if not host:
        return "URL has no host"
    try:
        ipaddress.ip_address(host.split("%")[0])
        literal = True
    except ValueError:
        literal = False
    if literal:
        problem = address_problem(host, allow_private=allow_private)
        return f"refused {problem} (host {host})" if problem else None
    if host.lower() in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return None if allow_private else f"refused loopback host {host}"
    try:
        infos = socket.getaddrinfo(host, parts.port or None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        return f"DNS lookup failed for {host}: {exc}"
    for info in infos:
        problem = address_problem(str(info[4][0]), allow_private=allow_private)
        if problem:
            return f"refused {problem} (host {host} resolves to it)"
    return None
