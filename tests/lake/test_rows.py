"""The raw zone keeps every field of the ``sitrep extract`` contract."""

from __future__ import annotations

from dataclasses import fields

from sitrep.contract import Actor, Document, Event, Location
from sitrep.lake.rows import event_rows
from sitrep.lake.schema import ARTICLES, EVENTS

NESTED = {"actor1": Actor, "actor2": Actor, "location": Location, "origin": Location}
NESTED |= {"destination": Location}
# contract fields the lake deliberately does not keep as columns of the events table
NOT_STORED = {
    "actor1_wikidata_id",
    "actor2_wikidata_id",
    *(f"{p}_{f}" for p in ("location", "origin", "destination") for f in ("feature_code",)),
    *(f"{p}_resolution_note" for p in ("location", "origin", "destination")),
}


def test_every_event_field_of_the_contract_has_a_column():
    expected = set()
    for f in fields(Event):
        if f.name in NESTED:
            expected |= {f"{f.name}_{g.name}" for g in fields(NESTED[f.name])}
        else:
            expected.add(f.name)
    assert expected - NOT_STORED <= set(EVENTS.names)


def test_article_provenance_fields_have_columns():
    assert {"published_source", "authors"} <= set(ARTICLES.names)


def test_an_event_row_carries_destination_trigger_and_fatality_note():
    event = Event(
        event_type="MOBILIZE",
        destination=Location(name="Gaziantep", geonames_id=314830, country_code="TUR"),
        fatalities_note="cumulative toll",
        trigger="fled",
        start=0,
        end=10,
    )
    doc = Document(title=None, published=None, language="en", text="x" * 20, events=[event])
    (row,) = event_rows("a1", doc)
    assert row["destination_name"] == "Gaziantep"
    assert row["destination_geonames_id"] == 314830
    assert row["destination_country_code"] == "TUR"
    assert row["fatalities_note"] == "cumulative toll"
    assert row["trigger"] == "fled"
