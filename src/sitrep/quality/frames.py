"""Reading the frame each suite validates out of the build, in DuckDB.

Only the day's slice of a fact table, or one row of counts computed in SQL, ever reaches pandas:
memory grows with a day's news, not with the warehouse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd


@dataclass
class Frame:
    """A suite's data, or why there is none (a missing table is an outcome, not a crash)."""

    suite: str
    data: pd.DataFrame | None
    problem: str | None = None


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "select table_schema || '.' || table_name from information_schema.tables"
    ).fetchall()
    return {r[0] for r in rows}


def read_frame(
    con: duckdb.DuckDBPyConnection,
    spec: dict[str, Any],
    *,
    run_date: date,
    raw_dir: Path | None,
    tables: set[str],
) -> Frame:
    """Run a suite's query for the run date; a missing table or raw partition is a ``problem``."""
    meta = spec.get("meta", {}).get("sitrep", {})
    name = spec["name"]
    missing = [t for t in meta.get("requires", []) if t not in tables]
    if missing:
        return Frame(name, None, f"missing table {', '.join(missing)}")
    query: str = meta["query"]
    if "{raw}" in query:
        if raw_dir is None:
            return Frame(name, None, "raw zone not given")
        table_dir = _raw_partition(query, raw_dir, run_date)
        if not any(table_dir.glob("part-*.parquet")):
            return Frame(name, None, f"no raw partition at {table_dir}")
        query = query.replace("{raw}", str(raw_dir)).replace("{day}", run_date.isoformat())
    params = {"run_date": run_date} if "$run_date" in query else None
    try:
        data = con.execute(query, params).df() if params else con.execute(query).df()
    except duckdb.Error as exc:
        return Frame(name, None, f"query failed: {str(exc).splitlines()[0]}")
    return Frame(name, data)


def _raw_partition(query: str, raw_dir: Path, run_date: date) -> Path:
    """The partition folder a raw suite reads (``{raw}/<table>/dt={day}``)."""
    tail = query.split("{raw}/", 1)[1]
    table = tail.split("/", 1)[0]
    return raw_dir / table / f"dt={run_date.isoformat()}"
