"""The daily run, step by step. The DAG calls these; so do the CLI and the tests.

Each step reads what the previous one wrote (files in the raw zone, a build database),
so steps can run in separate processes, on separate workers, and be retried alone.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sitrep.config import Settings
from sitrep.lake import work, writer
from sitrep.lake.rows import coded_rows, outcome_row
from sitrep.reference import ReferenceFiles

log = logging.getLogger("sitrep.pipeline")


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
    unique = work.remember_discovered(zone, day, [_jsonable(asdict(item)) for item in found])
    # each URL carries its source's fetch policy: an extract task never reads the sources file
    policies = {s.id: s.fetch_policy.to_json() for s in sources}
    records = [{**rec, "policy": policies.get(rec["source_id"])} for rec in unique]
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

    records = work.read_batch(settings.raw_zone, batch_path)
    part = Path(batch_path).stem
    fetcher = _fetcher(settings)

    outcomes: dict[int, dict[str, Any]] = {}
    coding: deque[int] = deque()  # batch positions of the pages handed to extraction

    def pages() -> Iterator[ArticleInput]:
        for n, rec, result in _fetched(settings, day, records, fetcher):
            row = outcome_row(rec, result)
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

    extractor = _LoadingExtractor(settings.reference)  # models load while pages are fetched
    coded = {coding.popleft(): found for found in extract_documents(pages(), extractor)}
    fetcher.close()
    article_rows, comments, mentions, events = coded_rows(outcomes, coded, day)
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

    def __init__(self, reference: ReferenceFiles) -> None:
        from concurrent.futures import ThreadPoolExecutor

        from sitrep.nlp import Extractor

        pool = ThreadPoolExecutor(max_workers=1)
        self._loading = pool.submit(Extractor.load, reference)
        pool.shutdown(wait=False)  # the load goes on; extract_many waits for it

    def extract_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._loading.result().extract_many(*args, **kwargs)


FETCH_THREADS = 4  # concurrent requests per task: the page bodies in flight at most


def _fetched(
    settings: Settings, day: date, records: list[dict[str, Any]], fetcher: Any
) -> Iterator[tuple[int, dict[str, Any], Any]]:
    """``(position, record, page)`` for every record, each page as soon as it is there: from
    the archive when re-processing, else fetched (hosts side by side, on threads) with the
    policy of its source the batch carries; a 304 of a page this very day archived (a re-run)
    reads the archive."""
    from sitrep.fetch import FetchPolicy
    from sitrep.fetch.archive import archived_today, as_fetched

    for n, rec in enumerate(records):
        if rec.get("archive"):  # re-processing: the page comes from the archive, not the web
            yield n, rec, as_fetched(settings.raw_zone, rec["archive"])
    wanted = (
        (n, rec["url"], FetchPolicy.from_json(rec.get("policy")))
        for n, rec in enumerate(records)
        if not rec.get("archive")
    )
    for n, result in fetcher.fetch_as_completed(wanted, workers=FETCH_THREADS):
        if result.outcome == "unchanged":
            # 304: if this very day archived the page (a re-run), code it again from there
            result = archived_today(settings.raw_zone, day, result)
        yield n, records[n], result


def plan_reprocess(settings: Settings, day: date) -> list[str]:
    """Batches of the day's archived pages, to re-extract without fetching anything.

    What the first run knew about each URL (source, publication date from the feed) comes
    from the day's discovery memory; outcomes that never produced a page are carried over.
    """
    from sitrep.fetch.archive import archived_keys, read_archived

    zone = settings.raw_zone
    zone.check()
    discovered = {r["url"]: r for r in work.discovered(zone, day)}
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


def _write_batches(settings: Settings, day: date, records: list[dict[str, Any]]) -> list[str]:
    return work.write_batches(
        settings.raw_zone,
        day,
        records,
        batch_size=settings.batch_size,
        slots=settings.extract_slots,
    )


# --------------------------------------------------------------------------- land


def land_day(settings: Settings, day: date) -> dict[str, Any]:
    """Finish the day's raw partitions: duplicates across batches, near-duplicate clusters."""
    from sitrep.lake.landing import land_day as land

    return land(settings.raw_zone, day)


# --------------------------------------------------------------------------- warehouse


class PipelineError(RuntimeError):
    """A step failed in a way that retrying will not fix (a failing build, a failed gate)."""


def build_warehouse(
    settings: Settings, day: date, run_id: str, *, full_refresh: bool = False
) -> str:
    """dbt build on a working copy of the published warehouse; returns the copy's path."""
    from sitrep.publish import holding, keep_failed, prepare_build
    from sitrep.warehouse import build
    from sitrep.warehouse.fingerprint import built_with, models_fingerprint, record_build

    path = prepare_build(settings.warehouse, settings.build_dir, run_id)
    with holding(path):
        fingerprint = models_fingerprint(settings.dbt_project_dir)
        if not full_refresh and built_with(path) not in (None, fingerprint):
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
            record_build(path, fingerprint)
    if not result.success:
        kept = keep_failed(path, settings.build_dir)
        raise PipelineError(
            f"dbt build failed for {day}: {'; '.join(result.failures) or 'see log'}"
            f" (log: {result.log_path}; build kept at {kept})"
        )
    log.info("dbt build for %s succeeded in %.1fs: %s", day, result.elapsed_s, path)
    return str(path)


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
