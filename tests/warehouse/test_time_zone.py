"""Timestamps in the warehouse are UTC whatever the time zone of the machine that builds it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from tests.warehouse.conftest import DAYS

_BUILD = """
import sys
from datetime import date
from pathlib import Path
from sitrep.reference import CHECKOUT
from sitrep.warehouse import build
r = build(Path(sys.argv[1]), run_date=date.fromisoformat(sys.argv[2]), raw_url=sys.argv[3],
          full_refresh=True, project_dir=CHECKOUT.dbt_project_dir, run_root=Path(sys.argv[4]))
sys.exit(0 if r.success else f"build failed: {r.failures}")
"""


def test_build_on_a_machine_in_tokyo_keeps_utc(warehouse_root: Path, tmp_path: Path) -> None:
    """DuckDB follows the process's TZ: a plain cast of the raw zone's UTC instants would shift
    them by nine hours here."""
    db = tmp_path / "tokyo.duckdb"
    env = {**os.environ, "TZ": "Asia/Tokyo"}
    raw_zone, runs = str(warehouse_root / "raw"), str(tmp_path / "runs")
    subprocess.run(
        [sys.executable, "-c", _BUILD, str(db), DAYS[0].isoformat(), raw_zone, runs],
        env=env,
        check=True,
        timeout=600,
    )
    part = next((warehouse_root / "raw" / "articles" / f"dt={DAYS[0]}").glob("part-*.parquet"))
    raw = {
        row["article_id"]: row["fetched_at"].replace(tzinfo=None)
        for row in pq.read_table(part, columns=["article_id", "fetched_at"]).to_pylist()
        if row["fetched_at"] is not None
    }
    with duckdb.connect(str(db), read_only=True) as con:
        built = dict(
            con.execute(
                "select article_id, fetched_at from marts.dim_articles where partition_date = ?",
                [DAYS[0]],
            ).fetchall()
        )
    assert raw and {k: built[k] for k in raw} == raw
