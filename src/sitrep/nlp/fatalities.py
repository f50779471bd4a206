"""Fatality counts from a sentence: low, best, high, and a note when a convention was applied.

Numbers come as digits ("1,000"), words ("twenty-three", "two hundred") or vague quantities
("dozens"); vague ones follow ACLED's conservative conventions and say so in the note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "dozen": 12,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# vague word → (low, best, note); ACLED codes unknown or vague counts conservatively.
VAGUE: dict[str, tuple[int | None, int, str]] = {
    "dozens": (12, 12, "'dozens' coded as 12 (ACLED convention)"),
    "scores": (20, 20, "'scores' coded as 20 (conservative reading)"),
    "hundreds": (100, 100, "'hundreds' coded as 100 (ACLED convention)"),
    "thousands": (1000, 1000, "'thousands' coded as 1000 (ACLED convention)"),
    "several": (3, 10, "'several': unknown fatalities coded as 10 (ACLED convention), low 3"),
    "a few": (2, 3, "'a few' coded as 3, low 2 (conservative reading)"),
    "few": (2, 3, "'few' coded as 3, low 2 (conservative reading)"),
    "many": (3, 10, "'many': unknown fatalities coded as 10 (ACLED convention)"),
    "some": (2, 10, "'some': unknown fatalities coded as 10 (ACLED convention)"),
    "a number of": (2, 10, "'a number of': unknown fatalities coded as 10 (ACLED convention)"),
    "multiple": (2, 10, "'multiple': unknown fatalities coded as 10 (ACLED convention)"),
    "numerous": (3, 10, "'numerous': unknown fatalities coded as 10 (ACLED convention)"),
}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
NUMBER_RE = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s*(?:million|thousand))?"
    rf"|(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?(?=(?:{_NUMBER_WORD})\b))?)+)"
)
_VAGUE_RE = "|".join(re.escape(v) for v in sorted(VAGUE, key=len, reverse=True))
_QUALIFIER = (
    r"(?:at least|more than|over|nearly|almost|about|around|some|approximately|up to"
    r"|as many as|roughly|fewer than|less than)"
)
_DEATH = (
    r"(?:killed|kills|killing|dead|died|dies|deaths?|slain|fatalities|lives|bodies|"
    r"massacred|executed|murdered|perished|casualties|assassinated|lynched|beheaded|"
    r"(?:stabbed|beaten|hacked|burned|burnt|shot|bludgeoned|stoned|tortured) to death|"
    r"fatally (?:shot|stabbed|wounded|injured|assaulted|attacked|beaten))"
)
_VICTIM_GAP = r"(?:(?!(?:and|or|wounded|injured|\d+)\b)[\w'’-]+,?\s+){0,6}?"
_AUX = (
    r"(?:(?:were|was|have been|has been|had been|are|is|being|reportedly|reported|confirmed"
    r"|also)\s+)*"
)
# "killing a number of fighters": "a" starts a vague quantity here, not a count of one.
_NOT_A_COUNT = r"(?!\s+(?:number|few|couple|dozen|handful|lot|series|group)\b)"
_PATTERNS = [
    # "seven Iranian-backed fighters were killed", "12 people died", "3 dead"
    re.compile(
        rf"\b(?P<q>{_QUALIFIER}\s+)?(?P<n>{NUMBER_RE}|{_VAGUE_RE})\s+(?:of\s+(?:the\s+)?)?"
        rf"{_VICTIM_GAP}{_AUX}(?:(?:shot|stabbed|attacked|beaten|hit)\s+and\s+)?{_DEATH}\b",
        re.I,
    ),
    # "killing at least 12 militants", "killed 3", "claimed the lives of five"
    re.compile(
        rf"\b(?:killing(?: of)?|killed|kills|kill|massacred|executed|lives of|deaths of"
        rf"|assassinated|lynched|beheaded"
        rf"|shot dead|shooting dead|shot and killed|gunned down"
        rf"|toll (?:\w+\s+){{0,3}}?"
        rf"(?:to|of|at|reached|stands at|rose to|climbed to)|death toll of)\s+"
        rf"(?P<q>{_QUALIFIER}\s+)?(?P<n>{NUMBER_RE}|{_VAGUE_RE})\b{_NOT_A_COUNT}",
        re.I,
    ),
    # "the bodies of two men were found", "the body of a man"
    re.compile(
        rf"\b(?:bod(?:y|ies)|corpses?) of (?P<q>{_QUALIFIER}\s+)?(?P<n>{NUMBER_RE}|an?)\b", re.I
    ),
]
_SINGULAR = re.compile(
    r"\b(?:a|an|one)\s+(?:[\w'’-]+\s+){0,7}?(?:was|has been|had been)\s+(?:\w+\s+(?:and\s+)?)?"
    rf"(?:killed|shot dead|slain|murdered|executed|{_DEATH})\b"  # "a man was shot and killed"
    r"|\b(?:assassinated|lynched|beheaded|murdered|executed|(?:stabbed|beaten|hacked|shot)"
    r" to death)\s+(?:the|a|an|one)\s+(?!(?:number|few|couple|dozen|handful|lot|series|group)\b)"
    r"|\b(?:the|a|an|one)\s+(?:[\w-]+\s+){0,2}?(?:victim|man|woman|boy|girl|child|person"
    r"|suspect|soldier|officer|policeman|civilian|driver)\s+(?:later\s+|also\s+)?died\b"
    r"|\b(?:killing|killed|kills|shooting dead|shot dead)\s+(?:the|a|an|one)\s+"
    r"(?!(?:number|few|couple|dozen|handful|lot|series|group)\b)(?:[\w-]+\s+){0,2}?"
    r"(?:man|woman|boy|girl|child|person|civilian|soldier|officer|policeman|driver|farmer"
    r"|resident|villager|suspect|member|fighter|militant)\b",  # "killing the man"
    re.I,
)
# "casualties" alone may be wounded only: no count (ACLED codes such reports as 0)
_UNNUMBERED = re.compile(r"\b(?:killed|kills|killing|dead|deaths|fatalities)\b", re.I)
_NO_DEATHS = re.compile(
    r"\bno (?:one|body|(?:reported |known )?(?:deaths?|casualties|fatalities))\b|\bnobody\b"
    r"|\bneither (?:deaths|fatalities|casualties)\b|\bwithout (?:any )?(?:casualties|fatalities)"
    r"|\bno (?:reports?|information) (?:of|on|about) (?:any )?(?:deaths|fatalities|casualties)"
    r"|\b(?:did not|didn't|without) result(?:ing)? in any (?:deaths|fatalities|casualties)"
    r"|\bno resulting (?:\w+ (?:or|and) )?(?:deaths|fatalities|casualties)",
    re.I,
)
# "three soldiers and one civilian were killed": two counts of one toll.
_TWO_COUNTS = re.compile(
    rf"\b(?P<a>{NUMBER_RE})\s+{_VICTIM_GAP}and\s+(?P<b>{NUMBER_RE})\s+{_VICTIM_GAP}{_AUX}{_DEATH}\b",
    re.I,
)


@dataclass(frozen=True)
class Fatalities:
    """A count read from text, with the convention applied if the text was vague."""

    low: int | None
    best: int | None
    high: int | None
    note: str | None = None


def parse_number(text: str) -> int | None:
    """Digits with thousands separators, decimals with scale, and English number words."""
    text = text.strip().lower().replace(",", "")
    if not text:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(million|thousand)?", text)
    if m:
        value = float(m.group(1)) * (_SCALES.get(m.group(2) or "", 1))
        return int(value)
    total, current = 0, 0
    seen = False
    words = re.split(r"[\s-]+", text)
    if len(words) > 1 and words[0] in {"a", "an"}:
        words = words[1:]  # "a dozen", "a hundred": the article is not a unit
    for word in words:
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


# A coder's own count, told apart from the sources' ("Fatalities coded as 0 (VoJ reported 1)").
_CODED = re.compile(r"\b(?:total )?fatalities (?:were |are )?coded as (?P<n>\d+)\b", re.I)


def coded_toll(sentence: str) -> Fatalities | None:
    """The count a note says it coded, which outranks every count its sources gave."""
    m = _CODED.search(sentence)
    if m is None:
        return None
    n = int(m.group("n"))
    return Fatalities(n, n, n, "the count the note says was coded")


def fatalities_in(sentence: str) -> Fatalities | None:
    """The largest death count stated in a sentence, or None when it reports no deaths."""
    coded = coded_toll(sentence)
    if coded is not None:
        return coded
    if _NO_DEATHS.search(sentence):
        return Fatalities(0, 0, 0, None)
    best: Fatalities | None = None
    for m in _TWO_COUNTS.finditer(sentence):
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a is not None and b is not None and a + b > (best.best or 0 if best else 0):
            best = Fatalities(a + b, a + b, a + b, None)
    for pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            found = _reading(m.group("n"), (m.group("q") or "").strip().lower())
            if found and (best is None or (found.best or 0) > (best.best or 0)):
                best = found
    if best is not None:
        return best
    if _SINGULAR.search(sentence):
        return Fatalities(1, 1, 1, None)
    return None


def unnumbered_deaths(sentence: str) -> bool:
    """True when the sentence says people died but gives no number ("soldiers were killed")."""
    return bool(_UNNUMBERED.search(sentence))


UNKNOWN = Fatalities(None, 10, None, "deaths reported without a number: coded as 10 (ACLED)")


def _reading(number: str, qualifier: str) -> Fatalities | None:
    key = number.strip().lower()
    if key in VAGUE:
        low, best, note = VAGUE[key]
        return Fatalities(low, best, None, note)
    value = parse_number(key)
    if value is None or value > 1_000_000:
        return None
    if value in (1,) and key in {"a", "an"}:
        return Fatalities(1, 1, 1, None)
    if qualifier in {"at least", "more than", "over"}:
        return Fatalities(value, value, None, None)
    if qualifier in {"up to", "as many as", "fewer than", "less than"}:
        return Fatalities(None, value, value, f"'{qualifier} {number}': best is the stated maximum")
    if qualifier in {"nearly", "almost", "about", "around", "some", "approximately", "roughly"}:
        return Fatalities(None, value, None, f"approximate count '{qualifier} {number}'")
    return Fatalities(value, value, value, None)
