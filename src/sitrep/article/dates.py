"""The publication date of a page, and which evidence gave it.

Rule: a date given with the page (feed, sitemap or caller) wins when it is a real date in range;
else htmldate's original date, which reads the URL, meta tags, JSON-LD, ``<abbr>``/``<time>`` and
the text in that order and is the best measured reader on the dev sets (``docs/ingest.md``:
structured data first, or a vote among sources, lost more pages than they won): its quick mode
first, its extensive search only when that finds nothing (as accurate as extensive search alone
on both dev sets, a third cheaper). We then name the evidence that carries htmldate's answer. A
date after the fetch (or now) or before ``MIN_DATE`` is not a publication date. When htmldate had
to fall back to the page's text, a single publication date stated in the markup (JSON-LD, meta,
``<time>``) wins instead: +4 pages on ``dates``, +2 on ``articles``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import lxml.html
from htmldate import find_date
from htmldate.extractors import extract_url_date
from htmldate.utils import Extractor as HtmldateOptions

MIN_DATE = date(1995, 1, 1)  # before the web had news pages: a copyright line, not a date
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "publication_date",
)


def iso_day(value: str | None, latest: date | None = None) -> str | None:
    """``YYYY-MM-DD`` of a date string that starts with an ISO date, if real and in range."""
    match = _ISO.match((value or "").strip())
    if not match:
        return None
    try:
        day = date(*(int(g) for g in match.groups()))
    except ValueError:  # 2025-02-30
        return None
    latest = latest or (datetime.now(UTC).date() + timedelta(days=1))
    return day.isoformat() if MIN_DATE <= day <= latest else None


def _structured(tree: lxml.html.HtmlElement, url: str | None, latest: date) -> dict[str, set[str]]:
    """Dates the page's markup states as its publication date, by kind of evidence."""
    found: dict[str, set[str]] = {"url": set(), "json-ld": set(), "meta": set(), "time": set()}
    if url:
        options = HtmldateOptions(
            False, datetime.combine(latest, datetime.min.time()), datetime(1995, 1, 1), True,
            "%Y-%m-%d",
        )  # fmt: skip
        day = iso_day(extract_url_date(url, options), latest)
        if day:
            found["url"].add(day)
    for script in tree.xpath('//script[contains(@type,"ld+json")]/text()'):
        for value in re.findall(r'"date(?:Published|Created)"\s*:\s*"([^"]{8,40})"', script):
            if day := iso_day(value, latest):
                found["json-ld"].add(day)
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in _PUBLISHED_META and (day := iso_day(el.get("content"), latest)):
            found["meta"].add(day)
    for el in tree.xpath("//time[@datetime]|//*[@itemprop='datePublished']"):
        if day := iso_day(el.get("datetime") or el.get("content"), latest):
            found["time"].add(day)
    return found


def publication_date(
    tree: lxml.html.HtmlElement | None,
    url: str | None,
    *,
    given: str | None = None,
    latest: date | None = None,
) -> tuple[str | None, str | None]:
    """``(YYYY-MM-DD, source)``: the page's original publication date and where it came from.

    ``tree`` must be a tree htmldate can read (comments kept: some pages hide the date there);
    htmldate works on a copy. ``latest`` is the fetch day (default today): nothing after it.
    """
    latest = latest or datetime.now(UTC).date() + timedelta(days=1)
    if day := iso_day(given, latest):
        return day, "given"
    if tree is None:
        return None, None
    evidence = _structured(tree, url, latest)
    stated = {(d, kind) for kind in ("json-ld", "meta", "time") for d in evidence[kind]}
    single = min(stated) if len({d for d, _ in stated}) == 1 else None
    for extensive in (False, True):  # the quick reading first; the thorough search when it fails
        day = iso_day(_htmldate(tree, url, latest, extensive=extensive), latest)
        if day:
            source = next((kind for kind, days in evidence.items() if day in days), "page")
            # htmldate fell back to the page's text: one date stated in the markup beats it
            return single if source == "page" and single else (day, source)
        if single:  # the thorough text search could only be overruled by it
            return single
    return None, None


def _htmldate(
    tree: lxml.html.HtmlElement, url: str | None, latest: date, *, extensive: bool
) -> str | None:
    try:
        return find_date(
            tree,
            url=url,
            original_date=True,
            extensive_search=extensive,
            max_date=latest.isoformat(),
            min_date=MIN_DATE.isoformat(),
        )
    except Exception:  # a date parser bug must not cost the page
        return None
