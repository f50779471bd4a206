"""Landing a day: the extract batches' part files made into the day's raw partitions.

Duplicates across batches are dropped (an article two batches stored is kept once, a second
URL with the same text becomes a duplicate outcome) and every kept article gets its
near-duplicate cluster. Works part file by part file, rewriting each in place, so a day of any
size lands in bounded memory; landing a landed day changes nothing.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import date
from typing import Any

import pyarrow as pa

from sitrep.lake import writer
from sitrep.lake.schema import TABLES
from sitrep.lake.zone import RawZone

log = logging.getLogger("sitrep.lake.landing")


def land_day(raw: RawZone, day: date) -> dict[str, Any]:
    """Finish the day's raw partitions: duplicates across batches, near-duplicate clusters.

    Works part file by part file, rewriting each in place: only key columns, one MinHash
    signature per article and one part's rows are in memory at once, so a day of any size lands
    in bounded memory. Landing a landed day changes nothing.
    """
    raw.check()
    writer.ensure_day(raw, day)
    keep, dropped = _kept_articles(raw, day)
    clusters = _near_duplicate_clusters(raw, day, keep)
    _land_articles(raw, day, keep, clusters)
    final_outcomes = _land_outcomes(raw, day, keep, dropped)
    for table, key in (
        ("comments", "comment_id"),
        ("mentions", "mention_id"),
        ("events", "event_mention_id"),
    ):
        _land_children(raw, day, table, key, keep)

    counts = Counter(r["outcome"] for r in final_outcomes)
    summary = {
        "day": day.isoformat(),
        "discovered": len(final_outcomes),
        "outcomes": dict(sorted(counts.items())),
        "articles": len(keep),
        "clusters": len(set(clusters.values())) if clusters else len(keep),
    }
    log.info(
        "run summary %s: %d URLs -> %s",
        day,
        len(final_outcomes),
        ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing",
    )
    return summary


Position = tuple[str, int]  # (part file key, row number): where a kept row is


def _kept_articles(raw: RawZone, day: date) -> tuple[dict[str, Position], dict[str, str]]:
    """Which row stays for each article id, and what was dropped in favour of what.

    An id stored by two batches is kept once; a second id with the same text is dropped in
    favour of the first in canonical-URL order. Reads only the three key columns.
    """
    rows = []
    columns = ["article_id", "canonical_url", "content_hash"]
    for key, part in writer.iter_parts(raw, "articles", day, columns):
        ids, urls, hashes = (part[c].to_pylist() for c in columns)
        found = zip(ids, urls, hashes, strict=True)
        rows += [(u or "", a, h, key, n) for n, (a, u, h) in enumerate(found)]
    keep: dict[str, Position] = {}
    first_by_hash: dict[str, str] = {}
    dropped: dict[str, str] = {}
    for _, aid, content_hash, key, n in sorted(rows, key=lambda r: (r[0], r[1])):
        if aid in keep:
            dropped[aid] = aid
            continue
        original = first_by_hash.get(content_hash)
        if original and original != aid:
            dropped[aid] = original
            continue
        first_by_hash[content_hash] = aid
        keep[aid] = (key, n)
    return keep, dropped


def _near_duplicate_clusters(raw: RawZone, day: date, keep: dict[str, Position]) -> dict[str, str]:
    """Near-duplicate cluster of every kept article, from the signatures the extract batches
    stored, one part at a time (a part without them has its texts shingled here)."""
    from sitrep.article import NearDuplicates

    found = NearDuplicates()
    for key, part in writer.iter_parts(raw, "articles", day, ["article_id", "minhash"]):
        texts: list[str | None] | None = None
        signatures = part["minhash"].to_pylist()
        for n, aid in enumerate(part["article_id"].to_pylist()):
            if keep.get(aid) != (key, n):
                continue
            if signatures[n] is not None:
                found.add(aid, signature=signatures[n])
                continue
            if texts is None:
                texts = writer.read_part(raw, "articles", key, ["text"])["text"].to_pylist()
            found.add(aid, texts[n] or "")
    return found.clusters()


def _land_articles(
    raw: RawZone, day: date, keep: dict[str, Position], clusters: dict[str, str]
) -> None:
    """Rewrite each articles part with its kept rows, each with its cluster id."""
    rows_by_part: dict[str, list[int]] = {}
    for key, n in keep.values():
        rows_by_part.setdefault(key, []).append(n)
    for key, part in writer.iter_parts(raw, "articles", day):
        landed = part.take(pa.array(sorted(rows_by_part.get(key, [])), pa.int64()))
        ids = landed["article_id"].to_pylist()
        cluster_ids = pa.array([clusters.get(a, a) for a in ids], pa.string())
        column = landed.schema.get_field_index("cluster_id")
        writer.rewrite_part(
            raw, "articles", key, landed.set_column(column, "cluster_id", cluster_ids)
        )


def _land_outcomes(
    raw: RawZone, day: date, keep: dict[str, Position], dropped: dict[str, str]
) -> list[dict[str, Any]]:
    """The day's fetch outcomes, copies found across batches marked as duplicates (one file)."""
    seen: set[str] = set()
    final = []
    for row in writer.read_day(raw, "fetch_outcomes", day).to_pylist():
        aid = row["article_id"]
        if row["outcome"] == "stored" and aid in dropped and aid not in keep:
            row["outcome"], row["duplicate_of"] = "duplicate", dropped[aid]
            row["reason"] = "same text as an article already stored"
        elif row["outcome"] == "stored" and aid in seen:
            row["outcome"], row["duplicate_of"] = "duplicate", aid
            row["reason"] = "same canonical URL as an article already stored"
        if row["outcome"] == "stored":
            seen.add(aid)
        final.append(row)
    table = pa.Table.from_pylist(final, TABLES["fetch_outcomes"])
    writer.replace_day(raw, "fetch_outcomes", day, table)
    return final


def _land_children(
    raw: RawZone, day: date, table: str, key: str, keep: dict[str, Position]
) -> None:
    """Keep each kept article's rows from the batch its article row was kept from.

    A child row's key is derived from its article id, so an article two batches stored has the
    same keys in both: taking its rows from one batch de-duplicates without a day-wide index,
    and article and rows always come from the same fetch. One part in memory at a time.
    """
    import pyarrow.compute as pc

    kept_from: dict[str, list[str]] = {}  # part file name -> ids of the articles kept from it
    for aid, (part_key, _) in keep.items():
        kept_from.setdefault(part_key.rsplit("/", 1)[-1], []).append(aid)
    for part_key, part in writer.iter_parts(raw, table, day):
        ids = pa.array(kept_from.get(part_key.rsplit("/", 1)[-1], []), pa.string())
        rows = part.filter(pc.is_in(part["article_id"], value_set=ids))
        writer.rewrite_part(raw, table, part_key, _one_row_per_key(rows, key))


def _one_row_per_key(rows: pa.Table, key: str) -> pa.Table:
    """The last row of each ``key`` (a batch that stored one article twice), in Arrow."""
    import numpy as np
    import pyarrow.compute as pc

    if rows.num_rows == len(pc.unique(rows[key])):
        return rows
    index = pa.table({"key": rows[key], "i": pa.array(np.arange(rows.num_rows))})
    last = index.group_by("key", use_threads=False).aggregate([("i", "max")])["i_max"]
    return rows.take(np.sort(last.to_numpy()))
