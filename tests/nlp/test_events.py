"""Sentence-level coding an analyst relies on: who did what to whom, where, and how sure."""

from __future__ import annotations

import pytest

from sitrep.ontology import VIOLENT_ACLED_TYPES


def _one(events, event_type):
    found = [e for e in events if e.event_type == event_type]
    assert found, [(e.event_type, e.sentence) for e in events]
    return found[0]


def test_passive_voice_with_perpetrator_inside_attack_noun(code):
    ev = _one(
        code("Seven soldiers were killed in an ISIS attack near Raqqa on Tuesday."), "ASSAULT"
    )
    assert ev.actor1 is not None and ev.actor1.actor_id == "isis"
    assert ev.actor2 is not None and ev.actor2.actor_type == "state_forces"
    assert ev.fatalities_best == 7
    assert (ev.date_start, ev.date_precision) == ("2024-03-12", "day")


def test_generic_actor_from_demonym_and_aerial_mode(code):
    text = "Turkish warplanes struck PKK positions in northern Iraq, killing at least 12 militants."
    ev = _one(code(text), "ASSAULT")
    assert ev.actor1.actor_id == "gen_military_tur"
    assert ev.actor1.country_code == "TUR"
    assert ev.acled_event_type == "Explosions/Remote violence"
    assert ev.acled_sub_event_type == "Air/drone strike"
    assert ev.fatalities_low == 12 and ev.fatalities_high is None


def test_backer_country_from_text(code):
    ev = _one(code("Iranian-backed militias shelled a US base in eastern Syria."), "ASSAULT")
    assert ev.actor1.backer_country_code == "IRN"
    assert ev.event_mode == "heavy-weapons"


def test_attack_on_civilians_is_violence_against_civilians(code):
    ev = _one(code("Gunmen attacked villagers in Zamfara state, killing dozens."), "ASSAULT")
    assert ev.acled_event_type == "Violence against civilians"
    assert ev.fatalities_best == 12
    assert "dozens" in (ev.fatalities_note or "")


def test_attribution_according_to_and_said(code):
    ev = _one(
        code("Israeli forces arrested 15 Palestinians in Jenin, according to WAFA."), "COERCE"
    )
    assert ev.source_original == "WAFA"
    assert ev.acled_sub_event_type == "Arrests"
    ev = _one(code("The army arrested 20 protesters in Khartoum, the ministry said."), "COERCE")
    assert ev.source_original == "ministry"


def test_attribution_carried_to_anaphoric_source(code):
    text = (
        "Fighting erupted in Idlib, the Syrian Observatory for Human Rights said.\n\n"
        "Government forces shelled the town of Ariha, the monitor said."
    )
    events = code(text)
    assert events[-1].source_original == "Syrian Observatory for Human Rights"


def test_modality_negated_future_hedged(code):
    assert _one(code("The rebels did not attack the convoy."), "ASSAULT").modality == "negated"
    threat = code("Hamas will attack Israeli positions, its spokesman said.")
    assert [e.event_type for e in threat] == ["THREATEN"]
    hedged = _one(code("Russian troops reportedly shelled Kharkiv on Monday."), "ASSAULT")
    assert hedged.modality == "hedged"


def test_protest_with_place_and_date(code):
    ev = _one(code("Thousands of protesters rallied in Baghdad on Friday."), "PROTEST")
    assert ev.actor1.actor_type == "protesters"
    assert ev.location is not None and ev.location.country_code == "IRQ"
    assert ev.date_start == "2024-03-15"


def test_unknown_actor_is_kept_unresolved(code):
    ev = _one(code("The Zorro Liberation Brigade attacked a checkpoint in Mosul."), "ASSAULT")
    assert ev.actor1 is not None and ev.actor1.resolved is False
    assert "Zorro" in ev.actor1.name


def test_no_date_in_text_never_invents_a_day(code):
    ev = _one(code("Militants ambushed a patrol near Gao."), "ASSAULT")
    assert ev.date_precision != "day"
    assert ev.date_end == "2024-03-15"


