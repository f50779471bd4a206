"""Every page's headline, authors and publication date (with its source), whatever its language;
short texts are news; section fronts are not articles, listicles and articles with related links
are."""

from __future__ import annotations

import json
from datetime import date

import py3langid
import pytest

from sitrep.article import parse_article
from sitrep.article.text_utils import detect_language
from sitrep.extract import ArticleInput, parse

LEDE = (
    "<p>Gunmen killed five people at a market in the northern town on Tuesday, police and"
    " residents said, the third such attack in the district this month.</p>"
    "<p>The attackers arrived on motorcycles shortly after noon and fired on traders before"
    " fleeing towards the forest, a local official told reporters by telephone.</p>"
    "<p>Security forces later deployed to the area and a curfew was imposed overnight.</p>"
)


def html_page(body: str, head: str = "", lang: str = "en") -> str:
    return f"<html lang='{lang}'><head>{head}</head><body>{body}</body></html>"


def jsonld(obj: dict) -> str:
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


def test_headline_drops_the_site_name_and_prefers_the_matching_h1():
    head = (
        "<title>Gunmen kill five at market in northern town | The Daily Courier</title>"
        "<meta property='og:site_name' content='The Daily Courier'>"
    )
    body = (
        "<header><h1 class='site-title'>The Daily Courier</h1></header>"
        f"<article><h1>Gunmen kill five at market in northern town</h1>{LEDE}</article>"
    )
    page = parse_article(html_page(body, head), url="https://courier.example.com/a/1")
    assert page.title == "Gunmen kill five at market in northern town"
    assert not page.text.startswith("Gunmen kill five at market")  # the headline is not body


def test_title_tag_alone_loses_its_site_name_and_tagline():
    head = "<title>Gunmen kill five at market in northern town - Courier News</title>"
    page = parse_article(html_page(f"<article>{LEDE}</article>", head),
                         url="https://couriernews.example.com/story/77")  # fmt: skip
    assert page.title == "Gunmen kill five at market in northern town"


def test_a_headline_reads_its_line_breaks_as_spaces_without_its_date_or_stray_entities():
    body = (
        "<article><h1><time datetime='2025-12-18'>Dec <span>18</span> 2025</time> GUNMEN<br>KILL"
        f" FIVE at market &amp;amp; bus stop</h1>{LEDE}</article>"
    )
    page = parse_article(html_page(body, "<title>Gunmen kill five</title>"),
                         url="https://courier.example.com/a/1")  # fmt: skip
    assert page.title == "GUNMEN KILL FIVE at market & bus stop"


def test_authors_are_a_list_and_author_joins_them():
    head = jsonld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Gunmen kill five",
            "datePublished": "2021-03-02T08:00:00+01:00",
            "author": [
                {"@type": "Person", "name": "Amina Bello"},
                {"@type": "Person", "name": "Tom Ruiz"},
            ],
        }
    )
    page = parse_article(html_page(f"<article><h1>Gunmen kill five</h1>{LEDE}</article>", head))
    assert page.authors == ["Amina Bello", "Tom Ruiz"]
    assert page.author == "Amina Bello; Tom Ruiz"
    assert (page.published, page.published_source) == ("2021-03-02", "json-ld")


def test_a_link_to_the_writers_page_names_the_author():
    body = (
        f"<article><h1>Gunmen kill five</h1><div class='meta'><a href='/author/amina-bello'>"
        f"Amina Bello</a> · 2 March 2021</div>{LEDE}</article>"
    )
    page = parse_article(html_page(body), url="https://news.example.com/a/1")
    assert page.authors == ["Amina Bello"]


def test_a_byline_in_the_page_names_the_author():
    body = f"<article><h1>Gunmen kill five</h1><p class='meta'>By Amina Bello</p>{LEDE}</article>"
    page = parse_article(html_page(body))
    assert page.authors == ["Amina Bello"]


