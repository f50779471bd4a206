"""SSRF guard: only public internet addresses, plus the exact private origins an operator names.

A feed can name any URL; http://169.254.169.254/ (cloud metadata), http://10.0.0.1/ or
http://localhost:6379/ must be refused before a single packet is sent, on the first hop, on every
redirect hop and on the address a connection actually reached (:mod:`sitrep.fetch.pinned`).

The one way in to a private network is an *origin* (scheme, host, port) the operator names for
a source (``allow_hosts:`` in the sources file): a URL on exactly that origin may reach a
loopback, private (RFC 1918, IPv6 ULA) or other non-global address. Nothing opens link-local
(cloud metadata), multicast, unspecified, "this network" (0.0.0.0/8) or reserved addresses.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from typing import NamedTuple

from urllib3.util import parse_url

DEFAULT_PORTS = {"http": 80, "https": 443}
# what a named origin may reach; every other non-public kind is refused whatever is named
ALLOWABLE = frozenset({"loopback", "private", "non-global"})
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_LOCAL_NAMES = ("localhost", "localhost.localdomain")
_NUMERIC = re.compile(r"[0-9a-fA-FxX.]+")


class Origin(NamedTuple):
    """Scheme, lower-case host (no brackets, no trailing dot) and port: what a named allowance
    and a connection are compared by."""

    scheme: str
    host: str
    port: int

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"


def _host_key(host: str) -> str:
    return host.strip("[]").rstrip(".").lower()


def origin_of(url: str) -> Origin | None:
    """The origin of an http(s) URL, ``None`` when it has none (bad scheme, no host)."""
    try:
        parts = parse_url(url)
    except ValueError:
        return None
    scheme = (parts.scheme or "").lower()
    if scheme not in DEFAULT_PORTS or not parts.host:
        return None
    return Origin(scheme, _host_key(parts.host), parts.port or DEFAULT_PORTS[scheme])


def parse_origin(text: str) -> Origin:
    """An operator-named origin (``http://127.0.0.1:8765``); raises ``ValueError`` on anything
    more or less than scheme, host and optional port (a path, credentials, a query)."""
    try:
        parts = parse_url(text.strip())
    except ValueError as exc:
        raise ValueError(f"not an origin: {text!r} ({exc})") from exc
    origin = origin_of(text.strip())
    if origin is None:
        raise ValueError(f"not an http(s) origin: {text!r}")
    if parts.auth or parts.query or parts.fragment or (parts.path or "/") != "/":
        raise ValueError(f"an origin is scheme://host[:port] only, nothing more: {text!r}")
    return origin


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64), judged as itself."""
    if addr.ipv4_mapped:
        return addr.ipv4_mapped
    if addr.sixtofour:
        return addr.sixtofour
    if addr in _NAT64:
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def literal_address(host: str) -> str | None:
    """The IP address a host spells, in any spelling the C library accepts (``127.1``,
    ``2852039166``, ``0xa9fea9fe``), or ``None`` for a name."""
    bare = host.split("%")[0]
    try:
        return str(ipaddress.ip_address(bare)) + host[len(bare) :]
    except ValueError:
        pass
    if _NUMERIC.fullmatch(host):
        try:
            return socket.inet_ntoa(socket.inet_aton(host))
        except OSError:
            return None
    return None


def address_kind(ip: str) -> str | None:
    """Which kind of non-public address ``ip`` is (``"link-local"``, ``"private"``...), or
    ``None`` for a public internet address."""
    try:
        addr: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return "unparseable"
    if isinstance(addr, ipaddress.IPv6Address):
        addr = _embedded_ipv4(addr) or addr
    if isinstance(addr, ipaddress.IPv4Address) and addr in _THIS_NETWORK:
        return "this-network"
    for label, flag in (
        ("link-local", addr.is_link_local),
        ("loopback", addr.is_loopback),
        ("multicast", addr.is_multicast),
        ("unspecified", addr.is_unspecified),
        ("reserved", addr.is_reserved),
        ("private", addr.is_private),
    ):
        if flag:
            return label
    return None if addr.is_global else "non-global"


def address_problem(ip: str, *, named: bool = False) -> str | None:
    """Why a connection may not go to ``ip``, or ``None``. ``named``: the origin is one the
    operator named, which opens loopback, private and other non-global addresses only."""
    kind = address_kind(ip)
    if kind is None or (named and kind in ALLOWABLE):
        return None
    if kind == "unparseable":
        return f"unparseable address {ip!r}"
    return f"{kind} address {ip.split('%')[0]}"


def url_problem(url: str, allowed: Iterable[Origin] = ()) -> str | None:
    """Why ``url`` must not be fetched (scheme, credentials, resolved address), or ``None``.

    Literal IP hosts are judged without any lookup; names are resolved once and every address
    they resolve to must be public (a name with one private address is refused) unless the
    URL's origin is in ``allowed``.
    """
    origin = origin_of(url)
    if origin is None:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme not in DEFAULT_PORTS:
            return f"unsupported URL scheme {scheme!r}"
        return "URL has no host"
    if parse_url(url).auth:
        return "credentials in the URL"
    named = origin in frozenset(allowed)
    host = origin.host
    literal = literal_address(host)
    if literal:
        problem = address_problem(literal, named=named)
        return f"refused {problem} (host {host})" if problem else None
    if not named and (host in _LOCAL_NAMES or host.endswith(".localhost")):
        return f"refused loopback host {host}"
    try:
        infos = socket.getaddrinfo(host, origin.port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        return f"DNS lookup failed for {host}: {exc}"
    for info in infos:
        problem = address_problem(str(info[4][0]), named=named)
        if problem:
            return f"refused {problem} (host {host} resolves to it)"
    return None


def never_fetchable(url: str) -> str | None:
    """Why ``url`` can never be fetched whatever the operator names (for ``sources check``):
    a bad scheme, credentials, or a literal address of a kind no allowance opens. No lookup."""
    origin = origin_of(url)
    if origin is None:
        return url_problem(url)
    if parse_url(url).auth:
        return "credentials in the URL"
    literal = literal_address(origin.host)
    if literal is None:
        return None
    problem = address_problem(literal, named=True)
    return f"{problem} is never fetched" if problem else None


def needs_allowance(url: str) -> str | None:
    """Which kind of private address a literal host (or localhost) is: such a URL is fetched
    only on an origin the operator names. ``None`` for public literals and for names."""
    origin = origin_of(url)
    if origin is None:
        return None
    if origin.host in _LOCAL_NAMES or origin.host.endswith(".localhost"):
        return "loopback"
    literal = literal_address(origin.host)
    if literal is None:
        return None
    kind = address_kind(literal)
    return kind if kind in ALLOWABLE else None
