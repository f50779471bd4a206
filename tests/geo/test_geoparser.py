"""What the event extractor and analysts rely on from the geoparser."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.distance import haversine_km
from sitrep.geo import Geoparser

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed"


def _article(shared_dir: Path) -> str:
    text = (shared_dir / "southfront-deir-ezzor-reinforcements.txt").read_text()
    start = text.index("Iranian-Backed Forces Deploy")
    return text[start : text.index("MORE ON THIS TOPIC")]


def _by_text(mentions, text):
    return [m for m in mentions if m.text == text]


@pytest.fixture(scope="module")
def reference(nlp, geo, shared):
    text = _article(shared / "seed")
    return text, geo.geoparse(nlp(text))


def test_reference_page_towns_resolve_to_geonames(reference):
    _, mentions = reference
    mayadin = _by_text(mentions, "al-Mayadin")
    assert mayadin, "al-Mayadin (tagged ORG by spaCy) must still be found"
    for m in mayadin:
        loc = m.location
        assert loc is not None and loc.country_code == "SYR"
        assert haversine_km((loc.latitude, loc.longitude), (35.01982, 40.45154)) < 1
    # "the town of al-Mayadin" is the town itself; "[around al-Mayadin]" is near it
    assert mayadin[0].location.geo_precision == 1
    assert mayadin[1].location.geo_precision == 2
    (bukamal,) = _by_text(mentions, "al-Bukamal")
    assert bukamal.location.geonames_id == 174448  # Abu Kamal
    assert (
        haversine_km((bukamal.location.latitude, bukamal.location.longitude), (34.45226, 40.91854))
        < 1
    )


def test_countryside_phrase_gives_the_governorate(reference):
    _, mentions = reference
    (area,) = [m for m in mentions if m.text.endswith("Deir Ezzor countryside")]
    assert area.location.feature_code == "ADM1"
    assert area.location.geo_precision == 4
    assert area.location.geonames_id == 170792  # Dayr az Zawr governorate
    assert area.location.admin1 == "Dayr az Zawr"


def test_missing_village_kept_with_reason(reference):
    _, mentions = reference
    (heri,) = _by_text(mentions, "al-Heri")
    assert heri.location is None
    assert heri.reason


def test_offsets_point_into_the_text(reference):
    text, mentions = reference
    assert mentions
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_country_alone_is_precision_6(reference):
    _, mentions = reference
    (syria, *_) = _by_text(mentions, "Syria")
    assert syria.location.country_code == "SYR" and syria.location.geo_precision == 6


def test_actor_spans_are_excluded(nlp, geo):
    text = "Fighters of Liwa Fatemiyoun entered the city of Homs on Monday."
    start = text.index("Liwa")
    mentions = geo.geoparse(nlp(text), exclude=[(start, start + len("Liwa Fatemiyoun"))])
    assert [m.text for m in mentions] == ["Homs"]
    assert mentions[0].location.country_code == "SYR"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Lebanese troops deployed in Tripoli after clashes between rival groups.", "LBN"),
        ("Militias loyal to the government in Tripoli clashed with Haftar's Libyan forces.", "LBY"),
    ],
)
def test_ambiguous_name_follows_article_context(nlp, geo, text, country):
    (tripoli,) = _by_text(geo.geoparse(nlp(text)), "Tripoli")
    assert tripoli.location.country_code == country


@pytest.mark.parametrize(
    "text",
    [
        "Shells hit the Lebanese city of Tripoli on Monday.",
        "Clashes broke out in Tripoli, Lebanon, on Monday.",
        "Fighting in Lebanon's northern city of Tripoli went on.",
    ],
)
def test_words_around_a_name_fix_its_country(nlp, geo, text):
    (tripoli,) = _by_text(geo.geoparse(nlp(text)), "Tripoli")
    assert tripoli.location.country_code == "LBN"


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("A tornado hit Springfield, Ill., on Monday.", "Illinois"),
        ("Floods reached Springfield, Mo., overnight.", "Missouri"),
        ("Police in Paris, Texas, arrested two men.", "Texas"),
    ],
)
def test_town_comma_province_picks_the_town_in_that_province(nlp, geo, text, admin1):
    town = geo.geoparse(nlp(text))[0]
    assert town.location.admin1 == admin1 and town.location.geo_precision == 1


def test_nearby_places_pull_each_other(nlp, geo):
    text = "Shelling hit Homs and Hama, and later reached Tripoli near the border with Syria."
    (tripoli,) = _by_text(geo.geoparse(nlp(text)), "Tripoli")
    assert tripoli.location.country_code == "LBN"


def test_near_phrase_lowers_precision(nlp, geo):
    mentions = geo.geoparse(nlp("Two soldiers were killed near Kirkuk on Sunday."))
    (kirkuk,) = _by_text(mentions, "Kirkuk")
    assert kirkuk.location.country_code == "IRQ" and kirkuk.location.geo_precision == 2


def test_sea_is_precision_7(nlp, geo):
    mentions = geo.geoparse(nlp("A tanker was seized in the Red Sea by Houthi forces."))
    (sea,) = _by_text(mentions, "Red Sea")
    assert sea.location.geo_precision == 7


def test_sea_name_used_as_adjective_is_not_a_place(nlp, geo):
    mentions = geo.geoparse(nlp("The divided Mediterranean island of Cyprus agreed to talks."))
    assert [m.text for m in mentions] == ["Cyprus"]


def test_demonyms_and_dates_are_not_places(nlp, geo):
    mentions = geo.geoparse(nlp("Iraqi officials met Turkish envoys in March to discuss trade."))
    assert not [m for m in mentions if m.text in ("Iraqi", "Turkish", "March")]


@pytest.mark.parametrize("spelling", ["Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "Deir al-Zour"])
def test_transliterations_meet(geo, spelling):
    loc = geo.resolve(spelling, country_hint="SYR")
    assert loc is not None and loc.country_code == "SYR"
    assert haversine_km((loc.latitude, loc.longitude), (35.33588, 40.14084)) < 60


def test_resolve_uses_hint_and_proximity(geo):
    assert geo.resolve("Tripoli", country_hint="LBN").country_code == "LBN"
    assert geo.resolve("Tripoli", country_hint="LB").country_code == "LBN"
    assert geo.resolve("Tripoli", near=(32.9, 13.2)).country_code == "LBY"
    assert geo.resolve("Xqzzyville") is None


def test_override_seed_adds_and_corrects(tmp_path):
    seed = tmp_path / "gazetteer_overrides.csv"
    seed.write_text(
        "geonames_id,name,aliases,latitude,longitude,feature_code,admin1,admin2,country_code,"
        "population,note\n"
        "-77,Al Hari,al-Heri|Hari,34.43,40.99,PPL,Dayr az Zawr,,SYR,0,test village\n"
        "173480,Al Mayadin,,35.5,40.5,PPL,,,SYR,54534,moved for the test\n"
        "-78,Broken,,north,40,PPL,,,SYR,0,bad latitude\n"
    )
    parser = Geoparser.load(overrides=seed)
    heri = parser.resolve("al-Heri", country_hint="SYR")
    assert heri is not None and heri.geonames_id == -77 and heri.admin1 == "Dayr az Zawr"
    assert parser.resolve("al-Mayadin", country_hint="SYR").latitude == 35.5
    assert len(parser.override_problems) == 1 and ":4:" in parser.override_problems[0]


def test_gazetteer_loads_fast_once_cached(geo):
    again = Geoparser.load()
    assert again is geo
    reloaded = Geoparser.load(cache_dir=None, overrides=Path("/nonexistent.csv"))
    assert reloaded.load_seconds < 5


@pytest.mark.parametrize(
    ("phrase", "feature", "precision"),
    [
        ("southern Deir Ezzor countryside", "ADM1", 4),
        ("Aleppo province", "ADM1", 4),
        ("near Kirkuk", "PPL", 2),
        ("Gaza City", "PPL", 1),
    ],
)
def test_resolve_reads_area_phrases(geo, phrase, feature, precision):
    loc = geo.resolve(phrase)
    assert loc is not None and loc.feature_code == feature and loc.geo_precision == precision


def test_people_and_organisations_named_like_towns_are_not_places(nlp, geo):
    text = (
        "President Bill Clinton met Sudanese envoys. Mr. Clinton said the White House would "
        "review sanctions on Sudan."
    )
    found = [m.text for m in geo.geoparse(nlp(text))]
    assert found == ["Sudan"]


def test_a_person_repeated_does_not_become_a_town(nlp, geo):
    text = (
        "Netanyahu vowed to resist Obama on Iran. Critics said Obama had misread Israel. "
        "A meeting with Obama in Washington was cancelled, and Obama said little."
    )
    found = {m.text for m in geo.geoparse(nlp(text))}
    assert "Obama" not in found
    assert {"Iran", "Israel", "Washington"} <= found


def test_town_missed_by_ner_is_found_in_context(nlp, geo):
    text = "RSF fighters besieged El Fasher in North Darfur, Sudan, as the army shelled Omdurman."
    found = {m.text: m.location for m in geo.geoparse(nlp(text))}
    assert found["Omdurman"].country_code == "SDN"
    assert found["El Fasher"].country_code == "SDN"


def test_empty_and_placeless_text(nlp, geo):
    assert geo.geoparse(nlp("")) == []
    assert geo.geoparse(nlp("The committee met on Tuesday and agreed on a budget.")) == []


def test_evaluate_scores_a_gold_file(tmp_path, nlp):
    from sitrep.geo.evaluate import evaluate

    text = "Clashes erupted in Kirkuk and in a village near Timbuktu on Monday."
    gold = {
        "id": "t1",
        "split": "dev",
        "text": text,
        "toponyms": [
            {"start": 19, "end": 25, "text": "Kirkuk", "resolvable": True,
             "geonames_id": 94787, "latitude": 35.46806, "longitude": 44.39222},
            {"start": 48, "end": 56, "text": "Timbuktu", "resolvable": True,
             "geonames_id": None, "latitude": 16.77348, "longitude": -3.00742},
        ],
    }  # fmt: skip
    path = tmp_path / "gold.jsonl"
    path.write_text(__import__("json").dumps(gold) + "\n")
    result = evaluate(path, nlp=nlp)
    assert result["gold_toponyms"] == 2
    assert result["toponym_recall"] == 1.0 and result["toponym_precision"] == 1.0
    assert result["accuracy_at_25km"] == 1.0
    assert set(result["by_split"]) == {"dev", "heldout", "final"}


def test_sentence_ends_agree_with_span_sent(nlp):
    from sitrep.geo.geoparser import _SentenceEnds

    doc = nlp("Shelling hit Aleppo. Two died in Idlib on Monday!\nMOSCOW (AP) - Talks ended.")
    ends = _SentenceEnds(doc)
    assert ends.annotated and not ends.hooked
    assert [ends.of_token(tok.i) for tok in doc] == [tok.sent.end_char for tok in doc]


def test_radian_haversine_is_the_degree_one():
    from sitrep.geo.context import RadianPoint, haversine_radians_km

    a, b = (35.01982, 40.45154), (34.45226, 40.91854)
    assert haversine_radians_km(RadianPoint.of(a), RadianPoint.of(b)) == haversine_km(a, b)
    assert 70 < haversine_km(a, b) < 80


def test_places_inside_names_of_local_institutions(nlp, geo):
    text = (
        "The victim was taken to Gainesville Police headquarters in Georgia. Figures came from "
        "the Texas Department of State Health Services and a professor at the University of "
        "Hartford in Connecticut. The Justice Department declined to comment."
    )
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location}
    assert found["Gainesville"].country_code == "USA"
    assert found["Texas"].feature_code == "ADM1"
    assert found["Hartford"].admin1 == "Connecticut"
    assert "Justice" not in found  # a department, not Justice, Texas


def test_words_for_a_places_people_and_party_home_towns_are_place_cues(nlp, geo):
    man = "An Alexandria man was charged on Monday in Virginia, police said."
    found = {m.text: m.location for m in geo.geoparse(nlp(man)) if m.location}
    assert found["Alexandria"].admin1 == "Virginia"
    party = "Rep. Torrey Westrom, R-Elbow Lake, told Minnesota reporters he would vote no."
    found = {m.text: m.location for m in geo.geoparse(nlp(party)) if m.location}
    assert found["Elbow Lake"].admin1 == "Minnesota"


def test_names_that_lie_together_are_read_together(nlp, geo):
    # Huntsville, Alabama is the bigger namesake; Walker County, Texas holds Huntsville, Texas
    text = "Deputies from Walker County arrested a man in Huntsville on Friday."
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location}
    assert found["Huntsville"].admin1 == found["Walker County"].admin1 == "Texas"


def test_a_county_is_read_among_the_counties_of_that_name(nlp, geo):
    text = "Butler County health centers will get money, officials in Hamilton and Middletown said."
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location}
    county = found["Butler County"]
    assert county.feature_code == "ADM2" and county.admin1 == "Ohio"
    assert county.geo_precision == 3


@pytest.mark.parametrize(
    ("phrase", "admin1"), [("North Texas", "Texas"), ("Southern California", "California")]
)
def test_part_of_a_province_is_that_province(nlp, geo, phrase, admin1):
    found = {m.text: m.location for m in geo.geoparse(nlp(f"Storms hit {phrase} on Monday."))}
    assert found[phrase].feature_code == "ADM1" and found[phrase].admin1 == admin1
    assert found[phrase].geo_precision == 4


def test_nations_of_the_united_kingdom_are_its_provinces(nlp, geo):
    found = {m.text: m.location for m in geo.geoparse(nlp("Floods hit Wales and Scotland."))}
    assert found["Wales"].feature_code == found["Scotland"].feature_code == "ADM1"
    assert found["Wales"].country_code == "GBR"


def test_a_list_of_states_is_read_as_states(nlp, geo):
    # Oregon, Ohio is a town; beside Ohio in a list of states, Oregon is the state
    text = "Cases were reported in Utah, Ohio, Oregon and Texas."
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location}
    assert {found[s].feature_code for s in ("Utah", "Ohio", "Oregon", "Texas")} == {"ADM1"}


def test_the_english_city_of_is_in_england(nlp, geo):
    text = "Sergei Skripal was poisoned in the English city of Salisbury."
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location}
    assert found["Salisbury"].country_code == "GBR"


def test_mentions_say_how_the_name_was_found(nlp, geo):
    text = "Gainesville Police said the fire spread near Atlanta."
    found = {m.text: m.source for m in geo.geoparse(nlp(text))}
    assert found["Gainesville"] == "embedded"  # where the institution sits, not the event
    assert found["Atlanta"] in ("ner", "prep")


def test_place_and_its_area_in_one_entity_are_two_places(nlp, geo):
    mentions = geo.geoparse(
        nlp("Citizens protested from their balconies in Nis, Serbia, on Friday.")
    )
    found = {m.text: m.location for m in mentions if m.location is not None}
    assert found["Nis"].country_code == "SRB" and found["Nis"].geo_precision == 1
    assert found["Serbia"].feature_code == "PCLI"


def test_area_named_after_a_place_is_a_place_whatever_ner_says(nlp, geo):
    text = "In Minas Viejas, Guerrero, two men were found dead on Tuesday."
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location is not None}
    assert found["Guerrero"].country_code == "MEX" and found["Guerrero"].feature_code == "ADM1"


def test_town_read_inside_a_district_the_article_names(nlp, geo):
    text = (
        "The Henderson County Sheriff's Office arrested a man in Athens on Tuesday. "
        "Athens police said he was held in the Henderson County jail."
    )
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location is not None}
    athens = found["Athens"]
    assert (athens.country_code, athens.admin1) == ("USA", "Texas")  # not Greece's capital


def test_each_name_of_a_list_of_counties_is_a_county(nlp, geo):
    text = "Area girls from Cooke, Grayson and Love counties will compete for the crown."
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location is not None}
    for name in ("Cooke", "Grayson", "Love"):
        assert found[name].feature_code == "ADM2", name
    text = "Gunmen attacked villages in the Homs and Hama provinces on Monday."
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location is not None}
    assert {found["Homs"].feature_code, found["Hama"].feature_code} == {"ADM1"}
    text = "Bandits raided villages in the states of Zamfara, Sokoto and Katsina on Friday."
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location is not None}
    assert {found[n].feature_code for n in ("Zamfara", "Sokoto", "Katsina")} == {"ADM1"}


def test_a_school_or_court_named_after_its_town_places_the_town(nlp, geo):
    text = "She was due in Bridgeport Superior Court today, officials in Connecticut said."
    found = {m.text: m for m in geo.geoparse(nlp(text))}
    bridgeport = found["Bridgeport"]
    assert bridgeport.source == "embedded" and bridgeport.location.admin1 == "Connecticut"


def test_a_place_entity_that_is_a_jail_places_its_county(nlp, geo):
    doc = nlp("He was booked into the Titus County Jail in Texas on Friday.")
    found = {m.text: m.location for m in geo.geoparse(doc) if m.location is not None}
    assert found["Titus County"].feature_code == "ADM2"
    assert found["Titus County"].admin1 == "Texas"


def test_north_georgia_is_the_state_or_the_country_by_context(nlp, geo):
    text = "School districts in Northeast Georgia, which includes Barrow and Jackson counties, met."
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location is not None}
    assert found["Northeast Georgia"].country_code == "USA"
    assert "Barrow" in found  # not "es Barrow": a listed name starts at a word
    text = "Russian troops stayed in western Georgia, 200 km from Tbilisi."
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location is not None}
    assert found["western Georgia"].country_code == "GEO"


def test_a_town_and_its_province_of_one_name_are_no_list(nlp, geo):
    text = "On 28 April 2020, in the North Zone of Rio de Janeiro, Rio de Janeiro, a man was shot."
    first = next(m for m in geo.geoparse(nlp(text)) if m.text == "Rio de Janeiro")
    assert first.location.feature_code == "PPL"


def test_a_province_with_a_particle_after_the_town_picks_the_namesake(nlp, geo):
    text = "On 3 May 2020, in Santa Maria, Rio Grande do Sul, police shot a man."
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location is not None}
    assert found["Santa Maria"].admin1 == "Rio Grande do Sul"


def test_a_state_abbreviation_inside_an_organisation_is_the_state(nlp, geo):
    text = "The S.C. Highway Patrol is looking for leads in the crash near Columbia."
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location is not None}
    assert found["S.C."].name == "South Carolina"


def test_a_district_its_country_calls_a_province_stays_the_district(nlp, geo):
    doc = nlp("Clashes erupted in Cotabato province on Monday.")
    (cotabato,) = [m for m in geo.geoparse(doc) if m.location is not None]
    assert cotabato.location.feature_code == "ADM2" and cotabato.location.country_code == "PHL"


def test_a_cued_town_stays_a_place_when_ner_calls_it_a_person(nlp, geo):
    text = (
        "Alexandria woman charged in connection with Kelleyland fire. Chiquita Raquel Henry, "
        "19, of 1935 Orchard St., Alexandria, was arrested and charged with aggravated arson."
    )
    doc = nlp(text)
    assert "Alexandria" in {e.text for e in doc.ents if e.label_ == "PERSON"}
    assert [m for m in geo.geoparse(doc) if m.text == "Alexandria" and m.location is not None]
