"""The publication date of a page, and which evidence gave it.

Rule: a date given with the page (feed, sitemap or caller) wins when it is a real date in range;
else the one day the page shows its reader in ``<time>`` elements (their stamp, else their text;
outside comments, teasers, embeds and navigation, not labelled as an update, not a day the markup
names only a modification, not another day than a day written in the URL): what the publisher
tells the reader beats what its CMS writes in the head;
else htmldate's original date, which reads the URL, meta tags, JSON-LD, ``<abbr>``/``<time>`` and
the text in that order and is the best measured reader on the dev sets (``docs/ingest.md``:
structured data first, or a vote among sources, lost more pages than they won): its quick mode
first, its extensive search only when that finds nothing. We then name the evidence that carries
htmldate's answer, unless the day printed just after the headline is more than a day earlier:
the markup's stamp is then a re-stamp (an import, a CMS writing its last save as the
publication) and the headline's day wins. When htmldate had to fall back to the page's text, a
single publication date stated in the markup (JSON-LD, meta, ``<time>``) wins instead, else the
day printed by the headline (just after the first ``<h1>``, else just before it), else the one
date the text labels as the publication ("Published: …", "Erschienen am …"); a text date more
than a month away from the month a URL names (".../2011/12/slug") is replaced by htmldate's
search within that month.

Slash dates ("8/1/2025") are read in the page's own order (:class:`SlashReader`): the reading
its markup states, else its unambiguous slash dates, else month first for ``en-US``, else day
first.

Days are the publisher's calendar days: a timestamp stated in UTC ("…T22:04:00Z") is moved to the
page's own time zone (the offset its other timestamps carry, else its country's zone from the
domain) before its day is read, as a reader of the page sees it ("19 Oct 2019, 00:04"). A date
after the fetch (or now) or before ``MIN_DATE`` is not a publication date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import lxml.html
from htmldate import find_date
from htmldate.extractors import extract_url_date, try_date_expr
from htmldate.utils import Extractor as HtmldateOptions

from sitrep.article.text_utils import word_count

MIN_DATE = date(1995, 1, 1)  # before the web had news pages: a copyright line, not a date
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_STAMP = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?)?",
    re.IGNORECASE,
)
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
_CET = "Europe/Berlin"
# The zone a site's publishers write in, by its country's domain (one zone per country).
_ZONE_COUNTRIES = {
    _CET: "de at ch li fr it es nl be lu dk se no pl cz sk hu si hr rs ba me mk al ad mc sm va mt",
    "Europe/London": "uk gb ie pt is",
    "Europe/Helsinki": "fi ee lv lt ua ro bg gr cy",
    "Europe/Moscow": "ru", "Europe/Minsk": "by", "Europe/Istanbul": "tr", "Asia/Tokyo": "jp",
    "Asia/Seoul": "kr", "Asia/Shanghai": "cn", "Asia/Taipei": "tw", "Asia/Hong_Kong": "hk",
    "Asia/Singapore": "sg", "Asia/Kolkata": "in", "Asia/Karachi": "pk", "Asia/Jakarta": "id",
    "Asia/Bangkok": "th", "Asia/Ho_Chi_Minh": "vn", "Asia/Manila": "ph",
    "Asia/Kuala_Lumpur": "my", "Asia/Jerusalem": "il", "Asia/Tehran": "ir", "Asia/Dubai": "ae",
    "Asia/Riyadh": "sa", "Africa/Cairo": "eg", "Africa/Lagos": "ng", "Africa/Nairobi": "ke",
    "Africa/Johannesburg": "za", "Australia/Sydney": "au", "Pacific/Auckland": "nz",
    "America/Sao_Paulo": "br", "America/Argentina/Buenos_Aires": "ar",
    "America/Mexico_City": "mx", "America/Bogota": "co", "America/Santiago": "cl",
    "America/Lima": "pe",
}  # fmt: skip
_COUNTRY_ZONE = {tld: zone for zone, tlds in _ZONE_COUNTRIES.items() for tld in tlds.split()}


def iso_day(value: str | None, latest: date | None = None) -> str | None:
    """``YYYY-MM-DD`` of a date string that starts with an ISO date, if real and in range."""
    match = _ISO.match((value or "").strip())
    if not match:
        return None
    try:
        day = date(*(int(g) for g in match.groups()))
    except ValueError:  # 2025-02-30
        return None
    return _in_range(day, latest)


def _in_range(day: date, latest: date | None) -> str | None:
    latest = latest or (datetime.now(UTC).date() + timedelta(days=1))
    return day.isoformat() if MIN_DATE <= day <= latest else None


@dataclass(frozen=True)
class Stamp:
    """One date the markup states: its written day and, when it has one, its instant."""

    day: date
    instant: datetime | None = None  # timezone-aware when the value names its offset
    zulu: bool = False  # written "…Z": a machine's UTC instant, not the publisher's clock


def parse_stamp(value: str | None) -> Stamp | None:
    """An ISO date or timestamp ("2019-10-18T22:04:00Z") or an RFC 2822 one ("Sat, 19 Oct 2019
    00:04:00 +0200"); ``None`` for anything else."""
    value = (value or "").strip()
    match = _STAMP.match(value)
    if match:
        y, mo, d, h, mi, s, off = match.groups()
        try:
            day = date(int(y), int(mo), int(d))
            if h is None or off is None:
                return Stamp(day)
            if off.upper() == "Z":
                tz: tzinfo = UTC
                return Stamp(day, datetime(day.year, day.month, day.day, int(h), int(mi),
                                           int(s or 0), tzinfo=tz), zulu=True)  # fmt: skip
            else:
                sign = -1 if off[0] == "-" else 1
                digits = off[1:].replace(":", "")
                tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
            return Stamp(day, datetime(day.year, day.month, day.day, int(h), int(mi),
                                       int(s or 0), tzinfo=tz))  # fmt: skip
        except ValueError:
            return None
    if re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", value):
        try:
            instant = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        return Stamp(instant.date(), instant if instant.tzinfo else None)
    return None


def _country_zone(url: str | None) -> tzinfo | None:
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return None
    name = _COUNTRY_ZONE.get(host.rsplit(".", 1)[-1])
    return ZoneInfo(name) if name else None


def _local(stamp: Stamp) -> bool:
    return stamp.instant is not None and stamp.instant.utcoffset() != timedelta(0)


def page_zone(stamps: list[Stamp], url: str | None) -> tzinfo | None:
    """The zone the page writes its times in: the commonest non-UTC offset among its stamps,
    else its country's zone (from the domain), else unknown."""
    offsets = Counter(s.instant.utcoffset() for s in stamps if _local(s) and s.instant)
    if offsets:
        return timezone(offsets.most_common(1)[0][0])
    return _country_zone(url)


def local_day(stamp: Stamp, every: list[Stamp], zone: tzinfo | None) -> date:
    """The stamp's day as the publisher's reader sees it. A UTC instant the page also writes
    with its local offset takes that writing's day; a "…Z" instant is moved into ``zone``; a
    "+00:00" one stays as written (CMSs print the local clock with a UTC label)."""
    if stamp.instant is None or _local(stamp):
        return stamp.day
    for other in every:
        if _local(other) and other.instant == stamp.instant:
            return other.day
    return stamp.instant.astimezone(zone).date() if stamp.zulu and zone else stamp.day


@dataclass
class Evidence:
    """Stated publication dates by kind (``url``, ``json-ld``, ``meta``, ``time``), every stamp
    the page carries (modified dates too: their offsets tell the page's zone), and that zone;
    the ``<time>`` stamps the reader sees as the page's own date (``shown``) and the stamps the
    markup names as modifications (``modified``)."""

    stated: dict[str, list[Stamp]]
    every: list[Stamp]
    zone: tzinfo | None
    shown: list[Stamp]
    modified: list[Stamp]
    slash: SlashReader | None = None


_LD_DATE = re.compile(r'"(date(?:Published|Created|Modified)|uploadDate)"\s*:\s*"([^"]{8,40})"')
_ANY_STAMP_META = re.compile(r"date|time|publish|modif|created|issued", re.IGNORECASE)
_MODIFIED = re.compile(r"modif|updat", re.IGNORECASE)
# A <time> inside another item's block (reader comments, teasers, embedded posts, navigation)
# dates that item, not the page: class/id words and tags of its ancestors.
_ELSEWHERE = re.compile(
    r"(?:^|[-_])(?:comments?|kommentare?|reply|replies|related|teasers?|sidebar|widget|recent"
    r"|nav|navigation|menu|popular|recommend\w*|embed|instagram|twitter|tweet)(?:[-_]|$)"
)
_ELSEWHERE_TAGS = frozenset({"aside", "nav", "blockquote"})
# The label of a shown update, in the page's markup or the words before the date.
_UPDATE_LABEL = re.compile(
    r"updat|modif|chang|revis|aktualisiert|geändert|mis à jour|actualiz|aggiorn|bijgewerkt"
    r"|zaktualiz|обновл|更新",
    re.IGNORECASE,
)


def _elsewhere(el: lxml.html.HtmlElement) -> bool:
    for anc in el.iterancestors():
        if anc.tag in ("body", "html"):  # their classes describe the page's layout
            return False
        if anc.tag in _ELSEWHERE_TAGS:
            return True
        words = f"{anc.get('class') or ''} {anc.get('id') or ''}".lower().split()
        if any(_ELSEWHERE.search(word) for word in words):
            return True
    return False


def _update_label(el: lxml.html.HtmlElement, text: str) -> bool:
    """Marked as an update by its markup, its own words ("Last updated: …") or the words just
    before it ("Aktualisiert: <time>…")."""
    parent = el.getparent()
    said = " ".join(parent.text_content().split()) if parent is not None else ""
    before = said[: max(said.find(text), 0)][-40:]
    marks = (el.get("class"), el.get("itemprop"), parent.get("class") if parent is not None else "")
    return bool(_UPDATE_LABEL.search(" ".join(m or "" for m in marks) + f" {before} {text}"))


def _shown(el: lxml.html.HtmlElement) -> str | None:
    """``"shown"`` for a ``<time>`` the reader sees as the page's date (it shows a date, outside
    other items' blocks), ``"update"`` when it is labelled as an update, else ``None``."""
    text = " ".join(el.text_content().split())
    if not re.search(r"\d", text) or _elsewhere(el):
        return None
    return "update" if _update_label(el, text) else "shown"


def _evidence(tree: lxml.html.HtmlElement, url: str | None, latest: date) -> Evidence:
    stated: dict[str, list[Stamp]] = {"url": [], "json-ld": [], "meta": [], "time": []}
    every: list[Stamp] = []
    shown: list[Stamp] = []
    modified: list[Stamp] = []
    if _url_for_dates(url):
        options = HtmldateOptions(
            False, datetime.combine(latest, datetime.min.time()), datetime(1995, 1, 1), True,
            "%Y-%m-%d",
        )  # fmt: skip
        day = iso_day(extract_url_date(url, options), latest)
        if day:
            stated["url"].append(Stamp(date.fromisoformat(day)))
    for script in tree.xpath('//script[contains(@type,"ld+json")]/text()'):
        for key, value in _LD_DATE.findall(script):
            if stamp := parse_stamp(value):
                every.append(stamp)
                if key in ("datePublished", "dateCreated"):
                    stated["json-ld"].append(stamp)
                elif key == "dateModified":
                    modified.append(stamp)
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if not _ANY_STAMP_META.search(key) or not (stamp := parse_stamp(el.get("content"))):
            continue
        every.append(stamp)
        if key in _PUBLISHED_META:
            stated["meta"].append(stamp)
        elif _MODIFIED.search(key):
            modified.append(stamp)
    for el in tree.xpath("//time[@datetime]|//*[@itemprop='datePublished']"):
        if stamp := parse_stamp(el.get("datetime") or el.get("content")):
            every.append(stamp)
            stated["time"].append(stamp)
            seen = _shown(el) if el.tag == "time" else None
            if seen:
                (shown if seen == "shown" else modified).append(stamp)
    slash = SlashReader(tree, {s.day for s in every}, url)
    for el in tree.xpath("//time[not(@datetime)]"):  # its text is all it says
        if _shown(el) == "shown" and (day := _text_day(el.text_content(), MIN_DATE, latest, slash)):
            shown.append(Stamp(date.fromisoformat(day)))
    return Evidence(stated, every, page_zone(every, url), shown, modified, slash)


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
    evidence = _evidence(tree, url, latest)
    # per kind: written day → the publisher's day
    local = {
        kind: {
            s.day.isoformat(): _in_range(local_day(s, evidence.every, evidence.zone), latest)
            for s in stamps
        }
        for kind, stamps in evidence.stated.items()
    }
    shown = _shown_day(evidence, local, latest)
    if shown and (not local["url"] or shown in local["url"].values()):  # the URL's day was first
        return shown, "time"
    published = {d for kind in ("json-ld", "meta") for d in local[kind].values() if d}
    stated = published | {d for d in local["time"].values() if d}
    # the one day stated in the markup; else the one its head states (<time> may date comments)
    single = next(iter(stated)) if len(stated) == 1 else None
    single = single or (next(iter(published)) if len(published) == 1 else None)
    day = iso_day(_htmldate(tree, url, latest, extensive=False), latest)
    if not day and not single:  # the thorough search only when the quick one finds nothing
        day = iso_day(_htmldate(tree, url, latest, extensive=True), latest)
    source = next((kind for kind, days in local.items() if day in days), "page")
    day = local[source].get(day, day) if source != "page" else day
    if published and day not in published and day in _days(evidence.modified, evidence, latest):
        first = min(published)  # htmldate took an update's day: the (first) stated publication
        return first, _source_of(first, local)
    if day and source != "page":
        if (by_headline := headline_day(tree, latest, evidence.slash, before=False)) and _restamped(
            day, by_headline
        ):
            return by_headline, "page"
        return day, source
    # htmldate found no date in the markup, only in the text (or none)
    month = _url_month(url, latest)
    if month and not (day and month[0] - _NEAR <= date.fromisoformat(day) <= month[1] + _NEAR):
        day = iso_day(_htmldate(tree, url, month[1], extensive=True, earliest=month[0])) or day
    if single:
        return single, _source_of(single, local)
    if by_headline := headline_day(tree, latest, evidence.slash):
        return by_headline, "page"
    if labelled := _labelled_day(tree, latest, evidence.slash):
        return labelled, "page"
    return (day, "page") if day else (None, None)


_RESTAMP = timedelta(days=1)  # further apart than a time zone's shift of the day


def _restamped(stated: str, by_headline: str) -> bool:
    """Whether the markup's day is a later re-stamp of the day printed by the headline (an
    import, a migration, a CMS writing its last save as the publication): the headline's day
    is more than a day earlier. A later headline day is an update's and does not count."""
    return date.fromisoformat(stated) - date.fromisoformat(by_headline) > _RESTAMP


# ".../2011/12/slug": htmldate reads only whole dates from a URL; a month narrows its text search
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/")
_NEAR = timedelta(days=31)  # a text date this close to the URL's month is not contradicted by it


# ".../2023/10/3-fragen-an…": a numbered headline, not the 3rd (htmldate would read a day there)
_NUMBERED_SLUG = re.compile(r"/(?:19|20)\d\d/\d{1,2}/\d{1,2}[-_]")


def _url_for_dates(url: str | None) -> str | None:
    """The URL htmldate may read a date from: none (``""``, not ``None``, which would send it to
    the canonical link) when its path's day is a numbered headline's number."""
    return "" if url and _NUMBERED_SLUG.search(url) else url


def _url_month(url: str | None, latest: date) -> tuple[date, date] | None:
    """First and last day of the month a URL's path names, if in range."""
    match = _URL_MONTH.search(url or "")
    if not match:
        return None
    first = date(int(match[1]), int(match[2]), 1)
    last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    return (first, min(last, latest)) if MIN_DATE <= first <= latest else None


# "Published: …", "Veröffentlicht am …", "Date: …": a date the text says is the page's.
_PUBLISHED_LABEL = re.compile(
    r"(?<!\w)(?:(?:date|datum|fecha|data)\s*:|published|posted|publié|publicado|pubblicato"
    r"|veröffentlicht|publiziert|erschienen|gepubliceerd|opublikowano|publicerad|julkaistu"
    r"|publicada|опубликовано"
    r"|yayınlanma|objavljeno|zveřejněno|erstellt|created|written|geschrieben|écrit|escrito"
    r"|scritto|公開日|投稿日|掲載日|配信日|发布时间|发布日期|發佈時間|發布時間|发表于|게시일|작성일|등록일|입력)"
    r"(?:\s+(?:on|am|le|el|il|em|op|den|at))?\s*[:：]?\s*",
    re.IGNORECASE,
)
# Chinese, Japanese and Korean dates ("2020年3月5日", "2020년 3월 5일"): htmldate reads none.
_CJK_DATE = re.compile(r"((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
# Month names htmldate's quick parser does not know (it reads English, German, French, Turkish
# and Indonesian ones): Spanish, Portuguese, Italian, Dutch, Polish, Russian, Ukrainian,
# Scandinavian, Romanian, Czech; genitive and short forms by their stems.
_MONTH_STEMS = (
    "ene enero gen genn jan janv stycz январ январ січн ianuar leden ledna",
    "feb febr fevereiro fev febbr lut люты февр лют februar únor února",
    "mar marzo março marz maart marc март берез martie břez března",
    "abr abril apr aprile kwie апрел квіт aprilie dub dubna",
    "may mayo maio mag maggio mei maj мая май трав mai květ května",
    "jun junio junho giu giugno juni czerw июн черв iunie červen června",
    "jul julio julho lug luglio juli lip июл лип iulie červenec července",
    "ago agosto aug augustus sierp август серп august srp srpna",
    "sep sept septiembre setembro set settembre wrze сентябр верес septembrie září",
    "oct octubre outubro out ott ottobre okt oktober paźd октябр жовт octombrie říj října",
    "nov noviembre novembro novembre lis listop ноябр листоп noiembrie listopadu",
    "dic diciembre dezembro dez dicembre dec december grud декабр груд decembrie prosin prosince",
)  # fmt: skip
_MONTH_OF = {stem: i for i, stems in enumerate(_MONTH_STEMS, 1) for stem in stems.split()}
_WORD_DATE = re.compile(
    r"(?<!\d)(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]{3,})\.?,?\s+(?:de\s+|del\s+)?((?:19|20)\d\d)(?!\d)"
)
# "4. 2. 2022" (German and Central European style, spaced): always day first; htmldate's quick
# parser skips it and its extensive search reads it month first.
_SPACED_DOTTED = re.compile(r"(?<![\d.])(\d{1,2})\.\s+(\d{1,2})\.\s+((?:19|20)\d\d)(?!\d)")


# "8/1/2025", "12/11/25": day or month first, as the page writes them
_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)?\d\d)(?![\d/])")


