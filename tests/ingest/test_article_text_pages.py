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
