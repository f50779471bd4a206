"""The daily run, step by step. The DAG calls these; so do the CLI and the tests.

Each step reads what the previous one wrote (files in the raw zone, a build database),
so steps can run in separate processes, on separate workers, and be retried alone.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from sitrep.config import Settings
from sitrep.lake import writer
from sitrep.lake.rows import comment_rows, event_rows, mention_rows, short_hash
from sitrep.lake.zone import RawZone

log = logging.getLogger("sitrep.pipeline")

EXTRACTOR_VERSION = "sitrep-0.1"


def _work_key(day: date) -> str:
    """The day's run state in the raw zone (discovered URLs, batch files), shared by workers."""
    return f"_work/dt={day.isoformat()}"


def _read_batch(settings: Settings, batch_path: str) -> list[dict[str, Any]]:
    """A batch file written by :func:`_write_batches` (a local path or an object URL)."""
    zone = settings.raw_zone
    return json.loads(zone.read_text(zone.key(batch_path)))


def _now() -> datetime:
    return datetime.now(UTC)


def _fetcher(settings: Settings) -> Any:
    """A Fetcher on the deployment's fetch state (SQLite in the state folder, or Redis)."""
    from sitrep.fetch import Fetcher

    return Fetcher(
        user_agent=settings.user_agent,
        state_dir=settings.state_dir,
        redis_url=settings.redis_url,
        total_timeout=settings.fetch_budget_s,
        proxies=settings.proxies,
        ca_bundle=settings.ca_bundle,
    )


# --------------------------------------------------------------------------- discover


def plan_day(settings: Settings, day: date, *, backfill: bool = False) -> list[str]:
    """Discover the day's URLs and split them into batch files; returns the batch file paths.

    Clears the day's raw partitions first: a re-run replaces the day, it never adds to it.
    """
    from sitrep.sources import discover

    sources = _load_sources(settings)
    zone = settings.raw_zone
    zone.check()  # an unreachable raw zone fails here, before any fetching
    state = settings.state_zone
    state.check()  # so does an unreachable shared state
    fetcher = _fetcher(settings)
    found, failures = discover(
        sources, day=day, state_dir=state, fetcher=fetcher, backfill=backfill
    )
    writer.clear_day(zone, day)
    writer.write_part(zone, "fetch_outcomes", day, "discovery", map(_row, failures))
    # A re-run of the day must see what the first run saw, even though discovery state now
    # says those URLs are old: the day's discovered list is kept and merged.
    memory = f"{_work_key(day)}/discovered.json"
    previous = json.loads(zone.read_text(memory)) if zone.exists(memory) else []
    unique: dict[str, dict[str, Any]] = {rec["url"]: rec for rec in previous}
    for item in found:
        unique.setdefault(item.url, _jsonable(asdict(item)))
    zone.write_text(memory, json.dumps(list(unique.values()), indent=1))
    # each URL carries its source's fetch policy: an extract task never reads the sources file
    policies = {s.id: s.fetch_policy.to_json() for s in sources}
    records = [{**rec, "policy": policies.get(rec["source_id"])} for rec in unique.values()]
    paths = _write_batches(settings, day, records)
    log.info(
        "discovered %d URLs (%d discovery failures) from %d sources for %s in %d batches",
        len(unique),
        len(failures),
        len(sources),
        day,
        len(paths),
    )
    return paths


def _load_sources(settings: Settings) -> list[Any]:
    """The deployment's sources; a bad file is logged as its problems alone (one line each,
    no traceback needed to find them) and raised as :class:`SourcesFileError`."""
    from sitrep.sources import SourcesFileError, load_sources

    try:
        return load_sources(settings.sources_file)
    except SourcesFileError as exc:
        log.error("unusable sources file %s:\n%s", settings.sources_file, exc)
        raise


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date | datetime) else v for k, v in data.items()}


def _row(outcome: Any) -> dict[str, Any]:
    return asdict(outcome) if hasattr(outcome, "__dataclass_fields__") else dict(outcome)


# --------------------------------------------------------------------------- fetch + extract


@dataclass
class BatchSummary:
    batch: str
    outcomes: dict[str, int]
    articles: int
    events: int
    mentions: int


