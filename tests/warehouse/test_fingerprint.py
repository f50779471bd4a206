"""A warehouse knows which dbt models built it, so a changed project means a full refresh."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitrep.reference import CHECKOUT
from sitrep.warehouse.fingerprint import built_with, models_fingerprint, record_build


def test_the_fingerprint_follows_the_models_and_is_kept_in_the_file(tmp_path: Path) -> None:
    project = tmp_path / "dbt_project"
    shutil.copytree(
        CHECKOUT.dbt_project_dir, project, ignore=shutil.ignore_patterns("target", "logs")
    )
    before = models_fingerprint(project)
    assert models_fingerprint(project) == before
    model = project / "models" / "marts" / "dim_date.sql"
    model.write_text(model.read_text() + "\n")
    assert models_fingerprint(project) != before

    db = tmp_path / "w.duckdb"
    assert built_with(db) is None
    record_build(db, before)
    assert built_with(db) == before
