"""The dbt project's SQL is sqlfluff-clean with the dbt templater (config: .sqlfluff)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_sqlfluff_lint_is_clean(tmp_path: Path) -> None:
    env = {**os.environ, "SITREP_DBT_DB": str(tmp_path / "lint.duckdb")}
    env.setdefault("SITREP_RAW_URL", str(tmp_path / "raw"))
    sqlfluff = Path(sys.executable).with_name("sqlfluff")
    proc = subprocess.run(
        [str(sqlfluff), "lint", "dbt_project/models", "dbt_project/tests"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    # exit 0: no violation and no templating error; 1: violations (listed in stdout)
    assert proc.returncode == 0, (proc.stdout[-3000:], proc.stderr[-1000:])
