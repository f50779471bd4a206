"""Which namesake a name is: rules of the text around it and features of the ranker."""

from __future__ import annotations


def _place(mentions, text):
    (found,) = [m for m in mentions if m.text == text and m.location is not None]
    return found.location


def test_the_name_after_a_town_and_a_comma_is_its_province(nlp, geo):
    mentions = geo.geoparse(nlp("A girl from Buffalo, New York died of the flu on Monday."))
    state = _place(mentions, "New York")
    assert state.feature_code == "ADM1" and state.geo_precision == 4


def test_australian_and_canadian_province_abbreviations(nlp, geo):
    text = "Horse flu was confirmed in NSW and Queensland; a case in B.C. was ruled out."
    mentions = geo.geoparse(nlp(text))
    assert _place(mentions, "NSW").name == "New South Wales"


def test_a_country_named_like_a_plural_demonym_is_the_country(nlp, geo):
    text = "The virus is endemic in Vietnam, Indonesia, Laos, Cambodia and Thailand."
    assert _place(geo.geoparse(nlp(text)), "Laos").country_code == "LAO"


def test_a_district_named_in_full_inside_an_organisation_sets_the_article_s_place(nlp, geo):
    text = (
        "The City of Paris supports the new Trees for Tomorrow Project in Paris. The Edgar "
        "County Community Foundation agreed to be the custodian of the funds."
    )
    mentions = geo.geoparse(nlp(text))
    assert _place(mentions, "Edgar County").admin1 == "Illinois"
    paris = [m.location for m in mentions if m.text == "Paris" and m.location is not None]
    assert paris and all(loc.country_code == "USA" for loc in paris)


def test_the_name_after_a_town_is_its_province_only_where_the_town_lies(nlp, geo):
    text = "Protesters gathered in Tbilisi, Georgia, on Sunday."
    assert _place(geo.geoparse(nlp(text)), "Georgia").country_code == "GEO"
