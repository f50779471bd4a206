"""Fatality counts: digits, words, qualifiers and ACLED's conventions for vague counts."""

from __future__ import annotations

import pytest

from sitrep.nlp.fatalities import fatalities_in, parse_number, unnumbered_deaths


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,000", 1000),
        ("twenty-three", 23),
        ("two hundred", 200),
        ("seven", 7),
        ("2.5 million", 2_500_000),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_thousands_word_is_not_a_number():
    assert parse_number("thousands") is None


@pytest.mark.parametrize(
    ("sentence", "low", "best", "high"),
    [
        ("Seven Iraqi fighters were killed.", 7, 7, 7),
        ("The strike killed at least 12 militants.", 12, 12, None),
        ("Up to 30 people died in the blast.", None, 30, 30),
        ("Dozens of people were killed.", 12, 12, None),
        ("Several civilians died.", 3, 10, None),
        ("A soldier was killed in the ambush.", 1, 1, 1),
        ("40 people were wounded and 3 killed.", 3, 3, 3),
        ("No casualties were reported.", 0, 0, 0),
    ],
)
def test_counts(sentence, low, best, high):
    f = fatalities_in(sentence)
    assert (f.low, f.best, f.high) == (low, best, high)


def test_wounded_only_is_not_a_death_count():
    assert fatalities_in("Five soldiers were wounded in the attack.") is None


def test_two_counts_of_one_toll_are_added():
    assert fatalities_in("Three CRPF personnel and one civilian were killed.").best == 4


def test_shot_dead_with_the_count_after_it():
    assert fatalities_in("State police officers shot dead two men in Ciudad Bolivar.").best == 2


def test_a_report_of_no_fatalities_is_zero_not_unknown():
    assert fatalities_in("Neither fatalities nor injuries were reported.").best == 0
    assert fatalities_in("There were no reported fatalities.").best == 0
    assert fatalities_in("Air raids hit the district with no reports of casualties.").best == 0
    text = "Warplanes struck militant hideouts, which did not result in any fatalities."
    assert fatalities_in(text).best == 0
    text = "Gunmen shot at an ambulance, with no resulting injuries or fatalities."
    assert fatalities_in(text).best == 0


def test_casualties_alone_are_no_death_count():
    """ "Suffered casualties" may be wounded only: neither a count nor the unknown 10."""
    assert fatalities_in("Troops suffered casualties after an IED hit their convoy.") is None
    assert not unnumbered_deaths("Troops suffered casualties after an IED hit their convoy.")


def test_a_peaceful_protest_does_not_take_the_deaths_it_protests(code):
    text = "Residents blocked roads in Beni to protest the killing of a trader by armed men."
    for ev in code(text):
        if ev.acled_sub_event_type == "Peaceful protest":
            assert ev.fatalities_best == 0


def test_one_victim_shot_and_killed_or_who_died():
    assert fatalities_in("A taxi driver was shot and killed by two gunmen.").best == 1
    assert fatalities_in("The victim later died in hospital.").best == 1
    # one victim told with a long title is still one, not "deaths without a number" (10)
    text = "A member of the regime's Military Security was shot dead by gunmen in Jasim."
    assert fatalities_in(text).best == 1


def test_a_toll_in_the_next_sentence_belongs_to_the_attack(code):
    events = code("Two gunmen attacked a shopkeeper in Kano on Monday. The victim died.")
    attack = next(e for e in events if e.event_type == "ASSAULT")
    assert attack.fatalities_best == 1


def test_killing_one_named_victim_is_one_and_a_number_of_is_not():
    assert fatalities_in("Police clashed with a militia member, killing the man.").best == 1
    assert fatalities_in("They claimed killing a number of fighters.").best == 10  # ACLED
    assert fatalities_in("The blast killed a dozen people.").best == 12


@pytest.mark.parametrize(
    ("sentence", "best"),
    [
        ("A local leader of the party was stabbed to death by assailants.", 1),
        ("Unknown gunmen assassinated a trader in the market.", 1),
        ("Residents lynched a man accused of theft.", 1),
        ("Two suspected thieves were fatally assaulted by a mob.", 2),
        ("Three villagers were hacked to death overnight.", 3),
        ("They assassinated a number of officials.", 10),
        ("Soldiers beat a protester with batons.", None),
    ],
)
def test_deaths_told_by_how_the_victims_died(sentence, best):
    found = fatalities_in(sentence)
    assert (found.best if found else None) == best


def test_the_count_a_note_says_it_coded_wins(code):
    text = (
        "On 8 May 2020, an airstrike by Afghan forces killed 1 farmer in Kohistan district, "
        "Badakhshan. Fatalities coded as 0 (VoJ reported 1)."
    )
    events = code(text, "2020-05-09")
    assert [e.fatalities_best for e in events] == [0]


def test_corpses_are_counted_like_bodies():
    assert fatalities_in("The corpses of around thirty militants were discovered.").best == 30
