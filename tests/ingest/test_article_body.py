"""Body text: what the article stage keeps and drops beyond its extractors' output."""

from __future__ import annotations

from sitrep.article import parse_article
from sitrep.article.body import drop_repeated_blocks, fill_gaps
from sitrep.article.furniture import drop_placeholders

PARAGRAPHS = [
    "Heavy fighting broke out on Tuesday near the northern town as government forces pushed"
    " into districts held by rebel fighters, residents and officials said on Wednesday.",
    "At least nine people were killed and dozens wounded, according to the local hospital,"
    " which said it was running short of blood and fuel for its generators and its ambulances.",
    "The army said it had taken control of two villages and a key road junction, and that it"
    " would keep pushing north until the road to the border was open again for trucks of aid.",
    "Aid agencies said thousands of families had fled the fighting on foot and were sheltering"
    " in schools and mosques in the provincial capital, where food prices had doubled in a week.",
]


def test_a_second_copy_of_the_article_is_dropped():
    # a page carrying its article twice (mobile and desktop copies) gives one text
    lines = ["Headline of the story", *PARAGRAPHS, "Share this", *PARAGRAPHS]
    assert drop_repeated_blocks(lines) == ["Headline of the story", *PARAGRAPHS, "Share this"]


def test_a_repeated_heading_or_short_run_stays():
    lines = ["Pros", PARAGRAPHS[0], "Pros", PARAGRAPHS[1], "Cons", "Too heavy", "Cons", "Too heavy"]
    assert drop_repeated_blocks(lines) == lines
    again = [PARAGRAPHS[0]] * 5  # one paragraph said again and again is not a copied block
    assert drop_repeated_blocks(again) == again


def test_a_line_break_or_a_list_item_stays_in_its_block():
    # paragraphs are apart by a blank line; a <br> inside one and a list's items by one newline
    html = (
        "<html><head><title>Edge first</title></head><body><article><h1>Edge first</h1>"
        f"<p>{PARAGRAPHS[0]}</p>"
        "<p>The cloud is a powerful coordination layer.<br>"
        "It is a terrible place to depend on for basic application behavior.</p>"
        f"<p>{PARAGRAPHS[1]}</p>"
        "<ul><li>Offline is not an edge case at all</li><li>Offline is the baseline for apps</li>"
        "<li>The edge is mandatory for us</li></ul>"
        f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></article></body></html>"
    )
    text = parse_article(html, url="https://blog.example.com/edge-first").text
    assert (
        "The cloud is a powerful coordination layer.\n"
        "It is a terrible place to depend on for basic application behavior.\n\n"
    ) in text
    assert (
        "- Offline is not an edge case at all\n- Offline is the baseline for apps\n"
        "- The edge is mandatory for us\n\n"
    ) in text
    assert f"{PARAGRAPHS[0]}\n\nThe cloud" in text


def test_a_run_on_text_gives_way_to_the_pages_paragraphs():
    # trafilatura read the page as one block: menu, byline, caption and article in one line
    paragraphs = [*PARAGRAPHS, *PARAGRAPHS[::-1], *PARAGRAPHS]
    run_on = ["Home Garden Indoor Plants By Jane Doe Photo: Getty " + " ".join(paragraphs)]
    second = ["Indoor plants for low light", "By Jane Doe", *paragraphs]
    assert fill_gaps(run_on, second) == second


def test_a_short_one_line_text_stays():
    one = [PARAGRAPHS[0]]
    second = [PARAGRAPHS[0], *(f"Menu entry {i}" for i in range(12))]
    assert fill_gaps(one, second) == one


def test_a_byline_by_the_headline_is_metadata_not_body():
    html = (
        "<html><head><title>Edge first</title></head><body><article><h1>Edge first</h1>"
        "<p>By Jane Doe | 10 min read</p>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "<p>By the end of the week the road was open again.</p></article></body></html>"
    )
    page = parse_article(html, url="https://blog.example.com/edge-first")
    assert page.text.startswith(PARAGRAPHS[0])
    assert "By the end of the week" in page.text  # a sentence that opens with "By" stays
    assert page.authors == ["Jane Doe"]


def test_template_filler_is_dropped_beside_real_text():
    filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor."
    lines = [*PARAGRAPHS, "Head Line 1", filler, filler, filler]
    assert drop_placeholders(lines) == [*PARAGRAPHS, "Head Line 1"]
    assert drop_placeholders([*PARAGRAPHS, filler]) == [*PARAGRAPHS, filler]  # one line stays
    assert drop_placeholders([filler, filler, PARAGRAPHS[0]]) == [filler, filler, PARAGRAPHS[0]]
