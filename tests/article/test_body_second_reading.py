"""The body keeps every line trafilatura found and gets back the sections it skipped inside the
article, without the buttons and labels around them; when trafilatura misses the article, the
second reader's text is the body."""

from __future__ import annotations

import html

from sitrep.article import html_page, parse_article
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


def test_a_skipped_list_a_colon_introduces_comes_back_whole_as_list_items():
    lead = "The closure affects residents in three ways:"
    ours = [P1, lead, P2, P3]
    theirs = [P1, lead, "Longer drives", "Fewer buses", "Share", MISSED, P2, P3]
    merged = fill_gaps(ours, theirs)
    assert merged == [P1, lead, "- Longer drives", "- Fewer buses", MISSED, P2, P3]
    assert merged[3].previous == "- Longer drives"  # written after it with one newline


def test_the_article_after_a_table_trafilatura_stopped_at_comes_back():
    rows = ["Bill\t\t10%\t\t15%", "$10.00\t\t$1.00\t\t$1.50", "$20.00\t\t$2.00\t\t$3.00"]
    theirs = [P1, P2, *rows, MISSED, "Related stories", "Town fair moves to the park today"]
    merged = fill_gaps([P1, P2], theirs)
    assert merged == [P1, P2, rows[1], rows[2], MISSED]  # a short row goes, as a short line does
    assert fill_gaps([P1, P2], [P1, P2, MISSED, P3]) == [P1, P2]  # no table: no tail


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


def _twice_encoded(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def test_a_page_saved_twice_encoded_reads_as_its_publisher_wrote_it():
    quoted = "The mayor’s office said the bridge — built in 1902 — is safe for pedestrians only."
    html = _twice_encoded(
        f"<html><head><title>Bridge</title></head><body><article><h1>Bridge closed</h1>"
        f"<p>{P1}</p><p>{quoted}</p><p>{P2}</p><p>{MISSED}</p><p>{P3}</p></article></body></html>"
    )
    text = parse_article(html, url="https://news.example.com/bridge").text
    assert quoted in text
    assert text.count("office said") == 1  # the second reading does not add it again


def test_text_twice_encoded_through_windows_1252_entities_reads_as_written():
    # "’" stored as "&acirc;&euro;&trade;": the mojibake appears only once the page is parsed
    quoted = "The mayor’s office said the bridge — built in 1902 — is safe for pedestrians only."
    escaped = html.escape(quoted.encode("utf-8").decode("cp1252", "replace")).encode(
        "ascii", "xmlcharrefreplace"
    )
    page = (
        f"<html><head><title>Bridge</title></head><body><article><h1>Bridge closed</h1>"
        f"<p>{P1}</p><p>{escaped.decode()}</p><p>{P2}</p><p>{MISSED}</p><p>{P3}</p>"
        "</article></body></html>"
    )
    assert quoted in parse_article(page, url="https://news.example.com/bridge").text


def test_latin1_text_that_only_looks_like_mojibake_is_left_alone():
    from sitrep.article.text_utils import decode

    assert decode("Ã© is how a broken page shows é") == "Ã© is how a broken page shows é"


def test_when_both_fast_readers_find_nothing_trafilatura_falls_back(monkeypatch):
    import sitrep.article.html_page as html_page

    calls = []
    real = html_page._trafilatura

    def fast_finds_nothing(page, url, *, fast):
        calls.append(fast)
        return None if fast else real(page, url, fast=fast)

    monkeypatch.setattr(html_page, "_trafilatura", fast_finds_nothing)
    monkeypatch.setattr(html_page, "second_reading", lambda html: [])
    body = "".join(f"<p>{p}</p>" for p in (P1, P2, MISSED, P3))
    html = f"<html><head><title>Bridge</title></head><body><article>{body}</article></body></html>"
    text = parse_article(html, url="https://news.example.com/bridge").text
    assert calls == [True, False]
    assert P1 in text and P3 in text


_LONG = "".join(
    f"<p>{P1.replace('bridge', thing)} {P2}</p>" for thing in ("ferry", "road", "tunnel", "pier")
)  # enough text that trafilatura does not take back what it pruned


def test_a_collapsed_accordion_panel_of_the_article_is_read(monkeypatch):
    monkeypatch.setattr(html_page, "second_reading", lambda html: [])  # trafilatura's own text
    steps = "".join(
        f"<h3 id='h{i}'>Step {i}</h3><div role='region' aria-labelledby='h{i}'"
        f" style='display:none;'><p>{text}</p></div>"
        for i, text in enumerate((MISSED, P3), 1)
    )
    page = (
        "<html><head><title>Bridge</title></head><body><article><h1>Bridge closed</h1>"
        f"<p>{P1}</p><p>{P2}</p>{_LONG}{steps}</article>"
        "<footer><div class='footer-panel' role='region' style='display:none'><p>Our offices are"
        " open from nine to five on weekdays, call us for details.</p></div></footer>"
        "</body></html>"
    )
    text = parse_article(page, url="https://news.example.com/bridge").text
    assert MISSED in text and P3 in text and "Our offices" not in text


def test_an_faq_in_details_whose_class_names_the_folding_is_read(monkeypatch):
    monkeypatch.setattr(html_page, "second_reading", lambda html: [])  # trafilatura's own text
    faq = "".join(
        f"<details class='expandable faq-item'><summary>Question {i}?</summary>"
        f"<p>{text}</p></details>"
        for i, text in enumerate((MISSED, P3), 1)
    )
    page = (
        "<html><head><title>Bridge</title></head><body><article><h1>Bridge closed</h1>"
        f"<p>{P1}</p><p>{P2}</p>{_LONG}<h2>Your questions answered</h2>{faq}</article>"
        "</body></html>"
    )
    text = parse_article(page, url="https://news.example.com/bridge").text
    assert MISSED in text and P3 in text


def test_layout_classes_of_body_do_not_make_a_panel_chrome(monkeypatch):
    monkeypatch.setattr(html_page, "second_reading", lambda html: [])  # trafilatura's own text
    faq = (
        f"<details class='expandable'><summary>Question?</summary><p>{MISSED}</p></details>"
        f"<div role='region' style='display:none'><p>{P3}</p></div>"
    )
    page = (
        "<html><head><title>Bridge</title></head><body class='has-header-1 has-footer-1'>"
        f"<article><h1>Bridge closed</h1><p>{P1}</p><p>{P2}</p>{_LONG}{faq}</article>"
        "</body></html>"
    )
    text = parse_article(page, url="https://news.example.com/bridge").text
    assert MISSED in text and P3 in text