@pytest.mark.parametrize(
    "credit",
    [
        "<div class='tags'><strong>Contributors:</strong> Amina Bello</div>",  # a label, then
        "<div class='author-box'><h3>Written by Amina Bello</h3><p>Amina covers the north.</p>"
        "</div>",  # an author box's heading
    ],
)
def test_a_contributors_label_or_an_author_box_heading_names_the_author(credit):
    body = f"<article><h1>Gunmen kill five</h1>{LEDE}{credit}</article>"
    assert parse_article(html_page(body)).authors == ["Amina Bello"]


@pytest.mark.parametrize(
    ("url", "head", "given", "expected"),
    [
        ("https://n.example.com/2020/05/04/gunmen-kill-five", "", None, ("2020-05-04", "url")),
        (
            "https://n.example.com/story/1",
            "<meta property='article:published_time' content='2020-05-04T10:00:00Z'>",
            None,
            ("2020-05-04", "meta"),
        ),
        (
            "https://n.example.com/story/1",
            "<meta property='article:published_time' content='2020-05-04T10:00:00Z'>",
            "2020-05-06",
            ("2020-05-06", "given"),
        ),
        (  # a hint that is no date does not replace the page's own
            "https://n.example.com/story/1",
            "<meta property='article:published_time' content='2020-05-04T10:00:00Z'>",
            "2020-02-30",
            ("2020-05-04", "meta"),
        ),
    ],
)
def test_publication_date_says_which_evidence_gave_it(url, head, given, expected):
    page = parse_article(html_page(f"<article>{LEDE}</article>", head), url=url,
                         published_hint=given)  # fmt: skip
    assert (page.published, page.published_source) == expected


def test_a_date_after_the_fetch_is_not_the_publication_date():
    head = "<meta property='article:published_time' content='2031-01-01T10:00:00Z'>"
    page = parse_article(
        html_page(f"<article>{LEDE}</article>", head),
        url="https://n.example.com/story/1",
        fetched_on=date(2024, 6, 1),
    )
    assert (page.published, page.published_source) == (None, None)


def test_non_english_page_keeps_its_date_and_headline_but_is_not_coded():
    head = (
        "<title>اشتباكات في المدينة - موقع الأخبار</title>"
        "<meta property='article:published_time' content='2020-03-02T10:00:00+03:00'>"
    )
    body = (
        "<article><h1>اشتباكات في المدينة</h1><p>قالت مصادر محلية إن اشتباكات عنيفة اندلعت"
        " في المدينة صباح اليوم بين قوات الأمن ومسلحين مجهولين، وأسفرت عن سقوط قتلى وجرحى"
        " بين المدنيين، فيما أغلقت السلطات الطرق المؤدية إلى وسط المدينة.</p></article>"
    )
    _, doc = parse(ArticleInput(content=html_page(body, head, "ar"), content_type="text/html"))
    assert doc.status == "not_coded_language" and doc.language == "ar"
    assert doc.published == "2020-03-02" and doc.published_source == "meta"
    assert doc.title == "اشتباكات في المدينة"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed five people in Kano on Tuesday.",
        "On 9 May 2020, police fired tear gas at protesters in Lagos.",
    ],
)
def test_a_one_line_note_is_coded(text):
    _, doc = parse(ArticleInput(content=text, content_type="text/plain", published="2020-05-10"))
    assert doc.status == "coded" and doc.text == text
    assert (doc.published, doc.published_source) == ("2020-05-10", "given")


def test_a_short_html_brief_is_an_article():
    brief = "<article><h1>Blast in Kabul</h1><p>A blast hit a bus in Kabul, police said.</p>"
    page = parse_article(html_page(brief + "</article>"), url="https://n.example.com/b/1")
    assert page.is_article, page.not_article_reason


def teaser(i: int, href: str, summary: str) -> str:
    return (
        f"<div class='teaser'><h3><a href='{href}'>Officials in province {i} report new clashes"
        f" near the border</a></h3><p>{summary}</p><span class='by'>By Staff</span></div>"
    )


