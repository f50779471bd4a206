"""The synthetic warehouse (tests, ``bench/warehouse_bench.py``) is data the gate accepts.

Benchmarks time the gate on generated days; if the generator wrote rows the gate is meant to
stop, a benchmark would time a failing gate and a regression in the gate would hide in it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.quality import run_gate
from tests.warehouse.conftest import DAYS

EXPECTATIONS = Path(__file__).resolve().parents[2] / "expectations"


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_generated_days_pass_the_quality_gate(
    working_copy: tuple[Path, Path], tmp_path: Path, day: date
) -> None:
    db, raw = working_copy  # the gate records its results in the database: not the shared one
    result = run_gate(
        db,
        run_date=day,
        run_id=f"generated-{day}",
        expectations_dir=EXPECTATIONS,
        docs_dir=tmp_path / "docs",
        raw_dir=raw,
    )
    assert result.passed, result.critical_failures