def process_batch(settings: Settings, day: date, batch_path: str) -> dict[str, Any]:
    """Fetch, archive, clean and code one batch of URLs; write its raw-zone part files.

    Streams: pages are coded as they arrive (hosts fetched side by side, a slow URL holds back
    nothing but itself), and only a bounded number of page bodies is held at once, whatever
    the batch size. What is written does not depend on arrival order: rows are put back in the
    batch's order before duplicates are told apart.
    """
    from collections import deque

    from sitrep.extract import ArticleInput, extract_documents
    from sitrep.fetch import archive_page

    records = _read_batch(settings, batch_path)
    part = Path(batch_path).stem
    fetcher = _fetcher(settings)

    outcomes: dict[int, dict[str, Any]] = {}
    coding: deque[int] = deque()  # batch positions of the pages handed to extraction

    def pages() -> Iterator[ArticleInput]:
        for n, rec, result in _fetched(settings, day, records, fetcher):
            row = _outcome_row(rec, result)
            outcomes[n] = row
            if result.outcome == "fetched" and result.body is not None:
                row["raw_path"] = rec.get("archive") or archive_page(settings.raw_zone, day, result)
                coding.append(n)
                yield ArticleInput(
                    content=result.body,
                    url=result.final_url or result.url,
                    published=rec.get("published"),
                    content_type=result.content_type,
                    encoding=result.encoding,
                )

    extractor = _LoadingExtractor()  # the models load while the first pages are fetched
    coded = {coding.popleft(): found for found in extract_documents(pages(), extractor)}
    fetcher.close()
    article_rows, comments, mentions, events = _store_coded(outcomes, coded, day)
    ordered = [outcomes[n] for n in sorted(outcomes)]

    raw = settings.raw_zone
    writer.write_part(raw, "fetch_outcomes", day, part, ordered)
    writer.write_part(raw, "articles", day, part, article_rows)
    writer.write_part(raw, "comments", day, part, comments)
    writer.write_part(raw, "mentions", day, part, mentions)
    writer.write_part(raw, "events", day, part, events)
    summary = BatchSummary(
        batch=part,
        outcomes=dict(Counter(r["outcome"] for r in ordered)),
        articles=len(article_rows),
        events=len(events),
        mentions=len(mentions),
    )
    log.info(
        "%s: %d URLs -> %s; %d articles, %d events, %d mentions",
        part,
        len(ordered),
        ", ".join(f"{k} {v}" for k, v in sorted(summary.outcomes.items())) or "nothing",
        summary.articles,
        summary.events,
        summary.mentions,
    )
    return asdict(summary)


