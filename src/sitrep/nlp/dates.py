"""Event dates from the words of a sentence, resolved against the publication date.

"On June 3" gives a day; "last month" a month; "in recent weeks" a span. A day is only given
when the text names one: everything vaguer keeps its real precision.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.nlp.fatalities import parse_number

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_COUNT = r"(?P<count>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|few|several|couple of)"


@dataclass(frozen=True)
class DateSpan:
    """When an event happened and how exactly the text says so."""

    start: date
    end: date
    precision: str  # day | week | month | year
    text: str

    def iso(self) -> tuple[str, str, str]:
        """(start, end, precision) as ISO strings."""
        return self.start.isoformat(), self.end.isoformat(), self.precision


def parse_published(value: str | None) -> date | None:
    """The publication date from an ISO date or datetime string."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _past_year(published: date, month: int, day: int | None = None) -> int:
    """The year that puts month/day on or before publication (news reports the past)."""
    year = published.year
    if (month, day or 1) > (published.month, published.day):
        year -= 1
    return year


def _span_precision(days: int) -> str:
    if days <= 1:
        return "day"
    if days <= 7:
        return "week"
    if days <= 120:
        return "month"
    return "year"


def _count(text: str) -> int:
    text = text.lower()
    if text in {"few", "several", "couple of"}:
        return {"few": 3, "several": 3, "couple of": 2}[text]
    return parse_number(text) or 1


