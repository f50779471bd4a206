"""The PLOVER crosswalk seed covers the ontology and the ACLED rule that needs actors."""

from __future__ import annotations

from sitrep import ontology
from sitrep.nlp.crosswalk import Crosswalk

PLOVER_TYPES = set(ontology.PLOVER_TYPES)
ACLED_TYPES = {None, *ontology.ACLED_EVENT_TYPES}


def test_every_plover_type_has_a_default_row_with_a_cameo_root():
    xw = Crosswalk.load()
    for t in PLOVER_TYPES:
        row = xw.lookup(t)
        assert row.cameo_root and row.cameo_root.isdigit(), t
        assert row.acled_event_type in ACLED_TYPES


def test_mode_rows_and_fallback():
    xw = Crosswalk.load()
    assert xw.lookup("ASSAULT", "aerial").acled_sub_event_type == "Air/drone strike"
    assert xw.lookup("ASSAULT", "no-such-mode") == xw.lookup("ASSAULT")
    assert xw.lookup("PROTEST", "riot").acled_event_type == "Riots"


def test_attack_on_civilians_rule():
    xw = Crosswalk.load()
    assert xw.acled_for("ASSAULT", None, "civilians").acled_event_type == (
        "Violence against civilians"
    )
    assert xw.acled_for("ASSAULT", None, "militia").acled_event_type == "Battles"
    assert xw.acled_for("ASSAULT", "aerial", "civilians").acled_event_type == (
        "Explosions/Remote violence"
    )