class _LoadingExtractor:
    """The NLP extractor, loading on a thread from the moment it is made: a batch's fetching
    starts at once instead of after the models are read. Used where an ``Extractor`` is."""

    def __init__(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        from sitrep.nlp import Extractor

        pool = ThreadPoolExecutor(max_workers=1)
        self._loading = pool.submit(Extractor.load)
        pool.shutdown(wait=False)  # the load goes on; extract_many waits for it

    def extract_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._loading.result().extract_many(*args, **kwargs)


def _store_coded(
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
        article_rows.append(_article_row(article_id, canonical, row, article, doc, day))
        comments += comment_rows(article_id, doc)
        mentions += mention_rows(article_id, doc)
        events += event_rows(article_id, doc)
    return article_rows, comments, mentions, events


FETCH_THREADS = 4  # concurrent requests per task: the page bodies in flight at most


def _fetched(
    settings: Settings, day: date, records: list[dict[str, Any]], fetcher: Any
) -> Iterator[tuple[int, dict[str, Any], Any]]:
    """``(position, record, page)`` for every record, each page as soon as it is there: from
    the archive when re-processing, else fetched (hosts side by side, on threads) with the
    policy of its source the batch carries; a 304 of a page this very day archived (a re-run)
    reads the archive."""
    from sitrep.fetch import FetchPolicy

    for n, rec in enumerate(records):
        if rec.get("archive"):  # re-processing: the page comes from the archive, not the web
            yield n, rec, _from_archive(settings, rec["archive"])
    wanted = (
        (n, rec["url"], FetchPolicy.from_json(rec.get("policy")))
        for n, rec in enumerate(records)
        if not rec.get("archive")
    )
    for n, result in fetcher.fetch_as_completed(wanted, workers=FETCH_THREADS):
        if result.outcome == "unchanged":
            # 304: if this very day archived the page (a re-run), code it again from there
            result = _archived_today(settings, day, result)
        yield n, records[n], result


def _from_archive(settings: Settings, relative_path: str) -> Any:
    from sitrep.fetch import FetchResult
    from sitrep.fetch.archive import read_archived

    page = read_archived(settings.raw_zone, relative_path)
    return FetchResult(
        url=page.url,
        final_url=page.final_url,
        outcome="fetched",
        reason="re-processed from the raw archive",
        http_status=page.http_status,
        attempts=0,
        content_type=page.content_type,
        body=page.body,
        encoding=page.encoding,
        fetched_at=page.fetched_at,
    )


def _archived_today(settings: Settings, day: date, result: Any) -> Any:
    from sitrep.fetch.archive import archive_key

    key = archive_key(day, result.url)
    if not settings.raw_zone.exists(key):
        return result  # stored on an earlier day: nothing new to code
    return _from_archive(settings, key)


def plan_reprocess(settings: Settings, day: date) -> list[str]:
    """Batches of the day's archived pages, to re-extract without fetching anything.

    What the first run knew about each URL (source, publication date from the feed) comes
    from the day's discovery memory; outcomes that never produced a page are carried over.
    """
    from sitrep.fetch.archive import archived_keys, read_archived

    zone = settings.raw_zone
    zone.check()
    memory = f"{_work_key(day)}/discovered.json"
    discovered = (
        {r["url"]: r for r in json.loads(zone.read_text(memory))} if zone.exists(memory) else {}
    )
    previous = writer.read_day(zone, "fetch_outcomes", day).to_pylist()
    records = []
    for rel in archived_keys(zone, day):
        url = read_archived(zone, rel).url
        first = discovered.get(url) or {
            "url": url,
            "source_id": "reprocess",
            "source_kind": "archive",
            "discovered_at": _now().isoformat(),
            "published": None,
        }
        records.append({**first, "archive": rel})
    archived = {r["url"] for r in records}
    carried = [r for r in previous if r["url"] not in archived and r["outcome"] != "stored"]
    writer.clear_day(zone, day)
    writer.write_part(zone, "fetch_outcomes", day, "discovery", carried)
    paths = _write_batches(settings, day, records)
    log.info("re-processing %d archived pages for %s in %d batches", len(records), day, len(paths))
    return paths


def batch_sizes(total: int, cap: int, slots: int) -> list[int]:
    """Near-equal batch sizes of at most ``cap`` articles, as many batches as a multiple of the
    ``slots`` extract tasks run at once, so every slot works to the end of the day (a small day
    is still split across the slots). Fewer, larger batches spend less on task start-up."""
    if total <= 0:
        return []
    count = -(-total // max(1, cap))
    count = min(total, -(-count // slots) * slots)
    base, extra = divmod(total, count)
    return [base + 1] * extra + [base] * (count - extra)


def _write_batches(settings: Settings, day: date, records: list[dict[str, Any]]) -> list[str]:
    zone = settings.raw_zone
    work = _work_key(day)
    for old in zone.glob(f"{work}/batch-*.json"):
        zone.remove(old)
    paths, start = [], 0
    for n, size in enumerate(
        batch_sizes(len(records), settings.batch_size, settings.extract_slots)
    ):
        key = f"{work}/batch-{n:04d}.json"
        zone.write_text(key, json.dumps(records[start : start + size], indent=1))
        paths.append(zone.location(key))
        start += size
    return paths


def _outcome_row(rec: dict[str, Any], result: Any) -> dict[str, Any]:
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


def _article_row(
    article_id: str, canonical: str, row: dict[str, Any], article: Any, doc: Any, day: date
) -> dict[str, Any]:
    from urllib.parse import urlsplit

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


# --------------------------------------------------------------------------- land


def land_day(settings: Settings, day: date) -> dict[str, Any]:
    """Finish the day's raw partitions: duplicates across batches, near-duplicate clusters.

    Works part file by part file, rewriting each in place: only key columns, one MinHash
    signature per article and one part's rows are in memory at once, so a day of any size lands
    in bounded memory. Landing a landed day changes nothing.
    """
    raw = settings.raw_zone
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
    from sitrep.lake.schema import TABLES

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


# --------------------------------------------------------------------------- warehouse


class PipelineError(RuntimeError):
    """A step failed in a way that retrying will not fix (a failing build, a failed gate)."""


def build_warehouse(
    settings: Settings, day: date, run_id: str, *, full_refresh: bool = False
) -> str:
    """dbt build on a working copy of the published warehouse; returns the copy's path."""
    from sitrep.publish import holding, keep_failed, prepare_build
    from sitrep.warehouse import build

    path = prepare_build(settings.warehouse, settings.build_dir, run_id)
    with holding(path):
        fingerprint = models_fingerprint(settings.dbt_project_dir)
        built_with = _built_with(path)
        if not full_refresh and built_with not in (None, fingerprint):
            log.info("the dbt project changed since this warehouse was built: full refresh")
            full_refresh = True
        result = build(
            path,
            run_date=day,
            raw_url=settings.raw_url,
            project_dir=settings.dbt_project_dir,
            run_root=settings.build_dir,
            full_refresh=full_refresh,
            threads=settings.dbt_threads,
            memory_limit=settings.duckdb_memory_limit,
        )
        if result.success:
            _record_build(path, fingerprint)
    if not result.success:
        kept = keep_failed(path, settings.build_dir)
        raise PipelineError(
            f"dbt build failed for {day}: {'; '.join(result.failures) or 'see log'}"
            f" (log: {result.log_path}; build kept at {kept})"
        )
    log.info("dbt build for %s succeeded in %.1fs: %s", day, result.elapsed_s, path)
    return str(path)


def models_fingerprint(project_dir: Path) -> str:
    """A hash of everything that shapes the warehouse: models, macros, seeds, snapshots."""
    digest = hashlib.sha256()
    for folder in ("models", "macros", "seeds", "snapshots"):
        for path in sorted((project_dir / folder).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(project_dir)).encode())
                digest.update(path.read_bytes())
    digest.update((project_dir / "dbt_project.yml").read_bytes())
    return digest.hexdigest()[:16]


def _built_with(db_path: Path) -> str | None:
    """The models fingerprint a warehouse file was last built with (None: new or unknown)."""
    import duckdb

    if not db_path.exists():
        return None
    with duckdb.connect(str(db_path), read_only=True) as con:
        found = con.execute(
            "select 1 from information_schema.tables "
            "where table_schema = 'main' and table_name = 'sitrep_build_info'"
        ).fetchone()
        if not found:
            return "unknown"  # built before fingerprints were kept: rebuild once
        row = con.execute("select models_fingerprint from main.sitrep_build_info").fetchone()
    return row[0] if row else "unknown"


def _record_build(db_path: Path, fingerprint: str) -> None:
    import duckdb

    with duckdb.connect(str(db_path)) as con:
        con.execute(
            "create or replace table main.sitrep_build_info as "
            "select ? as models_fingerprint, current_timestamp as built_at",
            [fingerprint],
        )


def check_quality(settings: Settings, day: date, run_id: str, build_path: str) -> dict[str, Any]:
    """The Great Expectations gate: a critical failure keeps the build aside and stops the run."""
    from sitrep.publish import holding, keep_failed
    from sitrep.quality import QualityGateFailed, run_gate

    with holding(Path(build_path)):
        result = run_gate(
            Path(build_path),
            run_date=day,
            run_id=run_id,
            expectations_dir=settings.expectations_dir,
            raw_dir=settings.raw_zone,
            docs_dir=settings.reports_dir / "data_docs",
            chunk_rows=settings.gate_chunk_rows,
            memory_limit=settings.duckdb_memory_limit,
        )
    if not result.passed:
        kept = keep_failed(Path(build_path), settings.build_dir)
        # the summary names the file it checked, which is now where it was kept
        summary = result.summary.replace(str(build_path), str(kept))
        raise QualityGateFailed(f"{summary} (failing build kept at {kept})")
    return {
        "passed": result.passed,
        "warnings": list(result.warnings),
        "summary": result.summary,
        "docs_path": str(result.docs_path) if result.docs_path else None,
    }


def publish_build(settings: Settings, build_path: str) -> str:
    """Atomically replace the published warehouse with the checked build."""
    from sitrep.publish import publish

    published = publish(
        Path(build_path), settings.warehouse, storage_version=settings.duckdb_storage_version
    )
    return str(published)


def write_day_report(settings: Settings, day: date) -> str:
    """The self-contained HTML report of the day, from the published warehouse."""
    from sitrep.report import write_report

    path = write_report(settings.warehouse, day, settings.reports_dir)
    log.info("report: %s", path)
    return str(path)


def run_day(
    settings: Settings,
    day: date,
    *,
    run_id: str | None = None,
    backfill: bool = False,
    reprocess: bool = False,
) -> dict[str, Any]:
    """Every step in this process, in order: what the DAG does, without Airflow."""
    run_id = run_id or f"local-{day.isoformat()}-{_now():%Y%m%dT%H%M%S}"
    # batches run one after another here: one extract slot, so a day up to batch_size URLs is
    # one batch and every slow URL in it waits side by side with the others, not in turn
    serial = replace(settings, extract_slots=1)
    batches = plan_reprocess(serial, day) if reprocess else plan_day(serial, day, backfill=backfill)
    for batch in batches:
        process_batch(settings, day, batch)
    summary = land_day(settings, day)
    build_path = build_warehouse(settings, day, run_id)
    summary["quality"] = check_quality(settings, day, run_id, build_path)
    summary["warehouse"] = publish_build(settings, build_path)
    summary["report"] = write_day_report(settings, day)
    return summary
