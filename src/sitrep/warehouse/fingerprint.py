"""Which dbt project a warehouse file was built with: a fingerprint of its models, stored in it.

A build on a warehouse made by other models is a full refresh (incremental models would
otherwise merge rows of two shapes).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb


def models_fingerprint(project_dir: Path) -> str:
    """A hash of everything that shapes the warehouse: models, macros, seeds, snapshots."""
    digest = hashlib.sha256()
    for folder in ("models", "macros", "seeds", "snapshots"):
        for path in sorted((project_dir / folder).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(project_dir)).encode())
                digest.update(path.read_bytes())
    digest.update((project_dir / "dbt_project.yml").read_bytes())
    return digest.hexdigest()[:16]


def built_with(db_path: Path) -> str | None:
    """The models fingerprint a warehouse file was last built with (None: new or unknown)."""
    if not db_path.exists():
        return None
    with duckdb.connect(str(db_path), read_only=True) as con:
        found = con.execute(
            "select 1 from information_schema.tables "
            "where table_schema = 'main' and table_name = 'sitrep_build_info'"
        ).fetchone()
        if not found:
            return "unknown"  # built before fingerprints were kept: rebuild once
        row = con.execute("select models_fingerprint from main.sitrep_build_info").fetchone()
    return row[0] if row else "unknown"


def record_build(db_path: Path, fingerprint: str) -> None:
    with duckdb.connect(str(db_path)) as con:
        con.execute(
            "create or replace table main.sitrep_build_info as "
            "select ? as models_fingerprint, current_timestamp as built_at",
            [fingerprint],
        )