def test_sentence_offsets_and_confidence(code, extractor):
    text = "Nothing happened here.\n\nSudanese army jets bombed Nyala, killing 9 civilians."
    _, events = extractor.extract(text, "2024-03-15")
    ev = _one(events, "ASSAULT")
    assert text[ev.start : ev.end] == ev.sentence
    assert ev.sentence_index == 1
    assert 0.0 <= ev.confidence <= 1.0


def test_running_totals_are_not_events(code):
    assert code("More than 13,000 people have been killed since the conflict began in 2014.") == []


def test_fighting_between_two_named_parties(code):
    text = "Fighting between the Myanmar military and the Arakan Army flared near Kyauktaw."
    ev = _one(code(text), "ASSAULT")
    assert {ev.actor1.actor_id, ev.actor2.actor_id} == {"mmr_state_forces", "arakan_army"}


def test_claim_of_responsibility_names_the_perpetrator(code):
    text = "Al-Shabaab said it was behind a roadside bomb that killed four soldiers near Afgoye."
    ev = _one(code(text), "ASSAULT")
    assert ev.actor1.actor_id == "al_shabaab"
    assert ev.event_mode == "explosive"


def test_projectile_fired_by_agent_and_protest_idioms(code):
    ev = _one(code("A missile fired by the Houthis hit an army camp in Marib."), "ASSAULT")
    assert ev.actor1.actor_id == "houthis"
    ev = _one(code("Thousands of demonstrators took to the streets to demand jobs."), "PROTEST")
    assert ev.actor1.actor_type == "protesters"
    ev = _one(code("Armed men opened fire on traders at a market near Pama."), "ASSAULT")
    assert ev.acled_event_type == "Violence against civilians"


def test_condemned_killing_is_still_coded(code):
    text = "The network condemned the killing of at least fifteen civilians near Pama on Saturday."
    ev = _one(code(text), "ASSAULT")
    assert ev.fatalities_best == 15


def test_event_placed_at_the_smallest_named_area(code):
    """ "Kajran district, Daykundi": the district, not the province named after it as its area."""
    ev = _one(
        code("Gunmen killed three farmers in Kajran district, Daykundi, on Monday."), "ASSAULT"
    )
    assert ev.location is not None and ev.location.name == "Kajrān"


def test_a_district_whose_province_shares_a_towns_name_stays_the_place(code):
    """ "Baqim district (Sadah)": Sadah is the province here, not the town of that name."""
    text = "Coalition airstrikes targeted Baqim district (Sadah), hitting farms."
    ev = _one(code(text), "ASSAULT")
    assert ev.location is not None and ev.location.name == "Baqim"
    assert ev.location.geo_precision == 3


def test_unknown_village_placed_at_its_enclosing_district(code):
    text = "Gunmen attacked the village of Kurmin Gwaza (Chikun LGA, Kaduna) and killed two men."
    ev = _one(code(text), "ASSAULT")
    assert ev.location is not None and ev.location.name == "Chikun"


def test_place_of_a_group_that_acts_is_the_events_place(code):
    ev = _one(code("A group of traders in Kano staged a protest over fuel prices."), "PROTEST")
    assert ev.location is not None and ev.location.country_code == "NGA"


def test_named_camp_is_a_place_not_a_party(code):
    ev = _one(code("Israeli troops raided the Jenin refugee camp and arrested six men."), "COERCE")
    assert ev.location is not None and ev.location.country_code == "PSE"


def test_a_protests_demand_is_its_claim_not_a_second_event(code):
    events = code("Hundreds of nurses held a protest in Lagos on Monday, demanding unpaid wages.")
    assert [e.event_type for e in events if e.modality == "asserted"] == ["PROTEST"]


def test_hyphenated_trigger_is_read(code):
    ev = _one(code("A shoot-out took place in the Grama neighbourhood of Lagos."), "ASSAULT")
    assert ev.event_mode == "firearms"


def test_bodies_found_with_marks_of_violence_are_a_killing_and_a_hikers_are_not(code):
    ev = _one(
        code("Police found the bodies of two men with their hands tied near Celaya."), "ASSAULT"
    )
    assert ev.fatalities_best == 2
    assert not code("The body of a missing hiker was found on Mount Kenya on Sunday.")


