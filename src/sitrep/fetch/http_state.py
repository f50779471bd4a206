"""Conditional-GET validators (ETag, Last-Modified) kept between runs.

SQLite (stdlib) by default because parallel batch workers on one machine share one state
folder: it serialises writers across processes where a JSON file would lose updates. With a
shared Redis (``SITREP_REDIS_URL``, workers on several machines) they live there instead,
one key per URL, so a worker anywhere sends the validators another worker received.
"""

from __future__ import annotations

import json
import sqlite3
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
            with self._connect() as con:
                con.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        assert self.path is not None
        con = sqlite3.connect(self.path, timeout=30)
        con.execute("pragma journal_mode=wal")
        con.execute("pragma synchronous=normal")  # WAL: durable enough, no fsync per page
        return con

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
