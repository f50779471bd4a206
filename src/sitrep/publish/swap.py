"""Working copies, the atomic swap, and what is left behind when a run fails or is killed.

Invariants (relied on by the DAG, BI readers and the tests in ``tests/publish``):

- the published file is only ever replaced whole, by ``os.replace`` on one filesystem, after a
  ``CHECKPOINT`` so it needs no write-ahead log: a reader sees the old file or the new one, never
  a mix, and a reader holding the old file open keeps it (POSIX keeps the unlinked inode alive);
- the published file is never opened for writing by the pipeline, so a reader's lock never blocks
  a run;
- a working copy is written under a temporary name and renamed when complete, so a run killed
  mid-copy leaves only a ``*.copying`` file, which the next ``prepare_build`` deletes.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

log = logging.getLogger("sitrep.publish")

COPYING = ".copying"
INCOMING = ".incoming"
LOCK_NAME = ".sitrep-publish.lock"
PREVIOUS_NAME = "previous.duckdb"
FAILED_DIR = "failed"
KEEP_FAILED = 5
# an unpublished build untouched this long belongs to a run that died (one writer at a time)
STALE_AFTER_S = 6 * 3600


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _safe_name(run_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", run_id).strip("._")[:120] or "run"


def _remove(path: Path) -> None:
    for p in (path, _wal(path)):
        p.unlink(missing_ok=True)


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


def recover_leftovers(
    build_dir: Path, *, keep: Path | None = None, stale_after_s: float = STALE_AFTER_S
) -> list[Path]:
    """Delete what killed runs left in ``build_dir``; returns the paths removed.

    Partial copies (``*.copying``) are always garbage: copies are made under the build lock,
    which the caller holds. Whole builds are removed once untouched for ``stale_after_s``;
    failed builds kept for inspection are pruned to the newest ``KEEP_FAILED``.
    """
    removed: list[Path] = []
    if not build_dir.exists():
        return removed
    now = time.time()
    for path in build_dir.iterdir():
        if not path.is_file() or path == keep or path.name == LOCK_NAME:
            continue
        if path.name.endswith(COPYING):
            path.unlink(missing_ok=True)
            removed.append(path)
        elif path.suffix == ".duckdb" and path.name != PREVIOUS_NAME:
            if now - path.stat().st_mtime > stale_after_s:
                _remove(path)
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


def publish(build_path: Path, warehouse: Path) -> Path:
    """CHECKPOINT the audited build, then atomically replace the published warehouse with it.

    Never opens the published file, so readers never block it. The replaced version is kept
    as ``previous.duckdb`` beside the build (a hard link: no copy) for a manual rollback.
    """
    build_path, warehouse = Path(build_path), Path(warehouse)
    if not build_path.exists():
        raise FileNotFoundError(f"no build to publish at {build_path}")
    _checkpoint(build_path)
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
    log.info("published %s -> %s", build_path, warehouse)
    return warehouse


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
    log.warning("failing build kept for inspection: %s", dest)
    return dest
