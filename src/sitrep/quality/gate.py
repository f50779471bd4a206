"""The Great Expectations gate: validate a build, store every result in it, render Data Docs.

GX runs in an ephemeral context on pandas frames read from DuckDB (see ``frames``): GX's SQL
datasource on DuckDB loses its results (docs/quality.md), and an ephemeral context writes nothing
into the repository, so concurrent runs and a read-only checkout are both fine. The suites
themselves come from the committed file context in ``expectations/gx``.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from sitrep.lake.zone import RawZone
from sitrep.quality.catalog import load_suite_specs
from sitrep.quality.chunks import add_up, chunk_key, settle
from sitrep.quality.frames import Frame, existing_tables, read_frame
from sitrep.quality.offline_docs import make_offline
from sitrep.quality.results import (
    Outcome,
    describe_observed,
    expectation_label,
    store,
    summarize,
)

log = logging.getLogger("sitrep.quality")

# rows of a slice validated at once: GX's pandas engine holds a few copies of each chunk
CHUNK_ROWS = 1_000_000


class QualityGateFailed(RuntimeError):
    """A critical expectation failed: the build must not be published."""


@dataclass
class GateResult:
    passed: bool
    critical_failures: list[str]
    warnings: list[str]
    summary: str
    docs_path: Path | None
    outcomes: list[Outcome] = field(default_factory=list)


def run_gate(
    db_path: Path,
    *,
    run_date: date,
    run_id: str,
    expectations_dir: Path,
    raw_dir: Path | RawZone | str,
    docs_dir: Path | None = None,
    chunk_rows: int = CHUNK_ROWS,
    memory_limit: str | None = None,
) -> GateResult:
    """Validate the build at ``db_path`` for ``run_date``; never raises on bad data.

    ``raw_dir`` is the raw zone for the landing-table suites (a local folder, an ``s3://`` URL
    or a :class:`RawZone`). Data Docs go to ``docs_dir/<run_date>/index.html``.
    A slice of more than ``chunk_rows`` rows is validated in chunks (``sitrep.quality.chunks``).
    ``memory_limit`` caps DuckDB's memory for the reads (its cache of the files it scans
    otherwise grows towards 80% of the machine on a big day).
    """
    db_path = Path(db_path)
    specs = load_suite_specs(Path(expectations_dir))
    if not specs:
        raise FileNotFoundError(f"no expectation suites under {expectations_dir}/gx/expectations")
    if not db_path.exists():
        outcomes = [Outcome("build", "database_exists", "critical", False, f"no file {db_path}")]
        passed, crit, warns, line = summarize(
            outcomes, run_id=run_id, run_date=run_date, db_path=db_path, docs_path=None
        )
        return GateResult(passed, crit, warns, line, None, outcomes)

    started = time.perf_counter()
    con = duckdb.connect(str(db_path), read_only=True)
    rows = 0
    try:
        con.execute("set enable_progress_bar = false")
        if memory_limit:
            con.execute("set memory_limit = ?", [memory_limit])
        tables = existing_tables(con)

        def frames() -> Iterator[Frame]:
            """Each suite's frame, read when its turn comes: one day's slice in memory at once."""
            nonlocal rows
            for spec in specs:
                frame = read_frame(con, spec, run_date=run_date, raw_dir=raw_dir, tables=tables)
                rows += frame.rows
                yield frame

        # one folder per day: parallel backfill days never overwrite each other's Data Docs
        day_docs = Path(docs_dir) / run_date.isoformat() if docs_dir is not None else None
        outcomes, docs_path = _validate(specs, frames(), day_docs, chunk_rows)
    finally:
        con.close()
    log.info(
        "gate read and validated %d frames (%d rows) in %.1fs",
        len(specs),
        rows,
        time.perf_counter() - started,
    )
    checked_at = datetime.now(UTC)
    store(db_path, outcomes, run_id=run_id, run_date=run_date, checked_at=checked_at)
    passed, crit, warns, line = summarize(
        outcomes, run_id=run_id, run_date=run_date, db_path=db_path, docs_path=docs_path
    )
    (log.info if passed else log.error)("%s", line)
    return GateResult(passed, crit, warns, line, docs_path, outcomes)


def _validate(
    specs: list[dict[str, Any]], frames: Iterable[Frame], docs_dir: Path | None, chunk_rows: int
) -> tuple[list[Outcome], Path | None]:
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    if docs_dir is not None:
        docs_dir = Path(docs_dir)
        shutil.rmtree(docs_dir, ignore_errors=True)  # the day's latest run; history: dq_results
        context.add_data_docs_site(
            site_name="sitrep",
            site_config={
                "class_name": "SiteBuilder",
                "show_how_to_buttons": False,
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(docs_dir),
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
    source = context.data_sources.add_pandas("sitrep")
    outcomes: list[Outcome] = []
    for spec, frame in zip(specs, frames, strict=True):
        if frame.source is None:
            outcomes.append(_not_run(spec, frame))
            continue
        try:
            outcomes += _validate_suite(context, source, spec, frame, chunk_rows)
        except Exception as exc:  # a broken suite is a finding about that suite, not a crash
            log.exception("suite %s could not run", spec["name"])
            outcomes.append(_not_run(spec, Frame(spec["name"], f"error: {exc}"), "critical"))
        _release_batches(source)
    docs_path = None
    if docs_dir is not None:
        context.build_data_docs(site_names=["sitrep"])
        left = make_offline(docs_dir)
        if left:
            log.warning("Data Docs still load %d assets from the internet: %s", len(left), left)
        index = docs_dir / "index.html"
        docs_path = index if index.exists() else None
    _remove_default_site(context)
    return outcomes, docs_path


def _release_batches(source: Any) -> None:
    """Forget the DataFrames GX's execution engine keeps from every batch it validated."""
    manager = source.get_execution_engine().batch_manager
    manager.reset_batch_cache()
    manager._batch_data_cache.clear()  # GX 1.24 has no public call that drops the data


