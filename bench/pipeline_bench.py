"""``make bench``: the daily pipeline end to end on generated corpora, stage by stage.

For each size (default 1k and 10k articles; ``BENCH_SIZES=1000,10000,100000`` for more):

1. the *bare extraction work* alone on the same pages, on both cores: trafilatura then the
   spaCy pipeline (``nlp.pipe``), two processes — the ceiling the pipeline is compared with;
2. the real DAG on a real multi-process Airflow (LocalExecutor, parallelism 4, PostgreSQL
   metadata), its sources file pointing at the corpus served on loopback: per-stage wall time,
   articles/s, CPU use of both cores and peak memory (all processes of the deployment);
3. a one-day increment: a second, smaller day on top, to time dbt and the gate on an increment.

Results are appended, with the machine's description, to ``bench/results/pipeline.md`` and
compared, size by size, with the latest earlier run of that size kept in
``bench/results/pipeline.json`` (a list of runs, newest first).

What is measured, and how to read it on a shared machine:

- *articles/s* are wall-clock rates: another process on the same cores slows both the bare run
  and the pipeline. Every window therefore also records the CPU the benchmark's own process
  tree used (``cpu_s``) and how busy the machine was with *other* work (``others_pct``, of all
  cores): compare ratios only between runs with little other load.
- *memory* is the sum over the deployment's processes (Airflow's scheduler, workers, API server,
  DAG processor, task processes) of their proportional set size (PSS: shared pages counted
  once, which an RSS sum over forked processes is not), sampled every five seconds, and of
  their RSS, sampled every half second.
- The benchmark's own process (the sampler and the corpus server, which stands in for the news
  sites) is not counted as the pipeline's: the figures are of its child processes. The corpus
  is rendered to files before anything is timed, so serving a page costs a file read, as the
  bare run reads pages made beforehand. (Reading every process's ``smaps_rollup`` twice a
  second cost the machine 0.1-0.2 of a core during extraction, charged to "ours", and making
  pages on request 6 ms a page: both slowed the pipeline and not the bare run.)
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

from sitrep.airflow_cluster import LocalAirflowCluster, service_reachable
from sitrep.config import env_for_root, load_settings

RESULTS = Path(__file__).resolve().parent / "results"
DAY = date(2020, 6, 5)


# --------------------------------------------------------------------------- sampling


class Sampler:
    """Samples, twice a second, the CPU use of the machine and of this process's children (per
    core) and their RSS; every ``pss_every`` samples their PSS (falling back to RSS where
    smaps_rollup is unreadable). The kernel walks every mapping of a process to answer
    smaps_rollup: tens of ms for a 1 GB task process, too dear to ask twice a second."""

    def __init__(self, interval: float = 0.5, pss_every: int = 10) -> None:
        self.interval = interval
        self.pss_every = pss_every
        # (time, machine busy % per core, children's CPU seconds so far, PSS bytes or None,
        # RSS bytes)
        self.samples: list[tuple[float, list[float], float, int | None, int]] = []
        self._stop = threading.Event()
        self._cpu_seen: dict[int, float] = {}
        self._cpu_total = 0.0
        self.own_cpu_s = 0.0

    def _tree(self, with_pss: bool) -> tuple[float, int | None, int]:
        pss = rss = 0
        for proc in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                used = times.user + times.system
                # a process that ends between two samples loses at most one interval of CPU
                self._cpu_total += used - self._cpu_seen.get(proc.pid, 0.0)
                self._cpu_seen[proc.pid] = used
                mem = proc.memory_info().rss
                rss += mem
                if with_pss:
                    pss += _pss(proc.pid) or mem
        return self._cpu_total, pss if with_pss else None, rss

    def _loop(self) -> None:
        psutil.cpu_percent(percpu=True)
        n = 0
        while not self._stop.wait(self.interval):
            busy = psutil.cpu_percent(percpu=True)
            self.samples.append((time.time(), busy, *self._tree(n % self.pss_every == 0)))
            n += 1
            self.own_cpu_s = time.thread_time()  # what sampling itself costs (reported)

    @contextmanager
    def running(self):
        thread = threading.Thread(target=self._loop, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()

    def window(self, start: float, end: float) -> dict[str, object]:
        """CPU and memory figures for a stage that ran from ``start`` to ``end`` (epoch s)."""
        rows = [r for r in self.samples if start <= r[0] <= end] or self.samples[-1:]
        if not rows:
            return {"cpu_pct_per_core": [], "peak_pss_mb": 0.0, "peak_rss_mb": 0.0}
        cores = len(rows[0][1])
        per_core = [round(sum(r[1][c] for r in rows) / len(rows), 1) for c in range(cores)]
        before = [r for r in self.samples if r[0] <= start] or self.samples[:1]
        after = [r for r in self.samples if r[0] >= end] or self.samples[-1:]
        ours = after[0][2] - before[-1][2]
        seconds = max(end - start, 1e-9)
        machine = sum(per_core) / 100 * seconds  # CPU-seconds the whole machine was busy
        return {
            "cpu_pct_per_core": per_core,
            "cpu_s": round(ours, 1),
            "others_pct": round(max(0.0, machine - ours) / (cores * seconds) * 100, 1),
            # a stage shorter than the PSS interval may have no PSS sample: its RSS still says
            "peak_pss_mb": _mb(max((r[3] for r in rows if r[3] is not None), default=None)),
            "peak_rss_mb": round(max(r[4] for r in rows) / 2**20),
        }


def _mb(value: int | None) -> int | str:
    return round(value / 2**20) if value is not None else "-"


def _pss(pid: int) -> int | None:
    """Proportional set size of a process from /proc (Linux), or None."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


