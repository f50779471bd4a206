"""Names the entity model misses or mislabels that the article itself shows to be places."""

from __future__ import annotations


def _located(mentions, text):
    return [m for m in mentions if m.text == text and m.location is not None]


def test_a_placed_name_is_that_place_wherever_the_article_repeats_it(nlp, geo):
    text = (
        "A water main broke in Gainesville, Florida, on Monday. The Gainesville Public "
        "Utilities department said Gainesville Mayor Ed Braddy had been told. Gainesville "
        "residents were asked to boil water."
    )
    mentions = geo.geoparse(nlp(text))
    found = _located(mentions, "Gainesville")
    assert len(found) == 4
    assert {m.location.admin1 for m in found} == {"Florida"}
    assert any(m.source == "embedded" for m in found)  # inside the utility's name


def test_a_repeat_is_no_place_inside_a_longer_place_name_or_a_persons_name(nlp, geo):
    text = (
        "Flooding closed roads in London on Tuesday. In New London, Connecticut, schools "
        "opened late. Singer Julie London was not affected."
    )
    mentions = geo.geoparse(nlp(text))
    london = _located(mentions, "London")
    assert all(m.start != text.index("London, Connecticut") for m in london)
    assert all(m.start != text.index("London was") for m in london)


def test_a_site_is_placed_at_the_town_the_text_sets_it_in(nlp, geo):
    text = "The man was taken to Northwestern Memorial Hospital in Chicago on Friday."
    mentions = geo.geoparse(nlp(text))
    (site,) = [m for m in mentions if m.text.startswith("Northwestern")]
    assert site.location.name == "Chicago" and site.location.geo_precision == 2
    assert site.source == "embedded"


def test_a_site_without_a_named_town_is_at_the_town_the_article_names_most(nlp, geo):
    text = (
        "Police in Brooklyn, New York arrested a man on Thursday. Officers said he had been "
        "seen near Barclays Center before the arrest. Brooklyn residents were told to stay home."
    )
    mentions = geo.geoparse(nlp(text))
    (site,) = [m for m in mentions if m.text == "Barclays Center"]
    assert site.location.name == "Brooklyn" and site.location.country_code == "USA"


def test_an_institution_or_a_station_in_space_is_no_site(nlp, geo):
    text = (
        "In The Hague, Netherlands, the International Criminal Court heard the case while "
        "the International Space Station passed overhead."
    )
    names = {m.text for m in geo.geoparse(nlp(text))}
    assert "International Criminal Court" not in names
    assert "International Space Station" not in names


def test_town_in_a_name_is_part_of_it_when_the_gazetteer_has_the_whole(nlp, geo):
    text = "She came to Cape Town after a month in the Eastern Cape."
    (town,) = _located(geo.geoparse(nlp(text)), "Cape Town")
    assert town.location.country_code == "ZAF" and town.location.geo_precision == 1


def test_a_placed_name_inside_an_unknown_place_name_replaces_it(nlp, geo):
    text = (
        "Dublin, Ohio, council members approved the budget. The council is funding the "
        "Dublin Art Stroll again this year."
    )
    mentions = geo.geoparse(nlp(text))
    inside = [m for m in mentions if m.start >= text.index("Dublin Art")]
    assert [m.text for m in inside] == ["Dublin"]
    assert inside[0].location.admin1 == "Ohio"


def test_a_river_the_gazetteer_lacks_is_near_the_town_the_article_names(nlp, geo):
    text = (
        "Rock Hill, South Carolina, officials said the new bridge over the Catawba River "
        "opens in May. Rock Hill residents welcomed the news."
    )
    mentions = geo.geoparse(nlp(text))
    (river,) = [m for m in mentions if m.text.endswith("Catawba River")]
    assert river.location.name == "Rock Hill" and river.location.geo_precision == 2


def test_a_valley_is_never_read_by_a_loose_spelling(nlp, geo):
    text = "Hundreds were evacuated from the Swat Valley in Pakistan's north-west on Monday."
    for m in geo.geoparse(nlp(text)):
        if m.text.endswith("Swat Valley") and m.location is not None:
            assert m.location.country_code != "USA"  # West Valley City, Utah, by spelling


def test_part_of_a_place_the_gazetteer_lacks_is_no_town_spelt_alike(nlp, geo):
    text = "Rebels left Eastern Ghouta, near Damascus, Syria, on Sunday."
    for m in geo.geoparse(nlp(text)):
        if m.text.endswith("Ghouta") and m.location is not None:
            assert m.location.country_code == "SYR"


def test_a_place_the_gazetteer_lacks_is_at_the_place_named_with_it(nlp, geo):
    text = "A mobile home burned in Kelleyland, Louisiana, on Monday, the sheriff said."
    mentions = geo.geoparse(nlp(text))
    (village,) = [m for m in mentions if m.text == "Kelleyland"]
    assert village.location.name == "Louisiana" and village.location.geo_precision == 4


def test_places_joined_by_a_hyphen_are_each_a_place(nlp, geo):
    text = "The Red River will crest at 40 feet in Fargo-Moorhead on Friday."
    mentions = geo.geoparse(nlp(text))
    assert _located(mentions, "Fargo")[0].location.admin1 == "North Dakota"
    assert _located(mentions, "Moorhead")[0].location.admin1 == "Minnesota"


