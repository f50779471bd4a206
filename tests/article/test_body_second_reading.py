"""The body keeps every line trafilatura found and gets back the sections it skipped inside the
article, without the buttons and labels around them; when trafilatura misses the article, the
second reader's text is the body."""

from __future__ import annotations

from sitrep.article import parse_article
from sitrep.article.body import fill_gaps, second_reading

P1 = "The council voted on Tuesday to close the old bridge to traffic after engineers found cracks."
P2 = "Repairs are expected to take eighteen months and cost the town about four million euros."
MISSED = (
    "Residents on the east bank will have to drive an extra twenty minutes to reach the hospital,"
    " and the bus company said it would add two services a day."
)
P3 = "A public meeting on the detour will be held at the town hall next week, the mayor said."


def test_a_section_skipped_inside_the_article_is_filled_in_place():
    ours = [P1, P2, P3]
    theirs = [P1, P2, "Detours", MISSED, "Book a demo", "Share", P3, "Related stories"]
    merged = fill_gaps(ours, theirs)
    assert merged == [P1, P2, "Detours", MISSED, P3]


def test_lines_only_trafilatura_found_stay_and_nothing_is_doubled():
    table = "Bridge | Length | Closed since"
    ours = [P1, table, P2, P3]
    theirs = [P1, P2, MISSED, P3, P3]
    merged = fill_gaps(ours, theirs)
    assert merged == [P1, table, P2, MISSED, P3]


def test_the_second_text_replaces_a_body_trafilatura_almost_missed():
    theirs = [P1, P2, MISSED, P3]
    assert fill_gaps(["Share this"], theirs) == theirs


def test_a_complete_body_is_left_alone():
    ours = [P1, P2, MISSED, P3]
    assert fill_gaps(ours, [*ours, "Contact us", "Newsletter"]) == ours


def test_a_page_the_second_reader_cannot_read_costs_nothing():
    assert second_reading("") == []
    article = parse_article(
        f"<html><body><article><p>{P1}</p><p>{P2}</p><p>{MISSED}</p></article></body></html>",
        content_type="text/html",
    )
    assert MISSED in article.text and P1 in article.text