# --------------------------------------------------------------------------- bare extraction


def _bare_chunk(pages_dir: Path, numbers: list[int]) -> tuple[int, float, float]:
    """One core's share: pages made and the model loaded first, then only the work is timed.

    spaCy gets the same batches as the pipeline's NLP stage (bounded by characters): the bare
    figure is the best this work does alone, not a worse-batched version of it.
    """
    import spacy
    import trafilatura

    from sitrep.nlp import BATCH_CHARS, SPACY_MODEL, char_batches

    nlp = spacy.load(SPACY_MODEL)
    pages = [(pages_dir / f"{n}.html").read_text() for n in numbers]
    start, cpu = time.perf_counter(), time.process_time()
    texts = [(trafilatura.extract(html) or "", None) for html in pages]
    for group in char_batches(texts, 32, BATCH_CHARS):
        for _ in nlp.pipe(group, as_tuples=True, batch_size=len(group)):
            pass
    return len(numbers), time.perf_counter() - start, time.process_time() - cpu


def bare_extraction(count: int, pages_dir: Path, sampler: Sampler) -> dict[str, object]:
    """trafilatura + spaCy on the same pages, alone, on two processes (one per core)."""
    numbers = list(range(count))
    with ProcessPoolExecutor(2) as pool:
        shares = list(pool.map(_bare_chunk, [pages_dir] * 2, [numbers[0::2], numbers[1::2]]))
    done = sum(n for n, _, _ in shares)
    elapsed = max(t for _, t, _ in shares)
    cpu = sum(c for _, _, c in shares)
    return {
        "articles": done,
        "seconds": round(elapsed, 1),
        "articles_per_s": done / elapsed,
        "cpu_s_per_article": round(cpu / done, 3),
        "others_pct": sampler.window(time.time() - elapsed, time.time())["others_pct"],
    }


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


