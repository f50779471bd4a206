"""Per-source discovery state: which URLs a source has already given us, and on which day.

A URL is new on the day it is first seen; re-running that day sees it again (same rows), later
days do not. Feeds answering 304 reuse the entries remembered from their last 200.

The state lives at ``SITREP_STATE_URL``: the local state folder by default, or a prefix in a
bucket (``s3://bucket/sitrep/state``) so that tomorrow's discovery, on whichever machine it
runs, knows what today's took. It is read and written through :class:`RawZone` (fsspec): each
file whole, atomically, as the raw zone's.
"""

from __future__ import annotations

import json
import os
from datetime import date
from typing import Any

from sitrep.lake.zone import RawZone
from sitrep.sources.listings import Entry


class SourceState:
    """One source's state file ``sources/<id>.json`` in the state location (a folder, a
    ``RawZone`` or its URL)."""

    def __init__(self, store: RawZone | str | os.PathLike[str], source_id: str) -> None:
        self.store = RawZone.of(store)
        self.key = f"sources/{source_id}.json"
        data: dict[str, Any] = {}
        # an unreadable location raises (RawZoneError): "nothing seen" would take every URL
        # the source lists as new again
        if self.store.exists(self.key):
            try:
                data = json.loads(self.store.read_text(self.key))
            except (FileNotFoundError, ValueError):
                data = {}  # a corrupt state file means "nothing seen yet", never a crash
        self.seen: dict[str, str] = dict(data.get("seen", {}))
        self.cached: dict[str, list[dict[str, Any]]] = dict(data.get("cached", {}))

    def first_seen(self, url: str) -> date | None:
        value = self.seen.get(url)
        return date.fromisoformat(value) if value else None

    def mark(self, url: str, day: date) -> None:
        """Remember the first day a URL was discovered (an earlier backfill day wins)."""
        known = self.first_seen(url)
        if known is None or day < known:
            self.seen[url] = day.isoformat()

    def prune(self, listed: set[str], before: date) -> int:
        """Forget URLs first seen before ``before`` that the source no longer lists.

        Keeps the file small over months of daily runs; a URL still listed is never forgotten
        (it would come back as new). Returns how many were forgotten.
        """
        old = [
            url
            for url, seen in self.seen.items()
            if url not in listed and date.fromisoformat(seen) < before
        ]
        for url in old:
            del self.seen[url]
        return len(old)

    def remember_entries(self, document_url: str, entries: list[Entry]) -> None:
        self.cached[document_url] = [
            {"url": e.url, "published": e.published.isoformat() if e.published else None,
             "title": e.title}
            for e in entries
        ]  # fmt: skip

    def cached_entries(self, document_url: str) -> list[Entry]:
        return [
            Entry(e["url"], date.fromisoformat(e["published"]) if e["published"] else None,
                  e.get("title"))
            for e in self.cached.get(document_url, [])
        ]  # fmt: skip

    def save(self) -> None:
        """Write the whole file atomically: a crash mid-write leaves the previous state."""
        self.store.write_text(self.key, json.dumps({"seen": self.seen, "cached": self.cached}))
