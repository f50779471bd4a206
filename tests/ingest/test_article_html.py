"""HTML pages: real articles keep their text and metadata; non-articles say why they are not."""

from __future__ import annotations

import pytest

from sitrep.article import (
    NearDuplicates,
    canonicalize_url,
    minhash,
    near_duplicate_clusters,
    parse_article,
)

from .conftest import FIXTURES, readability_page


@pytest.mark.parametrize("name", ["bbc-1", "guardian-1", "cnn", "wapo-1", "nytimes-1", "ars-1"])
def test_real_articles_are_articles_with_their_metadata(name):
    html, meta = readability_page(name)
    page = parse_article(html, url=f"https://news.example.com/{name}", content_type="text/html")
    assert page.is_article, page.not_article_reason
    assert page.word_count > 150
    assert page.language == (meta.get("lang") or "en")[:2]
    assert page.title and page.title.split()[0] in meta["title"]
    if meta.get("publishedTime"):
        assert page.published == meta["publishedTime"][:10]
    assert "\n\n" in page.text  # paragraphs kept apart


def test_bbc_metadata_and_canonical_link():
    html, meta = readability_page("bbc-1")
    page = parse_article(
        html, url="http://www.bbc.com/news/x?utm_source=feed", content_type="text/html"
    )
    assert page.site_name == meta["siteName"]
    assert page.canonical_url == "http://www.bbc.com/news/world-us-canada-33646704"


def test_feed_date_wins_over_the_page():
    html, _ = readability_page("bbc-1")
    page = parse_article(html, content_type="text/html", published_hint="2015-07-25T09:00:00Z")
    assert page.published == "2015-07-25"


ARTICLE = (
    "<p>Heavy fighting broke out on Tuesday near the northern town as government forces"
    " pushed into districts held by rebel fighters, residents and officials said.</p>"
    "<p>At least nine people were killed and dozens wounded, according to the local hospital,"
    " which said it was running short of blood and fuel for its generators.</p>"
    "<p>The army said it had taken control of two villages and a key road junction.</p>"
)


def page(body: str, head: str = "") -> str:
    return f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"


def test_comment_plugin_text_goes_to_comments_not_body():
    html = page(
        f"<article><h1>Fighting in the north</h1>{ARTICLE}</article>"
        "<div id='comments' class='comments-area site-content'><h3>2 Comments</h3>"
        "<ol class='comment-list'><li class='comment'><div class='comment-author'>Sam</div>"
        "<div class='comment-content'><p>This is a terrible war and it has to end now.</p></div>"
        "</li><li class='comment'><div class='comment-author'>Ana</div>"
        "<div class='comment-content'><p>Where are the peace talks, and who is mediating?</p>"
        "</div></li></ol></div>"
    )
    parsed = parse_article(html, content_type="text/html")
    assert "At least nine people were killed" in parsed.text
    assert "terrible war" not in parsed.text and "peace talks" not in parsed.text
    assert parsed.comments == [
        "This is a terrible war and it has to end now.",
        "Where are the peace talks, and who is mediating?",
    ]


def test_index_page_is_not_an_article():
    teasers = "".join(
        f"<li><h3><a href='/world/{i}'>Officials in province {i} report new clashes near the"
        f" border</a></h3><p>By Staff</p></li>"
        for i in range(25)
    )
    html = page(f"<main><h1>World</h1><ul>{teasers}</ul></main>")
    parsed = parse_article(html, url="https://news.example.com/world/", content_type="text/html")
    assert not parsed.is_article and parsed.not_article_reason.startswith("index page")


def test_video_page_is_not_an_article():
    html = page(
        "<article><h1>Watch: convoy arrives</h1><video src='/v.mp4' controls></video>"
        "<p>Footage shows the convoy arriving on Tuesday.</p></article>",
        "<meta property='og:type' content='video.other'>",
    )
    parsed = parse_article(html, content_type="text/html")
    assert not parsed.is_article and parsed.not_article_reason.startswith("video page")


def test_paywall_stub_is_not_an_article():
    html = page(
        "<article><h1>Deal struck</h1><p>Negotiators reached a deal late on Monday after weeks"
        " of talks in the capital, two officials said.</p><div class='paywall'><p>Subscribe now"
        " to continue reading. Already a subscriber? Log in.</p></div></article>",
        "<meta property='og:type' content='article'>",
    )
    parsed = parse_article(html, content_type="text/html")
    assert not parsed.is_article and parsed.not_article_reason.startswith("paywall stub")


def test_cookie_wall_is_not_an_article():
    html = page(
        "<div id='consent'><h1>Before you continue</h1><p>We use cookies and data to deliver"
        " and maintain our services.</p><button>Accept all</button></div>"
    )
    parsed = parse_article(html, content_type="text/html")
    assert not parsed.is_article and parsed.not_article_reason.startswith("cookie wall")


def test_empty_page_is_not_an_article():
    parsed = parse_article(b"<html><body></body></html>", content_type="text/html")
    assert not parsed.is_article and parsed.not_article_reason.startswith("empty body")


