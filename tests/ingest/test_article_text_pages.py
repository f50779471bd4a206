"""Plain-text pages: body kept, widgets and the comment section removed, comments kept apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.article import parse_article

GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "gold" / "seed.json"


@pytest.fixture(scope="module")
def reference(fixtures: Path):
    raw = (fixtures / "southfront-deir-ezzor-reinforcements.txt").read_bytes()
    return parse_article(raw, content_type="text/plain", published_hint="2020-06-05")


@pytest.fixture(scope="module")
def gold() -> dict:
    if not GOLD.exists():
        pytest.skip(f"gold file not found at {GOLD}")
    return json.loads(GOLD.read_text())


def test_reference_page_body_keeps_the_article(reference, gold):
    for phrase in gold["text_must_include"]:
        assert phrase in reference.text


def test_reference_page_body_drops_widgets_and_comments(reference, gold):
    for phrase in gold["text_must_exclude"]:
        assert phrase not in reference.text


def test_reference_page_comments_are_kept_apart(reference, gold):
    for phrase in gold["comments_must_include"]:
        assert any(phrase in c for c in reference.comments)
    assert len(reference.comments) == 3  # three commenters, names and votes are not comments
    assert not any(c.strip().isdigit() for c in reference.comments)


def test_reference_page_metadata(reference):
    assert reference.title == "Iranian-Backed Forces Deploy Reinforcements In Syria’s Deir Ezzor"
    assert reference.language == "en"
    assert reference.published == "2020-06-05"
    assert reference.is_article


OTHER_SITE = """Home | World | Politics
Donate
€ 20
€ 50
Floods Cut Off Villages In Northern Province
Floods Cut Off Villages In Northern Province
Heavy rain on Monday swept away two bridges and cut off at least twelve villages in the \
northern province, local officials said.
Rescue teams reached the area by boat on Tuesday.
The regional governor said 4 people had died and 30 were missing after the river burst its banks.
Related stories
Drought hits farmers in the south
Share this
12 Comments
Sort by: Newest
Maria K.
My cousin lives there, the roads have been closed since Sunday.
5 days ago
Reply
Tom
Praying for everyone affected by this.
Log in to reply
"""


def test_other_site_layout_is_cleaned_the_same_way():
    page = parse_article(OTHER_SITE, content_type="text/plain")
    assert page.title == "Floods Cut Off Villages In Northern Province"
    assert "Rescue teams reached the area by boat on Tuesday." in page.text
    assert "4 people had died" in page.text
    for furniture in ("€ 20", "Donate", "Drought hits farmers", "Share this", "Maria", "Praying"):
        assert furniture not in page.text
    assert page.comments == [
        "My cousin lives there, the roads have been closed since Sunday.",
        "Praying for everyone affected by this.",
    ]


def test_empty_text_is_not_an_article():
    page = parse_article(b"", content_type="text/plain")
    assert not page.is_article
    assert page.not_article_reason.startswith("empty body")


def test_content_hash_ignores_whitespace_and_case():
    a = parse_article(OTHER_SITE, content_type="text/plain")
    b = parse_article(
        OTHER_SITE.replace("\n", "\r\n").replace("Rescue", "RESCUE"), content_type="text/plain"
    )
    assert a.content_hash == b.content_hash


# A third layout: menus, byline and date lines, text hard-wrapped at a fixed width, inline
# furniture ("READ MORE:", "Photo:", "©", "Tags:") and a Disqus-style comment thread.
HARD_WRAPPED = """Skip to content
News | Africa | Sahel
Militants Attack Army Post In Northern Burkina Faso
By Amadou Traore and Claire Martin
Published June 7, 2020
Suspected jihadist militants attacked an army post in northern Burkina Faso
on Saturday, killing at least 12 soldiers, two security sources told our
correspondent.

The attack took place in the Loroum province near the border with Mali, where
groups linked to al Qaeda and Islamic State have stepped up raids this year.

READ MORE: Sahel violence displaces a million people

The army said in a statement that reinforcements had been sent and that an
operation to track down the attackers was under way.

Photo: Soldiers patrol near Djibo. (Reuters)

© 2020 Sahel Daily. All rights reserved.
Tags: Burkina Faso, Sahel
47 comments
Sort by Best
Login
Moussa K. • 3 hours ago
This is the third attack this month and the government says nothing.
Reply • Share ›
Amina • 2 hours ago
Stay safe everyone in Loroum.
Reply • Share ›
"""


def test_hard_wrapped_page_with_byline_and_disqus_thread():
    page = parse_article(HARD_WRAPPED, content_type="text/plain")
    assert page.title == "Militants Attack Army Post In Northern Burkina Faso"
    assert page.author == "Amadou Traore and Claire Martin"
    assert page.published == "2020-06-07"
    paragraphs = page.text.split("\n\n")
    assert len(paragraphs) == 3  # wrapped lines re-joined, one paragraph each
    assert paragraphs[0].startswith("Suspected jihadist militants attacked an army post")
    assert "killing at least 12 soldiers" in paragraphs[0]  # across the original line break
    for furniture in ("READ MORE", "Photo:", "©", "Tags:", "Skip to content", "Sort by", "Moussa"):
        assert furniture not in page.text
    assert page.comments == [
        "This is the third attack this month and the government says nothing.",
        "Stay safe everyone in Loroum.",
    ]


def test_photo_captions_and_appeals_are_not_body():
    text = (
        "Clashes Erupt In Idlib\n\n"
        "Fighting broke out on Sunday between government forces and rebels south of Idlib,"
        " a war monitor said, in the heaviest clashes since the March truce.\n\n"
        "Smoke rises over the town of Saraqib on Sunday. REUTERS/Khalil Ashawi\n\n"
        "Residents said they would donate blood to the hospital in Idlib city.\n\n"
        "Your donations keep independent reporting alive. Support us today!\n\n"
        "At least 15 fighters were killed on both sides, the monitor said.\n"
    )
    page = parse_article(text, content_type="text/plain")
    assert "REUTERS/Khalil" not in page.text and "Smoke rises" not in page.text
    assert "Your donations" not in page.text
    assert "Residents said they would donate blood" in page.text  # news about donations stays
    assert "At least 15 fighters were killed" in page.text