def test_a_noun_another_trigger_acts_on_is_its_object_not_an_event(code):
    events = code("The army lifted a two-week blockade on the town of Kismayo on Friday.")
    assert [e.event_type for e in events] == ["RETREAT"]


@pytest.mark.parametrize(
    "text",
    [
        "H5N1 has killed two more women in Egypt this week.",
        "Thousands of birds have been killed in Romania to contain the outbreak.",
        "The senator suffered a heart attack in Washington last night.",
        "Poisoned liquor killed seventeen people in Nairobi's largest slum.",
        "A carbon monoxide leak killed a family of four in Tbilisi.",
        "The flooding in Pakistan has spread and has now struck four million people.",
    ],
)
def test_deaths_from_disease_accident_or_of_animals_are_no_violence(code, text):
    violent = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
    assert not [e for e in code(text) if e.acled_event_type in violent]


def test_a_date_in_another_clause_is_not_the_events(code):
    text = (
        "On 9 May 2020, workers of a steel company, which closed down in 2017, held a protest "
        "in Qorveh against their unemployment."
    )
    ev = _one(code(text, "2020-05-10"), "PROTEST")
    assert (ev.date_start, ev.date_precision) == ("2020-05-09", "day")


def test_a_death_with_nothing_violent_about_it_is_no_attack(code):
    events = code("Two of the pilgrims died of the virus. One died in Mecca, the others in Medina.")
    assert not [e for e in events if e.acled_event_type in VIOLENT_ACLED_TYPES]
    shot = code("A man died after being shot by gunmen in Kano.")
    assert [e for e in shot if e.acled_event_type in VIOLENT_ACLED_TYPES]
    victim = code("Armed men shot at a man in Cosoleacaque, Veracruz. The victim died.")
    assert [e for e in victim if e.acled_event_type in VIOLENT_ACLED_TYPES]


def test_a_clause_telling_who_someone_is_is_no_event(code):
    text = "Eighteen troops who fought and were wounded in Afghanistan are being tested for HIV."
    assert not [e for e in code(text) if e.acled_event_type in VIOLENT_ACLED_TYPES]
    dated = code("A soldier who was shot in Kabul on Monday has died.")
    assert [e for e in dated if e.acled_event_type in VIOLENT_ACLED_TYPES]


def test_a_sentence_opening_with_a_number_keeps_its_toll(code):
    # spaCy ends a sentence after "2" here; the toll is the IED's, not an unknown number
    text = (
        "On 2 May 2020, an IED exploded targeting a PMF vehicle near Tarmiyah, Salah al-Din. "
        "2 PMF members were killed."
    )
    events = code(text, "2020-05-03")
    assert len(events) == 1, [(e.acled_sub_event_type, e.sentence) for e in events]
    assert events[0].acled_sub_event_type == "Remote explosive/landmine/IED"
    assert events[0].fatalities_best == 2


def test_a_sentence_that_only_reports_a_saying_is_no_event(code):
    assert code("Police said on Monday.") == []


def test_a_projectile_landing_is_an_attack_whoever_fired_it(code):
    text = "On 6 May 2020, a Katyusha rocket landed near Baghdad International Airport."
    events = code(text, "2020-05-07")
    assert [e.acled_sub_event_type for e in events] == ["Shelling/artillery/missile attack"]
    assert events[0].actor1 is not None and events[0].actor1.country_code == "IRQ"


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2020, Iraqi security forces dismantled an IED planted on a road near Tarmiyah.",
        "On 2 May 2020, police recovered 153 crude bombs at a house in Lalpur village.",
        "On 27 April 2020, a timed IED was found on a roadside in Mueang Phetchabun district.",
        "On 4 May 2020, pro-Hadi forces shot down a Houthi drone over Qaatabah, Ad Dali.",
    ],
)
def test_weapons_found_seized_defused_or_downed_are_disrupted_weapons_use(code, text):
    events = code(text, "2020-05-10")
    assert [e.acled_sub_event_type for e in events] == ["Disrupted weapons use"], [
        (e.acled_sub_event_type, e.trigger) for e in events
    ]
    assert events[0].event_type == "COERCE" and events[0].event_mode == "defuse"