def _rules(published: date) -> list[tuple[re.Pattern[str], callable]]:
    p = published

    def explicit_day(m: re.Match[str]) -> DateSpan | None:
        month = MONTHS[m.group("month").casefold()]  # the pattern matches "ſep" as "sep"
        day = int(m.group("day"))
        year = int(m.group("year")) if m.groupdict().get("year") else _past_year(p, month, day)
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        return DateSpan(d, d, "day", m.group(0))

    def month_only(m: re.Match[str]) -> DateSpan:
        month = MONTHS[m.group("month").casefold()]  # the pattern matches "ſep" as "sep"
        year = int(m.group("year")) if m.group("year") else _past_year(p, month)
        start, end = _month_span(year, month)
        return DateSpan(start, min(end, max(p, start)), "month", m.group(0))

    def weekday(m: re.Match[str]) -> DateSpan:
        wd = WEEKDAYS[m.group("weekday").lower()]
        back = (p.weekday() - wd) % 7
        if m.group("last"):
            back = back or 7
        d = p - timedelta(days=back)
        return DateSpan(d, d, "day", m.group(0))

    def relative_day(m: re.Match[str]) -> DateSpan:
        word = m.group(0).lower()
        shift = 1 if ("yesterday" in word or "last night" in word) else 0
        if "day before yesterday" in word:
            shift = 2
        d = p - timedelta(days=shift)
        return DateSpan(d, d, "day", m.group(0))

    def ago(m: re.Match[str]) -> DateSpan:
        n = _count(m.group("count"))
        unit = m.group("unit").lower()
        if unit.startswith("day"):
            d = p - timedelta(days=n)
            if m.group("count").lower() in {"few", "several", "couple of"}:
                return DateSpan(p - timedelta(days=6), p - timedelta(days=2), "week", m.group(0))
            return DateSpan(d, d, "day", m.group(0))
        if unit.startswith("week"):
            d = p - timedelta(weeks=n)
            start = d - timedelta(days=d.weekday())
            return DateSpan(start, start + timedelta(days=6), "week", m.group(0))
        if unit.startswith("month"):
            y, mo = p.year, p.month - n
            while mo <= 0:
                y, mo = y - 1, mo + 12
            s, e = _month_span(y, mo)
            return DateSpan(s, e, "month", m.group(0))
        return DateSpan(date(p.year - n, 1, 1), date(p.year - n, 12, 31), "year", m.group(0))

    def last_unit(m: re.Match[str]) -> DateSpan:
        unit = m.group("unit").lower()
        which = m.group("which").lower()
        if unit == "week":
            monday = p - timedelta(days=p.weekday())
            if which in {"last", "past", "previous"}:
                return DateSpan(
                    monday - timedelta(days=7), monday - timedelta(days=1), "week", m.group(0)
                )
            return DateSpan(monday, p, "week", m.group(0))
        if unit == "weekend":
            back = (p.weekday() - 5) % 7
            sat = p - timedelta(days=back)
            return DateSpan(sat, min(sat + timedelta(days=1), p), "week", m.group(0))
        if unit == "month":
            if which in {"last", "past", "previous"}:
                y, mo = (p.year, p.month - 1) if p.month > 1 else (p.year - 1, 12)
                s, e = _month_span(y, mo)
                return DateSpan(s, e, "month", m.group(0))
            return DateSpan(date(p.year, p.month, 1), p, "month", m.group(0))
        if which in {"last", "past", "previous"}:
            return DateSpan(date(p.year - 1, 1, 1), date(p.year - 1, 12, 31), "year", m.group(0))
        return DateSpan(date(p.year, 1, 1), p, "year", m.group(0))

    def recent_span(m: re.Match[str]) -> DateSpan:
        unit = m.group("unit").lower()
        count = m.group("count")
        n = _count(count) if count else 3
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit.rstrip("s")] * n
        return DateSpan(p - timedelta(days=days), p, _span_precision(days), m.group(0))

    def recent(m: re.Match[str]) -> DateSpan:
        return DateSpan(p - timedelta(days=30), p, "month", m.group(0))

    def year_only(m: re.Match[str]) -> DateSpan:
        y = int(m.group("year"))
        return DateSpan(
            date(y, 1, 1), min(date(y, 12, 31), max(p, date(y, 1, 1))), "year", m.group(0)
        )

    flags = re.I
    return [
        (
            re.compile(
                rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?",
                flags,
            ),
            explicit_day,
        ),
        (
            re.compile(
                rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
                flags,
            ),
            explicit_day,
        ),
        (
            re.compile(
                r"\b(?:the\s+)?day before yesterday\b|\byesterday\b|\blast night\b|\btoday\b"
                r"|\btonight\b|\bthis (?:morning|afternoon|evening)\b|\bearlier today\b",
                flags,
            ),
            relative_day,
        ),
        (re.compile(rf"\b(?:on\s+)?(?P<last>last\s+)?{_WEEKDAY}\b", flags), weekday),
        (re.compile(rf"\b{_COUNT}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", flags), ago),
        (
            re.compile(
                r"\b(?:(?:in|over|during)\s+)?(?:the\s+)?(?:(?:last|past|recent)\s+)"
                r"(?P<count>few|several|two|three|four|five|six|seven|eight|nine|ten"
                r"|couple of|\d+)?"
                r"\s*(?P<unit>days|weeks|months|years)\b",
                flags,
            ),
            recent_span,
        ),
        (
            re.compile(
                r"\b(?:in\s+)?recent\s+(?P<count>)(?P<unit>days|weeks|months|years)\b", flags
            ),
            recent_span,
        ),
        (
            re.compile(r"\b(?:over|at|during|on)\s+the\s+(?P<which>)(?P<unit>weekend)\b", flags),
            last_unit,
        ),
        (
            re.compile(
                r"\b(?:(?:earlier|later)\s+)?(?P<which>last|this|past|previous)\s+(?P<unit>week|weekend|month|year)\b",
                flags,
            ),
            last_unit,
        ),
        (
            re.compile(
                rf"\b(?:(?:early|mid|late|in|since|during)[\s-]+)?{_MONTH}(?:\s+(?P<year>(?:19|20)\d\d))?\b",
                flags,
            ),
            month_only,
        ),
        (re.compile(r"\b(?:in|since|during)\s+(?P<year>(?:19|20)\d\d)\b", flags), year_only),
        (re.compile(r"\brecent(?:ly)?\b", flags), recent),
    ]


_RULE_CACHE: dict[date, list] = {}


