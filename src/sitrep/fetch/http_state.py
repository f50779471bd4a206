"""Conditional-GET validators (ETag, Last-Modified) kept between runs.

SQLite (stdlib) because parallel batch workers share one state folder: it serialises writers
across processes where a JSON file would lose updates.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

_SCHEMA = """
create table if not exists validators (
    url text primary key,
    etag text,
    last_modified text,
    updated_at text default current_timestamp
)
"""


class HttpState:
    """Validators per URL; a ``None`` folder keeps nothing (every fetch is unconditional)."""

    def __init__(self, state_dir: Path | None) -> None:
        self.path = state_dir / "http_validators.sqlite" if state_dir else None
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as con:
                con.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        assert self.path is not None
        con = sqlite3.connect(self.path, timeout=30)
        con.execute("pragma journal_mode=wal")
        return con

    def get(self, url: str) -> tuple[str | None, str | None]:
        """(etag, last_modified) remembered for ``url``."""
        if not self.path:
            return None, None
        with self._connect() as con:
            row = con.execute(
                "select etag, last_modified from validators where url = ?", (url,)
            ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember the validators of a page just fetched (forget them if it sent none)."""
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
