"""The published file's storage format: one that the DuckDB clients analysts install can open.

DuckDB 2.0 writes a format no DuckDB 1.x reads ("version number 69"), while the CLI on the
package index (``duckdb-cli``) stops at 1.5.6 and the DBeaver, Metabase and Tableau drivers lag
too. DuckDB 2.0 still writes the older format when asked (``STORAGE_VERSION``), and keeps a file's
format when it writes to it again, so only a build started from scratch needs rewriting: later
builds are copies of the published file and stay in its format.
"""

from __future__ import annotations

import logging
import os
import struct
import tempfile
from pathlib import Path

import duckdb

log = logging.getLogger("sitrep.publish")

# opened by DuckDB 1.2 and later (CLI, Python, JDBC/ODBC, DBeaver, Metabase's and Tableau's drivers)
STORAGE_VERSION = "v1.2.0"
_HEADER = struct.Struct("<4sQ")  # after an 8-byte checksum: b"DUCK", storage version number
_numbers: dict[str, int] = {}


def storage_number(path: Path) -> int:
    """The storage version number in a DuckDB file's header (what readers check)."""
    with open(path, "rb") as handle:
        head = handle.read(8 + _HEADER.size)
    magic, number = _HEADER.unpack(head[8:])
    if magic != b"DUCK":
        raise ValueError(f"{path} is not a DuckDB database file")
    return number


def _number_of(storage_version: str) -> int:
    """The header number DuckDB writes for ``storage_version`` (learned once, from a tiny file)."""
    if storage_version not in _numbers:
        with tempfile.TemporaryDirectory(prefix="sitrep-storage-") as tmp:
            probe = Path(tmp) / "probe.duckdb"
            con = duckdb.connect()
            try:
                con.execute(f"attach '{probe}' as probe (storage_version '{storage_version}')")
                con.execute("create table probe.t (x integer)")
                con.execute("detach probe")
            finally:
                con.close()
            _numbers[storage_version] = storage_number(probe)
    return _numbers[storage_version]


def ensure_storage_version(
    path: Path, storage_version: str = STORAGE_VERSION, *, partial_suffix: str = ".rewriting"
) -> bool:
    """Rewrite the checkpointed database at ``path`` in ``storage_version`` unless it is already.

    Returns whether it rewrote. The copy (``COPY FROM DATABASE``: schemas, tables, views,
    constraints) is written beside ``path`` as ``<name><partial_suffix>`` and renamed over it.
    """
    path = Path(path)
    if storage_number(path) == _number_of(storage_version):
        return False
    target = path.with_name(path.name + partial_suffix)
    target.unlink(missing_ok=True)
    con = duckdb.connect()
    try:
        con.execute(f"attach '{path}' as source (read_only)")
        con.execute(f"attach '{target}' as target (storage_version '{storage_version}')")
        con.execute("copy from database source to target")
        con.execute("detach target")
    finally:
        con.close()
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(target, path)
    log.info("rewrote %s in DuckDB storage version %s", path, storage_version)
    return True
