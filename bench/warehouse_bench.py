"""Warehouse benchmark: full build and one-day incremental build at growing sizes.

For each size (event mentions in the warehouse's history), generate realistic raw-zone days
(sitrep.warehouse.synthetic), build them with --full-refresh, then land one more day of a
FIXED size and build it incrementally: the incremental time should stay flat as the history
grows. Each build runs in its own process so its peak memory (max RSS) is its own.

    .venv/bin/python bench/warehouse_bench.py            # WAREHOUSE_BENCH_SIZES=10000,100000
    WAREHOUSE_BENCH_SIZES=10000,100000,1000000 .venv/bin/python bench/warehouse_bench.py

Writes bench/results/warehouse.md.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sitrep.warehouse.synthetic import generate_days

REPO = Path(__file__).resolve().parents[1]
HISTORY_DAYS = 30
NEW_DAY_EVENTS = 100  # about 130 event mentions (reports lagging past the day are dropped)
REPORTS_PER_EVENT = 3

_CHILD = """
import json, resource, sys
from datetime import date
from pathlib import Path
from sitrep.reference import CHECKOUT
from sitrep.warehouse import build
db, day, raw, full, runs = sys.argv[1:6]
r = build(Path(db), run_date=date.fromisoformat(day), raw_url=raw, full_refresh=full == "1",
          project_dir=CHECKOUT.dbt_project_dir, run_root=Path(runs))
results = r.run_dir / "target" / "run_results.json"
nodes = json.loads(results.read_text())["results"] if results.exists() else []
slowest = sorted(((n["unique_id"], n["execution_time"]) for n in nodes), key=lambda x: -x[1])
print(json.dumps({"success": r.success, "failures": r.failures[:3], "elapsed_s": r.elapsed_s,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "dbt_nodes_s": sum(t for _, t in slowest), "slowest": slowest[:6]}))
"""


def _build(db: Path, day: date, raw: Path, full: bool, runs: Path) -> dict:
    """One build in a child process; its wall time, dbt's own time and peak memory."""
    started = time.perf_counter()
    args = [str(db), day.isoformat(), str(raw), str(int(full)), str(runs)]
    out = _child(_CHILD, args, f"build of {db} for {day}")
    out["wall_s"] = time.perf_counter() - started
    if not out["success"]:
        raise RuntimeError(f"build of {db} for {day} failed: {out['failures']}")
    return out