def test_a_shooting_or_a_body_found_is_no_disrupted_weapons_use(code):
    for text in ("Gunmen shot a man in Kano.", "Soldiers found a cache of food in Kano."):
        assert "Disrupted weapons use" not in [e.acled_sub_event_type for e in code(text)]


def test_what_two_sides_exchange_decides_the_event(code):
    fire = code("The two sides exchanged artillery fire near Tal Tamr, Syria.")
    assert [e.acled_sub_event_type for e in fire] == ["Shelling/artillery/missile attack"]
    swap = code("On 7 May 2020, regime forces and SDF exchanged prisoners in Manbij.")
    assert [e.acled_sub_event_type for e in swap] == ["Agreement"]
    assert code("They exchanged views on the crisis.") == []


def test_who_finds_a_body_is_not_who_killed(code):
    events = code("On 3 May 2020, police found the body of a man with gunshot wounds in Kano.")
    assert [e.acled_sub_event_type for e in events] == ["Attack"]
    assert events[0].actor1 is not None and events[0].actor1.actor_type == "militia"


def test_an_event_dated_long_before_the_report_is_its_background(code):
    text = (
        "On 6 May 2020, people protested in Lviv against the possible arrest of activist "
        "Serhiy Sternenko. Sternenko stabbed a man in Odessa on 24 May 2018."
    )
    events = code(text, "2020-05-07")
    news = max(events, key=lambda e: e.confidence)
    assert news.date_start == "2020-05-06" and news.location.name == "Lviv"


def test_a_forces_name_with_a_police_head_is_the_countrys_police(code):
    # "Federal" is no place (not Distrito Federal, Brazil); the police are Iraq's
    events = code("On 4 May 2020, the Federal Police clashed with ISIS militants near Kirkuk.")
    ev = _one(events, "ASSAULT")
    assert (ev.actor1.actor_type, ev.actor1.country_code) == ("police", "IRQ")


def test_everyday_finds_are_no_weapons_disrupted(code):
    for text in ("Find the best drone for aerial photography.", "Recover your device today."):
        assert code(text) == [], text


def test_what_was_fired_and_from_what_decides_the_weapon(code):
    heli = _one(
        code("Israeli helicopters fired missiles at regime positions in Quneitra."), "ASSAULT"
    )
    assert heli.acled_sub_event_type == "Air/drone strike"
    assert (heli.actor1.actor_type, heli.actor1.country_code) == ("state_forces", "ISR")
    rockets = _one(code("Regime forces fired rockets at Kafr Nabl in Idlib, Syria."), "ASSAULT")
    assert rockets.acled_sub_event_type == "Shelling/artillery/missile attack"
    planes = _one(code("Coalition aircraft struck ISIS positions near Mosul, Iraq."), "ASSAULT")
    assert planes.acled_sub_event_type == "Air/drone strike"
    # shells fired with small arms: ACLED calls the exchange a clash
    text = "Ukrainian forces fired 82mm mortars, grenade launchers and small arms at rebels."
    assert _one(code(text), "ASSAULT").acled_sub_event_type == "Armed clash"
    # grenade launchers alone are heavy weapons to ACLED
    text = "Ukrainian forces fired grenade launchers at rebel positions near Vesele, Ukraine."
    assert _one(code(text), "ASSAULT").acled_sub_event_type == "Shelling/artillery/missile attack"


def test_who_takes_ground_names_the_territory_change(code):
    army = code("On 3 May 2020, the Syrian army took control of Kafr Nabudah village in Hama.")
    assert [e.acled_sub_event_type for e in army] == ["Government regains territory"]
    rebels = code("On 3 May 2020, HTS fighters took over three villages in Idlib, Syria.")
    assert [e.acled_sub_event_type for e in rebels] == ["Non-state actor overtakes territory"]
    for text in ("Apple took control of the company.", "The new minister took over the ministry."):
        assert code(text) == [], text
    sit_in = code("On 5 May 2020, demonstrators took over the finance ministry in Xalapa, Mexico.")
    assert [e.acled_event_type for e in sit_in] == ["Protests"]