def test_section_front_of_teasers_with_summaries_is_not_an_article():
    teasers = "".join(
        teaser(
            i,
            f"/world/story-{i}",
            f"Fighting resumed on Monday in district {i}, residents"
            " said, as rival groups traded fire near the main road.",
        )
        for i in range(10)
    )
    html = html_page(f"<main><h1>World</h1><section class='list'>{teasers}</section></main>")
    for url in ("https://news.example.com/news/world", "https://news.example.com/a/b-c-d-2020"):
        page = parse_article(html, url=url)  # the URL is no help: the structure says it
        assert not page.is_article
        assert page.not_article_reason.startswith("section front")


def test_front_of_eight_headlines_declared_an_article_is_not_one():
    links = "".join(
        f"<li><a href='https://news.example.com/2024/05/0{i}/story-{i}'>Gunmen attack village"
        f" number {i} in the north, killing several residents</a></li>"
        for i in range(1, 9)
    )
    head = "<meta property='og:type' content='article'><title>Latest news</title>"
    page = parse_article(html_page(f"<main><ul class='latest'>{links}</ul></main>", head),
                         url="https://news.example.com/latest-news-today")  # fmt: skip
    assert not page.is_article and page.not_article_reason


def test_listicle_linking_out_is_an_article():
    items = "".join(
        f"<div class='item'><h3><a href='https://park{i}.example.org/'>The Greenway Trail number"
        f" {i} in the east</a></h3><p>This trail runs for twelve miles along the bayou, with shade,"
        " water fountains and parking at both ends. It is busy at weekends but quiet in the"
        " mornings, and the surface is smooth enough for road bikes and strollers alike, which"
        " makes it a favourite of families and commuters who ride to the city centre.</p></div>"
        for i in range(8)
    )
    html = html_page(f"<article><h1>The best trails for biking</h1>{items}</article>")
    page = parse_article(html, url="https://mag.example.com/best-trails")
    assert page.is_article, page.not_article_reason


def test_article_with_related_stories_is_an_article():
    related = "".join(
        f"<li><a href='/world/{i}'>Officials in province {i} report new clashes near the"
        " border</a></li>"
        for i in range(8)
    )
    body = f"<article><h1>Gunmen kill five</h1>{LEDE}</article><ul class='related'>{related}</ul>"
    page = parse_article(html_page(body), url="https://news.example.com/world/gunmen-kill-five")
    assert page.is_article, page.not_article_reason


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed five people at a market in the northern town on Tuesday, police said.",
        "Des hommes armés ont tué cinq personnes mardi sur un marché du nord, selon la police.",
        "Bewaffnete töteten am Dienstag fünf Menschen auf einem Markt im Norden der Stadt.",
        "Hombres armados mataron a cinco personas en un mercado del norte el martes.",
    ],
)
def test_language_is_py3langids_answer(text):
    assert detect_language(text) == py3langid.classify(text)[0]


@pytest.mark.parametrize("content", [bytes(range(256)) * 40, b"%PDF-1.7\n%\xe2\xe3", "a\x00b c d"])
@pytest.mark.parametrize("content_type", ["text/html", "text/plain", None])
def test_binary_content_is_not_a_text_page(content, content_type):
    page = parse_article(content, content_type=content_type)
    assert not page.is_article and page.not_article_reason.startswith("not a text page")


@pytest.mark.parametrize("url", ["http://[not-an-address/x", "http://[ccpa-preferences]/"])
def test_malformed_urls_are_no_url(url):
    body = f"<a href='{url}'>Officials report new clashes near the border</a>{LEDE}"
    page = parse_article(html_page(f"<article>{body}</article>"), url=url)
    assert page.is_article and "Gunmen killed five" in page.text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # py3langid reads this 0.66 Dutch, 0.18 English: a short text's close contender wins
        ("Cartel gunmen ambushed police in Michoacan, killing 13 officers.", "en"),
        # a short text that is surely another language stays that language
        ("De politie heeft drie mannen opgepakt in Amsterdam.", "nl"),
        ("Unos hombres armados atacaron a la policía en Michoacán.", "es"),
    ],
)
def test_a_short_texts_unsure_reading_prefers_english(text, language):
    assert detect_language(text) == language
