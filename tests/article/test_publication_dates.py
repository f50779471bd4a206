"""The publication date is the publisher's calendar day, whatever zone the markup writes it in,
and never a day after the fetch; pages that open with junk before their markup still get one."""

from __future__ import annotations

import json
from datetime import date

from sitrep.article import parse_article

LEDE = (
    "<p>Gunmen killed five people at a market in the northern town on Tuesday, police and"
    " residents said, the third such attack in the district this month.</p>"
    "<p>The attackers arrived on motorcycles shortly after noon and fired on traders before"
    " fleeing towards the forest, a local official told reporters by telephone.</p>"
)
FETCHED = date(2026, 12, 5)


def page(head: str, body: str = "") -> str:
    return (
        f"<html lang='de'><head><title>Markt</title>{head}</head><body>{body}{LEDE}</body></html>"
    )


def jsonld(published: str) -> str:
    obj = {"@type": "NewsArticle", "headline": "Markt", "datePublished": published}
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


def parsed(html: str, url: str = "https://news.example.com/markt"):
    return parse_article(html, url=url, content_type="text/html", fetched_on=FETCHED)


def test_a_utc_instant_takes_the_day_the_page_writes_for_the_same_instant():
    # 22:04 UTC on the 18th is 00:04 on the 19th where the paper is published
    html = page(jsonld("2019-10-18T22:04:00Z") + "<meta name='date' "
                "content='Sat, 19 Oct 2019 00:04:00 +0200'>")  # fmt: skip
    article = parsed(html)
    assert article.published == "2019-10-19"
    assert article.published_source in {"json-ld", "meta"}


def test_a_z_stamp_is_read_in_the_zone_of_the_sites_country():
    article = parsed(page(jsonld("2021-11-04T23:00Z")), url="https://www.example.de/bericht")
    assert article.published == "2021-11-05"
    # the same stamp on a site of no known country stays a UTC day
    assert parsed(page(jsonld("2021-11-04T23:00Z"))).published == "2021-11-04"


def test_a_stamp_labelled_plus_zero_is_the_day_as_written():
    # CMSs print the local clock with a "+00:00" label: the visible day is the written one
    html = page(
        "",
        "<time class='entry-date published' datetime='2019-12-26T23:07:45+00:00'"
        " itemprop='datePublished'>26/12/2019</time>",
    )
    assert parsed(html, url="https://www.example.ch/?p=5031").published == "2019-12-26"


def test_no_day_after_the_fetch_is_a_publication_date():
    article = parsed(page(jsonld("2027-03-01T10:00:00+01:00")))
    assert article.published != "2027-03-01"
    assert article.published is None or article.published <= FETCHED.isoformat()


def test_pages_opening_with_a_bom_or_server_warnings_are_read_as_html():
    html = page(jsonld("2023-10-26T08:00:00+02:00"))
    for junk in ("\ufeff", "<br />\n<b>Warning</b>:  Use of undefined constant X\n"):
        article = parse_article(junk + html, url="https://www.example.de/a", fetched_on=FETCHED)
        assert article.extractor == "trafilatura"
        assert article.published == "2023-10-26"
        assert article.title == "Markt"


def test_pages_in_any_language_get_their_date_and_headline():
    pages = {
        "ja": "<p>東京都内の市場で火曜日、武装した男たちが5人を殺害したと警察が発表した。"
        "襲撃者はオートバイで到着し、商人たちに発砲した後、森の方へ逃走した。</p>",
        "ar": "<p>قتل مسلحون خمسة أشخاص في سوق بالمدينة الشمالية يوم الثلاثاء، حسبما قالت الشرطة"
        " والسكان، في ثالث هجوم من نوعه في المنطقة هذا الشهر.</p>",
    }
    for lang, body in pages.items():
        html = (
            f"<html lang='{lang}'><head><title>عنوان | 見出し</title></head><body><h1>見出し"
            f" عنوان</h1><time datetime='2020-06-04T09:30:00+03:00'>4/6/2020</time>{body}"
            "</body></html>"
        )
        article = parsed(html, url=f"https://news.example.com/{lang}/1")
        assert article.published == "2020-06-04", lang
        assert article.title


def test_the_date_the_page_shows_its_reader_wins_over_its_metadata():
    meta = "<meta property='article:published_time' content='2013-03-11T11:11:07-07:00'>"
    byline = (
        "<span class='byline'><time datetime='2023-03-20T00:00:00-07:00'>March 20, 2023</time>"
        "</span>"
    )
    assert parsed(page(meta, byline)).published == "2023-03-20"
    assert parsed(page(meta, byline)).published_source == "time"