def test_the_fight_for_ground_is_one_event_with_its_toll(code):
    text = (
        "On 4 May 2020, the Syrian army regained control of Saraqeb city after heavy clashes "
        "with opposition factions. 12 fighters were killed."
    )
    events = code(text, "2020-05-05")
    assert [e.acled_sub_event_type for e in events] == ["Government regains territory"]
    assert events[0].fatalities_best == 12


def test_who_claims_a_killing_did_it(code):
    text = "ISIS claimed responsibility for killing 2 Iraqi soldiers near Tuz Khurmatu, Iraq."
    ev = _one(code(text), "ASSAULT")
    assert ev.actor1 is not None and ev.actor1.actor_id == "isis"


def test_forces_on_routine_duty_fight_no_one(code):
    text = (
        "On 18 May 2020, Russian military police and Turkish forces conducted a joint patrol "
        "on the M4 highway near Saraqeb, Syria."
    )
    assert not [e for e in code(text) if e.acled_event_type in VIOLENT_ACLED_TYPES]


def test_bombs_named_by_what_hides_them_are_explosives(code):
    for text in (
        "On 4 May 2020, a motorcycle bomb went off in Azaz, Syria, injuring 3 civilians.",
        "On 7 May 2020, a sticky bomb exploded under a car in Baghdad, Iraq.",
    ):
        subs = [e.acled_sub_event_type for e in code(text, "2020-05-08")]
        assert subs == ["Remote explosive/landmine/IED"], text


def test_a_gun_battery_is_its_armys(code):
    ev = _one(code("Turkish artillery shelled villages near Tal Tamr, Syria."), "ASSAULT")
    assert (ev.actor1.actor_type, ev.actor1.country_code) == ("state_forces", "TUR")


def test_a_demonstration_whose_crowd_does_violence_is_a_violent_one(code):
    text = (
        "On 7 May 2020, villagers demonstrated in Thor village, Senegal, against a quarantine "
        "centre. They threw stones at the centre and clashed with the military forces."
    )
    assert [e.acled_sub_event_type for e in code(text, "2020-05-08")][:1] == [
        "Violent demonstration"
    ]
    tyres = "On 4 May 2020, residents of Merida, Mexico, demonstrated by burning tires."
    assert [e.acled_sub_event_type for e in code(tyres, "2020-05-05")] == ["Violent demonstration"]
    # what the police did to the crowd does not make the crowd violent
    beaten = "On 5 May 2020, protesters rallied in Nairobi. Police beat the protesters."
    assert "Violent demonstration" not in [e.acled_sub_event_type for e in code(beaten)]


def test_fire_at_a_crowd_makes_it_the_target(code):
    text = "On 6 May 2020, riot police fired live bullets at protesters in Baghdad, killing 2."
    ev = max(code(text, "2020-05-07"), key=lambda e: e.confidence)
    assert ev.acled_sub_event_type == "Excessive force against protesters"
    assert ev.fatalities_best == 2


def test_accidents_fires_matches_and_drug_seizures_are_no_attacks(code):
    for text in (
        "A fire broke out at a market in Lagos on Tuesday, killing 5 people.",
        "A bus plunged into a ravine in Himachal Pradesh, killing 12 passengers.",
        "The two teams clashed in the final at Wembley.",
        "A gas explosion at a restaurant in Chongqing killed 3 people.",
        "A lightning strike killed two farmers in Bihar.",
        "The striker shot the ball past the keeper in the 90th minute.",
        "Police seized 2 tonnes of cocaine at the port of Antwerp.",
        "A stampede at a religious festival killed 20 pilgrims in Uttar Pradesh.",
        "A dam burst after days of rain, flooding villages and killing 30 people in Sardoba.",
        "A factory fire killed 43 workers in Delhi.",
        "A tanker truck exploded on a highway in Lagos, killing 9 people.",
    ):
        assert not [e for e in code(text) if e.acled_event_type in VIOLENT_ACLED_TYPES], text
    # a building set on fire is still arson, and fire that is gunfire or shelling still kills
    arson = code("On 9 May 2020, rioters set a bank on fire in Jericho, Palestine.", "2020-05-10")
    assert [e.acled_event_type for e in arson] == ["Riots"]
    for text in (
        "On 3 May 2020, artillery fire killed 3 civilians in Kafr Nabl, Syria.",
        "On 8 May 2020, a civilian was killed by militia fire in Shahrak district, Afghanistan.",
    ):
        assert [e for e in code(text) if e.acled_event_type in VIOLENT_ACLED_TYPES], text


