"""Which of a sentence's places is the event's, as an ACLED coder would place it."""

from __future__ import annotations

import pytest


def _place(events):
    coded = [e for e in events if e.acled_event_type]
    assert coded, [(e.event_type, e.sentence) for e in events]
    assert coded[0].location is not None
    return coded[0].location


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the parser makes the opening place the subject: after "in" it is still a where
        (
            "On 30 April 2020, in Port-au-Prince, Ouest department, gang violence in the "
            "southern parts of the capital caused at least six deaths.",
            "Port-au-Prince",
        ),
        # a district and its province, joined by "center,": the district, not the province
        (
            "On 27 April 2020, 1 NDS member was shot and killed by Taliban militants in Gulran "
            "district center, Herat.",
            "Gulrān",
        ),
        # a noun trigger's place hangs off the verb it is the object of
        (
            "On 9 May 2020, people in Mudiyah (Mudiyah, Abyan) participated in a demonstration "
            "in support of the declaration of self-administration in South Yemen.",
            "Mūdīyah",
        ),
        # a street named after another town is not where it happened
        (
            "On 6 May 2020, journalists held a protest outside a media office on Murree road in "
            "Rawalpindi city (Rawalpindi, Punjab), against the arrest of an editor.",
            "Rawalpindi",
        ),
        # a highway named after two towns is neither
        (
            "On 3 May 2020, some 7000 migrant labourers blocked the Mumbai-Agra highway and pelted "
            "stones on police at Bijasan village (Barwani, Madhya Pradesh).",
            "Barwāni",
        ),
        # a namesake 700 km from the city it is said to be in
        (
            "On 8 May 2020, church members staged a protest at the National Cathedral in Ermita, "
            "Manila after a broadcaster was forced off air.",
            "Manila",
        ),
        # a country modifying a currency is no place of the event; a town's airport is the town
        (
            "On 28 April 2020, rioters demonstrating against the high US dollar exchange rate "
            "and dire living conditions hurled stones at Military forces as they tried to "
            "re-open a road in Beirut's Hamra district.",
            "Beirut",
        ),
        ("An attack on Kabul airport killed five people.", "Kabul"),
        # the province named like its capital, in parentheses, is no town 50 km away
        ("On 9 May 2020, in La Plata (Buenos Aires), workers set fire to tires.", "La Plata"),
        # a town after "in" that the parser hung on the next noun is still the place
        (
            "On 7 May 2020, in Acapulco, Guerrero, around 100 merchants protested demanding "
            "food subsidies.",
            "Acapulco de Juárez",
        ),
    ],
)
def test_the_event_is_placed_where_it_happened(code, text, place):
    assert _place(code(text)).name == place


def test_a_second_attack_in_an_unknown_neighbourhood_is_placed_in_the_town(code):
    events = code(
        "On 3 May 2020, in Guadalajara, Jalisco, four men were shot dead in Colonia Lopez "
        "Portillo. Also, four men were shot dead in Colonia El Carmen."
    )
    attacks = [e for e in events if e.acled_event_type]
    assert len(attacks) == 2, [(e.sentence, e.location) for e in attacks]  # two shootings
    second = attacks[1].location
    assert second is not None and second.name == "Guadalajara" and second.geo_precision == 2
    assert "Colonia El Carmen" in (second.resolution_note or "")


def test_a_bracket_inside_a_sentence_does_not_end_it(code):
    # the parser ended the sentence at "[": its district was lost to the next one
    text = (
        "On 9 May 2020, suspected militants killed nine civilians in the village of Zibane "
        "[Ziban] (Anzourou, Tillaberi)."
    )
    assert _place(code(text)).name == "Anzourou"


def test_the_place_a_sentence_opens_with_is_its_setting(code):
    # the parser hangs "in Andahuaylas" on "stuck", not on the protest
    text = (
        "On 30 April 2020, in Andahuaylas, Apurimac, more than 70 citizens stuck in the city "
        "staged a demonstration to demand help to return to their homes in Lima."
    )
    assert _place(code(text, "2020-05-01")).name == "Andahuaylas"
    # ... but not the place of a saying, nor over the place told with the event itself
    told = "In Washington, officials said gunmen attacked a checkpoint in Kabul."
    assert _place(code(told)).name == "Kabul"


