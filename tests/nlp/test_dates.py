"""Dates resolved against publication, with honest precision."""

from __future__ import annotations

import pytest

from sitrep.nlp.dates import default_span, parse_published, resolve_date

PUB = parse_published("2020-06-05")  # a Friday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On June 3, a convoy arrived.", ("2020-06-03", "2020-06-03", "day")),
        ("Last month, reinforcements were sent.", ("2020-05-01", "2020-05-31", "month")),
        ("Yesterday gunmen attacked a bus.", ("2020-06-04", "2020-06-04", "day")),
        ("Troops withdrew on Tuesday.", ("2020-06-02", "2020-06-02", "day")),
        ("Clashes on 12 December 2019 killed two.", ("2019-12-12", "2019-12-12", "day")),
        ("In December, rebels seized the town.", ("2019-12-01", "2019-12-31", "month")),
        ("Attacks rose in recent weeks.", ("2020-05-15", "2020-06-05", "month")),
        ("Fighting last week displaced hundreds.", ("2020-05-25", "2020-05-31", "week")),
        ("Three days ago police raided the camp.", ("2020-06-02", "2020-06-02", "day")),
    ],
)
def test_resolves(sentence, expected):
    assert resolve_date(sentence, PUB).iso() == expected


@pytest.mark.parametrize(
    "sentence", ["He may come back.", "Protesters march in Basra.", "The 20-year-old was shot."]
)
def test_words_that_are_not_dates(sentence):
    assert resolve_date(sentence, PUB) is None


def test_recent_attack_is_not_a_day():
    span = resolve_date("In a recent attack, seven were killed.", PUB)
    assert span.precision != "day" and span.end.isoformat() <= "2020-06-05"


def test_default_span_is_the_week_before_publication():
    assert default_span(PUB).iso() == ("2020-05-30", "2020-06-05", "week")
    assert default_span(None) is None
    assert resolve_date("On June 3 they met.", None) is None


def test_month_in_an_odd_letter_still_resolves():
    # the case-insensitive pattern matches the long s of old or OCR'd text ("ſep" = "sep");
    # the month table must too, not raise on a letter it never saw
    assert resolve_date("Fighting on ſep 3 killed two.", PUB).iso() == (
        "2019-09-03",
        "2019-09-03",
        "day",
    )


@pytest.mark.parametrize(
    "sentence",
    ["Fighting resumed on Sunday.", "Clashes broke out last night.", "Shelling this morning.",
     "Raids over the past few days.", "Talks over the weekend.", "Protests in 2019.",
     "Strikes on Sep. 3 and in late ſeptember."],
)  # fmt: skip
def test_cue_words_never_hide_a_date(sentence):
    """A rule is skipped only when its cue is missing: every one of these still resolves."""
    assert resolve_date(sentence, parse_published("2024-05-01")) is not None