class SlashReader:
    """How one page writes dates with slashes: month first ("8/27/2025") or day first.

    htmldate reads "8/1/2025" day first (8 January) wherever it stands; a US page means 1
    August. The page decides, in this order: the one reading its markup states (JSON-LD, meta,
    ``<time>``), else its own unambiguous slash dates ("8/27/2025" → month first, "27/8/2025" →
    day first, the majority), else its language ("en-US" → month first, unless the domain is
    another country's: "en-US" is also WordPress's default on sites that write day first), else
    day first.
    """

    def __init__(
        self, tree: lxml.html.HtmlElement | None, stated: set[date], url: str | None = None
    ) -> None:
        self._tree = tree
        self._stated = stated
        self._url = url
        self._order: bool | None = None  # month first? found lazily, on the first ambiguity

    def month_first(self, first: int, second: int, year: int) -> bool:
        """Whether ``first/second/year`` is month/day on this page."""
        readings = [_date_or_none(year, first, second), _date_or_none(year, second, first)]
        stated = [d is not None and d in self._stated for d in readings]
        if stated[0] != stated[1]:
            return stated[0]
        if self._order is None:
            self._order = self._page_order()
        return self._order

    def _page_order(self) -> bool:
        if self._tree is None:
            return False
        text = " ".join(self._tree.xpath("//body//text()[not(ancestor::script|ancestor::style)]"))
        votes = Counter(
            int(m[1]) <= 12 < int(m[2]) for m in _SLASH_DATE.finditer(text)
            if (int(m[1]) > 12) != (int(m[2]) > 12)
        )  # fmt: skip
        if votes[True] != votes[False]:
            return votes[True] > votes[False]
        lang = (self._tree.get("lang") or "").casefold().replace("_", "-")
        return lang == "en-us" and not _foreign_domain(self._url)