def test_the_outskirts_of_a_town_are_near_the_town_not_the_province(code):
    text = (
        "On 3 May 2020, regime forces shelled the outskirts of Maarat al-Numan in southern "
        "Idleb countryside."
    )
    place = _place(code(text, "2020-05-04"))
    assert place.country_code == "SYR" and place.geo_precision == 2
    assert place.feature_code != "ADM1"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # "X district of Y": a namesake district 100 km from the city is no part of it
        (
            "On 12 June 2020, about 30 teachers of a city school protested in Desnianskyi "
            "district of Kyiv complaining about unpaid wages.",
            "Kyiv",
        ),
        # a part of a country framed by finer places in parentheses is the finer place
        (
            "On 9 June 2020, shelling hit farms in Al Jarr area in northwestern Yemen (Abs, "
            "Hajjah), wounding a farmer.",
            "Abs",
        ),
        # a town named with its state, opening the sentence, is where, not who
        (
            "On 4 June 2020, Valencia, Carabobo state, residents burned tires to protest water "
            "shortages.",
            "Valencia",
        ),
        # a stadium read inside the town it is in does not set the town aside
        (
            "On 3 June 2020, unknown men set fire to a grandstand of the Engong Stadium in Oyem "
            "town (Ntem, Woleu-Ntem).",
            "Oyem",
        ),
        # "the West Zone of Rio de Janeiro" read as the city: the city, not a namesake later
        (
            "On 2 June 2020, in the West Zone of Rio de Janeiro, Rio de Janeiro, police clashed "
            "with traffickers in the Para-Pedro community.",
            "Rio de Janeiro",
        ),
        # a district the parser hangs on "west" is no modifier of a thing
        (
            "On 10 June 2020, two air strikes hit Sirwah district west of Marib city (Marib), "
            "with no casualties reported.",
            "Sirwah",
        ),
        # a region misread in front of the town and province that hold it is the town
        (
            "On 11 June 2020, residents protested in Anosy (Ambalavao, Haute Matsiatra) against "
            "power cuts.",
            "Ambalavao",
        ),
    ],
)
def test_a_place_named_with_its_areas_is_the_finest_that_fits(code, text, place):
    assert _place(code(text)).name == place


def test_a_village_the_gazetteer_lacks_is_near_the_town_it_is_told_from(code):
    text = (
        "On 8 June 2020, an airstrike hit an arms depot in Abu Al-Ghareb village west of Mizdah "
        "(Al Jabal Al Gharbi), killing two fighters."
    )
    place = _place(code(text))
    assert place.name == "Mizdah" and place.geo_precision == 2


def test_a_town_abroad_loses_to_the_district_named_with_it(code):
    # "Thor" read as a town in Austria; the district in parentheses is in Senegal
    text = (
        "On 10 June 2020, villagers protested in Thor village, Thies subdivision (Keur Moussa, "
        "Thies) against a quarantine centre."
    )
    assert _place(code(text)).country_code == "SEN"


def test_a_village_under_a_police_station_is_placed_at_the_station(code):
    # two words between a place and its parenthesised areas still make one chain
    text = (
        "On 12 June 2020, a mob beat two officials in Kewata village under Dalsing Sarai police "
        "station (Samastipur, Bihar) over a land dispute."
    )
    place = _place(code(text))
    assert place.name == "Dalsingh Sarai" and place.geo_precision == 2


def test_a_town_in_the_countryside_of_a_province_named_like_its_capital(code):
    # "Deir-ez-Zor" read as the city 90 km away names Hajin's province ("Dayr az Zawr")
    text = (
        "On 5 June 2020, unidentified gunmen killed a man near Hajin town in the eastern "
        "countryside of Deir-ez-Zor."
    )
    assert _place(code(text)).name == "Hajīn"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # "near X" ranks with "in X": the town told near the event, not the state's capital
        (
            "On 5 June 2020, farmers blocked a road near San Vicente Coatlan, on the coast of "
            "Oaxaca, demanding a meeting with officials.",
            "San Vicente Coatlán",
        ),
        # "on the outskirts of" joins a village to its town: a namesake 360 km away is not it
        (
            "On 7 June 2020, a mob attacked a police team at Husnabad village on the outskirts "
            "of Suri (Birbhum district, West Bengal) during a lockdown patrol.",
            "Siuri",
        ),
    ],
)
def test_a_village_near_a_town_is_placed_at_the_town(code, text, place):
    assert _place(code(text)).name == place


