"""HTML pages: trafilatura for body, comments and metadata, then our furniture cleaners."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml import etree

from sitrep.article.canonical import canonical_from_html
from sitrep.article.furniture import (
    ends_body,
    is_comment_chrome,
    is_prefixed_widget,
    is_prose,
    is_sentence_like,
    is_widget,
    opens_comments,
)
from sitrep.article.plaintext import split_comments

_HEADLINE_WORDS = 4
# htmldate: the original publication date from markup (meta, JSON-LD, time, URL); no free-text
# guessing (extensive search), which costs dateparser time and picks up unrelated dates.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass
class HtmlExtraction:
    """trafilatura's fields after our cleaning, plus page-level evidence for classification."""

    title: str | None
    body: list[str]
    comments: list[str]
    author: str | None
    site_name: str | None
    date: str | None
    page_type: str | None
    description: str | None
    tags: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    html_lang: str | None = None
    link_text_ratio: float | None = None
    headline_links: int = 0
    video_players: int = 0
    visible_text: str = ""
    anchors: frozenset[str] = frozenset()


def parse_tree(html: str) -> lxml.html.HtmlElement | None:
    """lxml tree of a page, or ``None`` for markup lxml cannot make anything of."""
    try:
        return lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        try:  # an XML declaration with a str input makes lxml refuse
            return lxml.html.fromstring(html.encode("utf-8"))
        except (etree.ParserError, ValueError):
            return None


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _page_evidence(
    tree: lxml.html.HtmlElement,
) -> tuple[float | None, int, int, str, frozenset[str]]:
    """Share of visible words in links, headline-like links, video players, visible text,
    and the headline-like anchor texts themselves."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    for bad in root.xpath(".//script|.//style|.//noscript|.//template"):
        bad.drop_tree() if bad.getparent() is not None else None
    visible = " ".join(root.itertext())
    total = len(visible.split())
    link_words = 0
    headlines = 0
    anchors: set[str] = set()
    for a in root.iter("a"):
        anchor = a.text_content()
        words = len(anchor.split())
        link_words += words
        if words >= _HEADLINE_WORDS:
            headlines += 1
            anchors.add(_norm(anchor))
    players = len(
        root.xpath(
            ".//video|.//iframe[contains(@src,'youtube') or contains(@src,'vimeo')"
            " or contains(@src,'player') or contains(@src,'video')]"
        )
    )
    ratio = link_words / total if total else None
    return ratio, headlines, players, visible, frozenset(anchors)


_COMMENT_TEXT_XPATH = (
    "//*[(contains(translate(@class,'COMENT','coment'),'comment') or"
    " contains(translate(@id,'COMENT','coment'),'comment')) and"
    " (contains(@class,'text') or contains(@class,'content') or contains(@class,'body')"
    " or contains(@class,'message'))]"
)


def dom_comments(tree: lxml.html.HtmlElement) -> list[str]:
    """One text per comment from comment plugins' markup (WordPress, wpDiscuz, Disqus-like).

    trafilatura returns comments as loose lines; the DOM keeps which paragraphs belong to one
    comment. Innermost matches only: a section wrapper ("comments-area content") holding the
    comments is not itself a comment.
    """
    found: list[str] = []
    matched = tree.xpath(_COMMENT_TEXT_XPATH)
    wrappers = {anc for el in matched for anc in el.iterancestors()}
    for el in matched:
        if el in wrappers:
            continue
        paragraphs = [" ".join(t.split()) for t in el.xpath(".//p//text()[normalize-space()]")]
        text = " ".join(paragraphs) if paragraphs else " ".join(el.text_content().split())
        if text and is_sentence_like(text, min_words=2) and not opens_comments(text):
            found.append(text)
    return found


_SECTION_OPENER = re.compile(
    r"^(?:\d[\d,.]*\s+(?:comments?|responses?|replies)|(?:leave|post|add) (?:a |your )?"
    r"(?:comment|reply)|join the (?:discussion|conversation)|be the first to comment)",
    re.IGNORECASE,
)


def _prose_follows(lines: list[str], i: int) -> bool:
    return any(len(ln.split()) >= 20 and is_prose(ln) for ln in lines[i + 1 :])


def _clean_body(lines: list[str]) -> tuple[list[str], list[str]]:
    """Drop widget lines; cut at comment-plugin chrome left in the text (moved to comments)."""
    body: list[str] = []
    for i, line in enumerate(lines):
        if opens_comments(line) and not is_sentence_like(line, min_words=8):
            nearby = [ln for ln in lines[i : i + 5] if opens_comments(ln)]
            # a run of plugin chrome, or one unambiguous marker ("12 Comments", "Leave a Reply")
            # once the article has begun (a count in the byline area is not the section)
            unambiguous = bool(_SECTION_OPENER.match(line)) and sum(map(is_prose, body)) >= 2
            if len(nearby) >= 2 or unambiguous:
                return body, split_comments(lines[i:])
        if ends_body(line) and i >= len(lines) * 0.6 and not _prose_follows(lines, i):
            break  # a trailing "Related articles" heading: what follows is furniture
        if (is_widget(line) and not is_sentence_like(line)) or is_prefixed_widget(line):
            continue
        body.append(line)
    return body, []


def extract_html(html: str, url: str | None) -> HtmlExtraction:
    """Run trafilatura (comments kept apart, metadata on) and clean what it returns."""
    tree = parse_tree(html)
    doc = None
    if tree is not None:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=True,
            with_metadata=True,
            include_tables=True,
            date_extraction_params=DATE_PARAMS,
        )
    text = (doc.text if doc is not None else None) or ""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    title = getattr(doc, "title", None)
    if lines and title and _norm(lines[0]) == _norm(title):
        lines = lines[1:]  # the headline is `title`, not a paragraph of the body
    body, extra_comments = _clean_body(lines)
    comment_text = (doc.comments if doc is not None else None) or ""
    comment_lines = [ln.strip() for ln in comment_text.split("\n")]
    from_dom = dom_comments(tree) if tree is not None and comment_text.strip() else []
    if len(from_dom) >= 1:
        comments = from_dom + extra_comments
    else:
        comments = [c for ln in comment_lines if ln and not is_comment_chrome(ln)
                    for c in [ln] if is_sentence_like(c, min_words=2)] + extra_comments  # fmt: skip

    result = HtmlExtraction(
        title=title,
        body=body,
        comments=comments,
        author=getattr(doc, "author", None),
        site_name=getattr(doc, "sitename", None),
        date=getattr(doc, "date", None),
        page_type=getattr(doc, "pagetype", None),
        description=getattr(doc, "description", None),
        tags=list(getattr(doc, "tags", None) or []),
    )
    if tree is not None:
        result.canonical_url = canonical_from_html(tree, url)
        result.html_lang = tree.get("lang") or (tree.xpath("string(//html/@lang)") or None)
        (
            result.link_text_ratio,
            result.headline_links,
            result.video_players,
            result.visible_text,
            result.anchors,
        ) = _page_evidence(tree)
    return result


def linked_share(body: list[str], anchors: frozenset[str]) -> float:
    """Share of body words in lines that are the text of a link: teaser lists on index pages."""
    total = linked = 0
    contained = len(anchors) * len(body) <= 200_000  # bound the substring search on huge pages
    for line in body:
        norm = _norm(line)
        words = len(norm.split())
        total += words
        if norm in anchors:
            linked += words
            continue
        if contained:
            inside = sum(len(a.split()) for a in anchors if a in norm)  # "- Headline By Staff"
            linked += min(words, inside)
    return linked / total if total else 0.0


def url_path(url: str | None) -> str | None:
    """The path of a URL, for index-page hints (``/tag/...``, ``/category/...``)."""
    return urlsplit(url).path if url else None
