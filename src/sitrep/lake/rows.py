"""Flatten ``sitrep extract`` documents into raw-zone rows.

Column lists come from the Arrow schemas (``sitrep.lake.schema``): a field added to the
contract and the schema lands without touching this module.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sitrep.contract import Document
from sitrep.lake.schema import EVENTS, MENTIONS


def short_hash(*parts: object) -> str:
    """First 16 hex chars of sha256 over the parts: a stable, compact identifier."""
    joined = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _flat(obj: object, columns: list[str], prefix: str = "") -> dict[str, Any]:
    """The object's attributes named by ``columns`` (``prefix_name``); None where absent."""
    return {
        col: getattr(obj, col.removeprefix(prefix), None) if obj is not None else None
        for col in columns
        if col.startswith(prefix)
    }


def _sentence(text: str, start: int | None, end: int | None) -> str | None:
    return text[start:end] if start is not None and end is not None and end > start else None


def mention_rows(article_id: str, doc: Document) -> list[dict[str, Any]]:
    """One row per mention, carrying its sentence's text: the warehouse then never joins a
    mention to its article's whole text (at a big day, gigabytes held in a hash join)."""
    return [
        {
            **_flat(m, MENTIONS.names),
            "mention_id": short_hash(article_id, m.kind, m.start, m.end),
            "article_id": article_id,
            "sentence": _sentence(doc.text, m.sentence_start, m.sentence_end),
        }
        for m in doc.mentions
    ]


def event_rows(article_id: str, doc: Document) -> list[dict[str, Any]]:
    nested = ("actor1_", "actor2_", "location_", "origin_", "destination_")
    top = [c for c in EVENTS.names if not c.startswith(nested)]
    rows = []
    for index, ev in enumerate(doc.events):
        row = _flat(ev, top)
        for prefix in nested:
            row.update(_flat(getattr(ev, prefix[:-1]), EVENTS.names, prefix))
        row.update(
            event_mention_id=short_hash(article_id, "event", ev.start, ev.end, ev.event_type),
            article_id=article_id,
            event_index=index,
            date_start=_iso_date(ev.date_start),
            date_end=_iso_date(ev.date_end),
        )
        rows.append(row)
    return rows


def comment_rows(article_id: str, doc: Document) -> list[dict[str, Any]]:
    return [
        {
            "comment_id": short_hash(article_id, "comment", i),
            "article_id": article_id,
            "position": i,
            "text": text,
        }
        for i, text in enumerate(doc.comments)
    ]