def _foreign_domain(url: str | None) -> bool:
    """Whether the URL's domain is a country's other than the United States (".in", ".co.uk")."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return False
    tld = host.rsplit(".", 1)[-1]
    return len(tld) == 2 and tld != "us"


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _slash_day(text: str, found: str | None, slash: SlashReader | None) -> str | None:
    """htmldate's reading ``found`` of ``text``, turned month first when its first date is an
    ambiguous slash date the page writes month first; a month-first date htmldate could not
    read ("8/27/2025")."""
    match = _SLASH_DATE.search(text)
    if slash is None or match is None:
        return found
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    year += 2000 if year < 100 else 0
    day_first = _date_or_none(year, second, first)
    month_first = _date_or_none(year, first, second)
    if found is None and day_first is None and month_first is not None:
        return month_first.isoformat()
    if found is None or day_first is None or found != day_first.isoformat():
        return found  # htmldate read another date of the text
    if month_first is not None and first != second and slash.month_first(first, second, year):
        return month_first.isoformat()
    return found


def _text_day(
    text: str, earliest: date, latest: date, slash: SlashReader | None = None
) -> str | None:
    """``YYYY-MM-DD`` of a written date ("April 26, 2024", "26.04.2024") by htmldate's parser
    (slash dates in the page's order, see :class:`SlashReader`), else of a Chinese, Japanese or
    Korean one ("2020年3月5日") or a spaced dotted one ("4. 2. 2022", day first)."""
    bounds = (
        datetime.combine(earliest, datetime.min.time()),
        datetime.combine(latest, datetime.min.time()),
    )
    found = try_date_expr(text, "%Y-%m-%d", False, *bounds)
    day = _slash_day(text, found, slash)
    if day and earliest.isoformat() <= day <= latest.isoformat():
        return day
    if cjk := _CJK_DATE.search(text):
        year, month, day = (int(g) for g in cjk.groups())
    elif dotted := _SPACED_DOTTED.search(text):
        day, month, year = (int(g) for g in dotted.groups())
    elif (word := _WORD_DATE.search(text)) and (month := _month(word[2])):
        year, day = int(word[3]), int(word[1])
    else:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found.isoformat() if earliest <= found <= latest else None


def _month(name: str) -> int | None:
    """The month a name or its stem stands for ("marzo", "março", "марта", "października")."""
    name = name.casefold()
    return next(
        (_MONTH_OF[name[:n]] for n in (len(name), 6, 5, 4, 3) if name[:n] in _MONTH_OF), None
    )


def _labelled_day(
    tree: lxml.html.HtmlElement, latest: date, slash: SlashReader | None = None
) -> str | None:
    """The one day the page's text labels as its publication ("Published on 3 May 2021"),
    read by htmldate's own date-expression parser."""
    text = " ".join(
        " ".join(tree.xpath("//body//text()[not(ancestor::script|ancestor::style)]")).split()
    )
    days = {
        # the words after the label, else fewer of them (a time and a second date may follow)
        _text_day(text[m.end() : m.end() + 40], MIN_DATE, latest, slash)
        or _text_day(text[m.end() : m.end() + 20], MIN_DATE, latest, slash)
        for m in _PUBLISHED_LABEL.finditer(text)
    } - {None}
    return days.pop() if len(days) == 1 else None


_AFTER_HEADLINE = 300  # characters of text after the <h1> where a dateline or byline date sits
_BEFORE_HEADLINE = 150  # ... and before it (a kicker line "02.02.2022 10:16 Uhr - Bundesliga")
_NO_TEXT = frozenset({"script", "style", "noscript", "template"})
_TOP = frozenset({"body", "html"})


def headline_day(
    tree: lxml.html.HtmlElement,
    latest: date,
    slash: SlashReader | None = None,
    *,
    before: bool = True,
) -> str | None:
    """The day written next to the article's headline: in the text just after the first ``<h1>``
    (a byline "1. Februar 2022, Daniel Dillenburg", a dateline "Karlsruhe, (12.11.2021).") or,
    failing that, just before it; not one labelled as an update. Read by :func:`_text_day`.

    Why: where the markup states no date, the day printed by the headline is the one the
    publisher gives the reader; htmldate's free-text search may take a teaser's or a sidebar's.
    """
    h1 = next((h for h in tree.iter("h1") if word_count(h.text_content()) >= 2), None)
    if h1 is None:
        return None
    after = _first_day(_following_texts(h1), _AFTER_HEADLINE, latest, slash)
    if after or not before:
        return after
    return _first_day(_preceding_texts(h1), _BEFORE_HEADLINE, latest, slash)


def _texts(el: lxml.html.HtmlElement) -> Iterator[str]:
    """The text inside ``el`` in document order, scripts and styles skipped (its tail not)."""
    if not isinstance(el.tag, str) or el.tag in _NO_TEXT:
        return
    if el.text:
        yield el.text
    for child in el:
        yield from _texts(child)
        if child.tail:
            yield child.tail


def _following_texts(el: lxml.html.HtmlElement) -> Iterator[str]:
    """The text after ``el`` in document order, walked lazily (only as far as it is read)."""
    node: lxml.html.HtmlElement | None = el
    while node is not None and node.tag not in _TOP:
        if node.tail:
            yield node.tail
        for sibling in node.itersiblings():
            yield from _texts(sibling)
            if sibling.tail:
                yield sibling.tail
        node = node.getparent()


def _preceding_texts(el: lxml.html.HtmlElement) -> Iterator[str]:
    """The text before ``el``, nearest first."""
    node: lxml.html.HtmlElement | None = el
    while node is not None and node.tag not in _TOP:
        for sibling in node.itersiblings(preceding=True):
            if sibling.tail:
                yield sibling.tail
            yield from reversed(list(_texts(sibling)))
        node = node.getparent()
        if node is not None and node.tag not in _TOP and node.text:
            yield node.text


def _first_day(
    nodes: Iterable[str], budget: int, latest: date, slash: SlashReader | None = None
) -> str | None:
    """The first written date among ``nodes`` within ``budget`` characters, unless an update's."""
    previous = ""
    for node in nodes:
        if not (text := " ".join(node.split())):
            continue
        if day := _text_day(text[:80], MIN_DATE, latest, slash):
            return None if _UPDATE_LABEL.search(f"{previous[-40:]} {text[:40]}") else day
        previous, budget = text, budget - len(text)
        if budget <= 0:
            return None
    return None


def _days(stamps: list[Stamp], evidence: Evidence, latest: date) -> set[str | None]:
    return {_in_range(local_day(s, evidence.every, evidence.zone), latest) for s in stamps}


def _shown_day(
    evidence: Evidence, local: dict[str, dict[str, str | None]], latest: date
) -> str | None:
    """The one day the page's visible ``<time>`` elements show, unless the markup names that day
    a modification and no publication."""
    shown = _days(evidence.shown, evidence, latest)
    if len(shown) != 1 or not (day := shown.pop()):
        return None
    published = {d for kind in ("json-ld", "meta") for d in local[kind].values()}
    return (
        None if day in _days(evidence.modified, evidence, latest) and day not in published else day
    )


def _source_of(day: str, local: dict[str, dict[str, str | None]]) -> str:
    return next(kind for kind in ("json-ld", "meta", "time") if day in local[kind].values())


def _htmldate(
    tree: lxml.html.HtmlElement,
    url: str | None,
    latest: date,
    *,
    extensive: bool,
    earliest: date = MIN_DATE,
) -> str | None:
    try:
        return find_date(
            tree,
            url=_url_for_dates(url),
            original_date=True,
            extensive_search=extensive,
            max_date=latest.isoformat(),
            min_date=earliest.isoformat(),
        )
    except Exception:  # a date parser bug must not cost the page
        return None
