"""One real Extractor (spaCy, dictionary, crosswalk, geoparser) for the whole test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extractor():
    from sitrep.nlp import Extractor

    return Extractor.load()


@pytest.fixture(scope="session")
def code(extractor):
    """Extract one text and return its events (published 2024-03-15, a Friday)."""

    def run(text: str, published: str | None = "2024-03-15"):
        return extractor.extract(text, published)[1]

    return run
