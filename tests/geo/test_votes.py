"""What votes for the article's countries."""

from __future__ import annotations

from sitrep.geo.ranker import FEATURES


def test_a_town_read_under_an_alias_does_not_vote_for_its_country(nlp, geo):
    # "Dublin City" is an alternate name of Dublin, Ireland: read so, it must not
    # vote Ireland in for the plain "Dublin" beside it
    text = "Officials in Dublin City said on Monday that the plan was approved."
    geo.trace = []
    try:
        geo.geoparse(nlp(text + " Dublin residents came out to celebrate."))
        traced = geo.trace
    finally:
        geo.trace = None
    named = FEATURES.index("country_named")
    readings = [r for s, e, ranked in traced for r in ranked if e - s == len("Dublin")]
    irish = [r for r in readings if r.place.country_code == "IRL"]
    assert irish and all(r.features[named] == 0 for r in irish)
