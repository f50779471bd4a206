"""Districts and communes the gazetteer lacks, read from geoBoundaries' units with evidence."""

from __future__ import annotations

from collections import Counter

import pytest

from sitrep.distance import haversine_km
from sitrep.geo.units import AdminUnits


def _place(geo, nlp, text: str, name: str):
    found = [m for m in geo.geoparse(nlp(text)) if m.text == name]
    assert found, f"{name!r} not found as a place in {text!r}"
    return found[0]


def test_a_commune_named_with_its_province_is_placed_in_it(geo, nlp):
    text = "Soldiers killed two militants in Famale (Dessa, Tillaberi) on Monday."
    dessa = _place(geo, nlp, text, "Dessa")
    loc = dessa.location
    assert loc is not None and loc.country_code == "NER"
    # Dessa commune's centroid, not Dessie (Ethiopia) nor Desa (Romania)
    assert haversine_km((loc.latitude, loc.longitude), (14.56, 1.09)) < 10
    assert loc.geo_precision in (2, 3)
    assert loc.feature_code == "ADM3" and "geoBoundaries" in (loc.resolution_note or "")


def test_a_loose_spelling_abroad_loses_to_the_unit_in_the_named_province(geo, nlp):
    text = "Militants attacked Ioja Martins village (Quissanga, Cabo Delgado) on Thursday."
    loc = _place(geo, nlp, text, "Quissanga").location
    assert loc is not None and loc.country_code == "MOZ"  # not Kaohsiung, Taiwan
    assert haversine_km((loc.latitude, loc.longitude), (-12.39, 40.35)) < 15


def test_the_event_lands_on_the_commune_not_the_province():
    from sitrep.nlp import Extractor

    _, events = Extractor.load().extract(
        "On 9 May 2020, suspected militants abducted three people in the village of "
        "Kindjandi (Gueskerou, Diffa).",
        "2020-05-10",
    )
    (event,) = [e for e in events if e.acled_event_type]
    assert event.location is not None and event.location.name == "Gueskérou"
    assert haversine_km((event.location.latitude, event.location.longitude), (13.74, 12.93)) < 30


def test_a_unit_name_alone_is_no_place():
    units = AdminUnits()
    assert units.named("Pinheiro"), "the table holds Portuguese parishes"
    # no province and an article about two countries equally: no telling which one
    assert units.in_country("Pinheiro", Counter({"PRT": 1.0, "BRA": 1.0})) is None
    assert units.in_country("Pinheiro", Counter()) is None


@pytest.mark.parametrize("name", ["Musawa LGA", "Musawa"])
def test_unit_words_are_not_part_of_the_name(name):
    assert any(u.country_code == "NGA" for u in AdminUnits().named(name))


def test_names_in_a_place_chain_are_places_without_an_entity_label(geo, nlp):
    # spaCy tags neither name; the chain after "commune" says they are its district and province
    text = "On 7 May 2020, SNR attacked a CNL member in Rugombo commune (Rugombo, Cibitoke)."
    loc = _place(geo, nlp, text, "Cibitoke").location
    assert loc is not None and loc.country_code == "BDI"


def test_a_run_of_peoples_adjectives_is_never_read_as_a_district(nlp, geo):
    text = "Palestinians protested at the settlement of Russian Jewish immigrants on Arab land."
    found = [m for m in geo.geoparse(nlp(text)) if m.text == "Russian Jewish"]
    assert all(m.location is None for m in found)


def test_the_units_index_is_cached_and_reads_the_same(tmp_path):
    first = AdminUnits(cache_dir=tmp_path).load()
    assert list(tmp_path.glob("geo-units-*.pkl")), "the index is written beside the gazetteer"
    again = AdminUnits(cache_dir=tmp_path).load()
    assert again.named("Pinheiro") == first.named("Pinheiro") == AdminUnits().named("Pinheiro")
