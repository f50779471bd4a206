"""Reading the frame each suite validates out of the build, in DuckDB.

Only the day's slice of a fact table, or one row of counts computed in SQL, ever reaches pandas:
memory grows with a day's news, not with the warehouse. A big slice reaches it in chunks of a
bounded number of rows (``Frame.chunks``), so memory stays flat however big the day.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from sitrep.lake.zone import RawZone


@dataclass
class Slice:
    """A suite's query, narrowed to what it checks, on the open build."""

    con: duckdb.DuckDBPyConnection
    query: str
    params: dict[str, Any] | None = None
    placeholders: list[str] = field(default_factory=list)  # columns carried empty

    def frame(self, where: str | None = None) -> pd.DataFrame:
        query = f"select * from ({self.query}) where {where}" if where else self.query
        return self.to_pandas(self.con.sql(query, params=self.params).to_arrow_table())

    def batches(self, rows: int) -> Iterator[pd.DataFrame]:
        reader = self.con.sql(self.query, params=self.params).to_arrow_reader(rows)
        for batch in reader:
            yield self.to_pandas(pa.Table.from_batches([batch]))

    def to_pandas(self, rows: pa.Table) -> pd.DataFrame:
        data = rows.to_pandas(types_mapper=_arrow_strings)
        for column in self.placeholders:  # present for the column contract, one byte a row
            data[column] = pd.Categorical.from_codes(np.full(len(data), -1, np.int8), categories=[])
        return data


@dataclass
class Frame:
    """A suite's slice of the build, counted and read on demand, or why there is none (a
    missing table is an outcome, not a crash)."""

    suite: str
    problem: str | None = None
    rows: int = 0
    source: Slice | None = None

    def read(self) -> pd.DataFrame:
        """The whole slice as one frame."""
        return self.source.frame()

    def chunks(self, max_rows: int, key: Sequence[str] = ()) -> Iterator[pd.DataFrame]:
        """The slice in frames of about ``max_rows`` rows, or one frame when it fits.

        With a ``key``, rows are split by a hash of the key's columns, so equal keys always
        share a chunk and uniqueness checked per chunk is uniqueness over the slice. Without
        one, the query's rows are streamed in order.
        """
        parts = max(1, math.ceil(self.rows / max(1, max_rows)))
        if parts == 1:
            yield self.read()
        elif key:
            columns = ", ".join(_quoted(c) for c in key)
            for part in range(parts):
                yield self.source.frame(f"hash({columns}) % {parts} = {part}")
        else:
            yield from self.source.batches(max_rows)


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "select table_schema || '.' || table_name from information_schema.tables"
    ).fetchall()
    return {r[0] for r in rows}


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    schema, name = table.split(".", 1)
    rows = con.execute(
        "select column_name from information_schema.columns"
        " where table_schema = ? and table_name = ?",
        [schema, name],
    ).fetchall()
    return [r[0] for r in rows]


def read_frame(
    con: duckdb.DuckDBPyConnection,
    spec: dict[str, Any],
    *,
    run_date: date,
    raw_dir: RawZone | Path | str | None,
    tables: set[str],
) -> Frame:
    """A suite's slice for the run date, counted but not yet read; a missing table or raw
    partition is a ``problem``.

    ``raw_dir`` is the raw zone (a folder, an ``s3://`` URL or a :class:`RawZone`): object
    storage is read through the zone's filesystem registered on ``con``.
    """
    meta = spec.get("meta", {}).get("sitrep", {})
    name = spec["name"]
    missing = [t for t in meta.get("requires", []) if t not in tables]
    if missing:
        return Frame(name, f"missing table {', '.join(missing)}")
    query: str = meta["query"]
    if "{raw}" in query:
        if raw_dir is None:
            return Frame(name, "raw zone not given")
        zone = RawZone.of(raw_dir)
        partition = _raw_partition(query, run_date)
        if not zone.glob(f"{partition}/part-*.parquet"):
            return Frame(name, f"no raw partition at {zone.location(partition)}")
        zone.register(con)
        query = query.replace("{raw}", zone.url).replace("{day}", run_date.isoformat())
    params = {"run_date": run_date} if "$run_date" in query else None
    try:
        query, placeholders = _checked_columns(con, query, params, spec)
        [(rows,)] = con.sql(f"select count(*) from ({query})", params=params).fetchall()
    except duckdb.Error as exc:
        return Frame(name, f"query failed: {str(exc).splitlines()[0]}")
    return Frame(name, rows=rows, source=Slice(con, query, params, placeholders))


def _arrow_strings(arrow_type: pa.DataType) -> pd.StringDtype | None:
    """Text columns stay Arrow strings in pandas: a third of the memory of Python objects."""
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype("pyarrow")
    return None


_COLUMN_KWARGS = ("column", "column_A", "column_B", "column_list", "column_set")
_PRESENCE_ONLY = "expect_table_columns_to_match_set"  # reads the column names, not the values
_NULLNESS_ONLY = {"expect_column_values_to_not_be_null", "expect_column_values_to_be_null"}


def _checked_columns(
    con: duckdb.DuckDBPyConnection, query: str, params: dict[str, Any] | None, spec: dict
) -> tuple[str, list[str]]:
    """The suite's query narrowed to what its expectations check, and the other columns, which
    the frame carries empty when the suite checks the column contract.

    A day's mentions are millions of rows: the frame must not carry values (sentences, texts)
    nothing checks. A column checked only for nulls is read as its nullness (an empty string or
    null: the same counts, a fraction of the memory). A named column the query lacks is left
    out, so the column contract reports it; a suite with an expectation that names no column
    keeps every column.
    """
    checks: dict[str, set[str]] = {}  # column -> the expectation types that read its values
    presence: dict[str, None] = {}
    for expectation in spec["expectations"]:
        kwargs = expectation.get("kwargs", {})
        found = [kwargs[k] for k in _COLUMN_KWARGS if k in kwargs]
        if not found and not expectation["type"].startswith("expect_table_"):
            return query, []
        names = [c for v in found for c in ([v] if isinstance(v, str) else v)]
        if expectation["type"] == _PRESENCE_ONLY:
            presence.update(dict.fromkeys(names))
        else:
            for name in names:
                checks.setdefault(name, set()).add(expectation["type"])
    probe = f"select * from ({query}) limit 0"
    described = (con.execute(probe, params) if params else con.execute(probe)).description
    available = [column[0] for column in described]
    keep = [c for c in available if c in checks]
    if not keep:
        return query, []
    selected = [
        f"case when {_quoted(c)} is null then null else '' end as {_quoted(c)}"
        if checks[c] <= _NULLNESS_ONLY
        else _quoted(c)
        for c in keep
    ]
    # the column contract reports every column found: the unchecked ones come as placeholders
    placeholders = [c for c in available if c not in checks] if presence else []
    return f"select {', '.join(selected)} from ({query}) as checked", placeholders


def _quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _raw_partition(query: str, run_date: date) -> str:
    """The partition a raw suite reads (``<table>/dt={day}``, relative to the raw zone)."""
    tail = query.split("{raw}/", 1)[1]
    table = tail.split("/", 1)[0]
    return f"{table}/dt={run_date.isoformat()}"
