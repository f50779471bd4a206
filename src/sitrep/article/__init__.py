"""The article stage: a fetched page (HTML or plain text) → clean text, metadata and comments.

Public API used by the pipeline: :func:`parse_article`, :class:`ParsedArticle`,
:func:`canonicalize_url`, :func:`near_duplicate_clusters`, :class:`NearDuplicates`,
:func:`minhash`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from sitrep.article.body import join_lines
from sitrep.article.canonical import canonicalize_url
from sitrep.article.classify import classify_page
from sitrep.article.dates import iso_day
from sitrep.article.duplicates import NearDuplicates, minhash, near_duplicate_clusters
from sitrep.article.html_page import extract_html, linked_share, teaser_share, url_path
from sitrep.article.model import ParsedArticle
from sitrep.article.plaintext import split_text_page
from sitrep.article.text_utils import (
    content_hash,
    decode,
    detect_language,
    repair_mojibake,
    word_count,
)

__all__ = [
    "NearDuplicates",
    "ParsedArticle",
    "canonicalize_url",
    "minhash",
    "near_duplicate_clusters",
    "parse_article",
]

_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)",
    re.I | re.S,
)
# A page's own tags anywhere near its start: a PHP warning or a <script> may come first.
_HTML_TAG = re.compile(
    rb"<(?:!doctype\s+html|html|head|body)[\s>]|<meta\s[^>]*charset|<title>", re.I
)
_TEXT_TYPES = ("text/plain", "text/markdown")


def _is_html(content: bytes | str, content_type: str | None) -> bool:
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype in _TEXT_TYPES:
        return False
    if "html" in ctype:
        return True
    head = (
        content[:4096] if isinstance(content, bytes) else content[:4096].encode("utf-8", "replace")
    )
    return bool(_HTML_START.match(head) or _HTML_TAG.search(head)) or (
        ctype == "" and b"<p" in head.lower() and b"</" in head
    )


def _usable_url(url: str | None) -> str | None:
    """The URL, or ``None`` when it cannot be parsed at all ("http://[bad/"): no URL evidence."""
    try:
        urlsplit(url or "")
    except ValueError:
        return None
    return url


def _unreadable(text: str, url: str | None, reason: str) -> ParsedArticle:
    return ParsedArticle(
        title=None,
        text="",
        comments=[],
        author=None,
        site_name=None,
        published=None,
        language=None,
        canonical_url=canonicalize_url(url) if url else None,
        content_hash=content_hash(""),
        is_article=False,
        not_article_reason=reason[:500],
        extractor="none",
    )


def parse_article(
    content: bytes | str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    encoding: str | None = None,
    published_hint: str | None = None,
    fetched_on: date | None = None,
) -> ParsedArticle:
    """Clean one page into an article: body text, comments apart, metadata, not-article verdict.

    HTML goes through trafilatura (with htmldate for the date) and our furniture cleaners; plain
    text (a scraped page) through the line-shape reader. ``published_hint`` (from a feed or the
    caller) wins over a date found in the page when it is a real date; no date after
    ``fetched_on`` (default: today) is taken. Never raises on bad input: an unreadable page is a
    ``ParsedArticle`` with ``is_article=False`` and a reason.
    """
    latest = (fetched_on or datetime.now(UTC).date()) + timedelta(days=1)
    url = _usable_url(url)
    from sitrep.fetch.fetcher import binary_reason  # the fetcher's rule, one home

    head = content[:2048]
    head = head if isinstance(head, bytes) else head.encode("utf-8", "replace")
    binary = binary_reason(head)  # a file, not a page: also for bytes a caller hands over
    if binary is not None:
        return _unreadable("", url, f"not a text page: {binary}")
    text = decode(content, encoding, content_type)
    if _is_html(content, content_type):
        try:
            page = extract_html(text, url, given_date=published_hint, latest=latest)
        except Exception as exc:  # a bug in a parser must cost one page, not the run
            return _unreadable(text, url, f"unparseable HTML ({type(exc).__name__}: {exc})")
        body = repair_mojibake(join_lines(page.body))  # entities may spell it out too
        evidence = page.evidence
        teasers, opens_with_teaser = teaser_share(page.body, evidence.teasers)
        reason = classify_page(
            body,
            page_type=page.page_type,
            url_path=url_path(url),
            linked_share=linked_share(page.body, evidence.anchors),
            headline_links=evidence.headline_links,
            video_players=evidence.video_players,
            raw_text=evidence.visible_text,
            teaser_blocks=len(evidence.teasers),
            teaser_share=teasers,
            opens_with_teaser=opens_with_teaser,
        )
        canonical = page.canonical_url or (canonicalize_url(url) if url else None)
        return ParsedArticle(
            title=repair_mojibake(page.title) if page.title else page.title,
            text=body,
            comments=page.comments,
            author=page.author,
            authors=page.authors,
            site_name=page.site_name,
            published=page.date,
            published_source=page.published_source,
            language=detect_language(body or evidence.visible_text, page.html_lang),
            canonical_url=canonical,
            content_hash=content_hash(body),
            is_article=reason is None,
            not_article_reason=reason,
            page_type=page.page_type,
            description=page.description,
            tags=page.tags,
            word_count=word_count(body),
            extractor="trafilatura",
        )
    split = split_text_page(text)
    body = "\n\n".join(split.body)
    reason = None if body.strip() else "empty body: the text has no words"
    given = iso_day(published_hint, latest)
    published = given or iso_day(split.published, latest)
    return ParsedArticle(
        title=split.title,
        text=body,
        comments=split.comments,
        author=split.author,
        authors=[split.author] if split.author else [],
        site_name=None,
        published=published,
        published_source="given" if given else ("text" if published else None),
        language=detect_language(body),
        canonical_url=canonicalize_url(url) if url else None,
        content_hash=content_hash(body),
        is_article=reason is None,
        not_article_reason=reason,
        word_count=word_count(body),
        extractor="plain",
    )
