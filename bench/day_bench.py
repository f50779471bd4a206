"""A big day through land, dbt and the quality gate: time and peak memory at 100k articles.

Extracting 100k articles takes hours on two cores, and extraction's memory does not grow with
the day (each task holds one batch; ``make bench`` measures it). What does grow with the day is
landing, the dbt build and the gate. They are measured here on a day made from real extraction
output: ``--seed`` corpus pages served on loopback and coded by the pipeline's own
``plan_day``/``process_batch``, then copied, with fresh ids, until the day holds ``--articles``
articles. Each copy's text has its sentences in another order (a rewrite of a syndicated story),
so near-duplicate detection does real work.

Each stage runs as the DAG runs it (``sitrep.pipeline``), in its own process, so its peak
memory (max RSS, DuckDB included) is its own.

    .venv/bin/python bench/day_bench.py --articles 100000

Writes ``bench/results/day.md`` (newest first).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus
from pipeline_bench import machine

from sitrep.article import minhash
from sitrep.config import env_for_root, load_settings
from sitrep.lake import writer

RESULTS = Path(__file__).resolve().parent / "results"
DAY = date(2020, 6, 5)
# the id-like columns a copy must not share with the original, per raw table
ID_COLUMNS = {
    "fetch_outcomes": ["url", "final_url", "article_id", "duplicate_of"],
    "articles": ["article_id", "url", "canonical_url", "content_hash", "cluster_id"],
    "comments": ["comment_id", "article_id"],
    "mentions": ["mention_id", "article_id"],
    "events": ["event_mention_id", "article_id"],
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

_STAGE = """
import json, re, sys, time
from pathlib import Path
from datetime import date
from sitrep import pipeline
from sitrep.config import load_settings
step, day, build = sys.argv[1], date.fromisoformat(sys.argv[2]), sys.argv[3]
settings = load_settings()
started = time.perf_counter()
if step == "land":
    out = pipeline.land_day(settings, day)
elif step == "dbt_build":
    out = pipeline.build_warehouse(settings, day, "day-bench", full_refresh=True)
else:
    out = pipeline.check_quality(settings, day, "day-bench", build)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec
peak_kb = int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))
print(json.dumps({"seconds": round(time.perf_counter() - started, 1),
                  "peak_rss_mb": round(peak_kb / 1024), "result": out}, default=str))
"""


def seed_day(root: Path, pages: int) -> Path:
    """Real extraction output for ``pages`` corpus pages, by the pipeline's own steps."""
    from sitrep import pipeline

    seed = root / "seed"
    if (seed / "done").exists():
        return seed / "raw"
    shutil.rmtree(seed, ignore_errors=True)
    seed.mkdir(parents=True)
    os.environ.update(env_for_root(seed))
    with corpus.serve(pages, DAY) as base:
        sources = seed / "sources.yaml"
        sources.write_text(
            "sources:\n"
            f"  - id: bench\n    kind: feed\n    url: {base}/feed.xml\n"
            f"    allow_hosts: [{base}]\n    language: en\n    rate_limit: 1000\n"
        )
        os.environ["SITREP_SOURCES"] = str(sources)
        settings = load_settings()
        for n, batch in enumerate(pipeline.plan_day(settings, DAY)):
            print(f"[day-bench] seed batch {n} ...", flush=True)
            pipeline.process_batch(settings, DAY, batch)
    (seed / "done").touch()
    return seed / "raw"


def _suffixed(data: pa.Table, table: str, suffix: str) -> pa.Table:
    for name in ID_COLUMNS[table]:
        column = data.schema.get_field_index(name)
        renamed = pc.binary_join_element_wise(data[name], pa.scalar(suffix), "")
        data = data.set_column(column, name, renamed)
    return data


def _reordered(texts: list[str | None], rng: random.Random) -> pa.Array:
    out = []
    for text in texts:
        sentences = _SENTENCE_END.split(text or "")
        rng.shuffle(sentences)
        out.append(" ".join(sentences) if text is not None else None)
    return pa.array(out, pa.string())


