"""Flatten ``sitrep extract`` documents into raw-zone rows.

Column lists come from the Arrow schemas (``sitrep.lake.schema``): a field added to the
contract and the schema lands without touching this module.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from sitrep.contract import Document
from sitrep.lake.schema import EVENTS, MENTIONS

EXTRACTOR_VERSION = "sitrep-0.1"


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


def coded_rows(
    outcomes: dict[int, dict[str, Any]], coded: dict[int, Any], day: date
) -> tuple[list[dict[str, Any]], list[Any], list[Any], list[Any]]:
    """Article, comment, mention and event rows of the coded pages, in batch order: the first
    page of a text is stored, later ones are its duplicates (whatever order they arrived in)."""
    from sitrep.article import canonicalize_url

    article_rows: list[dict[str, Any]] = []
    comments: list[Any] = []
    mentions: list[Any] = []
    events: list[Any] = []
    hashes: dict[str, str] = {}
    for n in sorted(coded):
        article, doc = coded[n]
        row = outcomes[n]
        canonical = canonicalize_url(article.canonical_url or row["final_url"] or row["url"])
        article_id = short_hash(canonical)
        row["article_id"] = article_id
        if doc.status == "not_article":
            row["outcome"], row["reason"] = "not_article", doc.status_reason
            continue
        if article.content_hash in hashes:
            row["outcome"], row["duplicate_of"] = "duplicate", hashes[article.content_hash]
            row["reason"] = "same text as an article already stored"
            continue
        hashes[article.content_hash] = article_id
        row["outcome"] = "stored"
        if doc.status != "coded":
            row["reason"] = doc.status_reason
        article_rows.append(article_row(article_id, canonical, row, article, doc, day))
        comments += comment_rows(article_id, doc)
        mentions += mention_rows(article_id, doc)
        events += event_rows(article_id, doc)
    return article_rows, comments, mentions, events


def outcome_row(rec: dict[str, Any], result: Any) -> dict[str, Any]:
    return {
        "url": rec["url"],
        "final_url": result.final_url,
        "source_id": rec["source_id"],
        "source_kind": rec.get("source_kind"),
        "discovered_at": _timestamp(rec.get("discovered_at")),
        "fetched_at": result.fetched_at,
        "outcome": result.outcome,
        "reason": result.reason,
        "http_status": result.http_status,
        "attempts": result.attempts,
        "content_type": result.content_type,
        "bytes": len(result.body) if result.body is not None else None,
        "article_id": None,
        "duplicate_of": None,
        "raw_path": None,
    }


def article_row(
    article_id: str, canonical: str, row: dict[str, Any], article: Any, doc: Any, day: date
) -> dict[str, Any]:
    from sitrep.article import minhash

    published = _parse_date(doc.published) or day
    return {
        "article_id": article_id,
        "url": row["final_url"] or row["url"],
        "canonical_url": canonical,
        "source_id": row["source_id"],
        "domain": (urlsplit(canonical).hostname or "").removeprefix("www.") or None,
        "title": doc.title,
        "author": doc.author,
        "site_name": doc.site_name,
        "published": published,
        "language": doc.language,
        "status": doc.status,
        "status_reason": doc.status_reason,
        "text": doc.text,
        "word_count": len(doc.text.split()),
        "content_hash": article.content_hash,
        "cluster_id": article_id,
        "fetched_at": row["fetched_at"],
        "extractor_version": EXTRACTOR_VERSION,
        "published_source": doc.published_source,
        "authors": list(doc.authors),
        "minhash": minhash(doc.text),
    }


def _timestamp(value: str | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
