"""The actor dictionary seed is well-formed and lookups forgive the spellings news uses."""

from __future__ import annotations

import csv
import re

import pycountry
import pytest

from sitrep.actors.demonyms import country_of
from sitrep.actors.dictionary import SEED_COLUMNS, ActorDictionary, default_seed_path

ACTOR_TYPES = {
    "state_forces",
    "police",
    "rebel_group",
    "militia",
    "terrorist_group",
    "political_party",
    "government",
    "civilians",
    "protesters",
    "igo",
    "ngo",
    "media_monitor",
    "ethnic_group",
    "company",
    "person",
    "other",
}


@pytest.fixture(scope="module")
def rows():
    with default_seed_path().open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == SEED_COLUMNS
        return list(reader)


def test_seed_rows_are_valid(rows):
    iso3 = {c.alpha_3 for c in pycountry.countries}
    ids = [r["actor_id"] for r in rows]
    assert len(ids) == len(set(ids))
    named = [r for r in rows if not r["actor_id"].startswith("gen_")]
    assert len(named) >= 300
    for r in rows:
        assert re.fullmatch(r"[a-z0-9_]+", r["actor_id"]), r["actor_id"]
        assert r["actor_type"] in ACTOR_TYPES, r
        for key in ("country_code", "backer_country_code"):
            assert r[key] == "" or r[key] in iso3, (r["actor_id"], r[key])
        assert r["wikidata_id"] == "" or re.fullmatch(r"Q\d+", r["wikidata_id"])
        assert r["parent_actor_id"] == "" or r["parent_actor_id"] in ids, r["actor_id"]


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("ISIL", "isis"),
        ("Daesh", "isis"),
        ("the Islamic State", "isis"),
        ("Hizbullah", "hezbollah"),
        ("Hayat Tahrir al Sham", "hts"),
        ("Liwa Fatimiyoun", "liwa_fatemiyoun"),
        ("al-Shabab", "al_shabaab"),
        ("Syrian Observatory For Human Rights", "sohr"),
    ],
)
def test_lookup_variants(text, actor_id):
    entry = ActorDictionary.load().lookup(text)
    assert entry is not None and entry.actor_id == actor_id


def test_unknown_name_is_not_forced_onto_an_entry():
    assert ActorDictionary.load().lookup("Zorro Liberation Brigade") is None


def test_demonyms():
    assert [country_of(w) for w in ("Turkish", "Iraqis", "Syria", "U.S.", "Burkinabe")] == [
        "TUR",
        "IRQ",
        "SYR",
        "USA",
        "BFA",
    ]
    assert country_of("is") is None
