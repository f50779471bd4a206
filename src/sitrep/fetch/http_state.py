"""Conditional-GET validators (ETag, Last-Modified) and robots.txt answers kept between runs.

SQLite (stdlib) by default because parallel batch workers on one machine share one state
folder: it serialises writers across processes where a JSON file would lose updates. With a
shared Redis (``SITREP_REDIS_URL``, workers on several machines) they live there instead,
one key per URL, so a worker anywhere sends the validators another worker received.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sitrep.fetch.redis_store import RedisStore

_SCHEMA = """
create table if not exists validators (
    url text primary key,
    etag text,
    last_modified text,
    updated_at text default current_timestamp
)
"""
_ROBOTS_SCHEMA = """
create table if not exists robots (origin text primary key, status int, body text, at real)
"""
# Switching a new file to WAL takes an exclusive lock that SQLite may refuse at once, without
# waiting on the busy timeout, while another worker opens the same file: retry for this long.
WAL_RETRY_S = 30.0
# RFC 9309 §2.4: a crawler should not use a cached robots.txt for more than 24 hours
ROBOTS_MAX_AGE_S = 24 * 3600

# Validators serve the next conditional fetch of a page: the feeds and sitemaps discovery
# reads on every daily run (each fetch renews them). Every article's are written too (about
# 240 bytes a key), so Redis forgets them this long after the last fetch: 100k articles a day
# hold about 72 MB, not a growing share of the broker's memory. A feed read less often than
# this is fetched unconditionally once: correct, one full answer more.
REDIS_TTL_SECONDS = 3 * 24 * 3600


class HttpState:
    """Validators per URL: in Redis when ``shared`` is given, else in ``<state_dir>/
    http_validators.sqlite``; with neither nothing is kept (every fetch is unconditional)."""

    def __init__(self, state_dir: Path | None, shared: RedisStore | None = None) -> None:
        self.shared = shared
        self.path = state_dir / "http_validators.sqlite" if state_dir and not shared else None
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._use_wal()
            with self._connect() as con:
                con.execute(_SCHEMA)
                con.execute(_ROBOTS_SCHEMA)

    def _use_wal(self) -> None:
        """Put the file in WAL mode (kept in the file, so once per process is plenty)."""
        assert self.path is not None
        deadline = time.monotonic() + WAL_RETRY_S
        while True:
            try:
                with closing(sqlite3.connect(self.path, timeout=WAL_RETRY_S)) as con:
                    con.execute("pragma journal_mode=wal")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """One transaction on the state file, committed on success, and the connection closed."""
        assert self.path is not None
        with closing(sqlite3.connect(self.path, timeout=WAL_RETRY_S)) as con, con:
            con.execute("pragma synchronous=normal")  # WAL: durable enough, no fsync per page
            yield con

    def get(self, url: str) -> tuple[str | None, str | None]:
        """(etag, last_modified) remembered for ``url``."""
        if self.shared:
            raw = self.shared.client.get(self.shared.key("validators", url))
            if raw is None:
                return None, None
            etag, modified = json.loads(raw)
            return etag, modified
        if not self.path:
            return None, None
        with self._connect() as con:
            row = con.execute(
                "select etag, last_modified from validators where url = ?", (url,)
            ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember the validators of a page just fetched (forget them if it sent none)."""
        if self.shared:
            key = self.shared.key("validators", url)
            if etag or last_modified:
                value = json.dumps([etag, last_modified])
                self.shared.client.set(key, value, ex=REDIS_TTL_SECONDS)
            else:
                self.shared.client.delete(key)
            return
        if not self.path:
            return
        with self._connect() as con:
            if etag or last_modified:
                con.execute(
                    "insert or replace into validators(url, etag, last_modified) values (?, ?, ?)",
                    (url, etag, last_modified),
                )
            else:
                con.execute("delete from validators where url = ?", (url,))

    def get_robots(self, origin: str) -> tuple[int, str | None] | None:
        """The robots.txt answer (status, text) fetched for ``origin`` in the last 24 hours."""
        if self.shared:
            raw = self.shared.client.get(self.shared.key("robots", origin))
            if raw is None:
                return None
            status, text = json.loads(raw)
            return int(status), text
        if not self.path:
            return None
        with self._connect() as con:
            row = con.execute(
                "select status, body from robots where origin = ? and at > ?",
                (origin, time.time() - ROBOTS_MAX_AGE_S),
            ).fetchone()
        return (int(row[0]), row[1]) if row else None

    def put_robots(self, origin: str, status: int, text: str | None) -> None:
        """Keep an origin's robots.txt answer for the other fetchers of the next 24 hours."""
        if self.shared:
            key = self.shared.key("robots", origin)
            self.shared.client.set(key, json.dumps([status, text]), ex=ROBOTS_MAX_AGE_S)
            return
        if not self.path:
            return
        with self._connect() as con:
            con.execute(
                "insert or replace into robots(origin, status, body, at) values (?, ?, ?, ?)",
                (origin, status, text, time.time()),
            )
