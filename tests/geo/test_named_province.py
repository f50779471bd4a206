"""A place named with its province ("Bohdanivka, Donetsk"): the province is a constraint."""

from __future__ import annotations


def _found(geo, nlp, text):
    return {m.text: m for m in geo.geoparse(nlp(text))}


def test_a_namesake_in_another_province_is_not_the_place(geo, nlp):
    text = "On 2 May 2020, rebel forces fired mortars at positions near Bohdanivka, Donetsk."
    found = _found(geo, nlp, text)
    # the gazetteer's Bohdanivkas lie in other oblasts; this one is not known
    assert found["Bohdanivka"].location is None
    assert "Donetsk" in (found["Bohdanivka"].reason or "")


def test_the_name_after_a_foreign_capital_is_its_country_not_a_province(geo, nlp):
    found = _found(geo, nlp, "Protesters gathered in Tbilisi, Georgia, on Sunday.")
    assert found["Tbilisi"].location.country_code == "GEO"
    assert found["Georgia"].location.country_code == "GEO"
