"""Arrow schemas of the raw zone's landing tables.

Layout: ``<raw>/<table>/dt=YYYY-MM-DD/part-<batch>.parquet``. dbt reads these as
sources (``dbt_project/models/staging/_sources.yml``); change both together.
"""

from __future__ import annotations

import pyarrow as pa

_ACTOR = [
    ("name", pa.string()),
    ("actor_id", pa.string()),
    ("actor_type", pa.string()),
    ("country_code", pa.string()),
    ("backer_country_code", pa.string()),
    ("resolved", pa.bool_()),
]
_PLACE = [
    ("name", pa.string()),
    ("geonames_id", pa.int64()),
    ("latitude", pa.float64()),
    ("longitude", pa.float64()),
    ("admin1", pa.string()),
    ("country_code", pa.string()),
    ("geo_precision", pa.int32()),
]


def _prefixed(prefix: str, fields: list[tuple[str, pa.DataType]]) -> list[tuple[str, pa.DataType]]:
    return [(f"{prefix}_{name}", kind) for name, kind in fields]


FETCH_OUTCOMES = pa.schema(
    [
        ("url", pa.string()),
        ("final_url", pa.string()),
        ("source_id", pa.string()),
        ("source_kind", pa.string()),
        ("discovered_at", pa.timestamp("us", tz="UTC")),
        ("fetched_at", pa.timestamp("us", tz="UTC")),
        ("outcome", pa.string()),  # stored|unchanged|duplicate|not_article|refused|failed
        ("reason", pa.string()),
        ("http_status", pa.int32()),
        ("attempts", pa.int32()),
        ("content_type", pa.string()),
        ("bytes", pa.int64()),
        ("article_id", pa.string()),
        ("duplicate_of", pa.string()),
        ("raw_path", pa.string()),
    ]
)

ARTICLES = pa.schema(
    [
        ("article_id", pa.string()),
        ("url", pa.string()),
        ("canonical_url", pa.string()),
        ("source_id", pa.string()),
        ("domain", pa.string()),
        ("title", pa.string()),
        ("author", pa.string()),
        ("site_name", pa.string()),
        ("published", pa.date32()),
        ("language", pa.string()),
        ("status", pa.string()),  # coded|not_coded_language|no_text|...
        ("status_reason", pa.string()),
        ("text", pa.string()),
        ("word_count", pa.int32()),
        ("content_hash", pa.string()),
        ("cluster_id", pa.string()),  # near-duplicate cluster (syndicated copies share it)
        ("fetched_at", pa.timestamp("us", tz="UTC")),
        ("extractor_version", pa.string()),
        # which evidence gave `published` (given|url|json-ld|meta|time|page|text) and every
        # author named (`author` joins them with "; "); null in parts written before they were kept
        ("published_source", pa.string()),
        ("authors", pa.list_(pa.string())),
        # the text's MinHash signature (sitrep.article.minhash; empty: too short to shingle,
        # null: a part written before signatures were kept, its text is shingled at landing)
        ("minhash", pa.binary()),
    ]
)

COMMENTS = pa.schema(
    [
        ("comment_id", pa.string()),
        ("article_id", pa.string()),
        ("position", pa.int32()),
        ("text", pa.string()),
    ]
)

MENTIONS = pa.schema(
    [
        ("mention_id", pa.string()),
        ("article_id", pa.string()),
        ("kind", pa.string()),
        ("text", pa.string()),
        ("name", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("sentence_index", pa.int32()),
        ("sentence_start", pa.int32()),
        ("sentence_end", pa.int32()),
        # the text of the mention's sentence (null: a part written before it was kept; dbt then
        # slices it from the article's text)
        ("sentence", pa.string()),
        ("actor_id", pa.string()),
        ("actor_type", pa.string()),
        ("geonames_id", pa.int64()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("admin1", pa.string()),
        ("country_code", pa.string()),
        ("geo_precision", pa.int32()),
        ("resolved", pa.bool_()),
    ]
)

EVENTS = pa.schema(
    [
        ("event_mention_id", pa.string()),
        ("article_id", pa.string()),
        ("event_index", pa.int32()),
        ("event_type", pa.string()),
        ("event_mode", pa.string()),
        ("acled_event_type", pa.string()),
        ("acled_sub_event_type", pa.string()),
        ("cameo_root", pa.string()),
        *_prefixed("actor1", _ACTOR),
        *_prefixed("actor2", _ACTOR),
        *_prefixed("location", _PLACE),
        *_prefixed("origin", _PLACE),
        *_prefixed("destination", _PLACE),
        ("date_start", pa.date32()),
        ("date_end", pa.date32()),
        ("date_precision", pa.string()),
        ("fatalities_low", pa.int32()),
        ("fatalities_best", pa.int32()),
        ("fatalities_high", pa.int32()),
        ("fatalities_note", pa.string()),
        ("source_original", pa.string()),
        ("sentence", pa.string()),
        ("sentence_index", pa.int32()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("modality", pa.string()),
        ("confidence", pa.float64()),
        ("trigger", pa.string()),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "fetch_outcomes": FETCH_OUTCOMES,
    "articles": ARTICLES,
    "comments": COMMENTS,
    "mentions": MENTIONS,
    "events": EVENTS,
}