def _any_of(words: list[str], *, whole: bool = False) -> re.Pattern[str]:
    """Finds any of ``words`` case-insensitively (as the rules match), as whole words if
    ``whole``; the lookahead on their first letters only lets the engine skip other positions
    fast, it changes no match."""
    firsts = "".join(sorted({word[0] for word in words}))
    found = rf"(?=[{firsts}])(?:{'|'.join(words)})"
    return re.compile(rf"\b{found}\b" if whole else found, re.I)


# What a sentence must contain for a rule to match in it, searched (case-insensitively, as the
# rules match) once per sentence so that most rules are never run. A month name is a whole
# word in every rule that has one (it starts at a word boundary and ends before a space, a
# dot, a comma or a word boundary).
_MONTH_WORD = _any_of(sorted(MONTHS, key=len, reverse=True), whole=True)
_WEEKDAY_NAME = _any_of(list(WEEKDAYS))
_AGO = re.compile("ago", re.I)
_RELATIVE_DAY = _any_of(["yesterday", "night", "today", r"this\s+(?:morning|afternoon|evening)"])
# "the past few days", "recent weeks", "last month", "over the weekend"
_UNIT = _any_of(["days", "week", "month", "year"])
_CENTURY = re.compile("19|20")  # "in 2019"


def _cue_for(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The cue a sentence must contain for ``pattern`` to match in it, if one is known."""
    if "(?P<month>" in pattern.pattern:
        return _MONTH_WORD
    if "(?P<weekday>" in pattern.pattern:
        return _WEEKDAY_NAME
    if r"\s+ago\b" in pattern.pattern:
        return _AGO
    if "yesterday" in pattern.pattern:
        return _RELATIVE_DAY
    if "(?P<unit>" in pattern.pattern:
        return _UNIT
    if "(?P<year>(?:19|20)" in pattern.pattern:
        return _CENTURY
    return None


def resolve_dates(sentence: str, published: date | None) -> list[tuple[int, DateSpan]]:
    """Every date expression of a sentence (char offset, span), in text order."""
    if published is None or not sentence:
        return []
    rules = _RULE_CACHE.get(published)
    if rules is None:
        cued = [(pattern, build, _cue_for(pattern)) for pattern, build in _rules(published)]
        rules = _RULE_CACHE.setdefault(published, cued)
    found: list[tuple[int, DateSpan]] = []
    taken: list[tuple[int, int]] = []
    has_cue: dict[re.Pattern[str], bool] = {}
    for pattern, build, cue in rules:
        if cue is not None:
            if cue not in has_cue:
                has_cue[cue] = cue.search(sentence) is not None
            if not has_cue[cue]:
                continue
        for m in pattern.finditer(sentence):
            if _is_false_month(m) or any(m.start() < e and s < m.end() for s, e in taken):
                continue
            span = build(m)
            if span is not None and span.start <= published + timedelta(days=1):
                found.append((m.start(), span))
                taken.append((m.start(), m.end()))
    found.sort(key=lambda x: (x[0], _RANK[x[1].precision]))
    return found


def resolve_date(sentence: str, published: date | None) -> DateSpan | None:
    """The first date expression in a sentence, resolved against the publication date."""
    found = resolve_dates(sentence, published)
    return found[0][1] if found else None


_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _is_false_month(m: re.Match[str]) -> bool:
    """A bare "May"/"march" or a bare abbreviation ("Sun") is not a month without a day or year."""
    groups = m.groupdict()
    month = groups.get("month")
    if not month or groups.get("day") or groups.get("year"):
        return False
    if not month[0].isupper():
        return True
    if month.lower() == "may":
        return not re.match(r"(?i)(in|since|during|early|mid|late)\b", m.group(0))
    return len(month.rstrip(".")) <= 4 and month.lower() not in {"june", "july"}


def default_span(published: date | None) -> DateSpan | None:
    """No date in the text: the week up to publication, never an invented day."""
    if published is None:
        return None
    return DateSpan(published - timedelta(days=6), published, "week", "")
