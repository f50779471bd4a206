"""Realistic generated raw-zone days, for warehouse tests and the benchmark.

Hand-written because no library generates event data: a pool of real-world events, each
reported by several articles from several outlets over the following days, with the
disagreements real reports have (fatality counts, actor missing, coarser dates, hedging).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sitrep.lake import writer
from sitrep.lake.schema import TABLES
from sitrep.lake.zone import RawZone

ACTORS = [
    ("isis", "Islamic State", "terrorist_group", None, None),
    ("liwa_fatemiyoun", "Liwa Fatemiyoun", "militia", "AFG", "IRN"),
    ("syr_state_forces", "Syrian Arab Army", "state_forces", "SYR", None),
    ("sdf", "Syrian Democratic Forces", "rebel_group", "SYR", "USA"),
    ("gen_military_tur", "Turkish forces", "state_forces", "TUR", None),
    ("gen_civilians_syr", "civilians", "civilians", "SYR", None),
    (None, "unknown gunmen", None, None, None),
    (None, "local tribal fighters", None, "SYR", None),
]
PLACES = [
    (170794, "Al Mayadin", 35.01982, 40.45154, "Dayr az Zawr", "SYR", 1),
    (171451, "Abu Kamal", 34.45226, 40.91854, "Dayr az Zawr", "SYR", 1),
    (170792, "Deir ez-Zor", 35.33588, 40.14084, "Dayr az Zawr", "SYR", 1),
    (173580, "Raqqa", 35.95283, 39.00788, "Ar Raqqah", "SYR", 1),
    (163345, "Idlib", 35.93062, 36.63393, "Idlib", "SYR", 1),
    (None, "Dayr az Zawr", 35.0, 40.5, "Dayr az Zawr", "SYR", 4),
    (None, "Syria", None, None, None, "SYR", 6),
]
TYPES = [
    ("ASSAULT", "firearms", "Battles", "Armed clash", "19"),
    ("ASSAULT", "aerial", "Explosions/Remote violence", "Air/drone strike", "19"),
    ("ASSAULT", None, "Battles", "Armed clash", "19"),
    ("MOBILIZE", "troops", "Strategic developments", "Other", "15"),
    ("PROTEST", "demo", "Protests", "Peaceful protest", "14"),
]
DOMAINS = ["southfront.press", "syriahr.com", "reuters.com", "aawsat.com", "enabbaladi.net"]


def _hash(*parts: object) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:16]


def _write(raw: RawZone, table: str, day: date, rows: list[dict[str, Any]]) -> None:
    writer.write_part(raw, table, day, "0", rows)


def generate_days(
    raw_dir: RawZone | Path | str,
    days: Iterable[date],
    *,
    events_per_day: int = 20,
    reports_per_event: int = 3,
    seed: int = 7,
    truth: dict[str, str] | None = None,
    extra_places: int = 0,
) -> dict[str, int]:
    """Write every table's partition for each day; returns row counts per table.

    ``raw_dir`` is the raw zone: a folder, an ``s3://`` URL or a :class:`RawZone`.

    ``extra_places`` adds generated towns (for benchmarks: a world big enough that unrelated
    events rarely share a place). ``truth``, when given, is filled with event_mention_id ->
    the real event it reports, so that event resolution can be scored against it.

    Each real event happens on some day and is reported by ``reports_per_event`` articles
    (on average) landing that day and the next two; each article carries one to three event
    mentions and the matching actor/location mentions.
    """
    raw = RawZone.of(raw_dir)
    rng = random.Random(seed)
    days = sorted(days)
    places = PLACES[:5] + [
        (
            10_000_000 + n,
            f"Town {n}",
            round(rng.uniform(32.0, 37.0), 4),
            round(rng.uniform(36.0, 42.0), 4),
            f"Province {n % 14}",
            "SYR",
            1,
        )
        for n in range(extra_places)
    ]
    pending: dict[date, list[dict[str, Any]]] = {d: [] for d in days}
    counts = dict.fromkeys(TABLES, 0)
    found: dict[str, str] = truth if truth is not None else {}
    for day_number, day in enumerate(days):
        for n in range(events_per_day):
            truth = {
                "key": f"{day.isoformat()}-{n}",
                "type": rng.choice(TYPES),
                "actor1": rng.choice(ACTORS[:6]),
                "actor2": rng.choice(ACTORS),
                "place": rng.choice(places),
                "date": day,
                "deaths": rng.choice([None, 0, 2, 5, 7, 12]),
            }
            for _ in range(max(1, int(rng.gauss(reports_per_event, 1)))):
                lag = rng.choice([0, 0, 1, 2])
                if day_number + lag < len(days):
                    pending[days[day_number + lag]].append(truth)
        tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        reports = pending[day]
        per_article = 2
        for index in range(0, len(reports), per_article):
            _article(rng, day, index, reports[index : index + per_article], tables, found)
        for table, rows in tables.items():
            _write(raw, table, day, rows)
            counts[table] += len(rows)
    return counts


def _article(
    rng: random.Random,
    day: date,
    index: int,
    truths: list[dict[str, Any]],
    tables: dict[str, list[dict[str, Any]]],
    found: dict[str, str],
) -> None:
    domain = rng.choice(DOMAINS)
    url = f"https://{domain}/{day.isoformat()}/story-{index}"
    article_id = _hash(url)
    fetched = datetime(day.year, day.month, day.day, 6, tzinfo=UTC) + timedelta(minutes=index)
    sentences: list[str] = []
    for number, truth in enumerate(truths):
        sentences.append(_event_rows(rng, article_id, number, truth, sentences, tables, found))
    text = " ".join(sentences)
    tables["articles"].append(
        {
            "article_id": article_id,
            "url": url,
            "canonical_url": url,
            "source_id": domain.split(".")[0],
            "domain": domain,
            "title": sentences[0][:60] if sentences else None,
            "published": day,
            "language": "en",
            "status": "coded",
            "text": text,
            "word_count": len(text.split()),
            "content_hash": _hash(text),
            "cluster_id": article_id,
            "fetched_at": fetched,
            "extractor_version": "synthetic",
            "published_source": "given",
            "authors": ["Staff reporter"],
        }
    )
    tables["fetch_outcomes"].append(
        {
            "url": url,
            "final_url": url,
            "source_id": domain.split(".")[0],
            "source_kind": "feed",
            "discovered_at": fetched,
            "fetched_at": fetched,
            "outcome": "stored",
            "http_status": 200,
            "attempts": 1,
            "bytes": len(text) * 3,
            "article_id": article_id,
        }
    )
    tables["comments"].append(
        {
            "comment_id": _hash(article_id, "comment", 0),
            "article_id": article_id,
            "position": 0,
            "text": "Reader comment.",
        }
    )


def _event_rows(
    rng: random.Random,
    article_id: str,
    number: int,
    truth: dict[str, Any],
    sentences: list[str],
    tables: dict[str, list[dict[str, Any]]],
    found: dict[str, str],
) -> str:
    event_type, mode, acled, acled_sub, cameo = truth["type"]
    a1 = truth["actor1"] if rng.random() > 0.15 else ACTORS[6]
    a2 = truth["actor2"]
    place = truth["place"]
    deaths = truth["deaths"]
    if deaths is not None and rng.random() < 0.3:
        deaths = max(0, deaths + rng.choice([-1, 1, 2]))  # outlets disagree; never below 0
    sentence = f"{a1[1]} attacked {a2[1]} in {place[1]}, killing {deaths or 'no'} people."
    offset = sum(len(s) + 1 for s in sentences)
    modality = "asserted" if rng.random() > 0.1 else "hedged"
    event_mention_id = _hash(article_id, "event", offset, offset + len(sentence), event_type)
    found[event_mention_id] = truth["key"]
    tables["events"].append(
        {
            "event_mention_id": event_mention_id,
            "article_id": article_id,
            "event_index": number,
            "event_type": event_type,
            "event_mode": mode,
            "acled_event_type": acled,
            "acled_sub_event_type": acled_sub,
            "cameo_root": cameo,
            **_actor_cols("actor1", a1),
            **_actor_cols("actor2", a2),
            "location_name": place[1],
            "location_geonames_id": place[0],
            "location_latitude": place[2],
            "location_longitude": place[3],
            "location_admin1": place[4],
            "location_country_code": place[5],
            "location_geo_precision": place[6],
            "date_start": truth["date"],
            "date_end": truth["date"],
            "date_precision": "day",
            "fatalities_low": deaths,
            "fatalities_best": deaths,
            "fatalities_high": deaths,
            "source_original": rng.choice([None, "SOHR", "local sources"]),
            "sentence": sentence,
            "sentence_index": number,
            "start": offset,
            "end": offset + len(sentence),
            "modality": modality,
            "confidence": round(rng.uniform(0.5, 0.95), 2),
            "trigger": "attacked",
        }
    )
    for kind, text, start, extra in (
        ("actor", a1[1], offset, {"actor_id": a1[0], "actor_type": a1[2]}),
        ("location", place[1], offset + sentence.index(place[1]), {"geonames_id": place[0]}),
    ):
        tables["mentions"].append(
            {
                "mention_id": _hash(article_id, kind, start, start + len(text)),
                "article_id": article_id,
                "kind": kind,
                "text": text,
                "name": text,
                "start": start,
                "end": start + len(text),
                "sentence_index": number,
                "sentence_start": offset,
                "sentence_end": offset + len(sentence),
                "sentence": sentence,
                "latitude": place[2] if kind == "location" else None,
                "longitude": place[3] if kind == "location" else None,
                "admin1": place[4] if kind == "location" else None,
                "country_code": place[5] if kind == "location" else a1[3],
                "geo_precision": place[6] if kind == "location" else None,
                "resolved": (extra.get("actor_id") or extra.get("geonames_id")) is not None,
                **extra,
            }
        )
    return sentence


def _actor_cols(prefix: str, actor: tuple[Any, ...]) -> dict[str, Any]:
    actor_id, name, actor_type, country, backer = actor
    return {
        f"{prefix}_name": name,
        f"{prefix}_actor_id": actor_id,
        f"{prefix}_actor_type": actor_type,
        f"{prefix}_country_code": country,
        f"{prefix}_backer_country_code": backer,
        f"{prefix}_resolved": actor_id is not None,
    }
