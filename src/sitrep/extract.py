"""One article in, one ``sitrep extract`` document out: the article stage, then the NLP stage."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sitrep.article import ParsedArticle, parse_article
from sitrep.contract import Document

if TYPE_CHECKING:
    from sitrep.nlp import Extractor

CODED_LANGUAGES = frozenset({"en"})


@dataclass
class ArticleInput:
    """What the extractor needs to know about one page."""

    content: str | bytes
    id: str | None = None
    url: str | None = None
    published: str | None = None
    content_type: str | None = None
    encoding: str | None = None
    fetched_at: str | datetime | None = None  # no publication date after the fetch


def _document(item: ArticleInput, parsed: ParsedArticle) -> Document:
    """The contract's document for one parsed page: metadata always (whatever the language or
    verdict), a status saying whether its text is coded and why not."""
    doc = Document(
        title=parsed.title,
        published=parsed.published,
        language=parsed.language,
        text=parsed.text or "",
        comments=list(parsed.comments),
        id=item.id,
        url=parsed.canonical_url or item.url,
        author=parsed.author,
        site_name=parsed.site_name,
        published_source=parsed.published_source,
        authors=list(parsed.authors),
    )
    if not parsed.is_article:
        doc.status, doc.status_reason = "not_article", parsed.not_article_reason
    elif not doc.text.strip():
        doc.status, doc.status_reason = "no_text", "the page has no article text"
    elif parsed.language and parsed.language not in CODED_LANGUAGES:
        doc.status = "not_coded_language"
        doc.status_reason = f"language {parsed.language!r} is stored but not coded"
    return doc


def _day(value: str | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def parse(item: ArticleInput) -> tuple[ParsedArticle, Document]:
    """Run the article stage only: clean text, metadata and comments, no NLP yet."""
    parsed = parse_article(
        item.content,
        url=item.url,
        content_type=item.content_type,
        encoding=item.encoding,
        published_hint=item.published,
        fetched_on=_day(item.fetched_at),
    )
    return parsed, _document(item, parsed)


def extract_documents(
    items: Iterable[ArticleInput], extractor: Extractor | None = None, batch_size: int = 32
) -> Iterator[tuple[ParsedArticle, Document]]:
    """Parse and code many articles; spaCy runs batched over the codable ones, order is kept."""
    from sitrep.nlp import Extractor

    extractor = extractor or Extractor.load()
    chunk: list[ArticleInput] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= batch_size * 4:
            yield from _extract_chunk(chunk, extractor, batch_size)
            chunk = []
    if chunk:
        yield from _extract_chunk(chunk, extractor, batch_size)


def _extract_chunk(
    items: list[ArticleInput], extractor: Extractor, batch_size: int
) -> list[tuple[ParsedArticle, Document]]:
    parsed_docs = [parse(item) for item in items]
    codable = [doc for _, doc in parsed_docs if doc.status == "coded"]
    results = extractor.extract_many(((d.text, d.published) for d in codable), batch_size)
    for doc, (mentions, events) in zip(codable, results, strict=True):
        doc.mentions, doc.events = mentions, events
    return parsed_docs


def extract_document(item: ArticleInput, extractor: Extractor | None = None) -> Document:
    """The whole ``sitrep extract`` path for a single article."""
    ((_, doc),) = extract_documents([item], extractor)
    return doc
