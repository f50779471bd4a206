"""Body lines: reading times, pagers, loading notes and post navigation are furniture, bulleted
or not; the article's own list items stay; spacing is plain."""

from __future__ import annotations

from sitrep.article import parse_article

PARAGRAPHS = "".join(
    f"<p>{text}</p>"
    for text in (
        "The council voted on Tuesday to close the old bridge to traffic after engineers found"
        " cracks in two of its piers.",
        "Repairs are expected to take eighteen months and cost the town about four million euros,"
        " the mayor told reporters.",
        "A public meeting on the detour will be held at the town hall next week, officials said.",
    )
)


def test_navigation_lines_and_reading_times_stay_out_of_the_body():
    html = (
        "<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>"
        "<ul><li>11 min read</li></ul>"
        f"{PARAGRAPHS}<ul><li>Detour via the north road</li><li>Extra bus services</li></ul>"
        "<p>Page 1 of 8</p><p>Loading posts…</p>"
        "<p>Next article: Town fair moves to the park</p>"
        "<p>Comment via: facebook, substack</p></article></body></html>"
    )
    text = parse_article(html, url="https://news.example.com/bridge", content_type="text/html").text
    assert "eighteen months" in text and "Extra bus services" in text
    for furniture in ("min read", "Page 1 of 8", "Loading posts", "Next article", "Comment via"):
        assert furniture not in text, furniture


def test_no_break_spaces_and_space_runs_are_one_plain_space():
    notes = (
        "<p><em>Plan ahead.</em><em><br>The shuttle is free for residents.</em><br><em>For the"
        " timetable, visit our\xa0</em><a href='/bus'><em>transport page</em></a><em>.</em></p>"
    )
    html = (
        "<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>"
        f"{PARAGRAPHS}{notes}</article></body></html>"
    )
    text = parse_article(html, url="https://news.example.com/bridge", content_type="text/html").text
    assert "For the timetable, visit our transport page." in text
    assert "\xa0" not in text
