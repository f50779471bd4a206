"""Body text: what the article stage keeps and drops beyond its extractors' output."""

from __future__ import annotations

from sitrep.article.body import drop_repeated_blocks

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
