"""The article stage's result for one page."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ParsedArticle:
    """Clean body, metadata and reader comments of one page, and whether it is an article at all.

    ``text`` never holds reader comments or page furniture; ``comments`` holds the comments in
    page order. ``not_article_reason`` says why a page is not an article (index page, video page,
    paywall stub, cookie wall, empty body, not a text page).
    """

    title: str | None
    text: str
    comments: list[str]
    author: str | None
    site_name: str | None
    published: str | None
    language: str | None
    canonical_url: str | None
    content_hash: str
    is_article: bool
    not_article_reason: str | None = None
    page_type: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    word_count: int = 0
    authors: list[str] = field(default_factory=list)
    published_source: str | None = None  # given | url | json-ld | meta | time | page | text
    extractor: str = "plain"  # "trafilatura" | "plain"