def test_where_nothing_moves_from_a_village_is_where_it_happened(code):
    # the village is not in the gazetteer; its district, told after "from", is the place
    text = "On 3 June 2021, gunmen abducted four traders from Hawa village (Tal Afar, Nineveh)."
    assert _place(code(text)).name == "Tall ‘Afar"


def test_a_country_named_for_its_forces_is_not_the_place(code):
    # "Police forces of Iraq": the forces' country; the protest's town carries on
    text = (
        "On 4 June 2021, in Mosul, Nineveh, students protested against the rise in university "
        "fees. Police forces of Iraq dispersed the students with tear gas."
    )
    places = {e.location.name for e in code(text) if e.acled_event_type and e.location}
    assert places == {"Mosul"}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a city owning the district the march was in is the frame of a where, not a party
        (
            "On 2 June 2021, members of a movement against corruption in Iraq marched in "
            "Basra's Ashar district to demand jobs.",
            "Basrah",
        ),
        # a country told with the demand yields to the town inside it
        (
            "On 5 June 2021, in Karbala (Karbala), a group of merchants protested in front of "
            "the governorate building to demand the reopening of shops during the curfew in Iraq.",
            "Karbala",
        ),
    ],
)
def test_the_finer_place_inside_a_country_is_the_event_s(code, text, place):
    assert _place(code(text)).name == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a neighbourhood read as a town abroad loses to the one town it is said to be in
        ("On 9 June 2021, gunmen killed a farmer in Toledo, Baghdad.", "Baghdad"),
        # a town 2,000 km from the district in its parenthesis is a namesake
        ("On 9 June 2021, a mob lynched a thief in Salem (Haridwar district).", "Haridwar"),
        # an abbreviated state ("KL", read as Kuala Lumpur) is no witness against the district
        (
            "On 9 June 2021, fishermen protested in Poovar village (Thiruvananthapuram, KL) "
            "against a port project.",
            "Thiruvananthapuram",
        ),
    ],
)
def test_a_namesake_far_from_the_area_it_is_named_in_loses_to_the_area(code, text, place):
    assert _place(code(text)).name == place


def test_a_parenthesis_repeating_the_town_s_name_is_no_witness_against_it(code):
    # "(Santa Ana)" is the department, read as the Californian city: the town stays Salvadoran
    text = "On 9 June 2021, bus drivers went on strike in Santa Ana (Santa Ana) over unpaid wages."
    assert _place(code(text)).country_code == "SLV"


def test_a_province_abroad_loses_to_the_province_it_is_named_in(code):
    # "Mayo-Sava" read as Sava, a region of Madagascar: no province lies in another
    # country's province
    text = "On 9 June 2021, militants looted shops in Mayo-Sava division, Far North region."
    assert _place(code(text)).country_code == "CMR"


def test_a_town_named_in_a_road_is_near_it_when_nothing_better_is_named(code):
    # "the Basra-Nasiriyah highway": no town is where it happened, but one is near it
    text = (
        "On 9 June 2021, truck drivers blocked the Basra-Nasiriyah highway to protest against "
        "fuel prices."
    )
    place = _place(code(text))
    assert place.country_code == "IRQ" and place.geo_precision == 2


def test_where_nothing_moves_a_destination_is_no_better_than_the_setting(code):
    text = (
        "On 9 June 2021, on a road in the north of Erbil, around 300 Syrian refugees protested "
        "to demand to be allowed to return to Syria."
    )
    place = _place(code(text))
    assert place.name == "Erbil" and "Syria" not in (place.resolution_note or "")


def test_one_province_named_twice_does_not_outvote_the_town(code):
    # "Punjab" twice (a society's name and the parenthesis), both read in Pakistan: one place,
    # not two agreeing against the Indian town
    text = (
        "On 9 June 2021, contract nurses of the Punjab State Health Society staged a protest and "
        "went on strike in Tarn Taran city (Punjab) demanding permanent jobs."
    )
    assert _place(code(text)).name == "Tarn Taran"


def test_a_namesake_abroad_told_from_a_town_is_placed_near_the_town(code):
    # "Hatla" read as a town in India; "east of Deir-ez-Zor city" says where it is
    text = (
        "On 5 June 2021, a landmine exploded in Hatla village east of Deir-ez-Zor city, killing a "
        "shepherd."
    )
    place = _place(code(text))
    assert place.country_code == "SYR" and place.geo_precision == 2
