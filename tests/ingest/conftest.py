"""Fixtures for the ingest tests: paths to the copied real pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


def readability_page(name: str) -> tuple[bytes, dict]:
    """A saved real page and its expected metadata."""
    folder = FIXTURES / "readability" / name
    html = gzip.decompress((folder / "source.html.gz").read_bytes())
    meta = json.loads((folder / "expected-metadata.json").read_text())
    return html, meta
