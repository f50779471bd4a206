"""The name keys and gazetteer lookups that transliterated news names depend on."""

from __future__ import annotations

import pytest

from sitrep.geo.normalize import fold, keys, skeleton


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("al-Mayadin", "Al Mayādīn"),
        ("Ma'arrat al-Nu'man", "Maarrat al Numan"),
        ("ŞANLIURFA", "sanliurfa"),
    ],
)
def test_fold_removes_case_diacritics_and_punctuation(a, b):
    assert fold(a) == fold(b)


def test_article_free_key_meets_the_bare_name():
    assert keys("al-Bukamal")[1] == keys("Bukamal")[0]
    assert keys("Deir ez-Zor")[1] == "deir zor"


@pytest.mark.parametrize("spelling", ["Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour"])
def test_skeleton_joins_vowel_spellings(spelling):
    assert skeleton(keys(spelling)[1]) == "drzr"


def test_lookup_finds_governorate_and_city(geo):
    found = {geo.gaz.place(m.index).feature_code for m in geo.gaz.lookup("Dayr az Zawr")}
    assert {"PPL", "ADM1"} <= found


def test_admin1_names_and_iso3_codes_are_filled(geo):
    (match,) = [m for m in geo.gaz.lookup("al-Mayadin") if geo.gaz.place(m.index).population]
    place = geo.gaz.place(match.index)
    assert place.admin1 == "Dayr az Zawr" and place.country_code == "SYR"
    assert geo.gaz.admin1_of(place).geonames_id == 170792


def test_countries_answer_to_common_short_names(geo):
    for name, code in [("Britain", "GBR"), ("DRC", "COD"), ("Syria", "SYR"), ("U.S.", "USA")]:
        loc = geo.resolve(name)
        assert loc is not None and loc.country_code == code and loc.geo_precision == 6, name


def test_the_united_states_sits_where_gazetteers_put_it(geo):
    from sitrep.distance import haversine_km

    loc = geo.resolve("United States")
    here = (loc.latitude, loc.longitude)
    for point in ((39.76, -98.5), (40.0, -100.0)):  # GeoNames', Wikipedia's
        assert haversine_km(here, point) < 161, point


@pytest.mark.parametrize(
    ("name", "point"),
    [
        ("Ontario", (49.25, -84.50)),
        ("New South Wales", (-33.0, 146.0)),
        ("Alberta", (55.0, -115.0)),
    ],
)
def test_a_province_sits_in_the_middle_of_its_territory(geo, name, point):
    """Not where its towns crowd (Ontario's south): near GeoNames' own point."""
    from sitrep.distance import haversine_km

    loc = geo.resolve(name)
    assert loc is not None and loc.feature_code == "ADM1"
    assert haversine_km((loc.latitude, loc.longitude), point) <= 161
