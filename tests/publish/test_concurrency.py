"""Write-audit-publish under real concurrency: separate reader processes, runs killed mid-way."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb

from sitrep.publish import keep_failed, prepare_build, publish, recover_leftovers

PY = sys.executable


def _make_version(path: Path, version: int, rows: int = 20_000) -> None:
    """A build whose every row says which version it is (a torn read would mix versions)."""
    con = duckdb.connect(str(path))
    con.execute("create schema if not exists marts")
    con.execute("create or replace table marts.facts (id bigint, version int, payload varchar)")
    con.execute(
        "insert into marts.facts select i, ?, repeat('x', 50) from range(?) t(i)",
        [version, rows],
    )
    con.close()


def _published(tmp_path: Path, version: int = 1) -> tuple[Path, Path]:
    warehouse = tmp_path / "warehouse" / "sitrep.duckdb"
    builds = tmp_path / "warehouse" / "builds"
    build = prepare_build(warehouse, builds, f"run-{version}")
    _make_version(build, version)
    publish(build, warehouse)
    return warehouse, builds


def _read_versions(path: Path) -> list[tuple[int, int]]:
    """Read the published file from a fresh process, as a new BI connection would."""
    code = (
        "import duckdb, sys, json;"
        "c = duckdb.connect(sys.argv[1], read_only=True);"
        "print(json.dumps(c.execute('select version, count(*) from marts.facts"
        " group by all order by all').fetchall()))"
    )
    out = subprocess.run([PY, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    import json

    return [tuple(r) for r in json.loads(out.stdout)]


READER = textwrap.dedent(
    """
    import duckdb, sys, json
    con = duckdb.connect(sys.argv[1], read_only=True)
    q = "select version, count(*) from marts.facts group by all order by all"
    print(json.dumps(con.execute(q).fetchall()), flush=True)
    sys.stdin.readline()            # hold the file open until the run has published
    print(json.dumps(con.execute(q).fetchall()), flush=True)
    """
)


def test_reader_holding_the_file_never_blocks_a_publish_and_keeps_its_snapshot(tmp_path):
    warehouse, builds = _published(tmp_path, version=1)
    reader = subprocess.Popen(
        [PY, "-c", READER, str(warehouse)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "[[1, 20000]]"

        build = prepare_build(warehouse, builds, "run-2")
        con = duckdb.connect(str(build))
        con.execute("update marts.facts set version = 2")
        con.execute("insert into marts.facts select 20000 + i, 2, 'y' from range(500) t(i)")
        con.close()
        started = time.monotonic()
        publish(build, warehouse)
        assert time.monotonic() - started < 10, "publish waited on the reader"

        assert _read_versions(warehouse) == [(2, 20500)]  # a new connection sees the new file

        reader.stdin.write("go\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "[[1, 20000]]"  # old snapshot, whole
    finally:
        reader.kill()
        reader.wait()
    assert not build.exists()


SLOW_COPY = textwrap.dedent(
    """
    import shutil, sys, time
    from pathlib import Path
    import sitrep.publish.swap as swap

    def slow_copyfile(src, dst):  # the same bytes as shutil.copyfile, slowly, to be killed
        with open(src, "rb") as fin, open(dst, "wb") as fout:
            while chunk := fin.read(64 * 1024):
                fout.write(chunk)
                fout.flush()
                time.sleep(0.05)
        return dst

    swap.shutil.copyfile = slow_copyfile
    print("copying", flush=True)
    swap.prepare_build(Path(sys.argv[1]), Path(sys.argv[2]), "killed-run")
    print("done", flush=True)
    """
)


def test_run_killed_mid_copy_leaves_the_warehouse_intact_and_the_next_run_recovers(tmp_path):
    warehouse, builds = _published(tmp_path, version=1)
    child = subprocess.Popen(
        [PY, "-c", SLOW_COPY, str(warehouse), str(builds)], stdout=subprocess.PIPE, text=True
    )
    partial = builds / "build-killed-run.duckdb.copying"
    deadline = time.monotonic() + 60
    while not (partial.exists() and partial.stat().st_size > 0):
        assert child.poll() is None, "child ended before it was killed"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert partial.exists()
    assert not (builds / "build-killed-run.duckdb").exists()  # never looks like a whole copy
    assert _read_versions(warehouse) == [(1, 20000)]

    build = prepare_build(warehouse, builds, "next-run")
    assert not partial.exists()  # the leftover is cleaned
    con = duckdb.connect(str(build))
    con.execute("update marts.facts set version = 3")
    con.close()
    publish(build, warehouse)
    assert _read_versions(warehouse) == [(3, 20000)]


KILLED_BUILD = textwrap.dedent(
    """
    import sys, duckdb
    from pathlib import Path
    from sitrep.publish import prepare_build
    build = prepare_build(Path(sys.argv[1]), Path(sys.argv[2]), "killed-build")
    con = duckdb.connect(str(build))
    con.execute("update marts.facts set version = 99")
    print("writing", flush=True)
    while True:  # a long dbt model, mid-write
        con.execute("insert into marts.facts select i, 99, 'z' from range(10000) t(i)")
    """
)


def test_run_killed_mid_build_leaves_the_warehouse_intact_and_a_retry_starts_clean(tmp_path):
    warehouse, builds = _published(tmp_path, version=1)
    child = subprocess.Popen(
        [PY, "-c", KILLED_BUILD, str(warehouse), str(builds)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout.readline().strip() == "writing"
    time.sleep(0.3)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    killed = builds / "build-killed-build.duckdb"
    assert killed.exists()
    assert _read_versions(warehouse) == [(1, 20000)]

    retry = prepare_build(warehouse, builds, "killed-build")  # Airflow retries the same run id
    assert retry == killed
    assert _read_versions(retry) == [(1, 20000)]  # from the published state, not the half build
    assert not Path(f"{retry}.wal").exists()
    publish(retry, warehouse)
    assert _read_versions(warehouse) == [(1, 20000)]

    other = prepare_build(warehouse, builds, "abandoned")
    removed = recover_leftovers(builds)
    assert other in removed  # no step holds it and its run is over: it goes, however recent


HOLDER = textwrap.dedent(
    """
    import sys, duckdb
    from pathlib import Path
    from sitrep.publish import holding, prepare_build
    build = prepare_build(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
    with holding(build):
        con = duckdb.connect(str(build))
        con.execute("update marts.facts set version = 42")
        print("holding", flush=True)
        if sys.argv[4] == "write":
            while True:  # a long dbt model, mid-write (its WAL grows)
                con.execute("insert into marts.facts select i, 42, 'w' from range(10000) t(i)")
        sys.stdin.readline()
    """
)


def _holder(warehouse: Path, builds: Path, run_id: str, mode: str) -> subprocess.Popen:
    child = subprocess.Popen(
        [PY, "-c", HOLDER, str(warehouse), str(builds), run_id, mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "holding"
    return child


def test_a_killed_runs_working_copy_goes_with_the_next_run_and_a_live_one_stays(tmp_path):
    warehouse, builds = _published(tmp_path, version=1)
    failed = keep_failed(prepare_build(warehouse, builds, "gate-failed"), builds)
    dead = _holder(warehouse, builds, "dead-run", "write")
    os.kill(dead.pid, signal.SIGKILL)
    dead.wait()
    dead_build = builds / "build-dead-run.duckdb"
    assert dead_build.exists()
    live = _holder(warehouse, builds, "live-run", "wait")
    try:
        prepare_build(warehouse, builds, "next-run")
        # the killed run's copy and everything beside it is gone at once, not after hours
        assert not list(builds.glob("build-dead-run.duckdb*"))
        assert (builds / "build-live-run.duckdb").exists()  # a step still works on it
        assert failed.exists()  # kept on purpose for inspection
    finally:
        live.kill()
        live.wait()
    prepare_build(warehouse, builds, "after-that")
    assert not list(builds.glob("build-live-run.duckdb*"))
    assert failed.exists()
    assert _read_versions(warehouse) == [(1, 20000)]


def test_failing_build_is_kept_and_the_published_file_is_untouched(tmp_path):
    warehouse, builds = _published(tmp_path, version=1)
    before = warehouse.stat().st_ino
    build = prepare_build(warehouse, builds, "bad-run")
    _make_version(build, 7)
    kept = keep_failed(build, builds)
    assert kept.parent == builds / "failed"
    assert not build.exists()
    assert _read_versions(kept) == [(7, 20000)]
    assert warehouse.stat().st_ino == before
    assert _read_versions(warehouse) == [(1, 20000)]


def test_first_run_builds_from_nothing_and_a_stray_wal_never_reaches_a_new_file(tmp_path):
    warehouse = tmp_path / "wh" / "sitrep.duckdb"
    builds = tmp_path / "wh" / "builds"
    build = prepare_build(warehouse, builds, "first")
    assert not build.exists()  # dbt creates it
    _make_version(build, 1, rows=10)
    publish(build, warehouse)
    stray = Path(f"{warehouse}.wal")
    stray.write_bytes(b"a log left by someone writing to the published file")
    build = prepare_build(warehouse, builds, "second")
    assert _read_versions(build) == [(1, 10)]
    _make_version(build, 2, rows=3)
    publish(build, warehouse)
    assert not stray.exists()
    assert list(stray.parent.glob("sitrep.duckdb.wal.orphaned-*"))
    assert _read_versions(warehouse) == [(2, 3)]


def test_previous_version_is_kept_for_rollback(tmp_path):
    warehouse, builds = _published(tmp_path, version=1)
    build = prepare_build(warehouse, builds, "run-2")
    _make_version(build, 2, rows=5)
    publish(build, warehouse)
    assert _read_versions(builds / "previous.duckdb") == [(1, 20000)]
    assert _read_versions(warehouse) == [(2, 5)]