def pipeline_run(count: int, root: Path, pages: Path, sampler: Sampler) -> dict[str, object]:
    """The real DAG on LocalExecutor over a corpus of ``count`` articles, then a small next day."""
    # a fresh root: the day's discovery memory and fetch state of an earlier run (another port)
    # would otherwise be merged into this run's day
    shutil.rmtree(root, ignore_errors=True)
    os.environ.update(env_for_root(root))
    # the product's own batch planning (SITREP_BATCH_SIZE, SITREP_EXTRACT_SLOTS): measured as run
    root.mkdir(parents=True, exist_ok=True)
    sources = root / "sources.yaml"
    results: dict[str, object] = {}
    with corpus.serve(count, DAY, corpus.render(count, DAY, pages)) as base:
        sources.write_text(
            "sources:\n"
            f"  - id: bench\n    kind: feed\n    url: {base}/feed.xml\n"
            f"    allow_hosts: [{base}]\n    language: en\n    rate_limit: 1000\n"
        )
        os.environ["SITREP_SOURCES"] = str(sources)
        cluster = LocalAirflowCluster(
            load_settings(),
            root / "airflow",
            database="sitrep_airflow_bench",
            executor="LocalExecutor",
            # executor slots above the DAG's two extract slots (max_active_tis_per_dagrun), as
            # in the compose deployment (Airflow's default, 32): a finished task's supervisor
            # can hold its slot ~5 s after the task ends, and must not hold back the next batch
            parallelism=4,
        )
        with cluster:
            cluster.ready()  # parsed and unpaused: a deployment's state before its daily run
            started, sampled = time.time(), sampler.own_cpu_s
            state = cluster.run_day(DAY, timeout=6 * 3600)
            results["state"] = state
            # the run's own time as Airflow recorded it (queued -> ended): the trigger command's
            # start-up and our 3 s polling are the benchmark's, not the pipeline's
            queued, ended = cluster.run_span()
            results["wall_s"] = round(ended - queued, 1)
            results["observed_s"] = round(time.time() - started, 1)
            results["whole_run"] = sampler.window(queued, ended)
            results["sampler_cpu_s"] = round(sampler.own_cpu_s - sampled, 1)
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
    with corpus.serve(small, nxt, corpus.render(small, nxt, pages)) as base:
        sources.write_text(
            "sources:\n"
            f"  - id: bench\n    kind: feed\n    url: {base}/feed.xml\n"
            f"    allow_hosts: [{base}]\n    language: en\n    rate_limit: 1000\n"
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
    """What the figures were measured on."""
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _figures(size: str, res: dict[str, Any]) -> dict[str, float | None]:
    """The headline numbers of one size, for the comparison with an earlier run."""
    bare = res["bare"]["articles_per_s"]
    pipe = res["pipeline"]
    rate = int(size) / pipe["wall_s"] if pipe.get("wall_s") else None
    extract = pipe.get("stages", {}).get("extract", {})
    peaks = [
        pss if isinstance(pss := st.get("peak_pss_mb"), int) else st.get("peak_rss_mb") or 0
        for st in pipe["stages"].values()
    ]
    return {
        "bare articles/s": round(bare, 2),
        "pipeline articles/s": round(rate, 2) if rate else None,
        "pipeline % of bare": round(100 * rate / bare) if rate else None,
        "extract articles/s": extract.get("articles_per_s"),
        "peak memory MB": max(peaks, default=None),
    }


def render(run: dict[str, Any], history: list[dict[str, Any]]) -> str:
    """Markdown for one run, each size compared with the latest earlier run of that size."""
    m = run["machine"]
    lines = [
        f"## {run['when']}",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}, "
        f"{m['platform']}; load average at start {m.get('load_average_at_start')} (the cores "
        "are shared with other work: see *others* below).",
        "",
    ]
    for size, res in run["sizes"].items():
        bare = res["bare"]
        pipe = res["pipeline"]
        now = _figures(size, res)
        whole = pipe.get("whole_run", {})
        lines += [
            f"### {int(size):,} articles",
            "",
            f"- bare extraction (trafilatura + spaCy, 2 processes, {bare['articles']} articles): "
            f"**{bare['articles_per_s']:.2f} articles/s**, {bare.get('cpu_s_per_article')} "
            f"CPU-s per article, others {bare.get('others_pct')}% of the cores",
            f"- whole pipeline through Airflow: **{now['pipeline articles/s']} articles/s** "
            f"({now['pipeline % of bare']}% of bare; target ≥ 70%), state {pipe['state']}, "
            f"{pipe['wall_s']} s from queued to done"
            + (
                f" ({pipe['observed_s']} s from the trigger command)"
                if "observed_s" in pipe
                else ""
            )
            + f"; our processes used {whole.get('cpu_s')} CPU-s "
            f"({_per_article(whole.get('cpu_s'), size)} per article), "
            f"others {whole.get('others_pct')}% of the cores; peak memory "
            f"{whole.get('peak_pss_mb')} MB PSS ({whole.get('peak_rss_mb')} MB RSS summed)"
            + (
                f"; the sampler itself used {pipe['sampler_cpu_s']} CPU-s (in *others*)"
                if "sampler_cpu_s" in pipe
                else ""
            ),
            "",
            "| stage | seconds | articles/s | CPU % per core | our CPU-s | others % "
            "| peak PSS MB | peak RSS MB |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for task, st in pipe["stages"].items():
            lines.append(
                f"| {task} | {st['seconds']} | {st['articles_per_s']} | "
                f"{st['cpu_pct_per_core']} | {st.get('cpu_s')} | {st.get('others_pct')} | "
                f"{st.get('peak_pss_mb')} | {st.get('peak_rss_mb')} |"
            )
        inc = pipe.get("increment", {})
        lines += [
            "",
            f"- one-day increment ({inc.get('articles')} articles on top, state "
            f"{inc.get('state')}): dbt build {inc.get('dbt_build')} s, quality gate "
            f"{inc.get('quality_gate')} s, publish {inc.get('publish')} s",
        ]
        earlier = next((r for r in history if size in r.get("sizes", {})), None)
        if earlier:
            before = _figures(size, earlier["sizes"][size])
            lines += ["", f"Compared with {earlier['when']}:", ""]
            lines += ["| figure | before | now |", "|---|---|---|"]
            lines += [f"| {k} | {before[k]} | {now[k]} |" for k in now]
        lines.append("")
    return "\n".join(lines)


def _per_article(cpu_s: float | None, size: str) -> str:
    return f"{cpu_s / int(size):.2f}" if cpu_s else "?"


def _history(store: Path) -> list[dict[str, Any]]:
    """Earlier runs, newest first (an older file holds one run as an object)."""
    if not store.exists():
        return []
    data = json.loads(store.read_text())
    return data if isinstance(data, list) else [data]


def main() -> int:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000").split(",") if s]
    for name, port in (("PostgreSQL", 5432),):
        if not service_reachable("127.0.0.1", port):
            print(f"{name} is not on 127.0.0.1:{port}; the benchmark needs it for Airflow")
            return 1
    root = Path(os.environ.get("BENCH_DIR", "/tmp/sitrep-bench"))
    run: dict[str, Any] = {"when": datetime.now(UTC).isoformat(timespec="seconds")}
    run["machine"] = machine()
    run["sizes"] = {}
    for size in sizes:
        print(f"[bench] {size:,} articles: rendering the corpus (kept for later runs) ...")
        pages_dir = corpus.render(size, DAY, root / "pages")
        sampler = Sampler()
        with sampler.running():
            print(f"[bench] {size:,} articles: bare extraction ...", flush=True)
            bare = bare_extraction(min(size, 2000), pages_dir, sampler)
            print(f"[bench]   {bare['articles_per_s']:.2f} articles/s", flush=True)
            print(f"[bench] {size:,} articles: the DAG on Airflow (LocalExecutor) ...", flush=True)
            pipe = pipeline_run(size, root / str(size), root / "pages", sampler)
        print(f"[bench]   {pipe['state']} in {pipe['wall_s']} s", flush=True)
        run["sizes"][str(size)] = {"bare": bare, "pipeline": pipe}
    RESULTS.mkdir(exist_ok=True)
    store = RESULTS / "pipeline.json"
    history = _history(store)
    text = render(run, history)
    print(text)
    report = RESULTS / "pipeline.md"
    header = "# Pipeline benchmark (`make bench`)\n\nNewest first.\n\n"
    old = report.read_text().removeprefix(header) if report.exists() else ""
    report.write_text(header + text + "\n" + old)
    store.write_text(json.dumps([run, *history], indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
