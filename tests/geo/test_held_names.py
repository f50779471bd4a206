"""Places held by other names: a dateline's province, a legislator's state, a town's
possessive, an organisation named after the town it serves, a country inside an actor."""

from __future__ import annotations


def _located(mentions, text):
    return [m for m in mentions if m.text == text and m.location is not None]


def _span(text, phrase):
    start = text.index(phrase)
    return start, start + len(phrase)


def test_a_datelines_second_name_is_the_towns_state(nlp, geo):
    text = "FRESNO, Calif.--(BUSINESS WIRE)--A packing firm said on Monday it would hire 40 people."
    (state,) = _located(geo.geoparse(nlp(text)), "Calif")
    assert state.location.name == "California"


def test_a_postal_code_in_a_dateline_is_the_state(nlp, geo):
    text = "GREENVILLE COUNTY, SC (WYFF) - Deputies searched a wooded area on Sunday night."
    (state,) = _located(geo.geoparse(nlp(text)), "SC")
    assert state.location.name == "South Carolina"


def test_a_dotted_state_after_a_party_letter_is_the_legislators_state(nlp, geo):
    text = "Sen. Ann Porter, D-W. Va., voted against the highway bill on Thursday."
    mentions = geo.geoparse(nlp(text))
    assert any(m.location and m.location.name == "West Virginia" for m in mentions)


def test_a_possessive_before_what_a_town_has_is_the_town(nlp, geo):
    text = "Peoria's building inspector closed the warehouse after a fire in Illinois."
    (town,) = _located(geo.geoparse(nlp(text)), "Peoria")
    assert town.location.admin1 == "Illinois"


def test_a_possessive_before_an_institution_is_the_town_that_holds_it(nlp, geo):
    text = "The boy was flown to Galway’s University Hospital after the crash in Ireland."
    (town,) = _located(geo.geoparse(nlp(text)), "Galway")
    assert town.location.country_code == "IRL" and town.source == "embedded"


def test_a_shop_in_the_possessive_is_no_town(nlp, geo):
    text = "The suspect bought coffee at McDonald's before driving to Akron, Ohio."
    names = {m.text for m in geo.geoparse(nlp(text))}
    assert "McDonald" not in names and "Akron" in names


def test_an_organisation_named_after_its_town_places_the_town(nlp, geo):
    text = "The Topeka Board of Education met on Monday; the Wichita Film Festival opens in May."
    mentions = geo.geoparse(nlp(text))
    assert {"Topeka", "Wichita"} <= {m.text for m in mentions if m.location is not None}
    assert all(m.location.admin1 == "Kansas" for m in mentions if m.text in ("Topeka", "Wichita"))


def test_a_country_at_the_head_of_an_actors_name_is_also_a_place(nlp, geo):
    text = "The U.S. military said on Friday that two drones were shot down."
    mentions = geo.geoparse(nlp(text), exclude=[_span(text, "U.S. military")])
    (country,) = _located(mentions, "U.S.")
    assert country.location.country_code == "USA" and country.source == "embedded"


def test_a_country_closing_an_actors_name_is_also_a_place(nlp, geo):
    text = "The government of the United Kingdom published its flu plan."
    mentions = geo.geoparse(nlp(text), exclude=[_span(text, "government of the United Kingdom")])
    (country,) = _located(mentions, "United Kingdom")
    assert country.location.country_code == "GBR"


def test_the_eu_is_a_place_where_the_text_uses_it_as_one_and_an_actor_where_it_acts(nlp, geo):
    text = "Tariffs within the EU fell. The EU and Norway signed the deal."
    first, second = (text.index("EU"), text.rindex("EU"))
    exclude = [(first, first + 2), (second, second + 2)]
    mentions = _located(geo.geoparse(nlp(text), exclude=exclude), "EU")
    assert [m.start for m in mentions] == [first]
    assert mentions[0].location.name == "European Union"


def test_a_demonym_at_the_head_of_an_actor_stays_the_actors_attribute(nlp, geo):
    text = "The Chilean army said on Friday that the road was open."
    mentions = geo.geoparse(nlp(text), exclude=[_span(text, "Chilean army")])
    assert not [m for m in mentions if m.text == "Chilean"]


