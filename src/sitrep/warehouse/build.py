"""Running dbt (seed, snapshot, models and tests) on a warehouse file, programmatically."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sitrep.config import ENV

# dbtRunner reads the DuckDB path and raw zone from the environment of this process:
# serialise builds inside one process so two threads never see each other's settings.
_ENV_LOCK = threading.Lock()
_FAILED_STATUSES = {"error", "fail", "runtime error", "skipped"}
PARTIAL_PARSE_FILE = "partial_parse.msgpack"  # dbt's name for its saved parse, in target/
PARSE_CACHE = ".dbt-partial-parse.msgpack"  # the last build's parse, beside the run folders


@dataclass
class BuildResult:
    """What one build did: whether every node passed, which did not, how long, where the log is."""

    success: bool
    failures: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0
    log_path: Path = Path()
    run_dir: Path = Path()


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    with _ENV_LOCK:
        saved = {key: os.environ.get(key) for key in values}
        os.environ.update(values)
        try:
            yield
        finally:
            for key, old in saved.items():
                if old is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = old


def _release_duckdb() -> None:
    """Close the DuckDB database dbt-duckdb keeps open in this process after a run.

    Otherwise the file stays locked by this process: the publish step could not swap it, and a
    read-only reader in the same process would fail with "different configuration".
    """
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    env = DuckDBConnectionManager._ENV
    if env is not None:
        with contextlib.suppress(Exception):
            env.close()
    DuckDBConnectionManager.close_all_connections()


def _restore_parse(cache: Path, target_dir: Path) -> None:
    """Seed a run's fresh target/ with the last run's parsed project, so dbt re-parses only
    what changed (a full parse is ~3 s of every build); dbt itself checks that it still fits."""
    if cache.exists():
        target_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache, target_dir / PARTIAL_PARSE_FILE)


def _keep_parse(target_dir: Path, cache: Path) -> None:
    """Keep this run's parsed project for the next run (atomic: builds may run side by side)."""
    parsed = target_dir / PARTIAL_PARSE_FILE
    if parsed.exists():
        tmp = cache.with_name(f"{cache.name}.{uuid.uuid4().hex[:8]}")
        shutil.copyfile(parsed, tmp)
        os.replace(tmp, cache)


def _failures_from(result: object) -> list[str]:
    """Names of the nodes that errored, failed or were skipped, with dbt's message."""
    failures: list[str] = []
    for node_result in getattr(result, "results", None) or []:
        status = str(getattr(node_result, "status", "")).lower()
        if status in _FAILED_STATUSES:
            node = getattr(node_result, "node", None)
            name = getattr(node, "unique_id", None) or getattr(node, "name", "?")
            message = (getattr(node_result, "message", None) or "").strip()
            failures.append(f"{name}: {status}{' - ' + message if message else ''}")
    return failures


def build(
    db_path: Path,
    *,
    run_date: date,
    raw_url: str,
    project_dir: Path,
    run_root: Path,
    full_refresh: bool = False,
    select: str | None = None,
    threads: int = 2,
    memory_limit: str = "2GB",
) -> BuildResult:
    """Build the warehouse in ``db_path`` for ``run_date`` with ``dbt build``.

    ``dbt build`` runs seeds, the actor snapshot, models and data tests in DAG order; target/
    and logs/ go to a fresh per-run folder so parallel runs never collide. Never raises on a
    model or test failure: ``success`` is False and ``failures`` names the nodes. dbt unit
    tests prove the SQL, not the day's data: ``unit_test()`` runs them (the test suite does).
    ``threads`` and ``memory_limit`` (DuckDB's, past it a build spills to disk) reach dbt's
    profile through its environment.
    """
    extra = ["--exclude", "resource_type:unit_test"]
    if full_refresh:
        extra.append("--full-refresh")
    if select:
        extra += ["--select", select]
    return _run_dbt(
        "build", db_path, run_date, raw_url, extra, project_dir, run_root, threads, memory_limit
    )


def unit_test(
    db_path: Path,
    *,
    raw_url: str,
    project_dir: Path,
    run_root: Path,
) -> BuildResult:
    """Run the dbt unit tests (clustering, incremental merge, SCD2...) against ``db_path``.

    Unit tests of incremental logic read the existing model tables, so ``db_path`` must be a
    built warehouse; on a missing file those tests are left out.
    """
    extra = ["--select", "test_type:unit"]
    if not Path(db_path).exists():
        extra += ["--exclude", "tag:needs_existing_warehouse"]
    return _run_dbt("test", db_path, date.today(), raw_url, extra, project_dir, run_root, 1, "2GB")


def _run_dbt(
    command: str,
    db_path: Path,
    run_date: date,
    raw_url: str,
    extra: list[str],
    project_dir: Path,
    run_root: Path,
    threads: int,
    memory_limit: str,
) -> BuildResult:
    from dbt.cli.main import dbtRunner  # imported late: dbt is slow to import

    project = Path(project_dir).resolve()
    root = Path(run_root).resolve()
    run_dir = root / f"dbt-{run_date.isoformat()}-{uuid.uuid4().hex[:8]}"
    target_dir, log_dir = run_dir / "target", run_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    db_path = Path(db_path).resolve()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    raw = raw_url.removeprefix("file://").rstrip("/")

    args = [
        command,
        "--project-dir",
        str(project),
        "--profiles-dir",
        str(project),
        "--target-path",
        str(target_dir),
        "--log-path",
        str(log_dir),
        "--vars",
        json.dumps({"raw_url": raw}),
        "--threads",
        str(threads),
        "--no-use-colors",
        "--quiet",
        *extra,
    ]
    started = time.perf_counter()
    env = {
        # the build's own file and day, then the settings profiles.yml reads
        "SITREP_DBT_DB": str(db_path),
        "SITREP_RUN_DATE": run_date.isoformat(),
        ENV["raw_url"]: raw,
        ENV["dbt_threads"]: str(threads),
        ENV["duckdb_memory_limit"]: memory_limit,
    }
    parse_cache = root / PARSE_CACHE
    _restore_parse(parse_cache, target_dir)
    with _environment(env):
        try:
            outcome = dbtRunner().invoke(args)
        except Exception as exc:  # dbt internals; the caller gets a value, not a crash
            return BuildResult(
                success=False,
                failures=[f"dbt {command} for {run_date} on {db_path}: {exc!r}"],
                elapsed_s=time.perf_counter() - started,
                log_path=log_dir / "dbt.log",
                run_dir=run_dir,
            )
        finally:
            _release_duckdb()
            _keep_parse(target_dir, parse_cache)
    failures = _failures_from(outcome.result)
    if not outcome.success and not failures:
        failures = [f"dbt {command} for {run_date} on {db_path}: {outcome.exception!r}"]
    return BuildResult(
        success=bool(outcome.success) and not failures,
        failures=failures,
        elapsed_s=time.perf_counter() - started,
        log_path=log_dir / "dbt.log",
        run_dir=run_dir,
    )