def make_day(seed_raw: Path, raw: Path, articles: int) -> int:
    """Copy the seed day until it holds ``articles`` articles; returns the number written."""
    seed = {t: writer.read_day(seed_raw, t, DAY) for t in ID_COLUMNS}
    per_copy = seed["articles"].num_rows
    copies = -(-articles // per_copy)
    writer.clear_day(raw, DAY)
    for k in range(copies):
        suffix = f"-{k:05d}"
        rng = random.Random(k)
        for table, data in seed.items():
            copy = _suffixed(data, table, suffix)
            if table == "articles" and k:
                text = copy.schema.get_field_index("text")
                copy = copy.set_column(text, "text", _reordered(copy["text"].to_pylist(), rng))
                # the signature extraction would store for the rewritten text
                signatures = [minhash(t or "") for t in copy["text"].to_pylist()]
                column = copy.schema.get_field_index("minhash")
                copy = copy.set_column(column, "minhash", pa.array(signatures, pa.binary()))
            writer.write_table(raw, table, DAY, f"copy-{k:05d}", copy)
        if k % 50 == 0:
            print(f"[day-bench] copy {k + 1}/{copies}", flush=True)
    return copies * per_copy


def run_stage(step: str, env: dict[str, str], build: str = "") -> dict[str, Any]:
    """One pipeline step in its own process; its time, peak memory and result."""
    proc = subprocess.run(
        [sys.executable, "-c", _STAGE, step, DAY.isoformat(), build],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines() or ["no output"]
        # the first error DuckDB or dbt reported, not the traceback's last line
        reason = next((line for line in lines if "Error:" in line), lines[-1])
        return {"failed": reason.strip()[:300]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _counts(raw: Path) -> dict[str, int]:
    return {t: writer.read_day(raw, t, DAY, [ID_COLUMNS[t][0]]).num_rows for t in ID_COLUMNS}


def render(run: dict[str, Any]) -> str:
    m = run["machine"]
    lines = [
        f"## {run['when']}: {run['articles']:,} articles in one day",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}; "
        f"DuckDB memory limit {run['duckdb_memory_limit']}.",
        "",
        "Day landed: " + ", ".join(f"{v:,} {k}" for k, v in run["raw_rows"].items()) + ".",
        "",
        "| stage | seconds | peak memory (max RSS) MB | under 4 GiB |",
        "|---|---|---|---|",
    ]
    for step, res in run["stages"].items():
        if "failed" in res:
            lines.append(f"| {step} | failed: {res['failed']} | | |")
            continue
        ok = "yes" if res["peak_rss_mb"] < 4096 else "**no**"
        lines.append(f"| {step} | {res['seconds']} | {res['peak_rss_mb']} | {ok} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=200, help="corpus pages really extracted")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/sitrep-day-bench"))
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the day an earlier run of this size made (and landed) instead of making it "
        "again: for measuring a change to dbt or the gate",
    )
    args = parser.parse_args()

    root = args.dir / str(args.articles)
    made = root / "made"
    env = env_for_root(root)
    steps = ["land", "dbt_build", "quality_gate"]
    if args.reuse and made.exists():
        os.environ.update(env)
        settings = load_settings()
        written = int(made.read_text())
        steps.remove("land")
        print(f"[day-bench] reusing the landed day of {written:,} articles in {root}", flush=True)
    else:
        seed_raw = seed_day(args.dir, args.seed)
        shutil.rmtree(root, ignore_errors=True)
        os.environ.update(env)
        settings = load_settings()
        written = make_day(seed_raw, settings.raw_dir, args.articles)
        print(f"[day-bench] {written:,} articles written; landing, building, checking", flush=True)
    stages: dict[str, Any] = {}
    for step in steps:
        build = stages.get("dbt_build", {}).get("result", "")
        if step == "quality_gate" and not build:
            break  # no build to check
        stages[step] = run_stage(step, env, build)
        if step == "land" and "failed" not in stages[step]:
            made.write_text(str(written))
        print(f"[day-bench] {step}: {json.dumps(stages[step], default=str)[:400]}", flush=True)
    run = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "articles": written,
        "duckdb_memory_limit": os.environ.get("SITREP_DUCKDB_MEMORY_LIMIT", "2GB"),
        "raw_rows": _counts(settings.raw_dir),
        "stages": {k: {x: y for x, y in v.items() if x != "result"} for k, v in stages.items()},
    }
    text = render(run)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    report = RESULTS / "day.md"
    header = "# A big day: land, dbt and the gate (`bench/day_bench.py`)\n\nNewest first.\n\n"
    old = report.read_text().removeprefix(header) if report.exists() else ""
    report.write_text(header + text + "\n" + old)
    return 0


if __name__ == "__main__":
    sys.exit(main())