def test_dates_of_comments_and_updates_are_not_the_page_date():
    meta = "<meta property='article:published_time' content='2013-03-11T11:11:07-07:00'>"
    comment = (
        "<div class='comment-list'><time datetime='2024-05-02T09:00:00-07:00'>May 2, 2024"
        "</time></div>"
    )
    updated = "<p>Updated: <time datetime='2025-01-02T09:06:08-06:00'>January 2, 2025</time></p>"
    assert parsed(page(meta, comment)).published == "2013-03-11"
    assert parsed(page(meta, updated)).published == "2013-03-11"


def test_a_shown_date_the_markup_names_a_modification_is_not_the_publication():
    ld = (
        '<script type=\'application/ld+json\'>{"@type": "Article", "datePublished":'
        ' "2012-09-12T16:45:28+00:00", "dateModified": "2021-09-08T18:02:10+00:00"}</script>'
    )
    shown = (
        "<div class='meta'><time datetime='2021-09-08T18:02:10+00:00'>September 8, 2021</time>"
        "</div>"
    )
    assert parsed(page(ld, shown)).published == "2012-09-12"


def test_a_date_the_text_labels_as_published_beats_other_dates_in_the_text():
    body = (
        "<div class='info'>Letzte Änderung: 31.10.2023 - 14:49:39</div>"
        "<div class='info'>Erschienen am: 01.11.2023</div>"
    )
    article = parsed(page("", body))
    assert article.published == "2023-11-01"
    assert article.published_source == "page"


def test_the_month_in_the_url_bounds_a_date_read_from_the_text():
    body = "<div class='date'>1. Juni 2010</div><p>Nachtrag: 3.12.2011</p>"
    assert parsed(page("", body), url="http://www.example.de/news/titel/").published == "2010-06-01"
    article = parsed(page("", body), url="http://www.example.de/news/2011/12/titel/")
    assert article.published == "2011-12-03"


def test_a_time_element_without_a_stamp_is_read_from_its_text():
    meta = "<meta property='article:modified_time' content='2024-10-28T22:26:10+00:00'>"
    shown = (
        "<div class='entry-meta'><time class='entry-time'>April 26, 2024</time>"
        "<time class='entry-modified-time'>Updated on: October 28, 2024</time></div>"
    )
    article = parsed(page(meta, shown), url="https://www.example.com/pest-control/")
    assert article.published == "2024-04-26"


def test_a_day_written_in_the_url_beats_a_later_day_the_page_shows():
    shown = (
        "<div class='meta'><time datetime='2025-12-19T10:00:00-05:00'>Dec. 19, 2025</time></div>"
    )
    url = "https://www.example.com/2025/12/18/weight-loss-drugs/"
    assert parsed(page("", shown), url=url).published == "2025-12-18"


def test_a_numbered_headline_in_the_url_is_not_a_day():
    url = "https://blog.example.de/2023/10/3-fragen-an-die-teamleiterin/"
    article = parsed(page(jsonld("2023-10-31T09:00:00+01:00")), url=url)
    assert article.published == "2023-10-31"
    assert article.published_source == "json-ld"


def test_a_created_on_label_in_the_text_names_the_publication_day():
    meta = "<meta name='date' content='11/01/2023 12:43:42'>"  # month first: 1 November
    body = "<div class='foot'>Erstellt am: 01.11.2023</div>"
    assert parsed(page(meta, body), url="http://www.example.ch/a-43157.html").published == (
        "2023-11-01"
    )


def test_an_update_the_page_shows_does_not_replace_the_stated_publication():
    meta = (
        "<meta property='article:published_time' content='2025-12-08T22:31:00.000Z'>"
        "<meta property='article:modified_time' content='2025-12-31T20:51:17.246Z'>"
    )
    for shown in (
        "<div class='byline-date'>Updated: <time datetime='2025-12-31T20:51:17Z'>Dec 31, 2025"
        " 8:51pm UTC</time></div>",
        "<div class='byline'><time datetime='2025-12-31'>Last Updated: Dec 31, 2025</time></div>",
    ):
        assert parsed(page(meta, shown)).published == "2025-12-08"