def test_garbage_bytes_do_not_raise():
    parsed = parse_article(bytes(range(256)) * 10, content_type="text/html")
    assert not parsed.is_article


def test_canonical_url_strips_tracking_and_normalises():
    url = "HTTPS://News.Example.com:443/a/b?utm_source=tw&id=7&fbclid=xyz&gclid=1#comments"
    assert canonicalize_url(url) == "https://news.example.com/a/b?id=7"


def test_syndicated_copies_form_one_cluster():
    story = ARTICLE.replace("<p>", "").replace("</p>", " ") * 2
    other = (
        "Flood waters rose across the delta on Sunday, forcing thousands from their homes as"
        " emergency crews worked through the night to reinforce the levees and open shelters."
    ) * 2
    items = [
        ("a", story),
        ("b", "Reuters - " + story + " Reporting by staff; editing by desk."),
        ("c", other),
        ("d", "short"),
    ]
    clusters = near_duplicate_clusters(items)
    assert clusters["a"] == clusters["b"] == "a"
    assert clusters["c"] == "c" and clusters["d"] == "d"

    # the stored signatures (what extract batches keep for landing) give the same clusters
    by_signature = NearDuplicates()
    for aid, text in items:
        by_signature.add(aid, signature=minhash(text))
    assert by_signature.clusters() == clusters
    assert minhash("short") == b"" and len(minhash(story)) == 512


def test_undeclared_bytes_use_the_pages_meta_charset():
    text = (
        "Вооружённые люди атаковали блокпост на окраине города во вторник, сообщили местные"
        " власти. Погибли двое военнослужащих, ещё трое получили ранения."
    )
    html = f'<html><head><meta charset="windows-1251"></head><body><p>{text}</p></body></html>'
    parsed = parse_article(html.encode("cp1251"))
    assert "Вооружённые люди атаковали блокпост" in parsed.text
    assert parsed.language == "ru"


def test_canonical_link_to_the_home_page_is_ignored():
    # a site bug: trusting it would give every article of the site one URL and one id
    html = page(ARTICLE, '<link rel="canonical" href="https://news.example.com/">')
    url = "https://news.example.com/2020/06/05/fighting-in-the-north?utm_source=rss"
    parsed = parse_article(html, url=url, content_type="text/html")
    assert parsed.canonical_url == "https://news.example.com/2020/06/05/fighting-in-the-north"
    relative = page(ARTICLE, '<link rel="canonical" href="/2020/06/05/fighting">')
    parsed = parse_article(relative, url=url, content_type="text/html")
    assert parsed.canonical_url == "https://news.example.com/2020/06/05/fighting"


# A WordPress-style conflict-news page: donation widget, an appeal inside the article,
# "MORE ON THIS TOPIC" links and a wpDiscuz comment thread.
DONATION_PAGE = (FIXTURES / "warnews-donation-page.html").read_text(encoding="utf-8")


def test_donation_widgets_related_links_and_comments_stay_out_of_the_body():
    url = "https://warnews.example/2021/03/02/turkish-drones-kobani"
    parsed = parse_article(DONATION_PAGE, url=url, content_type="text/html")
    assert parsed.title == "Turkish Drones Strike Kurdish Positions Near Kobani"
    assert parsed.site_name == "WarNews" and parsed.published == "2021-03-02"
    assert parsed.text.startswith("Turkish drones struck positions")  # headline not repeated
    assert "reserved the right to respond" in parsed.text
    for furniture in (
        "2,500 $",
        "Support WarNews",
        "donations",
        "MORE ON THIS TOPIC",
        "Russian Military Police",
        "Oldest",
        "Would love",
        "Erdogan",
        "©",
    ):
        assert furniture not in parsed.text
    assert parsed.comments == [
        "Erdogan will never stop until the whole border strip is his.",
        "The SDF should have made a deal with Damascus years ago, now they pay the price.",
    ]


def test_comment_section_left_in_the_body_by_one_marker_is_cut():
    paragraph = (
        "the army said on Tuesday that its forces had repelled an attack near the town,"
        " killing several militants.</p>"
    )
    body = "".join(f"<p>Paragraph {i}: {paragraph}" for i in range(4))
    html = page(
        "<article><h1>Army repels attack</h1><p class='meta'>By Staff | 2 Comments</p>"
        f"{body}<h3>2 Comments</h3><p>Ali Hassan</p><p>The army always says this, but nobody"
        " can verify it on the ground.</p><p>Reply</p><p>Sara</p><p>Thank you for the report,"
        " stay safe.</p><p>Reply</p></article>"
    )
    parsed = parse_article(html, content_type="text/html")
    assert "Paragraph 3" in parsed.text  # the count in the byline did not cut the article
    assert "nobody can verify" not in parsed.text and "Sara" not in parsed.text
    assert parsed.comments == [
        "The army always says this, but nobody can verify it on the ground.",
        "Thank you for the report, stay safe.",
    ]
