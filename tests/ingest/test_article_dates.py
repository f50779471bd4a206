"""Publication dates a reader sees by the headline: slash dates in the page's own order, and a
markup stamp later than the byline's day (a re-stamp) giving way to the byline."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sitrep.article import parse_article
from tests.ingest.test_article_metadata import LEDE  # one article lede for the page tests

FETCHED = date(2026, 1, 1)


def page(byline: str, *, lang: str = "en", head: str = "", after: str = "") -> str:
    return (
        f"<html lang='{lang}'><head><title>Gunmen kill five at market</title>{head}</head>"
        f"<body><article><h1>Gunmen kill five at market</h1><p class='byline'>{byline}</p>"
        f"{LEDE}{after}</article></body></html>"
    )


def published(
    html: str, url: str = "https://news.example.com/story"
) -> tuple[str | None, str | None]:
    parsed = parse_article(html, url=url, fetched_on=FETCHED)
    return parsed.published, parsed.published_source


@pytest.mark.parametrize(
    ("byline", "lang", "after", "expected"),
    [
        # an American page writes month first
        ("By Jane Doe | 8/1/2025", "en-US", "", "2025-08-01"),
        # the page's other dates tell its order: "8/27/2025" can only be month first
        ("By Jane Doe | 8/1/2025", "en", "<p>Updated 8/27/2025</p>", "2025-08-01"),
        # ... and "27/8/2025" only day first
        ("Por Juana Pérez | 8/1/2025", "es", "<p>Actualizado 27/8/2025</p>", "2025-01-08"),
        # with nothing to tell, day first, as most of the world writes it
        ("Par Jeanne Dupont | 8/1/2025", "fr", "", "2025-01-08"),
    ],
)
def test_a_slash_date_is_read_in_the_pages_own_order(byline, lang, after, expected):
    assert published(page(byline, lang=lang, after=after))[0] == expected


def test_an_en_us_page_of_another_countrys_domain_reads_day_first():
    # "en-US" is WordPress's default, also on sites that write the day first
    html = page("By Ravi Kumar | 8/1/2025", lang="en-US")
    assert published(html, "https://news.example.in/story")[0] == "2025-01-08"


def test_the_markup_decides_an_ambiguous_slash_date():
    head = "<meta property='article:published_time' content='2025-08-01T09:00:00+02:00'>"
    html = page("Par Jeanne Dupont | 8/1/2025 | lecture 3 min", lang="fr", head=head)
    assert published(html) == ("2025-08-01", "meta")


def ld(published_on: str, modified_on: str) -> str:
    obj = {
        "@type": "NewsArticle",
        "headline": "Gunmen kill five at market",
        "datePublished": published_on,
        "dateModified": modified_on,
    }
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


def test_a_restamped_page_keeps_the_day_its_byline_shows():
    # an imported post: the new platform stamps its import day as the publication
    head = ld("2024-08-07T10:00:00Z", "2024-08-07T10:00:00Z")
    assert published(page("Jane Doe · Dec 30, 2013", head=head)) == ("2013-12-30", "page")


def test_a_later_day_by_the_headline_does_not_replace_the_stated_publication():
    head = ld("2025-05-01T10:00:00+00:00", "2025-09-20T10:00:00+00:00")
    html = page("Jane Doe · September 20, 2025", head=head)
    assert published(html) == ("2025-05-01", "json-ld")