def test_the_heads_one_date_beats_a_text_date_when_comments_add_other_days():
    head = (
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle",'
        ' "dateCreated": "2020-04-27T17:58:19+02:00"}</script>'
    )
    nav = "<div class='nav-top'><time class='nav-top--date'>Mittwoch, 8. Juli 2020</time></div>"
    comments = "".join(
        f"<div class='user'>Herr {name}<time content='{stamp}' itemprop='datePublished'>"
        f"{stamp[:10]}</time></div>"
        for name, stamp in (
            ("Ecks", "2020-04-28T10:27:29+0200"),
            ("Bajohr", "2020-04-27T20:10:40+0200"),
        )
    )
    html = page(head, nav).replace("</body>", comments + "</body>")
    article = parsed(html, url="https://www.example.com/politik/grenze/25776812.html")
    assert article.published == "2020-04-27"


def test_a_written_label_followed_by_a_time_and_an_update_is_read():
    body = (
        "<div class='date'>2023-11-03</div>"
        "<div class='info'>Written: 2023-11-07 15:03:30 / Updated: 2023-11-07 15:30:46</div>"
    )
    assert parsed(page("", body), url="https://world.example.kr/news_view.htm?id=1").published == (
        "2023-11-07"
    )


def test_a_date_word_inside_a_longer_word_is_not_a_label():
    body = (
        "<div class='date'>9. September 2017</div>"
        "<p>Autorin: Sonja Häußler Erscheinungsdatum: 14.08.2017 Preis: 12,99 €</p>"
    )
    url = "https://example.blogspot.com/2017/09/rezi.html"
    assert parsed(page("", body), url=url).published == "2017-09-09"


def test_the_day_printed_by_the_headline_beats_a_date_elsewhere_in_the_text():
    # no date in the markup: the byline under the <h1> dates the article, not the teaser below
    body = (
        "<h1>Ausschreibung des Preises beginnt</h1><p>1. Februar 2022, Daniel Dillenburg</p>"
        + LEDE
        + "<div><p>Weitere Meldungen</p><p>21. Januar 2022</p></div>"
    )
    article = parsed(f"<html><head><title>Preis</title></head><body>{body}</body></html>")
    assert (article.published, article.published_source) == ("2022-02-01", "page")


def test_a_headline_date_labelled_as_an_update_is_not_the_publication():
    body = (
        "<h1>Ausschreibung des Preises beginnt</h1><p>Aktualisiert: 3. März 2022</p>"
        + LEDE
        + "<p>Veröffentlicht am 1. März 2022</p>"
    )
    article = parsed(f"<html><head><title>Preis</title></head><body>{body}</body></html>")
    assert article.published == "2022-03-01"


def test_a_chinese_japanese_or_korean_date_is_read():
    lede = "<p>" + "市場で男たちが発砲し、五人が死亡したと警察が発表した。" * 8 + "</p>"
    body = f"<h1>市場で発砲事件</h1><p>公開日：2020年3月5日 11時30分</p>{lede}"
    html = f"<html lang='ja'><head><title>発砲</title></head><body>{body}</body></html>"
    article = parsed(html, url="https://news.example.jp/a/123")
    assert article.published == "2020-03-05"


def test_month_names_in_spanish_portuguese_polish_or_russian_are_read():
    cases = {
        "Publicado el jueves, 5 de marzo de 2020": "2020-03-05",
        "3 de dezembro de 2019, 14h02": "2019-12-03",
        "12 października 2021": "2021-10-12",
        "Опубликовано 5 марта 2020": "2020-03-05",
    }
    for shown, day in cases.items():
        body = f"<h1>Tiroteo en el mercado central</h1><p>{shown}</p>{LEDE}"
        html = f"<html><head><title>Tiroteo</title></head><body>{body}</body></html>"
        assert parsed(html).published == day, shown


def test_a_spaced_dotted_date_is_read_day_first():
    # "4. 2. 2022" (thin spaces on the page): 4 February, not 2 April
    body = (
        "<h1>Davis-Cup-Team nominiert</h1><p>Von Deutscher Tennis Bund 4.&thinsp;2.&thinsp;2022."
        f"</p>{LEDE}<p>Die Spiele sind am 4. und 5. März 2022.</p>"
    )
    html = f"<html lang='de'><head><title>Team</title></head><body>{body}</body></html>"
    assert parsed(html, url="https://www.example.de/news/team").published == "2022-02-04"


def test_swiss_and_spanish_publication_labels_name_the_day():
    for label in ("Publiziert: 01.11.2023", "Noticia publicada el 01.11.2023"):
        body = f"<div class='info'>Letzte Änderung: 31.10.2023</div><div class='info'>{label}</div>"
        assert parsed(page("", body)).published == "2023-11-01", label