def test_disasters_accidents_criticism_and_reactions_code_no_violence_nor_protest(code):
    """Short wire items about disasters, industrial accidents, politics and diplomacy: no
    violent or crowd event, whatever their verbs ("struck", "blocked", "attacked")."""
    _no_conflict_nor_crowd(
        code,
        "A powerful earthquake struck the island on Friday, flattening dozens of houses.",
        "Torrential rain blocked the main highway and cut off three villages.",
        "Nine people died when an explosion tore through a chemical plant in Jiangsu.",
        "A blast at a coal mine in Shanxi killed 14 miners on Monday.",
        "Two buses collided near Kano, killing 17 passengers, the road safety agency said.",
        "The opposition leader attacked the government's housing policy as a failure.",
        "The senator slammed the decision to delay the vote.",
        "The European Union condemned the attack and urged restraint.",
    )
    # a bombing in a factory is still a bombing, and an attack on a plant still an attack
    bomb = code("A bomb exploded at a textile factory in Karachi, killing 4 workers.")
    assert [e for e in bomb if e.acled_event_type in VIOLENT_ACLED_TYPES]
    stormed = code("Militants attacked an army position near Gao, killing two soldiers.")
    assert [e for e in stormed if e.acled_event_type == "Battles"]


def test_suicide_chemical_and_base_named_by_their_words(code):
    bomber = code("A suicide bomber blew himself up outside a mosque in Quetta, killing 9.")
    assert max(bomber, key=lambda e: e.confidence).acled_sub_event_type == "Suicide bomb"
    gas = code("Regime helicopters dropped barrels of chlorine gas on Saraqib on 4 February.")
    assert "Chemical weapon" in [e.acled_sub_event_type for e in gas]
    plant = code("Arsonists set fire to a chemical plant in Izmir, causing damage.")
    assert "Chemical weapon" not in [e.acled_sub_event_type for e in plant]
    base = code("Al-Shabaab fighters established a new base near the village of Bulo Burde.")
    assert [e.acled_sub_event_type for e in base] == ["Headquarters or base established"]
    assert not code("The singer has built a loyal fan base in Lagos.")


def test_protesters_are_the_target_before_the_people_killed(code):
    text = "Soldiers fired on demonstrators in Mandalay, killing three people."
    ev = max(code(text, "2021-03-10"), key=lambda e: e.confidence)
    assert ev.actor2 is not None and ev.actor2.actor_type == "protesters"


def test_courts_governments_and_industrial_leaks_are_not_violence_nor_crowds(code):
    _no_conflict_nor_crowd(
        code,
        "A judge in Lagos sentenced four men to 20 years for kidnapping and armed robbery.",
        "The ministry summoned the French envoy to protest against the cartoons.",
        "The cabinet denounced the resolution as interference in its affairs.",
        "Poisonous fumes from a leaking tank killed three labourers at a sugar mill.",
        "A gas tanker exploded after overturning on the expressway, killing 11 people.",
        "A warehouse caught fire in the night; four guards died.",
    )


def _no_conflict_nor_crowd(code, *texts: str) -> None:
    crowd_or_violent = {*VIOLENT_ACLED_TYPES, "Protests", "Riots"}
    for text in texts:
        events = code(text, "2021-03-10")
        assert not [e for e in events if e.acled_event_type in crowd_or_violent], text


def test_ground_retaken_and_truces_are_their_acled_types(code):
    retook = code("Soldiers retook control of the market town from Boko Haram fighters.")
    assert "Government regains territory" in [e.acled_sub_event_type for e in retook]
    centre = code("Taliban fighters captured the district centre of Jani Khel on Sunday.")
    assert "Non-state actor overtakes territory" in [e.acled_sub_event_type for e in centre]
    truce = code("The two militias agreed to a ceasefire in Zawiya after mediation by elders.")
    assert "Agreement" in [e.acled_sub_event_type for e in truce]
    talks = code("Both delegations agreed to meet again in Geneva next month.")
    assert "Agreement" not in [e.acled_sub_event_type for e in talks]


