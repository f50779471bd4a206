"""The learned ranker ships as data that loads offline, and areas sit at their own points."""

from __future__ import annotations

import json

import pytest

from sitrep.contract import Location
from sitrep.distance import haversine_km
from sitrep.geo.precision import acled_geo_precision, ucdp_where_prec
from sitrep.geo.ranker import FEATURES, FIXED, WEIGHTS, Ranker


def test_shipped_weights_cover_every_feature_and_report_leave_one_out():
    data = json.loads(WEIGHTS.read_text())
    assert set(data["weights"]) == set(FEATURES), "features changed: run `make train-geo`"
    assert set(data["leave_one_corpus_out"]) == {"lgl", "geovirus", "gwn"}
    ranker = Ranker.load()
    assert ranker.weights() == {**data["weights"], **FIXED}


def test_unknown_feature_names_are_refused():
    with pytest.raises(ValueError, match="unknown ranker features"):
        Ranker.from_mapping({"no_such_feature": 1.0})


@pytest.mark.parametrize(
    ("name", "geonames_point"),
    [
        ("United States", (39.76, -98.5)),
        ("Russia", (60.0, 100.0)),
        ("China", (35.0, 105.0)),
        ("India", (22.0, 79.0)),
        ("Brazil", (-10.0, -55.0)),
        ("Mexico", (23.0, -102.0)),
    ],
)
def test_countries_sit_near_geonames_own_point(geo, name, geonames_point):
    """Not at the mean of their towns (Russia's was west of the Urals, 2,000 km off)."""
    loc = geo.resolve(name)
    assert loc is not None and loc.feature_code == "PCLI"
    assert haversine_km((loc.latitude, loc.longitude), geonames_point) < 161


@pytest.mark.parametrize(("name", "geonames_id"), [("Africa", 6255146), ("Europe", 6255148)])
def test_continents_carry_geonames_ids(geo, name, geonames_id):
    loc = geo.resolve(name)
    assert loc is not None and loc.geonames_id == geonames_id and loc.geo_precision == 5


def test_a_place_named_inside_an_organisation_is_found(nlp, geo):
    text = "The Mansfield Police Department in Ohio said the suspect was arrested on Monday."
    mentions = geo.geoparse(nlp(text))
    mansfield = [m for m in mentions if text[m.start : m.end] == "Mansfield"]
    assert mansfield and mansfield[0].location is not None
    assert mansfield[0].location.admin1 == "Ohio"


def test_a_newspaper_named_after_a_city_is_no_place(nlp, geo):
    text = "The Washington Post reported on Monday that talks with Iran had stalled in Vienna."
    mentions = geo.geoparse(nlp(text))
    assert not [m for m in mentions if m.text.startswith("Washington")]


def test_dateline_after_the_headline(nlp, geo):
    text = (
        "State lawmakers say cigarette tax hike likely. COLUMBIA -- The battle over the tax "
        "in South Carolina is ending, legislators said."
    )
    (columbia,) = [m for m in geo.geoparse(nlp(text)) if m.text == "COLUMBIA"]
    assert columbia.location is not None and columbia.location.admin1 == "South Carolina"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Drug dealer arrested near airport. BEIRUT: A drug dealer was arrested.", "BEIRUT", "LBN"),
        ("By Jill Colvin, Associated Press WASHINGTON (AP) — Talks ended.", "WASHINGTON", "USA"),
        ("SOUTH WAZIRISTAN, April 5 (APP): The army chief visited the area.", "SOUTH WAZIRISTAN",
         "PAK"),
    ],
)  # fmt: skip
def test_dateline_with_a_colon_or_an_agency_mark(nlp, geo, text, name, country):
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location is not None}
    assert found[name].country_code == country


@pytest.mark.parametrize(
    ("precision", "acled"), [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (6, 3), (7, 3)]
)
def test_acled_precision_follows_what_was_resolved(precision, acled):
    loc = Location(name="x", latitude=1.0, longitude=2.0, geo_precision=precision)
    assert ucdp_where_prec(loc) == precision
    assert acled_geo_precision(loc) == acled


def test_no_precision_without_a_point():
    assert acled_geo_precision(Location(name="al-Heri")) is None
    assert ucdp_where_prec(None) is None


def test_place_hierarchy_after_a_village_names_district_then_province(nlp, geo):
    """ "Kaboresha (Chikun LGA, Kaduna)": Kaduna is the state here, not Kaduna city."""
    text = "On 5 May 2020, gunmen attacked Kaboresha (Chikun LGA, Kaduna), killing two farmers."
    mentions = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location}
    assert mentions["Kaduna"].feature_code == "ADM1"
    assert mentions["Chikun LGA"].feature_code == "ADM2"
    assert acled_geo_precision(mentions["Chikun LGA"]) == 2


def test_a_province_after_the_town_picks_the_namesake(nlp, geo):
    text = "On 7 May 2020, in Salvador, Bahia, employees gathered in front of the building."
    (salvador,) = [m for m in geo.geoparse(nlp(text)) if m.text == "Salvador"]
    assert salvador.location is not None and salvador.location.country_code == "BRA"


def test_colocation_counts_other_names_only():
    from sitrep.geo.gazetteer import Match, Place
    from sitrep.geo.geoparser import _Colocation

    town = Place(1, "Huntsville", 30.72, -95.55, "USA", "Texas", "PPL", 40000)
    far = Place(2, "Huntsville", 34.73, -86.59, "USA", "Alabama", "PPL", 200000)
    county = Place(3, "Walker County", 30.74, -95.57, "USA", "Texas", "ADM2", 70000)
    state = Place(4, "Texas", 31.0, -99.0, "USA", "Texas", "ADM1", 29000000)
    readings = {
        "huntsville": [(town, Match(0, "exact")), (far, Match(1, "exact"))],
        "walker county": [(county, Match(2, "exact"))],
        "texas": [(state, Match(3, "exact"))],
    }
    near = _Colocation(readings).of("huntsville", readings["huntsville"])
    assert near == [(1.0, 1.0), (0.0, 0.0)]  # the county only; a province places nothing


def test_an_abbreviated_saint_matches_the_name_spelt_out():
    from sitrep.geo.ranker import spelt_out

    assert spelt_out("st paul") == spelt_out("saint paul") == "saint paul"
    assert spelt_out("mt pleasant") == "mount pleasant"
