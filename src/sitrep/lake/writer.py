"""Writing and reading the raw zone's day partitions.

Every table gets a file for every day a run touched, even an empty one, so that dbt's
``read_parquet`` globs always match and an empty day is an ordinary day.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.lake.schema import TABLES


def partition_dir(raw_dir: Path, table: str, day: date) -> Path:
    """``<raw>/<table>/dt=YYYY-MM-DD``."""
    return raw_dir / table / f"dt={day.isoformat()}"


def write_part(
    raw_dir: Path, table: str, day: date, part: str, rows: Iterable[Mapping[str, Any]]
) -> Path:
    """Write one part file atomically (temp file, then rename), replacing a previous one."""
    schema = TABLES[table]
    rows = list(rows)
    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    tbl = pa.Table.from_pydict(columns, schema=schema)
    out_dir = partition_dir(raw_dir, table, day)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"part-{part}.parquet"
    tmp = out_dir / f".tmp-{uuid.uuid4().hex}.parquet"
    pq.write_table(tbl, tmp, compression="zstd")
    os.replace(tmp, target)
    return target


def clear_day(raw_dir: Path, day: date, tables: Iterable[str] = TABLES) -> None:
    """Remove a day's partitions so that a re-run replaces the day instead of adding to it."""
    for table in tables:
        shutil.rmtree(partition_dir(raw_dir, table, day), ignore_errors=True)


def ensure_day(raw_dir: Path, day: date) -> None:
    """Give every table at least an empty part for the day."""
    for table in TABLES:
        folder = partition_dir(raw_dir, table, day)
        if not folder.exists() or not any(folder.glob("part-*.parquet")):
            write_part(raw_dir, table, day, "empty", [])


def read_day(raw_dir: Path, table: str, day: date) -> pa.Table:
    """All rows of a table for one day (an empty table when nothing was written)."""
    folder = partition_dir(raw_dir, table, day)
    parts = sorted(folder.glob("part-*.parquet")) if folder.exists() else []
    if not parts:
        return TABLES[table].empty_table()
    return pa.concat_tables(pq.read_table(p, schema=TABLES[table]) for p in parts)


def replace_day(raw_dir: Path, table: str, day: date, rows: pa.Table) -> None:
    """Consolidate a day's partition into one file (used after cross-batch de-duplication)."""
    folder = partition_dir(raw_dir, table, day)
    old = sorted(folder.glob("part-*.parquet")) if folder.exists() else []
    written = write_part(raw_dir, table, day, "day", rows.to_pylist())
    for path in old:
        if path != written:
            path.unlink(missing_ok=True)
