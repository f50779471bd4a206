"""Flatten ``sitrep extract`` documents into raw-zone rows."""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from datetime import date
from typing import Any

from sitrep.contract import Actor, Document, Location


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


def _actor_cols(prefix: str, actor: Actor | None) -> dict[str, Any]:
    fields = ("name", "actor_id", "actor_type", "country_code", "backer_country_code", "resolved")
    data = asdict(actor) if actor else {}
    return {f"{prefix}_{name}": data.get(name) for name in fields}


def _place_cols(prefix: str, place: Location | None) -> dict[str, Any]:
    fields = (
        "name",
        "geonames_id",
        "latitude",
        "longitude",
        "admin1",
        "country_code",
        "geo_precision",
    )
    data = asdict(place) if place else {}
    return {f"{prefix}_{name}": data.get(name) for name in fields}


def mention_rows(article_id: str, doc: Document) -> list[dict[str, Any]]:
    rows = []
    for m in doc.mentions:
        rows.append(
            {
                "mention_id": short_hash(article_id, m.kind, m.start, m.end),
                "article_id": article_id,
                "kind": m.kind,
                "text": m.text,
                "name": m.name,
                "start": m.start,
                "end": m.end,
                "sentence_index": m.sentence_index,
                "sentence_start": m.sentence_start,
                "sentence_end": m.sentence_end,
                "actor_id": m.actor_id,
                "actor_type": m.actor_type,
                "geonames_id": m.geonames_id,
                "latitude": m.latitude,
                "longitude": m.longitude,
                "admin1": m.admin1,
                "country_code": m.country_code,
                "geo_precision": m.geo_precision,
                "resolved": m.resolved,
            }
        )
    return rows


def event_rows(article_id: str, doc: Document) -> list[dict[str, Any]]:
    rows = []
    for index, ev in enumerate(doc.events):
        rows.append(
            {
                "event_mention_id": short_hash(
                    article_id, "event", ev.start, ev.end, ev.event_type
                ),
                "article_id": article_id,
                "event_index": index,
                "event_type": ev.event_type,
                "event_mode": ev.event_mode,
                "acled_event_type": ev.acled_event_type,
                "acled_sub_event_type": ev.acled_sub_event_type,
                "cameo_root": ev.cameo_root,
                **_actor_cols("actor1", ev.actor1),
                **_actor_cols("actor2", ev.actor2),
                **_place_cols("location", ev.location),
                **_place_cols("origin", ev.origin),
                "date_start": _iso_date(ev.date_start),
                "date_end": _iso_date(ev.date_end),
                "date_precision": ev.date_precision,
                "fatalities_low": ev.fatalities_low,
                "fatalities_best": ev.fatalities_best,
                "fatalities_high": ev.fatalities_high,
                "source_original": ev.source_original,
                "sentence": ev.sentence,
                "sentence_index": ev.sentence_index,
                "start": ev.start,
                "end": ev.end,
                "modality": ev.modality,
                "confidence": ev.confidence,
            }
        )
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
