"""Reading discovery documents: RSS/Atom feeds, news sitemaps, URL lists, folders of pages.

Each reader turns one document into entries ``(url, published, title)`` or raises
:class:`ListingError` with a reason that ends up as a recorded outcome.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import feedparser
from lxml import etree

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")


class ListingError(ValueError):
    """A discovery document that cannot be read (malformed XML, not a feed...)."""


@dataclass(frozen=True)
class Entry:
    """One candidate article named by a discovery document."""

    url: str
    published: date | None = None
    title: str | None = None


def _clean_url(url: str, base: str | None = None) -> str | None:
    url = (url or "").strip()
    if not url:
        return None
    if base:
        url = urljoin(base, url)
    url = urldefrag(url)[0]
    return url if re.match(r"^(?:https?|file)://", url) else None


def parse_feed(body: bytes, base_url: str | None = None) -> tuple[list[Entry], list[str]]:
    """(entries, problems) of an RSS/Atom feed (feedparser). A feed broken part-way (cut off,
    bad XML after some items) still gives the entries before the break, and the break is a
    problem to record; no entries at all plus a parse error means malformed (``ListingError``).
    """
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and not parsed.feed and not parsed.bozo:
        raise ListingError("not an RSS/Atom feed (no channel, no entries)")
    entries = []
    for item in parsed.entries:
        url = _clean_url(item.get("link") or item.get("id") or "", base_url)
        if not url:
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(stamp), UTC).date() if stamp else None
        entries.append(Entry(url, published, (item.get("title") or None)))
    if parsed.bozo and not entries:
        raise ListingError(f"malformed feed XML: {parsed.get('bozo_exception')}")
    problems = []
    if parsed.bozo and _is_xml_error(parsed.get("bozo_exception")):
        problems.append(
            f"malformed feed XML after {len(entries)} entries (they are used): "
            f"{parsed.get('bozo_exception')}"
        )
    return entries, problems


def _is_xml_error(exc: object) -> bool:
    """A real break in the XML, not feedparser's note about a declared versus real charset."""
    from xml.sax import SAXException

    return isinstance(exc, SAXException)


_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)


def _date(text: str | None) -> date | None:
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", text or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def parse_sitemap(body: bytes, base_url: str | None = None) -> tuple[list[Entry], list[str]]:
    """(page entries, child sitemap URLs) of a sitemap, news sitemap or sitemap index."""
    try:
        root = etree.fromstring(body.lstrip(), _SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise ListingError(f"malformed sitemap XML: {exc}") from exc

    def local(el: etree._Element) -> str:
        return etree.QName(el).localname if isinstance(el.tag, str) else ""

    def child_text(el: etree._Element, name: str) -> str | None:
        for sub in el.iter():
            if local(sub) == name and sub.text and sub.text.strip():
                return sub.text.strip()
        return None

    kind = local(root)
    if kind == "sitemapindex":
        children = [
            u
            for el in root
            if local(el) == "sitemap"
            for u in [_clean_url(child_text(el, "loc") or "", base_url)]
            if u
        ]
        return [], children
    if kind != "urlset":
        raise ListingError(f"not a sitemap (root element <{kind}>)")
    entries = []
    for el in root:
        if local(el) != "url":
            continue
        url = _clean_url(child_text(el, "loc") or "", base_url)
        if not url:
            continue
        published = _date(child_text(el, "publication_date")) or _date(child_text(el, "lastmod"))
        entries.append(Entry(url, published, child_text(el, "title")))
    return entries, []


def parse_url_list(text: str, base_url: str | None = None) -> tuple[list[Entry], list[str]]:
    """(entries, problems) of a one-URL-per-line list; ``#`` starts a comment."""
    entries, problems = [], []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.split(" #", 1)[0].strip()  # "#" inside a URL is a fragment, " #" a comment
        if not line or line.startswith("#"):
            continue
        url = _clean_url(line.split()[0])  # a list names absolute URLs; "foo" is a mistake
        if url:
            entries.append(Entry(url))
        else:
            problems.append(f"line {n}: not an http(s) URL: {line[:200]!r}")
    return entries, problems


def list_folder(folder: Path) -> list[Entry]:
    """Saved pages in a folder (recursively), as ``file://`` URLs, in a stable order."""
    return [
        Entry(path.resolve().as_uri())
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix.lower() in PAGE_SUFFIXES and not path.name.startswith(".")
    ]