def test_a_riot_over_a_past_killing_has_no_toll_and_is_one_event(code):
    text = (
        "On 2 June 2021, residents blocked the highway with burning tyres and torched a police "
        "post in Kisumu, protesting over the death of a boda boda rider."
    )
    events = [e for e in code(text, "2021-06-03") if e.acled_event_type == "Riots"]
    assert len(events) == 1
    assert events[0].fatalities_best == 0


def test_a_fight_misparsed_as_a_description_keeps_its_sides(code):
    text = "On 3 June 2021, Turkish-backed factions clashed with YPG fighters near Tal Tamr."
    ev = max(code(text, "2021-06-04"), key=lambda e: e.confidence)
    assert ev.actor1 is not None and "factions" in ev.actor1.name.lower()


def test_rockets_near_an_air_base_are_shelling(code):
    rockets = code("On 4 June 2021, three Katyusha rockets fell near Qayyarah air base in Nineveh.")
    assert [e.acled_sub_event_type for e in rockets] == ["Shelling/artillery/missile attack"]
    jets = code("On 4 June 2021, air force jets struck rebel positions near Qayyarah.")
    assert [e.acled_sub_event_type for e in jets] == ["Air/drone strike"]


def test_a_civilian_victim_makes_an_attack_not_a_clash(code):
    text = "On 6 June 2021, a girl was killed by regime sniper fire in Bosra."
    ev = max(code(text, "2021-06-07"), key=lambda e: e.confidence)
    assert (ev.acled_event_type, ev.acled_sub_event_type) == (
        "Violence against civilians",
        "Attack",
    )


def test_a_protest_the_state_stepped_in_on_is_a_protest_with_intervention(code):
    for text in (
        "On 2 June 2021, nurses held a sit-in outside the health ministry in Accra, demanding "
        "unpaid allowances. Police dispersed them an hour later.",
        "On 2 June 2021, shopkeepers demonstrated in Kathmandu against the lockdown. Eleven "
        "of them were detained.",
        "On 2 June 2021, students marched in Dhaka over fees; police resorted to baton charge.",
    ):
        subs = [e.acled_sub_event_type for e in code(text, "2021-06-03")]
        assert "Protest with intervention" in subs and "Peaceful protest" not in subs, text
    # what the crowd asks for is no intervention
    claim = "On 2 June 2021, families protested in Minsk, demanding the release of detained sons."
    assert [e.acled_sub_event_type for e in code(claim, "2021-06-03")] == ["Peaceful protest"]


def test_what_acled_counts_as_a_violent_demonstration(code):
    """Barricades, any burning that is not a sign, storming in, or attacking someone."""
    for text in (
        "On 2 June 2021, dockers protested in Durban and barricaded the port road with debris.",
        "On 2 June 2021, inmates of Kamiti prison protested and set their mattresses on fire.",
        "On 2 June 2021, traders demonstrated in Kumasi; they stormed the district assembly.",
        "On 2 June 2021, farmers protested in Patiala. Some of them attacked a reporter.",
    ):
        assert "Violent demonstration" in [e.acled_sub_event_type for e in code(text)], text
    for text in (  # a sign, a claim or a description is no violence
        "On 2 June 2021, students protested in Patna and burned an effigy of the minister.",
        "On 2 June 2021, residents protested in Sukkur over a burnt transformer.",
        "On 2 June 2021, workers protested in Kano against the arrest of men accused of "
        "attacking a bank.",
        "On 2 June 2021, patients stormed out of a clinic in Aktobe and protested outside it.",
    ):
        subs = [e.acled_sub_event_type for e in code(text)]
        assert "Violent demonstration" not in subs and "Peaceful protest" in subs, text
    for text in (  # acts told as the protest's manner
        "On 2 June 2021, residents protested in Lagos, burning tyres on the expressway.",
        "On 2 June 2021, residents of Mombasa demonstrated by burning tyres.",
    ):
        assert "Violent demonstration" in [e.acled_sub_event_type for e in code(text)], text
