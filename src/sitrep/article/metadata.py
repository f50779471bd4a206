"""Page metadata whatever the page's language: headline, authors, site name, description, type.

trafilatura reads the page's meta tags and JSON-LD (``examine_meta``, ``extract_meta_json``);
we add what it leaves out: the article's own headline (the ``<h1>`` that agrees with the page's
titles, else the ``<title>`` without its site name and tagline), authors as a list (JSON-LD
organisations, single-word names, Yoast's "Written by" label, "By …" bylines), and we run
trafilatura's costly DOM author search only when the markup names nobody.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import lxml.html
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import examine_meta, extract_meta_json
from trafilatura.utils import trim
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# Separators between a headline and a site name or tagline in <title> and og:title.
_TITLE_SEP = re.compile(r"\s+[|–—•·»/]\s+|\s+[-:]{1,2}\s+|\s*\|\s*")
_BYLINE = re.compile(
    r"^\s*(?:by|written by|posted by|words by|reporting by|author|contributors?|contributed by"
    r"|von|par|por|di)\s*:?\s+"
    r"(\S.{1,80}?)\s*(?:[|•·⋅]\s*.*|\s[—–]\s.*|,\s*(?:updated|published|on|last)\b.*)?$",
    re.IGNORECASE,
)
_NOT_NAME = re.compile(
    r"https?://|www\.|^\W*$|\d|^(?:by|written by|author|posted by|updated|published)\b"
    r"|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$",
    re.IGNORECASE,
)
_BYLINE_START = re.compile(
    r"^(?:by|written by|posted by|words by|author|contributors?|contributed by)\b", re.IGNORECASE
)
_BYLINE_LABEL = re.compile(
    r"^(?:by|written by|posted by|author|words by|contributors?|contributed by)\s*:?$",
    re.IGNORECASE,
)
_AUTHOR_SPLIT = re.compile(r"\s*;\s*|\s+(?:and|&|und|et|y)\s+", re.IGNORECASE)
MAX_HEADLINE_WORDS = 40


@dataclass
class PageMetadata:
    """What a page says about itself."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    description: str | None = None
    page_type: str | None = None
    tags: list[str] = field(default_factory=list)
    html_lang: str | None = None


_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.IGNORECASE)


def clean(text: str | None) -> str:
    """Whitespace-normalised text ("" for ``None``); an entity the page escaped twice
    ("SQL &amp;#x26; AI" reads "SQL &#x26; AI") is read as the character it names."""
    text = _WS.sub(" ", text or "").strip()
    return html.unescape(text) if "&" in text and _ENTITY.search(text) else text


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def _overlap(part: str, whole: str) -> float:
    """Share of ``part``'s words that occur in ``whole``."""
    words = _words(part)
    return len(words & _words(whole)) / len(words) if words else 0.0


def _site_words(site_name: str | None, url: str | None) -> set[str]:
    words = _words(site_name or "")
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # a caller's malformed URL
        host = ""
    for label in host.removeprefix("www.").split(".")[:-1]:
        words |= {label, *label.split("-")}
    return words


def _is_site_segment(segment: str, site: set[str]) -> bool:
    """A title segment that names the site ("Google Cloud", "advantagefitness.com")."""
    words = _words(segment)
    if not words or not site:
        return False
    squashed = re.sub(r"\W", "", segment.casefold())
    return words <= site | {"com", "org", "net", "the", "blog", "news"} or any(
        len(s) >= 4 and squashed.startswith(s) for s in site
    )