def _add_chunks(
    context: Any, batch: Any, suite: Any, validated: Any, chunks: Iterable[Any], source: Any
) -> None:
    """Validate the slice's other chunks, add their counts into ``validated`` (the first
    chunk's stored result) and store the sum in its place, for Data Docs."""
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )
    from great_expectations.validator.v1_validator import Validator
    from great_expectations.validator.validator import calc_validation_statistics

    for chunk in chunks:
        validator = Validator(batch, result_format="SUMMARY", batch_parameters={"dataframe": chunk})
        more = validator.validate_expectation_suite(suite)
        for total, part in zip(validated.results, more.results, strict=True):
            add_up(total, part)
        del chunk, validator
        _release_batches(source)
    for total in validated.results:
        settle(total)
    statistics = calc_validation_statistics(validated.results)
    validated.success = statistics.success
    validated.statistics.update(
        evaluated_expectations=statistics.evaluated_expectations,
        successful_expectations=statistics.successful_expectations,
        unsuccessful_expectations=statistics.unsuccessful_expectations,
        success_percent=statistics.success_percent,
    )
    suite_id = ExpectationSuiteIdentifier(name=suite.name)
    context.validation_results_store.store_validation_results(
        suite_validation_result=validated,
        suite_validation_result_identifier=ValidationResultIdentifier(
            expectation_suite_identifier=suite_id,
            run_id=validated.meta["run_id"],
            batch_identifier=validated.batch_id,
        ),
        expectation_suite_identifier=suite_id,
    )


def _remove_default_site(context: Any) -> None:
    """An ephemeral context makes a temporary docs folder we never use; don't leave it behind."""
    for name, site in (context.variables.data_docs_sites or {}).items():
        folder = site.get("store_backend", {}).get("base_directory")
        if name != "sitrep" and folder and Path(folder).parent == Path(tempfile.gettempdir()):
            shutil.rmtree(folder, ignore_errors=True)


def _not_run(spec: dict[str, Any], frame: Frame, severity: str | None = None) -> Outcome:
    meta = spec.get("meta", {}).get("sitrep", {})
    return Outcome(
        suite=spec["name"],
        expectation="suite_can_run",
        severity=severity or meta.get("missing", "critical"),
        success=False,
        observed_value=frame.problem,
        why="the data this suite checks exists",
    )


def _severity(config: dict[str, Any]) -> str:
    """GX's severity field, else ``meta.severity``; unmarked expectations are critical."""
    value = config.get("severity") or (config.get("meta") or {}).get("severity") or "critical"
    return str(getattr(value, "value", value)).lower()


def _validate_suite(
    context: Any, source: Any, spec: dict[str, Any], frame: Frame, chunk_rows: int
) -> list[Outcome]:
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    name = spec["name"]
    asset = source.add_dataframe_asset(name)
    batch = asset.add_batch_definition_whole_dataframe("slice")
    suite = context.suites.add(gx.ExpectationSuite(name=name, meta=spec.get("meta", {})))
    for exp in spec["expectations"]:
        config = ExpectationConfiguration(
            type=exp["type"],
            kwargs=exp["kwargs"],
            meta=exp.get("meta", {}),
            severity=_severity(exp),
        )
        suite.add_expectation(config.to_domain_obj())
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=name, data=batch, suite=suite)
    )
    key = chunk_key(suite.expectations)
    chunks = frame.chunks(chunk_rows if key is not None else frame.rows, key or ())
    validated = definition.run(
        batch_parameters={"dataframe": next(chunks)}, result_format="SUMMARY"
    )
    _release_batches(source)
    if frame.rows > chunk_rows and key is not None:
        _add_chunks(context, batch, suite, validated, chunks, source)
        log.info("suite %s: %d rows validated in chunks of %d", name, frame.rows, chunk_rows)
    result = validated.to_json_dict()
    rows = frame.rows
    outcomes = []
    for r in result["results"]:
        config = r["expectation_config"]
        meta = config.get("meta") or {}
        exc = r.get("exception_info") or {}
        raised = exc.get("raised_exception") if isinstance(exc, dict) else False
        observed = (
            f"error: {exc.get('exception_message')}" if raised else describe_observed(r["result"])
        )
        kwargs = config.get("kwargs", {})
        outcomes.append(
            Outcome(
                suite=name,
                expectation=expectation_label(config["type"], kwargs),
                severity=_severity(config),
                success=bool(r["success"]),
                observed_value=observed,
                column_name=kwargs.get("column"),
                rows_checked=rows,
                why=meta.get("why"),
            )
        )
    return outcomes