def test_a_proper_noun_cut_off_a_longer_name_is_no_town_on_its_own():
    from sitrep.geo.candidates import Candidate, _fragment

    text = "accused a Meadow Grove man"  # NER: "Meadow" NORP, leaving the run "Grove"
    meadow = text.index("Meadow")
    grove = Candidate(text.index("Grove"), text.index("Grove") + 5, "Grove", "propn")
    assert _fragment(grove, text, {meadow + len("Meadow")}, set())
    assert not _fragment(grove, text, set(), set())
    before = Candidate(meadow, meadow + len("Meadow"), "Meadow", "propn")
    assert _fragment(before, text, set(), {text.index("Grove")})


def test_a_constituent_country_is_its_own_area_not_the_kingdom(nlp, geo):
    text = "Bird flu was confirmed on a farm in Norfolk, England, and later in North West England."
    mentions = [m for m in geo.geoparse(nlp(text)) if "England" in m.text]
    assert len(mentions) == 2
    assert {m.location.name for m in mentions} == {"England"}
    assert {m.location.feature_code for m in mentions} == {"ADM1"}


def test_a_country_whose_own_name_a_province_bears_stays_the_country(nlp, geo):
    text = "Talks between Georgia and Armenia resumed in Tbilisi."
    (georgia,) = [m for m in geo.geoparse(nlp(text)) if m.text == "Georgia"]
    assert georgia.location.country_code == "GEO"


def test_a_list_of_towns_is_no_town_and_its_province(nlp, geo):
    # "Nakuru" after a comma would be the county holding Kericho, which it is not
    text = "Cholera cases were reported in Kericho, Nakuru, Kisumu and Nyeri last week."
    (town,) = _located(geo.geoparse(nlp(text)), "Kericho")
    assert town.location.country_code == "KEN"


def test_a_town_its_province_and_its_country_stay_a_hierarchy(nlp, geo):
    text = "Gunmen attacked a market in Butembo, Nord-Kivu, DRC on Sunday."
    (town,) = _located(geo.geoparse(nlp(text)), "Butembo")
    assert town.location.country_code == "COD"


def test_a_dotted_state_before_a_list_is_still_the_towns_state(nlp, geo):
    text = "Storms hit Springfield, Ill., and Peoria on Friday."
    (town,) = _located(geo.geoparse(nlp(text)), "Springfield")
    assert town.location.admin1 == "Illinois"


def test_a_name_in_a_list_of_provinces_is_the_province(nlp, geo):
    text = "Recalled lettuce was sold in Vermont, New York, Maine and New Hampshire."
    (state,) = _located(geo.geoparse(nlp(text)), "New York")
    assert state.location.feature_code == "ADM1"


def test_a_town_with_its_dotted_state_ends_a_list_of_provinces(nlp, geo):
    text = "The band toured Iowa, Nebraska and Washington, D.C. this summer."
    (capital,) = _located(geo.geoparse(nlp(text)), "Washington")
    assert capital.location.feature_code == "PPLC"


def test_the_border_of_a_province_is_the_province(nlp, geo):
    text = "The pipeline runs from the New York border to Hartford, Connecticut."
    (state,) = [m for m in geo.geoparse(nlp(text)) if m.text.startswith("New York")]
    assert state.location.feature_code == "ADM1"


def test_the_border_of_a_country_stays_the_country(nlp, geo):
    text = "Troops were sent to the Mexico border, I was told, in April."
    (country,) = [m for m in geo.geoparse(nlp(text)) if m.text.startswith("Mexico")]
    assert country.location.country_code == "MEX"
    assert country.location.feature_code == "PCLI"


def test_a_numbered_road_is_placed_at_the_town_the_text_sets_it_at(nlp, geo):
    text = "Two lorries collided on the A14 at Bury St Edmunds, Suffolk, on Monday."
    (road,) = [m for m in geo.geoparse(nlp(text)) if m.text == "A14"]
    assert road.location.name == "Bury St Edmunds" and road.source == "embedded"


def test_a_rifle_or_an_aircraft_type_is_no_road(nlp, geo):
    text = "Gunmen with M16 rifles stormed an A320 parked at Kandahar airport."
    names = {m.text for m in geo.geoparse(nlp(text))}
    assert not names & {"M16", "A320"}
