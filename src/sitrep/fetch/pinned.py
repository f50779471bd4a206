"""A requests session that checks the address it actually connected to (DNS rebinding).

The guard in :mod:`sitrep.fetch.guard` resolves a name before the request; a hostile DNS server
can answer differently a moment later. Every new connection this session opens re-checks its
peer address before a byte of the request is sent: public, or a non-public address allowed
for the connection's origin only when that origin is one the operator named for the fetch
running in this thread (:func:`allowing`), or the operator's own proxy.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError

from sitrep.fetch.guard import Origin, address_problem

GUARD_MARK = "address guard"

# the origins the fetch running in this thread (context) may reach on a non-public address
_NAMED: contextvars.ContextVar[frozenset[Origin]] = contextvars.ContextVar(
    "sitrep_named_origins", default=frozenset()
)


@contextmanager
def allowing(origins: Iterable[Origin]) -> Iterator[None]:
    """Connections opened inside the block may reach ``origins`` on non-public addresses."""
    token = _NAMED.set(frozenset(origins))
    try:
        yield
    finally:
        _NAMED.reset(token)


def current_allowance() -> frozenset[Origin]:
    """The origins the fetch running in this context may reach on non-public addresses."""
    return _NAMED.get()


class _PeerCheck:
    scheme = "http"

    def _new_conn(self):  # type: ignore[no-untyped-def]
        sock = super()._new_conn()  # type: ignore[misc]
        peer = str(sock.getpeername()[0])
        host = str(self.host).strip("[]").rstrip(".").lower()  # type: ignore[attr-defined]
        origin = Origin(self.scheme, host, int(self.port))  # type: ignore[attr-defined]
        problem = address_problem(peer, named=origin in _NAMED.get())
        if problem:
            sock.close()
            raise NewConnectionError(self, f"{GUARD_MARK}: refused {problem} at connect time")  # type: ignore[arg-type]
        return sock


class _HTTPConnection(_PeerCheck, HTTPConnection):
    scheme = "http"


class _HTTPSConnection(_PeerCheck, HTTPSConnection):
    scheme = "https"


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class PublicOnlyAdapter(HTTPAdapter):
    """An adapter whose direct connections refuse non-public peer addresses (unless named).

    Requests sent through a proxy connect to the proxy the operator configured, not to the
    target: the target was judged by the guard before the request."""

    def init_poolmanager(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def public_only_session() -> requests.Session:
    """A session that can only talk to public addresses, whatever DNS says.

    ``trust_env`` is off: proxies come from the deployment's settings, chosen per request by
    the fetcher, never from variables this session would read on its own."""
    session = requests.Session()
    session.trust_env = False
    adapter = PublicOnlyAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
