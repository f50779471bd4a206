"""Shared fixtures: paths, an isolated Sitrep environment per test, the sample corpus server."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# Airflow reads these at import time; tests never load the example DAGs.
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(REPO / "dags"))
os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="sitrep-airflow-"))


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED


@pytest.fixture
def sitrep_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every Sitrep path (warehouse, raw zone, state, builds, reports) into tmp_path."""
    monkeypatch.setenv("SITREP_HOME", str(REPO))
    monkeypatch.setenv("SITREP_WAREHOUSE", str(tmp_path / "warehouse" / "sitrep.duckdb"))
    monkeypatch.setenv("SITREP_RAW_URL", str(tmp_path / "raw"))
    monkeypatch.setenv("SITREP_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("SITREP_BUILD_DIR", str(tmp_path / "warehouse" / "builds"))
    monkeypatch.setenv("SITREP_REPORTS", str(tmp_path / "reports"))
    monkeypatch.setenv("AIRFLOW_HOME", str(tmp_path / "airflow"))
    yield tmp_path


@pytest.fixture(scope="session")
def sample_base() -> Iterator[str]:
    """The bundled sample corpus, served on 127.0.0.1 like a real news site."""
    from sitrep.sample_server import serve_sample

    with serve_sample(REPO / "sample") as base:
        yield base
