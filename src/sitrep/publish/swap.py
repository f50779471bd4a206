"""Working copies, the atomic swap, and what is left behind when a run fails or is killed.

Invariants (relied on by the DAG, BI readers and the tests in ``tests/publish``):

- the published file is only ever replaced whole, by ``os.replace`` on one filesystem, after a
  ``CHECKPOINT`` so it needs no write-ahead log: a reader sees the old file or the new one, never
  a mix, and a reader holding the old file open keeps it (POSIX keeps the unlinked inode alive);
- the published file is never opened for writing by the pipeline, so a reader's lock never blocks
  a run;
- a working copy is written under a temporary name and renamed when complete, so a run killed
  mid-copy leaves only a ``*.copying`` file, which the next ``prepare_build`` deletes;
- a working copy records its owner (``*.owner``: host and pid) and every step that works on it
  holds its lock (``*.lock``, :func:`holding`); the next ``prepare_build`` removes the copies
  whose owner is gone and which no process holds, whatever their age. Failed builds moved to
  ``failed/`` on purpose are kept (the newest ``KEEP_FAILED``).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from sitrep.publish.compat import STORAGE_VERSION, ensure_storage_version

log = logging.getLogger("sitrep.publish")

COPYING = ".copying"
INCOMING = ".incoming"
LOCK_NAME = ".sitrep-publish.lock"
PREVIOUS_NAME = "previous.duckdb"
FAILED_DIR = "failed"
KEEP_FAILED = 5
OWNER = ".owner"  # beside a working copy: {"host", "pid"} of the process that made it
BUILD_LOCK = ".lock"  # beside a working copy: held by the step working on it


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _safe_name(run_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", run_id).strip("._")[:120] or "run"


def _remove(path: Path) -> None:
    for p in (path, _wal(path), _beside(path, OWNER), _beside(path, BUILD_LOCK)):
        p.unlink(missing_ok=True)


def _record_owner(path: Path) -> None:
    owner = {"host": socket.gethostname(), "pid": os.getpid()}
    _beside(path, OWNER).write_text(json.dumps(owner))


@contextmanager
def holding(build_path: Path) -> Iterator[None]:
    """Mark a working copy in use while a step (build, gate, publish) works on it: the lock is
    the kernel's, so it goes with a killed process and never outlives a run."""
    build_path = Path(build_path)
    with open(_beside(build_path, BUILD_LOCK), "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_SH)
        try:
            if build_path.exists():
                _record_owner(build_path)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def in_use(build_path: Path) -> bool:
    """Whether a live run still owns a working copy: a step holds its lock, or the process
    that last worked on it runs on this host. Age plays no part."""
    lock = _beside(build_path, BUILD_LOCK)
    if lock.exists():
        with open(lock, "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
    try:
        owner = json.loads(_beside(build_path, OWNER).read_text())
    except (OSError, ValueError):
        return False  # no owner recorded (or unreadable): nobody claims it
    if owner.get("host") != socket.gethostname():
        return False  # a step on another machine would hold the lock
    return owner.get("pid") != os.getpid() and _pid_alive(int(owner.get("pid", 0)))


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An advisory lock between Sitrep processes (released by the kernel if one is killed)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_NAME, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover_leftovers(build_dir: Path, *, keep: Path | None = None) -> list[Path]:
    """Delete what dead runs left in ``build_dir``; returns the paths removed.

    Partial copies (``*.copying``) are always garbage: copies are made under the build lock,
    which the caller holds. A working copy (with its write-ahead log, owner and lock files) goes
    once no live run owns it (:func:`in_use`), however recent; failed builds kept for
    inspection are pruned to the newest ``KEEP_FAILED``.
    """
    removed: list[Path] = []
    if not build_dir.exists():
        return removed
    for path in sorted(build_dir.iterdir()):
        if not path.is_file() or path == keep or path.name == LOCK_NAME:
            continue
        if path.name.endswith(COPYING):
            path.unlink(missing_ok=True)
            removed.append(path)
            continue
        build = _build_of(path)
        if build is None or build == keep or build.name == PREVIOUS_NAME:
            continue
        # a build, or what is left of a removed one, that no live run owns
        if (path == build or not build.exists()) and not in_use(build):
            _remove(build)
            removed.append(path)
    failed = build_dir / FAILED_DIR
    if failed.exists():
        builds = sorted(failed.glob("*.duckdb"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in builds[KEEP_FAILED:]:
            _remove(old)
            removed.append(old)
    for path in removed:
        log.warning("removed leftover from an earlier run: %s", path)
    return removed


def _build_of(path: Path) -> Path | None:
    """The working copy a file in the build folder belongs to (itself, or its WAL, owner or
    lock file's build), ``None`` for anything else."""
    name = path.name
    for suffix in (".wal", OWNER, BUILD_LOCK):
        if name.endswith(".duckdb" + suffix):
            name = name[: -len(suffix)]
            break
    if not (name.startswith("build-") and name.endswith(".duckdb")):
        return None
    return path.with_name(name)


def prepare_build(warehouse: Path, build_dir: Path, run_id: str) -> Path:
    """The working copy for this run: a copy of the published warehouse, or a fresh path.

    Unique per run id; a retried run starts again from the published state. Leftovers of
    killed runs are cleaned first.
    """
    warehouse, build_dir = Path(warehouse), Path(build_dir)
    build_dir.mkdir(parents=True, exist_ok=True)
    target = build_dir / f"build-{_safe_name(run_id)}.duckdb"
    with _locked(build_dir):
        recover_leftovers(build_dir, keep=target)
        _remove(target)
        if warehouse.exists():
            partial = target.with_name(target.name + COPYING)
            # copyfile reads one open inode: a publish swapping the file meanwhile cannot tear it
            shutil.copyfile(warehouse, partial)
            if _wal(warehouse).exists():  # ours are checkpointed: someone else wrote to it
                log.warning(
                    "ignoring %s: the published file is never written in place", _wal(warehouse)
                )
            os.replace(partial, target)
        _record_owner(target)
    log.info("working copy for run %s: %s (from %s)", run_id, target, warehouse)
    return target


def _checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file so the published file stands alone."""
    con = duckdb.connect(str(path))
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()
    if _wal(path).exists():
        raise RuntimeError(f"{path}: write-ahead log still present after CHECKPOINT")


def publish(
    build_path: Path, warehouse: Path, *, storage_version: str | None = STORAGE_VERSION
) -> Path:
    """CHECKPOINT the audited build, then atomically replace the published warehouse with it.

    Never opens the published file, so readers never block it. The replaced version is kept
    as ``previous.duckdb`` beside the build (a hard link: no copy) for a manual rollback. The
    file is published in ``storage_version`` (``compat``; empty or None: DuckDB's own).
    """
    build_path, warehouse = Path(build_path), Path(warehouse)
    if not build_path.exists():
        raise FileNotFoundError(f"no build to publish at {build_path}")
    with holding(build_path):
        _publish(build_path, warehouse, storage_version)
    for done in (_beside(build_path, OWNER), _beside(build_path, BUILD_LOCK)):
        done.unlink(missing_ok=True)
    log.info("published %s -> %s", build_path, warehouse)
    return warehouse


def _publish(build_path: Path, warehouse: Path, storage_version: str | None) -> None:
    _checkpoint(build_path)
    if storage_version:
        # the rewrite is a partial copy until renamed: under the build folder's lock, as copies are
        with _locked(build_path.parent):
            ensure_storage_version(build_path, storage_version, partial_suffix=COPYING)
    with open(build_path, "rb") as handle:
        os.fsync(handle.fileno())
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with _locked(warehouse.parent):
        source = build_path
        if os.stat(build_path).st_dev != os.stat(warehouse.parent).st_dev:
            source = warehouse.with_name(f".{warehouse.name}{INCOMING}")
            shutil.copyfile(build_path, source)
        if warehouse.exists():
            _keep_previous(warehouse, build_path.parent / PREVIOUS_NAME)
        stale_wal = _wal(warehouse)
        if stale_wal.exists():  # it belongs to the old file and would corrupt the new one
            aside = stale_wal.with_name(f"{stale_wal.name}.orphaned-{_stamp()}")
            os.replace(stale_wal, aside)
            log.warning("published file had a write-ahead log (written outside Sitrep): %s", aside)
        os.replace(source, warehouse)
        _fsync_dir(warehouse.parent)
        if source != build_path:
            build_path.unlink(missing_ok=True)


def _keep_previous(warehouse: Path, previous: Path) -> None:
    previous.parent.mkdir(parents=True, exist_ok=True)
    previous.unlink(missing_ok=True)
    try:
        os.link(warehouse, previous)
    except OSError as exc:  # another filesystem: rollback copy is a nicety, not worth a copy
        log.info("no rollback copy of %s kept: %s", warehouse, exc)


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")


def keep_failed(build_path: Path, build_dir: Path) -> Path:
    """Move a failing build to ``<build_dir>/failed/`` for inspection; returns where it is."""
    build_path, build_dir = Path(build_path), Path(build_dir)
    failed = build_dir / FAILED_DIR
    failed.mkdir(parents=True, exist_ok=True)
    dest = failed / build_path.name
    if dest.exists():
        dest = failed / f"{build_path.stem}-{_stamp()}.duckdb"
    if not build_path.exists():
        log.warning("failing build %s does not exist (nothing was built)", build_path)
        return dest
    shutil.move(build_path, dest)
    if _wal(build_path).exists():
        shutil.move(_wal(build_path), _wal(dest))
    for done in (_beside(build_path, OWNER), _beside(build_path, BUILD_LOCK)):
        done.unlink(missing_ok=True)
    log.warning("failing build kept for inspection: %s", dest)
    return dest
