"""A day's run state in the raw zone (``_work/dt=YYYY-MM-DD/``), shared by every worker: the
URLs discovered for the day and the batch files the extract tasks take."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sitrep.lake.zone import RawZone


def work_key(day: date) -> str:
    """The folder (key prefix) of the day's run state."""
    return f"_work/dt={day.isoformat()}"


def _memory(day: date) -> str:
    return f"{work_key(day)}/discovered.json"


def discovered(zone: RawZone, day: date) -> list[dict[str, Any]]:
    """Every URL the day's discovery found so far, in the order first found."""
    memory = _memory(day)
    return json.loads(zone.read_text(memory)) if zone.exists(memory) else []


def remember_discovered(
    zone: RawZone, day: date, found: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Add this discovery's URLs to the day's list and return the whole list.

    A re-run of the day must see what the first run saw, even though discovery state now says
    those URLs are old: the day's list is kept and merged, a URL once.
    """
    unique: dict[str, dict[str, Any]] = {rec["url"]: rec for rec in discovered(zone, day)}
    for rec in found:
        unique.setdefault(rec["url"], rec)
    records = list(unique.values())
    zone.write_text(_memory(day), json.dumps(records, indent=1))
    return records


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


def write_batches(
    zone: RawZone, day: date, records: list[dict[str, Any]], *, batch_size: int, slots: int
) -> list[str]:
    """Replace the day's batch files with ``records`` cut into :func:`batch_sizes`; returns
    their locations (local paths or object URLs), what the extract tasks are mapped over."""
    work = work_key(day)
    for old in zone.glob(f"{work}/batch-*.json"):
        zone.remove(old)
    paths, start = [], 0
    for n, size in enumerate(batch_sizes(len(records), batch_size, slots)):
        key = f"{work}/batch-{n:04d}.json"
        zone.write_text(key, json.dumps(records[start : start + size], indent=1))
        paths.append(zone.location(key))
        start += size
    return paths


def read_batch(zone: RawZone, batch_path: str) -> list[dict[str, Any]]:
    """A batch file written by :func:`write_batches` (a local path or an object URL)."""
    return json.loads(zone.read_text(zone.key(batch_path)))
