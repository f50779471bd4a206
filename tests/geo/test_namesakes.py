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


def test_american_spelling_is_a_weak_vote_for_the_united_states():
    from sitrep.geo.context import spelling_votes

    assert spelling_votes("The neighborhood center opened.")["USA"] > 0
    assert not spelling_votes("The neighbourhood centre opened.")
    assert not spelling_votes("The centre of the neighborhood.")  # mixed: no telling


def test_a_town_in_an_american_text_without_other_places_is_the_american_one(nlp, geo):
    text = (
        "Athens Police Department reports state that officers answered a call at the "
        "community center on Monday. The victim's neighbor said the suspect left."
    )
    assert _place(geo.geoparse(nlp(text)), "Athens").country_code == "USA"


def test_a_capital_named_with_its_country_stays_abroad_in_an_american_text(nlp, geo):
    text = "Protesters gathered at the center of Athens, Greece, near the parliament."
    assert _place(geo.geoparse(nlp(text)), "Athens").country_code == "GRC"


def test_an_airport_code_among_a_town_s_names_is_no_town(nlp, geo):
    # GeoNames lists "HHS" for Zhongshan and "DAC" for Dhaka; in news they are organisations
    text = "According to Nikki Surley, HHS counselor, students will be enrolled."
    assert not [m for m in geo.geoparse(nlp(text)) if m.text == "HHS" and m.location is not None]
    assert _place(geo.geoparse(nlp("He moved to NYC last year.")), "NYC").name == "New York City"


def test_a_region_named_whatever_ner_called_it_is_the_region(nlp, geo):
    mentions = geo.geoparse(nlp("The climbers explored the Caucasus last summer."))
    assert _place(mentions, "Caucasus").feature_code == "RGN"


def test_the_european_union_is_a_region_at_its_geonames_point(geo):
    union = geo.resolve("European Union")
    assert union is not None and union.geonames_id == 6695072


def test_the_name_after_a_state_s_comma_inside_a_list_of_states_is_not_its_province(nlp, geo):
    from sitrep.geo.ranker import FEATURES

    text = "Cases were found in Georgia, Oklahoma, Pennsylvania, Wisconsin and California."
    geo.trace = []
    try:
        geo.geoparse(nlp(text))
        traced = geo.trace
    finally:
        geo.trace = None
    within = FEATURES.index("within_admin1")
    (oklahoma,) = [ranked for s, e, ranked in traced if text[s:e] == "Oklahoma"]
    assert oklahoma and all(r.features[within] == 0 for r in oklahoma)  # not Oklahoma, PA


def test_a_capital_beside_a_city_named_like_its_province_is_no_list_of_states(nlp, geo):
    text = "None of the misunderstandings between Washington and Moscow came from hostile intent."
    assert _place(geo.geoparse(nlp(text)), "Washington").feature_code == "PPLC"
