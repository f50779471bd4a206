"""Warehouses for the gate tests: a consistent one, and copies with defects planted by SQL."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import factory
from factory import RUN_DATE


@pytest.fixture(scope="session")
def good_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four weeks of consistent data ending on RUN_DATE (built once, copied per test)."""
    path = tmp_path_factory.mktemp("good") / "good.duckdb"
    return factory.build_marts(path, factory.week(RUN_DATE, 28))


@pytest.fixture
def warehouse(good_warehouse: Path, tmp_path: Path) -> Path:
    """A private copy of the good warehouse that a test may damage."""
    target = tmp_path / "build.duckdb"
    shutil.copyfile(good_warehouse, target)
    return target
