"""A requests session that checks the address it actually connected to (DNS rebinding).

The guard in :mod:`sitrep.fetch.guard` resolves a name before the request; a hostile DNS server
can answer differently a moment later. This session re-checks the peer address of every new
connection before a byte of the request is sent.
"""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError

from sitrep.fetch.guard import address_problem

GUARD_MARK = "address guard"


class _PeerCheck:
    def _new_conn(self):  # type: ignore[no-untyped-def]
        sock = super()._new_conn()  # type: ignore[misc]
        peer = sock.getpeername()[0]
        problem = address_problem(str(peer))
        if problem:
            sock.close()
            raise NewConnectionError(self, f"{GUARD_MARK}: refused {problem} at connect time")  # type: ignore[arg-type]
        return sock


class _HTTPConnection(_PeerCheck, HTTPConnection):
    pass


class _HTTPSConnection(_PeerCheck, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class PublicOnlyAdapter(HTTPAdapter):
    """An adapter whose connections refuse non-public peer addresses."""

    def init_poolmanager(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def public_only_session() -> requests.Session:
    """A session that can only talk to public addresses, whatever DNS says."""
    session = requests.Session()
    adapter = PublicOnlyAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
