"""The gate benchmark's generated warehouse is a valid one (else its timing would mean nothing)."""

from __future__ import annotations

import json

from sitrep.quality import bench


def test_bench_warehouse_passes_the_gate(tmp_path, capsys):
    assert bench.main(["--events", "3000", "--days", "30", "--dir", str(tmp_path)]) == 0
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert line["events"] == 3000 and line["events_on_run_date"] == 100
    assert line["passed"] and line["gate_s"] > 0
