"""The BI tests' fixtures: the demo day's warehouse, the BI environment's tools, a browser."""

from __future__ import annotations

import os
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bi_browser (import mode: importlib)
DEMO_DAY = date(2020, 6, 5)  # `make demo`'s day
SUPERSET_VENV = Path(os.environ.get("SITREP_SUPERSET_VENV", REPO / ".venv-superset"))


def missing(what: str, how: str) -> None:
    """Fail in CI (the README says these tests run there), skip elsewhere, saying how to fix."""
    message = f"{what} is missing: {how}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory, sample_base: str) -> Path:
    """The warehouse `make demo` publishes (the sample corpus's 2020-06-05), run in-process."""
    from sitrep import pipeline
    from sitrep.config import env_for_root, load_settings

    root = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env_for_root(root).items():
            mp.setenv(key, value)
        mp.setenv("SITREP_SAMPLE_BASE", sample_base)
        settings = load_settings()
        pipeline.run_day(settings, DEMO_DAY)
    assert settings.warehouse.exists()
    return settings.warehouse


@pytest.fixture(scope="session")
def superset_venv() -> Path:
    if not (SUPERSET_VENV / "bin" / "superset").exists():
        missing(f"Superset in {SUPERSET_VENV}", "`make superset-setup` installs it")
    return SUPERSET_VENV


@pytest.fixture(scope="session")
def duckdb_cli(superset_venv: Path) -> Path:
    cli = superset_venv / "bin" / "duckdb"
    if not cli.exists():
        missing("the duckdb CLI (duckdb-cli)", "`make superset-setup` installs it")
    return cli


@pytest.fixture(scope="session")
def chromium() -> str:
    from bi_browser import chromium_binary

    found = chromium_binary()
    if not found:
        missing("chromium", "`make system-deps` (or `apt-get install -y chromium`)")
    return found


@pytest.fixture(scope="session")
def docker_compose() -> str:
    found = shutil.which("docker-compose")
    if not found:
        missing("docker-compose", "`make system-deps` (or `apt-get install -y docker-compose`)")
    return found