_GATE_CHILD = """
import json, resource, sys, time
from datetime import date
from pathlib import Path
import duckdb
from sitrep.quality import run_gate
db, day, raw, expectations, docs = sys.argv[1:6]
started = time.perf_counter()
r = run_gate(Path(db), run_date=date.fromisoformat(day), run_id="bench",
             expectations_dir=Path(expectations), docs_dir=Path(docs), raw_dir=Path(raw))
elapsed = time.perf_counter() - started
with duckdb.connect(db, read_only=True) as con:
    events = con.execute("select count(*) from marts.fct_events").fetchone()[0]
print(json.dumps({"elapsed_s": elapsed, "passed": r.passed, "events": events,
                  "critical_failures": r.critical_failures,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _gate(db: Path, day: date, raw: Path, docs: Path) -> dict:
    """The quality gate on the build for ``day``, in a child process (time, peak memory), and
    the number of events (``marts.fct_events``) in the warehouse it checked."""
    args = [str(db), day.isoformat(), str(raw), str(REPO / "expectations"), str(docs)]
    return _child(_GATE_CHILD, args, f"gate on {db} for {day}")


def _child(code: str, args: list[str], what: str) -> dict:
    """Run ``code`` in a fresh Python process; the JSON line it prints last."""
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"{what} crashed: {proc.stderr[-2000:]}")
    return json.loads(lines[-1])


def bench_size(event_mentions: int, root: Path) -> dict:
    raw = root / "raw"
    start = date(2024, 1, 1)
    history = [start + timedelta(days=n) for n in range(HISTORY_DAYS)]
    per_day = max(1, event_mentions // (HISTORY_DAYS * REPORTS_PER_EVENT))
    places = max(50, event_mentions // 50)
    t0 = time.perf_counter()
    counts = generate_days(
        raw,
        history,
        events_per_day=per_day,
        reports_per_event=REPORTS_PER_EVENT,
        extra_places=places,
    )
    new_day = start + timedelta(days=HISTORY_DAYS)
    new_counts = generate_days(
        raw,
        [new_day],
        events_per_day=NEW_DAY_EVENTS,
        reports_per_event=REPORTS_PER_EVENT,
        extra_places=places,
        seed=99,
    )
    generated_s = time.perf_counter() - t0
    db = root / "warehouse.duckdb"
    full = _build(db, history[-1], raw, True, root / "runs")
    incremental = _build(db, new_day, raw, False, root / "runs")
    gate = _gate(db, new_day, raw, root / "docs")
    return {
        "event_mentions": counts["events"],
        "all_mentions": counts["events"] + counts["mentions"],
        "articles": counts["articles"],
        "new_day_event_mentions": new_counts["events"],
        "generate_s": generated_s,
        "full": full,
        "incremental": incremental,
        "gate": gate,
        "db_mb": db.stat().st_size / 2**20,
    }


def main() -> None:
    sizes = [int(s) for s in os.environ.get("WAREHOUSE_BENCH_SIZES", "10000,100000").split(",")]
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"sitrep-wh-bench-{size}-") as tmp:
            result = bench_size(size, Path(tmp))
        rows.append(result)
        print(json.dumps(result), flush=True)
    lines = [
        "# Warehouse benchmark",
        "",
        f"`{' '.join(['.venv/bin/python', 'bench/warehouse_bench.py'])}` "
        f"(sizes {','.join(map(str, sizes))}); {platform.machine()}, {os.cpu_count()} cores "
        "shared with other work, dbt threads 2. History: "
        f"{HISTORY_DAYS} days; the incremental day has the same size at every size "
        f"(~{rows[0]['new_day_event_mentions']} event mentions). Sizes are targets: reports that "
        "would land after the last day are dropped. Times are "
        "wall-clock seconds of `build()` in a fresh "
        "process (dbt parse included); memory is that process's peak RSS. *events* are the "
        "warehouse's real-world events after clustering (`marts.fct_events`); the gate is the "
        "quality gate on the incremental day's build, in its own process.",
        "",
        "| event mentions | events | all mentions | articles | full build s | full peak MB "
        "| incremental day s | incremental peak MB | gate s | gate peak MB | increment + gate s "
        "| db MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        inc, gate = r["incremental"], r["gate"]
        passed = "" if gate["passed"] else " (gate FAILED)"
        lines.append(
            f"| {r['event_mentions']:,} | {gate['events']:,} | {r['all_mentions']:,} "
            f"| {r['articles']:,} | {r['full']['elapsed_s']:.1f} | {r['full']['max_rss_mb']:.0f} "
            f"| {inc['elapsed_s']:.1f} | {inc['max_rss_mb']:.0f} | {gate['elapsed_s']:.1f} "
            f"| {gate['max_rss_mb']:.0f} | {inc['elapsed_s'] + gate['elapsed_s']:.1f}{passed} "
            f"| {r['db_mb']:.1f} |"
        )
    lines += [
        "",
        "Where the incremental day's time goes (dbt node execution seconds, the slowest six; "
        "the rest of the wall time is dbt start-up and parsing):",
        "",
    ]
    for r in rows:
        nodes = ", ".join(
            f"{uid.split('.')[-1]} {secs:.1f}" for uid, secs in r["incremental"]["slowest"]
        )
        lines.append(
            f"- {r['event_mentions']:,} event mentions: nodes "
            f"{r['incremental']['dbt_nodes_s']:.1f} s in all; {nodes}"
        )
    out = REPO / "bench" / "results" / "warehouse.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n")
    print(out.read_text())


if __name__ == "__main__":
    main()
