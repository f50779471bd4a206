"""Writing and reading the raw zone's day partitions.

Every table gets a file for every day a run touched, even an empty one, so that dbt's
``read_parquet`` globs always match and an empty day is an ordinary day.

Each function takes the zone as a :class:`~sitrep.lake.zone.RawZone`, or as the local folder
or URL it is built from (``Path``, ``"s3://bucket/raw"``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.lake.schema import TABLES
from sitrep.lake.zone import RawZone

Zone = RawZone | str | os.PathLike[str]


def partition_key(table: str, day: date) -> str:
    """``<table>/dt=YYYY-MM-DD``, relative to the zone."""
    return f"{table}/dt={day.isoformat()}"


def partition_dir(raw_dir: Path, table: str, day: date) -> Path:
    """``<raw>/<table>/dt=YYYY-MM-DD`` of a local zone."""
    return Path(raw_dir) / partition_key(table, day)


def part_keys(zone: Zone, table: str, day: date) -> list[str]:
    """The keys of a day's part files, sorted."""
    return RawZone.of(zone).glob(f"{partition_key(table, day)}/part-*.parquet")


def write_part(
    zone: Zone, table: str, day: date, part: str, rows: Iterable[Mapping[str, Any]]
) -> str:
    """Write one part file atomically, replacing a previous one; returns its location."""
    schema = TABLES[table]
    rows = list(rows)
    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    return write_table(zone, table, day, part, pa.Table.from_pydict(columns, schema=schema))


def write_table(zone: Zone, table: str, day: date, part: str, data: pa.Table) -> str:
    """Write an Arrow table as one part file (zstd), atomically; returns its location."""
    return rewrite_part(zone, table, f"{partition_key(table, day)}/part-{part}.parquet", data)


def rewrite_part(zone: Zone, table: str, key: str, data: pa.Table) -> str:
    """Write an Arrow table to the part file at ``key``, atomically replacing it."""
    zone = RawZone.of(zone)
    with zone.writer(key) as fh:
        pq.write_table(data.cast(TABLES[table]), fh, compression="zstd")
    return zone.location(key)


def clear_day(zone: Zone, day: date, tables: Iterable[str] = TABLES) -> None:
    """Remove a day's partitions so that a re-run replaces the day instead of adding to it."""
    zone = RawZone.of(zone)
    for table in tables:
        zone.remove_tree(partition_key(table, day))


def ensure_day(zone: Zone, day: date) -> None:
    """Give every table at least an empty part for the day."""
    zone = RawZone.of(zone)
    for table in TABLES:
        if not part_keys(zone, table, day):
            write_part(zone, table, day, "empty", [])


def read_day(zone: Zone, table: str, day: date, columns: list[str] | None = None) -> pa.Table:
    """All rows of a table for one day (an empty table when nothing was written)."""
    tables = [data for _, data in iter_parts(zone, table, day, columns)]
    if not tables:
        schema = TABLES[table]
        return (pa.schema([schema.field(c) for c in columns]) if columns else schema).empty_table()
    return pa.concat_tables(tables)


def iter_parts(
    zone: Zone, table: str, day: date, columns: list[str] | None = None
) -> Iterator[tuple[str, pa.Table]]:
    """A day's part files one at a time, as (key, rows): memory holds one part, not the day."""
    zone = RawZone.of(zone)
    for key in part_keys(zone, table, day):
        yield key, read_part(zone, table, key, columns)


def read_part(zone: Zone, table: str, key: str, columns: list[str] | None = None) -> pa.Table:
    """One part file's rows (all columns, or only ``columns``)."""
    zone, schema = RawZone.of(zone), TABLES[table]
    if zone.is_local:
        return pq.read_table(zone.location(key), schema=schema, columns=columns)
    with zone.open(key) as fh:
        return pq.read_table(fh, schema=schema, columns=columns)


def replace_day(zone: Zone, table: str, day: date, rows: pa.Table) -> None:
    """Consolidate a day's partition into one file (used after cross-batch de-duplication)."""
    zone = RawZone.of(zone)
    old = part_keys(zone, table, day)
    written = zone.key(write_table(zone, table, day, "day", rows))
    for key in old:
        if key != written:
            zone.remove(key)
