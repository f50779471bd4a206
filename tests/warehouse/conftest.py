"""Real dbt builds on generated raw-zone days, shared by the warehouse tests (dbt runs are slow)."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from sitrep.lake.schema import TABLES
from sitrep.reference import CHECKOUT
from sitrep.warehouse import BuildResult, build
from sitrep.warehouse.synthetic import generate_days

DAYS = [date(2020, 6, 1) + timedelta(days=n) for n in range(3)]
EMPTY_DAY = date(2020, 6, 4)


def write_empty_day(raw: Path, day: date) -> None:
    """An ordinary empty day: every table has a part file with no rows."""
    import pyarrow.parquet as pq

    for table, schema in TABLES.items():
        folder = raw / table / f"dt={day.isoformat()}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(schema.empty_table(), folder / "part-empty.parquet")


def run(db: Path, day: date, raw: Path, runs: Path, **kwargs: object) -> BuildResult:
    result = build(
        db,
        run_date=day,
        raw_url=str(raw),
        project_dir=CHECKOUT.dbt_project_dir,
        run_root=runs,
        **kwargs,  # type: ignore[arg-type]
    )
    assert result.success, f"build {day} on {db} failed: {result.failures} (log {result.log_path})"
    return result


@pytest.fixture(scope="session")
def warehouse_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("warehouse")
    truth: dict[str, str] = {}
    generate_days(root / "raw", DAYS, events_per_day=8, reports_per_event=3, truth=truth)
    write_empty_day(root / "raw", EMPTY_DAY)
    (root / "truth.tsv").write_text("".join(f"{k}\t{v}\n" for k, v in truth.items()))
    return root


@pytest.fixture(scope="session")
def incremental_db(warehouse_root: Path) -> Path:
    """Built day by day, as the daily DAG does: day 1 from scratch, then one day at a time."""
    db = warehouse_root / "incremental.duckdb"
    for day in [*DAYS, EMPTY_DAY]:
        run(db, day, warehouse_root / "raw", warehouse_root / "runs")
    return db


@pytest.fixture(scope="session")
def full_refresh_db(warehouse_root: Path) -> Path:
    """Built once with --full-refresh from every partition."""
    db = warehouse_root / "full.duckdb"
    run(db, EMPTY_DAY, warehouse_root / "raw", warehouse_root / "runs", full_refresh=True)
    return db


@pytest.fixture
def working_copy(incremental_db: Path, warehouse_root: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the incremental warehouse and of the raw zone that a test may change."""
    db = tmp_path / "work.duckdb"
    shutil.copy(incremental_db, db)
    raw = tmp_path / "raw"
    shutil.copytree(warehouse_root / "raw", raw)
    return db, raw