def strip_site_name(title: str, site_name: str | None, url: str | None) -> str:
    """A ``<title>`` without the site's name or a short tagline at either end."""
    parts = [p for p in _TITLE_SEP.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    site = _site_words(site_name, url)
    kept = list(parts)
    while len(kept) > 1 and _is_site_segment(kept[-1], site):
        kept.pop()
    while len(kept) > 1 and _is_site_segment(kept[0], site):
        kept.pop(0)
    if len(kept) == len(parts) and len(kept) == 2:
        # no segment names the site: a trailing short segment is still the site or a section
        # ("| Opinion", "- Lemonlight"), when what stays reads as a headline on its own
        head, tail = kept
        if len(tail.split()) <= 3 and len(head.split()) >= 4:
            kept = [head]
    if len(kept) == len(parts):
        return title
    # keep the separators inside what stays: rebuild from the original string
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if start >= 0 and end > start else " ".join(kept)


_NOT_HEADLINE = frozenset({"time", "script", "style", "noscript"})


def _headline_text(el: lxml.html.HtmlElement) -> str:
    """The words of a headline element: a ``<br>`` is a space ("WEEKEND<br>CODING"), a date
    inside it (``<time>``) is not part of the headline."""
    parts = [el.text or ""]
    for child in el:
        if child.tag == "br":
            parts.append(" ")
        elif isinstance(child.tag, str) and child.tag not in _NOT_HEADLINE:
            parts.append(_headline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _h1s(tree: lxml.html.HtmlElement) -> list[str]:
    found = []
    for h1 in tree.iter("h1"):
        text = clean(_headline_text(h1))
        if text and len(text.split()) <= MAX_HEADLINE_WORDS and text not in found:
            found.append(text)
        if len(found) >= 6:
            break
    return found


def headline(
    tree: lxml.html.HtmlElement, titles: list[str], site_name: str | None, url: str | None
) -> str | None:
    """The article's own headline: an ``<h1>`` that agrees with the page's titles (og:title,
    JSON-LD headline, ``<title>``), else the first title without its site name."""
    titles = [t for t in (clean(t) for t in titles) if t]
    site = _site_words(site_name, url)
    h1s = [h for h in _h1s(tree) if not _is_site_segment(h, site) and len(_words(h)) >= 2]
    for h in h1s:
        if any(_overlap(h, t) >= 0.6 or _overlap(t, h) >= 0.8 for t in titles):
            return h
    if len(h1s) == 1 and (not titles or any(_overlap(h1s[0], t) >= 0.3 for t in titles)):
        return h1s[0]
    if titles:
        return strip_site_name(titles[0], site_name, url) or None
    return h1s[0] if h1s else None


def _jsonld_objects(tree: lxml.html.HtmlElement) -> list[dict]:
    """Every JSON-LD object of the page, ``@graph`` members included."""
    found: list[dict] = []
    for script in tree.xpath('//script[contains(@type,"ld+json")]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack and len(found) < 200:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))
    return found


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.casefold() for k in kinds if isinstance(k, str)}


_ARTICLE_TYPES = re.compile(r"article|posting|report|review|recipe|howto|webpage|creativework")


def _jsonld_authors(objects: list[dict]) -> list[str]:
    """Authors of the page's article object (people or organisations), in order."""
    for obj in objects:
        if not any(_ARTICLE_TYPES.search(t) for t in _types(obj)):
            continue
        raw = obj.get("author") or obj.get("creator")
        items = raw if isinstance(raw, list) else [raw]
        names = []
        for item in items:
            name = item.get("name") if isinstance(item, dict) else item
            if isinstance(name, list):
                name = name[0] if name else None
            if isinstance(name, str) and clean(name):
                names.append(clean(name))
        if names:
            return names
    return []


def _meta(tree: lxml.html.HtmlElement, *keys: str) -> str | None:
    for key in keys:
        for el in tree.xpath(f'//meta[@name="{key}" or @property="{key}"]'):
            value = clean(el.get("content"))
            if value:
                return value
    return None


def _labelled_writer(tree: lxml.html.HtmlElement) -> str | None:
    """Yoast SEO's ``twitter:label1 = Written by`` / ``twitter:data1 = name`` pair."""
    for n in ("1", "2"):
        label = _meta(tree, f"twitter:label{n}")
        if label and re.match(r"written by|author|verfasst von|écrit par", label, re.I):
            return _meta(tree, f"twitter:data{n}")
    return None


_BYLINE_TAGS = ("p", "span", "div", "address", "li", "dt", "strong", "em", "small", "h3", "h4",
                "h5", "h6")  # fmt: skip


def _byline(tree: lxml.html.HtmlElement) -> str | None:
    """A "By Jane Doe" line, or a "Written by" label followed by the name, in a short element.

    Reads each element's own leading text only (cheap on big pages); the name may sit in a child
    ("By <a>Jane Doe</a>"), in the next element ("<p>Written by</p><p>Jane Doe</p>") or right
    after the label ("<strong>Contributors:</strong> Jane Doe"); an author box's heading
    ("<h3>Written by Jane Doe</h3>") counts too.
    """
    for el in tree.iter(*_BYLINE_TAGS):
        own = (el.text or "").strip()
        if not own or len(own) > 120 or not _BYLINE_START.match(own):
            continue
        if _BYLINE_LABEL.match(own) and not len(el):
            nxt = el.getnext()
            name = clean(el.tail) or (clean(nxt.text_content()) if nxt is not None else "")
            if name and len(name.split()) <= 6:
                return name
            continue
        text = clean(el.text_content())
        match = _BYLINE.match(text) if len(text) < 120 else None
        if match and 1 <= len(match.group(1).split()) <= 8:
            return match.group(1)
    return None


_AUTHOR_LINK = (
    "//a[contains(@href,'/author/') or contains(@href,'/authors/') or contains(@href,'/autor/')"
    " or contains(@href,'/auteur/') or contains(@href,'/writers/') or @rel='author']"
)


def _author_link(tree: lxml.html.HtmlElement) -> str | None:
    """The text of the first link to an author page ("/author/jane-doe", ``rel=author``): CMSs
    link the byline to the writer's archive."""
    for a in tree.xpath(_AUTHOR_LINK)[:10]:
        name = clean(a.text_content())
        if (
            name
            and 1 <= len(name.split()) <= 6
            and not re.search(
                r"\b(?:posts?|articles?|more|all|view|see|author|profile|stories)\b", name, re.I
            )
        ):
            return name
    return None


def _text_without(el: lxml.html.HtmlElement, dropped: set) -> str:
    parts = [el.text or ""]
    for child in el:
        if child not in dropped:
            parts.append(_text_without(child, dropped))
        parts.append(child.tail or "")
    return " ".join(parts)


def _dom_author(tree: lxml.html.HtmlElement) -> str | None:
    """trafilatura's author search (``extract_author``: its XPaths, its exclusions of comment,
    sidebar and date blocks) without its deep copy of the page: excluded blocks are skipped
    instead of cut out of a copy, and looked for only when a candidate turns up."""
    dropped: set | None = None  # found once a candidate needs it (many pages have none)
    for xpath in AUTHOR_XPATHS:
        for el in xpath(tree):
            if dropped is None:
                dropped = {d for discard in AUTHOR_DISCARD_XPATHS for d in discard(tree)}
            if el in dropped or any(a in dropped for a in el.iterancestors()):
                continue
            content = trim(_text_without(el, dropped))
            if content and 2 < len(content) < 120:
                return normalize_authors(None, content)
    return None


def split_authors(value: str | None) -> list[str]:
    """Author names from one string: "A; B", "A and B", "By A" (commas stay: "Jane Doe, MD")."""
    value = clean(value)
    value = re.sub(r"^(?:by|written by|von|par|por)\s*:?\s+", "", value, flags=re.I)
    names = []
    for part in _AUTHOR_SPLIT.split(value):
        part = part.strip(" ,|")
        if part and not _NOT_NAME.search(part) and len(part) <= 100 and part not in names:
            names.append(part)
    return names


def page_metadata(tree: lxml.html.HtmlElement, url: str | None) -> PageMetadata:
    """Headline, authors, site name, description and type of one parsed page."""
    meta = examine_meta(tree)
    objects = _jsonld_objects(tree)
    with contextlib.suppress(Exception):  # a bug in trafilatura's JSON-LD reader costs a field
        meta = extract_meta_json(tree, meta)
    site_name = clean(meta.sitename) or None
    title_el = tree.find(".//title")
    titles = [
        meta.title or "",
        _meta(tree, "og:title") or "",
        _meta(tree, "twitter:title") or "",
        title_el.text_content() if title_el is not None else "",
    ]
    authors = (
        _jsonld_authors(objects)
        or split_authors(meta.author)
        or split_authors(_labelled_writer(tree))
        or split_authors(_byline(tree))
        or split_authors(_author_link(tree))
    )
    if not authors:
        try:
            authors = split_authors(_dom_author(tree))
        except Exception:  # trafilatura's DOM search must not cost the page
            authors = []
    return PageMetadata(
        title=headline(tree, titles, site_name, url),
        authors=authors,
        site_name=site_name,
        description=clean(meta.description) or None,
        page_type=clean(meta.pagetype) or None,
        tags=list(meta.tags or []),
        html_lang=tree.get("lang") or (tree.xpath("string(//html/@lang)") or None),
    )
