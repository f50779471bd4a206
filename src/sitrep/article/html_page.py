"""HTML pages: one parse; htmldate for the date, our metadata reader, trafilatura for body and
comments, then our furniture cleaners."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from htmldate.utils import load_html
from lxml import etree

from sitrep.article.body import (
    Line,
    drop_repeated_blocks,
    fill_gaps,
    respace,
    second_reading,
    soft_line,
)
from sitrep.article.canonical import canonical_from_html
from sitrep.article.classify import MIN_WORDS_DECLARED_ARTICLE
from sitrep.article.dates import publication_date
from sitrep.article.furniture import (
    BYLINE_HEAD_LINES,
    date_line,
    drop_placeholders,
    ends_body,
    is_byline,
    is_comment_chrome,
    is_prefixed_widget,
    is_prose,
    is_sentence_like,
    is_widget_in_text,
    opens_comments,
)
from sitrep.article.metadata import page_metadata
from sitrep.article.plaintext import split_comments
from sitrep.article.text_utils import word_count

_HEADLINE_WORDS = 4
TEASER_MAX_WORDS = 80  # a teaser's headline, summary, byline and date; a listicle item says more
FAST_TRAFILATURA = True  # its readability/jusText fallbacks off: resiliparse fills what it misses


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
    authors: list[str] = field(default_factory=list)
    published_source: str | None = None
    canonical_url: str | None = None
    html_lang: str | None = None
    evidence: PageEvidence = field(default_factory=lambda: PageEvidence())


def parse_tree(html: str) -> lxml.html.HtmlElement | None:
    """lxml tree of a page (htmldate's loader: repairs, XML declarations, comments kept), or
    ``None`` for markup lxml cannot make anything of."""
    try:
        return load_html(html)
    except (etree.ParserError, ValueError, TypeError):
        return None


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class PageEvidence:
    """Page-level facts for the not-an-article verdict."""

    headline_links: int = 0
    video_players: int = 0
    visible_text: str = ""
    anchors: frozenset[str] = frozenset()
    teasers: list[str] = field(default_factory=list)


def _internal(href: str | None, host: str | None) -> bool:
    try:
        target = urlsplit(href or "").hostname
    except ValueError:  # "http://[not-an-address]/"
        return False
    return not target or not host or target.removeprefix("www.") == host.removeprefix("www.")


def _teaser_blocks(heads: list[lxml.html.HtmlElement], url: str | None) -> list[str]:
    """Texts of repeated teaser blocks: the largest element around each headline link that holds
    no other headline link, kept when at least three alike (same parent, tag and class) repeat,
    each short (a summary, not a section) and linking within the site (a listicle's items link
    out to what they list).

    Why hand-written: a section front is a list of such blocks (headline, summary, byline);
    trafilatura may keep their summaries as if they were paragraphs of one article.
    """
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        host = None
    heads = [a for a in heads if _internal(a.get("href"), host)]
    per_element: Counter[lxml.html.HtmlElement] = Counter()
    for a in heads:
        per_element.update(a.iterancestors())
    blocks = []
    for a in heads:
        block = a
        for ancestor in a.iterancestors():
            if per_element[ancestor] > 1 or ancestor.tag in ("body", "html"):
                break
            block = ancestor
        blocks.append(block)
    texts = [_norm(" ".join(b.itertext())) for b in blocks]  # "Headline" "Summary" apart
    keys = [
        (b.getparent(), b.tag, b.get("class"))
        for b, text in zip(blocks, texts, strict=True)
        if len(text.split()) <= TEASER_MAX_WORDS
    ]
    alike = Counter(keys)
    return [
        text
        for b, text in zip(blocks, texts, strict=True)
        if len(text.split()) <= TEASER_MAX_WORDS
        and alike[(b.getparent(), b.tag, b.get("class"))] >= 3
    ]


def _page_evidence(tree: lxml.html.HtmlElement, url: str | None) -> PageEvidence:
    """Headline-like links (and their texts), teaser blocks and video players of the page."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    heads = [a for a in root.iter("a") if len(a.text_content().split()) >= _HEADLINE_WORDS]
    players = len(
        root.xpath(
            ".//video|.//iframe[contains(@src,'youtube') or contains(@src,'vimeo')"
            " or contains(@src,'player') or contains(@src,'video')]"
        )
    )
    return PageEvidence(
        headline_links=len(heads),
        video_players=players,
        anchors=frozenset(_norm(a.text_content()) for a in heads),
        teasers=_teaser_blocks(heads[:2000], url),
    )


def _visible_text(tree: lxml.html.HtmlElement) -> str:
    """All text a reader sees (for walls whose message trafilatura drops). Drops scripts and
    styles from ``tree``: call it last."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    for bad in root.xpath(".//script|.//style|.//noscript|.//template"):
        bad.drop_tree() if bad.getparent() is not None else None
    return " ".join(root.itertext())


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


def _is_stamp(line: str, *, head: bool) -> bool:
    """A line that is only the page's date stamp: a labelled one anywhere ("Last updated: April
    21, 2025"), a bare date by the headline ("Dec 19, 2025"); a bare date further down may head
    a timeline's entry and stays."""
    dated = date_line(line)
    return dated == "labelled" or (dated == "bare" and head)


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
        if is_widget_in_text(line) or is_prefixed_widget(line):
            continue
        if len(body) < BYLINE_HEAD_LINES and is_byline(line):
            continue  # the writer is ``authors``, not a paragraph
        if _is_stamp(line, head=len(body) < BYLINE_HEAD_LINES):
            continue  # the page's date is ``published``, not a paragraph
        body.append(line)
    return body, []


def _trafilatura(page: lxml.html.HtmlElement, url: str | None, *, fast: bool) -> Any:
    """trafilatura's body and comments of the shared tree (it works on its own copy)."""
    try:
        return trafilatura.bare_extraction(
            page,
            url=url,
            include_comments=True,
            with_metadata=False,
            include_tables=True,
            fast=fast,
        )
    except Exception:  # trafilatura's own guard raises ValueError on odd trees
        return None


_MARKER = re.compile(r"^(?:[-*•]|\d+[.)])\s+")
_SOFT_KEY = 24  # characters of a line's start that name it


def _soft_starts(body: Any) -> set[str]:
    """Starts of the lines of trafilatura's body that continue a block: the text after a
    ``<lb/>`` (a ``<br>`` of the page) and every list item but the first of its list."""
    starts: set[str] = set()
    if body is None:
        return starts
    for lb in body.iter("lb"):
        if lb.tail and len(tail := " ".join(lb.tail.split())) >= 8:
            starts.add(tail[:_SOFT_KEY])
    for item in body.iter("item"):
        if item.getprevious() is not None and item.getprevious().tag == "item":
            text = " ".join(" ".join(item.itertext()).split())
            if len(text) >= 8:
                starts.add(text[:_SOFT_KEY])
    return starts


def _text_lines(doc: Any) -> list[str]:
    """trafilatura's text lines; those continuing a block (:func:`_soft_starts`) as
    :class:`Line` after their predecessor."""
    text = (doc.text if doc is not None else None) or ""
    lines: list[str] = [ln.strip() for ln in text.split("\n") if ln.strip()]
    starts = _soft_starts(getattr(doc, "body", None)) if len(lines) > 1 else set()
    if not starts:
        return lines
    for i in range(1, len(lines)):
        key = " ".join(_MARKER.sub("", lines[i]).split())[:_SOFT_KEY]
        if key in starts:
            lines[i] = soft_line(lines[i], lines[i - 1])
    return lines


def _respaced(lines: list[str]) -> list[str]:
    """:func:`respace` of every line, each continuing line pointing at its respaced
    predecessor."""
    if not any(isinstance(line, Line) for line in lines):
        return [" ".join(line.split()) for line in lines]
    out: list[str] = []
    for line in lines:
        new = respace(line)
        if isinstance(new, Line):
            new.previous = out[-1] if out and line.previous is lines[len(out) - 1] else None
        out.append(new)
    return out


# A collapsed accordion or tab panel (WAI-ARIA's `role="region"` / `role="tabpanel"`: an FAQ's
# answers, a guide's steps) is hidden until the reader opens it, but is the article's own text;
# trafilatura drops hidden blocks. Not the site's header, footer, menus or banners (the classes
# of `<body>` and `<html>` describe the layout, "has-footer-1", and do not count).
_CHROME_ANCESTOR = (
    "ancestor-or-self::*[not(self::body or self::html)]"
    "[self::header or self::footer or self::nav or self::aside"
    " or contains(@class,'banner') or contains(@class,'menu') or contains(@class,'footer')"
    " or contains(@class,'nav')]"
)
_FOLDED_PANEL = (
    "//*[@role='region' or @role='tabpanel']"
    "[contains(@style,'display:none') or contains(@style,'display: none') or @hidden"
    " or @aria-hidden='true']"
    f"[not({_CHROME_ANCESTOR})]"
)
_PANEL_ROLES = ('role="region"', "role='region'", 'role="tabpanel"', "role='tabpanel'")
_HIDING = re.compile(r"display\s*:\s*none\s*;?", re.IGNORECASE)
# A `<details>` disclosure (an FAQ's question in `<summary>`, its answer below) whose class names
# the folding ("expandable", "faq-expand"): trafilatura discards "expand" classes as interface
# chrome, and with them the answers. The class says how the block opens, not what it holds.
_EXPAND_DETAILS = f"//details[contains(@class,'expand')][not({_CHROME_ANCESTOR})]"


def _unfold_panels(tree: lxml.html.HtmlElement, html: str) -> None:
    """Show collapsed accordion and tab panels (:data:`_FOLDED_PANEL`) and `<details>`
    disclosures (:data:`_EXPAND_DETAILS`) to the readers; the tree is walked only when the
    page's markup names such a panel (a substring test)."""
    if "<details" in html:
        for details in tree.xpath(_EXPAND_DETAILS):
            kept = [token for token in details.get("class", "").split() if "expand" not in token]
            details.set("class", " ".join(kept))
    if not ("region" in html or "tabpanel" in html) or not any(r in html for r in _PANEL_ROLES):
        return
    for panel in tree.xpath(_FOLDED_PANEL):
        if panel.get("style"):
            panel.set("style", _HIDING.sub("", panel.get("style")))
        for attr in ("hidden", "aria-hidden"):
            panel.attrib.pop(attr, None)


def extract_html(
    html: str, url: str | None, *, given_date: str | None = None, latest: date | None = None
) -> HtmlExtraction:
    """One parse, shared: htmldate reads the page as parsed (comments kept), a comment-free copy
    feeds our metadata reader, trafilatura (body and comments) and the page-level evidence."""
    tree = parse_tree(html)
    published, published_source = publication_date(tree, url, given=given_date, latest=latest)
    if tree is None:
        return HtmlExtraction(None, [], [], None, None, published, None, None,
                              published_source=published_source)  # fmt: skip
    page = tree  # htmldate is done with it: the rest reads it without comments
    etree.strip_elements(page, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    meta = page_metadata(page, url)
    _unfold_panels(page, html)
    doc = _trafilatura(page, url, fast=FAST_TRAFILATURA)
    lines = fill_gaps(_text_lines(doc), second_reading(html))
    if not lines and FAST_TRAFILATURA:  # both fast readers found nothing: trafilatura's fallbacks
        doc = _trafilatura(page, url, fast=False)
        lines = _text_lines(doc)
    lines = _respaced(lines)  # one plain space: no-break spaces, runs, tabs
    if lines and meta.title and _norm(lines[0]) == _norm(meta.title):
        lines = lines[1:]  # the headline is `title`, not a paragraph of the body
    body, extra_comments = _clean_body(lines)
    body = drop_placeholders(drop_repeated_blocks(body))
    comment_text = (doc.comments if doc is not None else None) or ""
    comment_lines = [ln.strip() for ln in comment_text.split("\n")]
    from_dom = dom_comments(page) if comment_text.strip() else []
    if len(from_dom) >= 1:
        comments = from_dom + extra_comments
    else:
        comments = [c for ln in comment_lines if ln and not is_comment_chrome(ln)
                    for c in [ln] if is_sentence_like(c, min_words=2)] + extra_comments  # fmt: skip

    result = HtmlExtraction(
        title=meta.title,
        body=body,
        comments=comments,
        author="; ".join(meta.authors) or None,
        site_name=meta.site_name,
        date=published,
        page_type=meta.page_type,
        description=meta.description,
        tags=meta.tags,
        authors=meta.authors,
        published_source=published_source,
        html_lang=meta.html_lang,
        canonical_url=canonical_from_html(page, url),
    )
    result.evidence = _page_evidence(page, url)
    if word_count("\n".join(body)) < MIN_WORDS_DECLARED_ARTICLE:  # walls say it outside the body
        result.evidence.visible_text = _visible_text(page)
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


def teaser_share(body: list[str], teasers: list[str]) -> tuple[float, bool]:
    """Share of body words in lines found inside teaser blocks, and whether the body opens with
    one (an article opens with its lede; related-story teasers come after it)."""
    if not teasers or not body:
        return 0.0, False
    joined = "\n".join(teasers)
    if len(joined) * len(body) > 50_000_000:  # bound the substring search on huge pages
        return 0.0, False
    total = inside = 0
    first: bool | None = None
    for line in body:
        norm = _norm(line).strip(" -–—•·|>»")
        words = len(norm.split())
        total += words
        found = len(norm) >= 12 and norm in joined
        inside += words if found else 0
        if first is None and words >= 3:  # the first real line, not a "-" or a date
            first = found
    return (inside / total if total else 0.0), bool(first)


def url_path(url: str | None) -> str | None:
    """The path of a URL, for index-page hints (``/tag/...``, ``/category/...``)."""
    return urlsplit(url).path if url else None
