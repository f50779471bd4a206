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


def test_form_messages_share_bars_and_phone_calls_to_action_stay_out_of_the_body():
    html = (
        "<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>"
        "<p>Share on Facebook Share on Twitter Share on Flipboard</p>"
        f"{PARAGRAPHS}<p>Get a Quote (212) 203-0280</p>"
        "<p>By signing up, you agree to receive recurring automated SMS marketing messages from"
        " us at the number provided.</p>"
        "<p>Thank you! Your submission has been received!</p>"
        "<p>Oops! Something went wrong while submitting the form.</p></article></body></html>"
    )
    text = parse_article(html, url="https://news.example.com/bridge", content_type="text/html").text
    assert "eighteen months" in text
    for furniture in ("Share on", "Get a Quote", "By signing up", "submission", "Oops"):
        assert furniture not in text


def test_a_sentence_about_agreeing_or_sharing_is_not_furniture():
    from sitrep.article.furniture import is_prefixed_widget, is_widget

    assert not is_widget("Share on Facebook was the most common action, the study found.")
    assert not is_prefixed_widget("The council agreed to share the costs with the county.")


def test_sign_up_prompts_reader_funding_notes_and_share_buttons_stay_out_of_the_body():
    html = (
        "<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>"
        "<p>Share</p>"
        f"{PARAGRAPHS}<p>Want more from the Daily? Sign up for our newsletter, The Brief, and"
        " read smarter.</p><p>This story is funded by readers like you</p>"
        "<p>Join Medium for free to get updates from this writer.</p>"
        "<p>Would you like to receive notifications about new posts?</p>"
        "<p>Fill out the form for a free quote that includes a custom layout.</p>"
        "</article></body></html>"
    )
    text = parse_article(html, url="https://news.example.com/bridge", content_type="text/html").text
    assert "eighteen months" in text and "public meeting" in text
    for furniture in ("Share", "Sign up", "readers like you", "this writer", "notifications",
                      "Fill out"):  # fmt: skip
        assert furniture not in text, furniture


def test_a_browse_related_heading_ends_the_body():
    html = (
        "<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>"
        f"{PARAGRAPHS}{PARAGRAPHS.replace('bridge', 'ferry')}<p>Browse Related Articles</p>"
        "<p>Town fair moves to the park</p>"
        "<p>New bus lanes open on the ring road</p></article></body></html>"
    )
    text = parse_article(html, url="https://news.example.com/bridge", content_type="text/html").text
    assert "public meeting" in text and "Browse Related" not in text and "bus lanes" not in text


def test_a_button_label_and_a_post_footer_stay_out_even_when_punctuated_as_sentences():
    html = (
        "<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>"
        f"{PARAGRAPHS}<p>Contact Us Today!</p>"
        "<p>Click here to see the full detour map, with the bus stops and times.</p>"
        "<p>Posted by Marta at March 3, 2024 09:12 PM</p></article></body></html>"
    )
    text = parse_article(html, url="https://news.example.com/bridge", content_type="text/html").text
    assert "eighteen months" in text and "full detour map" in text
    assert "Contact Us" not in text and "Posted by" not in text


def test_widget_in_text_keeps_sentences_that_only_start_like_a_widget():
    from sitrep.article.furniture import is_widget_in_text

    assert is_widget_in_text("Written by Jane Doe on March 3, 2024")
    assert not is_widget_in_text("Posted by the council at the meeting, the plan passed in 2020.")
    assert not is_widget_in_text("Click here to download the spreadsheet of all the bus times.")


def test_date_stamps_are_metadata_and_a_timeline_keeps_its_dates():
    html = (
        "<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>"
        "<p>Mar 3, 2024</p>"
        f"{PARAGRAPHS}<p>Last updated: April 21, 2024 at 10:15 am</p>"
        "<h2>How it happened</h2><p>January 12, 2024</p><p>Engineers found the first cracks in"
        " the northern pier during a routine inspection of the bridge.</p>"
        "</article></body></html>"
    )
    text = parse_article(html, url="https://news.example.com/bridge", content_type="text/html").text
    assert "eighteen months" in text and "January 12, 2024" in text
    assert "Mar 3, 2024" not in text and "Last updated" not in text


def test_date_line_tells_labelled_and_bare_stamps_from_prose():
    from sitrep.article.furniture import date_line

    assert date_line("Published on May 02, 2024 07:44 PM IST") == "labelled"
    assert date_line("Updated: 19/12/2025") == "labelled"
    assert date_line("- 3 January, 2025") == "bare"
    assert date_line("2024-11-06") == "bare"
    assert date_line("May 2025 was the hottest month on record.") is None
    assert date_line("Updated guidance on bridges") is None


def test_a_bare_byline_label_and_a_learn_more_button_stay_out_of_the_body():
    html = (
        "<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>"
        "<p>Written by</p><p>Researched by</p>"
        f"{PARAGRAPHS}<p>Learn More</p><p>Learn more about the detour on the council's site.</p>"
        "</article></body></html>"
    )
    text = parse_article(html, url="https://news.example.com/bridge", content_type="text/html").text
    assert "eighteen months" in text and "Learn more about the detour" in text
    assert "Written by" not in text and "Researched by" not in text and "Learn More" not in text