def test_a_province_after_a_compass_word_inside_an_organisation_is_read(nlp, geo):
    text = "She won Best in Show at the Western Pennsylvania Kennel Association Dog Show."
    (found,) = [m for m in geo.geoparse(nlp(text)) if m.location is not None]
    assert found.location.name == "Pennsylvania" and found.source == "embedded"


def test_a_state_whose_name_opens_with_a_compass_word_stays_that_state(nlp, geo):
    text = "John Melton, attorney for the West Virginia Lottery Commission, said so."
    (found,) = [m for m in geo.geoparse(nlp(text)) if m.location is not None]
    assert found.location.name == "West Virginia"


def test_a_two_word_compass_direction_names_part_of_a_country(nlp, geo):
    (found,) = geo.geoparse(nlp("The aqueduct is the finest in North West England."))
    assert found.location is not None and found.location.country_code == "GBR"


def test_a_peoples_adjective_before_a_word_for_territory_names_the_country(nlp, geo):
    text = "Turkey shelled towns along the Syrian-Turkish border as the Syrian army advanced."
    found = {m.text: m for m in geo.geoparse(nlp(text)) if m.source == "modifier"}
    assert found["Syrian"].location.country_code == "SYR"
    assert found["Turkish"].location.geo_precision == 6
    assert len(found) == 2  # "Syrian army": the actor's attribute, no place


def test_a_two_word_peoples_adjective_is_read_whole():
    from sitrep.geo.context import territory_demonyms

    text = "Fighting reached the Sri Lankan capital Colombo."
    assert [(text[s:e], code) for s, e, code in territory_demonyms(text)] == [("Sri Lankan", "LKA")]


def test_a_province_named_after_a_people_or_border_guards_name_no_country():
    from sitrep.geo.context import territory_demonyms

    assert not territory_demonyms("violence erupted in Afdere zone (Somali region)")
    assert not territory_demonyms("Kyrgyz border guards fired warning shots")
    assert not territory_demonyms("Syrian state media said")


def test_a_name_before_mayoral_or_suburbs_is_a_place_whatever_ner_says(nlp, geo):
    text = "He became the latest entry into the crowded Sochi mayoral election on Monday."
    (found,) = [m for m in geo.geoparse(nlp(text)) if m.location is not None]
    assert found.location.name == "Sochi" and found.location.country_code == "RUS"


def test_a_county_named_in_full_is_read_whatever_ner_made_of_it(nlp, geo):
    text = "At 12:03 p.m. Walker County dispatchers received a call from a home in Huntsville."
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location is not None}
    assert found["Walker County"].admin1 == "Texas"  # beside Huntsville: Texas's
    assert found["Huntsville"].admin1 == "Texas"


def test_a_county_after_board_of_is_read_but_no_town_after_foundation_of(nlp, geo):
    text = "Wagner, of the Disabilities Board of Charleston County, thanked the Foundation of Hope."
    found = [m.location.name for m in geo.geoparse(nlp(text)) if m.location is not None]
    assert found == ["Charleston County"]


def test_part_of_a_city_named_with_a_compass_word_is_that_city(nlp, geo):
    (found,) = geo.geoparse(nlp("Two men robbed a South Philadelphia drug kingpin."))
    assert found.location is not None and found.location.name == "Philadelphia"


def test_greater_before_a_county_named_in_full_is_that_county(nlp, geo):
    text = "She won the Miss Greater Butler County Pageant in Hamilton, Ohio."
    found = {m.location.name for m in geo.geoparse(nlp(text)) if m.location is not None}
    assert "Butler County" in found


def test_a_country_name_ner_split_in_two_is_read_whole(nlp, geo):
    text = "Polio rose in Angola, Chad, and Democratic Republic of the Congo."
    found = {m.text: m.location for m in geo.geoparse(nlp(text)) if m.location is not None}
    assert found["Democratic Republic of the Congo"].country_code == "COD"


def test_city_of_a_town_is_not_joined_into_another_place(nlp, geo):
    text = "Thieves took $600 in tools from the City of Richmond's public works, police said."
    found = [m for m in geo.geoparse(nlp(text)) if m.text == "City of Richmond"]
    assert not found


def test_a_dateline_with_an_abbreviated_saint_is_read_whole(nlp, geo):
    text = "Police arrest two in burglaries. ST. LOUIS (AP) — Two men were arrested."
    (found,) = [m for m in geo.geoparse(nlp(text)) if m.location is not None]
    assert found.text == "ST. LOUIS" and found.location.admin1 == "Missouri"


def test_a_person_s_home_town_after_of_is_a_place(nlp, geo):
    text = (
        "The Cooke County sheriff said Gainesville has a new hangar. Machinists Norb Mages of "
        "Lindsay and Dennis Lopez of Thackerville, Okla., were honored."
    )
    found = [m for m in geo.geoparse(nlp(text)) if m.text == "Lindsay" and m.location is not None]
    assert found and found[0].location.country_code == "USA"
