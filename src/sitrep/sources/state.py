"""Per-source discovery state: which URLs a source has already given us, and on which day.

A URL is new on the day it is first seen; re-running that day sees it again (same rows), later
days do not. Feeds answering 304 reuse the entries remembered from their last 200.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.sources.listings import Entry


class SourceState:
    """One source's state file ``<state_dir>/sources/<id>.json``."""

    def __init__(self, state_dir: Path, source_id: str) -> None:
        self.path = state_dir / "sources" / f"{source_id}.json"
        data: dict[str, Any] = {}
        if self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
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
        """Write atomically: a crash mid-write leaves the previous state."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex}")
        tmp.write_text(json.dumps({"seen": self.seen, "cached": self.cached}), encoding="utf-8")
        os.replace(tmp, self.path)
