"""Reports placed only at province or country level attach across articles the same way whether
the warehouse is built day by day or in one full refresh (the attachment depends on other days)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from tests.warehouse.conftest import DAYS, EMPTY_DAY, run
from tests.warehouse.test_incremental import _live_rows, _marts

SYRIA_GEONAMES_ID = 163843  # a country-level gazetteer place


def _coarsen(raw: Path) -> None:
    """Every third report keeps only its province (every ninth only its country), as a
    geoparser does for "in Deir ez-Zor province" or "in eastern Syria"."""
    for path in sorted((raw / "events").glob("dt=*/part-*.parquet")):
        rows = pq.read_table(path).to_pylist()
        if not rows:
            continue
        for n, row in enumerate(rows):
            if n % 9 == 0 and row["location_country_code"] == "SYR":
                row.update(
                    location_geonames_id=SYRIA_GEONAMES_ID,
                    location_admin1=None,
                    location_geo_precision=5,
                )
            elif n % 3 == 0 and row["location_admin1"]:
                # a stable stand-in for the province's gazetteer id
                province_id = 900_000 + sum(map(ord, row["location_admin1"]))
                row.update(location_geonames_id=province_id, location_geo_precision=4)
        schema = pq.read_schema(path)
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


def test_coarse_attachment_incremental_equals_full_refresh(
    warehouse_root: Path, tmp_path: Path
) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(warehouse_root / "raw", raw)
    _coarsen(raw)
    incremental, full = tmp_path / "incremental.duckdb", tmp_path / "full.duckdb"
    for day in [*DAYS, EMPTY_DAY]:
        run(incremental, day, raw, tmp_path / "runs")
    run(full, EMPTY_DAY, raw, tmp_path / "runs", full_refresh=True)

    inc = duckdb.connect(str(incremental), read_only=True)
    ref = duckdb.connect(str(full), read_only=True)
    # the rule is exercised: some coarse reports cluster in a town's block
    attached = inc.execute(
        "select count(*) from intermediate.int_event_clusters "
        "where not starts_with(cluster_key, block_key || '#')"
    ).fetchone()[0]
    assert attached > 0
    for table in _marts(inc):
        if table == "dim_actors":
            continue  # snapshot timestamps differ by build time (compared in test_incremental)
        assert _live_rows(inc, table) == _live_rows(ref, table), f"marts.{table} differs"
