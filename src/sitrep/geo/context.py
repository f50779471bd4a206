"""The article's country context: which countries its words point to.

Ambiguous names ("Tripoli") are resolved towards the countries an article names, whose
people it names ("Lebanese"), and where its unambiguous places lie.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sitrep.geo.normalize import fold

_DATA = Path(__file__).with_name("reference")


@cache
def demonyms() -> dict[str, str]:
    """Folded demonym (and its plural) → ISO alpha-3; empty code for non-national groups."""
    out: dict[str, str] = {}
    with (_DATA / "demonyms.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = fold(row["demonym"])
            out[key] = row["country_code"]
            out[key + "s"] = row["country_code"]
    return out


def demonym_country(word: str) -> str | None:
    """ "Iranian-backed" → IRN, "Iraqis" → IRQ; ``None`` when the word is no demonym."""
    key = fold(word.split("-")[0] if word.lower().endswith(("-backed", "-led")) else word)
    code = demonyms().get(key)
    return code if code else None


def is_demonym(word: str) -> bool:
    """True for nationality and group adjectives, which are never places themselves."""
    return fold(word) in demonyms()


# nouns for a piece of a country's territory: "the Syrian capital", "the Turkish border", "the
# English city of Salisbury", "Greek islands"; a people's adjective before one names the
# country as a place (before "army", "officials" it stays the actor's attribute)
_TERRITORY_NOUNS = (
    "capital|border|borders|frontier|city|town|village|territories|coast|coastline|shore|"
    "shores|island|islands|mainland|peninsula|enclave|countryside|soil|waters|airspace|side|"
    "port|desert|highlands"
)  # not "region", "state", "province": "Somali region", "Shan state" are provinces by a people
# ... nor a noun that makes the phrase an actor or an institution: "Kyrgyz border guards"
_NOT_TERRITORY = (
    r"(?!\s+(?:guards?|police|patrol|forces?|troops|officials?|agents?|authorit\w*|"
    r"council\w*|media|television|tv|radio|agency|hall)\b)"
)
_DEMONYM_BEFORE_TERRITORY = re.compile(
    r"\b((?:[A-Z][a-z]+[ -])*[A-Z][a-z]+)\s+(?:" + _TERRITORY_NOUNS + r")\b" + _NOT_TERRITORY
)


def territory_demonyms(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, ISO alpha-3)`` of each people's adjective that modifies a noun for a
    piece of territory ("the Syrian capital"; both in "the Syrian-Turkish border")."""
    out = []
    for match in _DEMONYM_BEFORE_TERRITORY.finditer(text):
        words = list(re.finditer(r"[A-Z][a-z]+", match.group(1)))
        k = 0
        while k < len(words):
            for size in (2, 1):  # "Sri Lankan" before "Lankan"
                if k + size > len(words):
                    continue
                a, b = words[k].start(), words[k + size - 1].end()
                code = demonym_country(match.group(1)[a:b])
                if code:
                    out.append((match.start(1) + a, match.start(1) + b, code))
                    k += size
                    break
            else:
                k += 1
    return out


def demonym_votes(text: str) -> Counter[str]:
    """Countries named through their people's adjective anywhere in the text."""
    votes: Counter[str] = Counter()
    table = demonyms()
    for token in text.replace("-", " ").split():
        code = table.get(fold(token.strip(".,;:()\"'’”“")))
        if code:
            votes[code] += 1
    return votes


# words spelt differently in American and in Commonwealth English: an American text is one
# weak vote for the United States (a Commonwealth spelling names no one country)
_STEMS = r"(?:col|fav|hon|neighb|lab|behavi|harb|rum|hum)"
_ENDINGS = r"(?:s|ed|ing|hoods?|ites?)?"
_AMERICAN = re.compile(
    rf"\b(?:cent|theat)ers?\b|\b{_STEMS}or{_ENDINGS}\b|\b(?:defense|offense|traveled)\b",
    re.IGNORECASE,
)
_COMMONWEALTH = re.compile(
    rf"\b(?:cent|theat)res?\b|\b{_STEMS}our{_ENDINGS}\b|\b(?:defence|offence|travelled)\b",
    re.IGNORECASE,
)
AMERICAN_VOTE = 0.5  # half a demonym: LGL +0.5 (1.0: +0.4), GeoVirus and GWN unchanged


def spelling_votes(text: str) -> Counter[str]:
    """One weak vote for the United States when the text spells the American way ("center",
    "neighbor") and never the Commonwealth way ("centre", "neighbour")."""
    american = len(_AMERICAN.findall(text))
    if american and not _COMMONWEALTH.search(text):
        return Counter({"USA": AMERICAN_VOTE})
    return Counter()


@dataclass(frozen=True, slots=True)
class RadianPoint:
    """A point in radians with the cosine of its latitude: what ``haversine_radians_km``
    needs, worked out once for a point measured against many others."""

    lat: float
    lon: float
    cos_lat: float

    @classmethod
    def of(cls, point: tuple[float, float]) -> RadianPoint:
        """From (latitude, longitude) in degrees."""
        lat, lon = math.radians(point[0]), math.radians(point[1])
        return cls(lat, lon, math.cos(lat))


def haversine_radians_km(a: RadianPoint, b: RadianPoint) -> float:
    """``sitrep.distance.haversine_km`` of points already in radians (the ranker's inner loop)."""
    h = (
        math.sin((b.lat - a.lat) / 2) ** 2
        + a.cos_lat * b.cos_lat * math.sin((b.lon - a.lon) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


_PLACE_NOUNS = (
    "city", "town", "port", "village", "capital", "province", "region", "enclave", "district",
    "governorate", "state", "island", r"border\s+town", "stronghold", "suburb", "hamlet", "oblast",
)  # fmt: skip
_PLACE_NOUN = rf"(?:{'|'.join(_PLACE_NOUNS)})"
# what a text before a name ends with (whitespace aside) when _DEMONYM_BEFORE can match it
_DEMONYM_BEFORE_ENDS = ("of", *(noun.split(r"\s+")[-1] for noun in _PLACE_NOUNS))
# adjectives of nations inside a country that name no country elsewhere ("English" is also
# a language): read only right before a place noun ("the English city of Salisbury")
_NATION_ADJECTIVES = {"English": "GBR", "Scottish": "GBR", "Welsh": "GBR"}
_DEMONYM_BEFORE = re.compile(
    rf"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+(?:[a-z-]+\s+){{0,2}}{_PLACE_NOUN}\s+(?:of\s+)?$"
)
_POSSESSIVE_BEFORE = re.compile(
    rf"\b([A-Z][\w.]*(?:\s[A-Z][\w.]*)*)['’]s\s+(?:[a-z-]+\s+){{0,2}}(?:{_PLACE_NOUN}\s+of\s+)?$"
)
_COUNTRY_AFTER = re.compile(r"^,\s+([A-Z][\w.]*(?:\s[A-Z][\w.]*)*)")
_DEMONYM_AFTER = re.compile(rf"\bthe\s+(?:[a-z-]+\s+){{0,2}}([A-Z][a-z]+)\s+{_PLACE_NOUN}\b")


def local_countries(
    text: str, start: int, end: int, sentence_end: int, country_of_name: Callable[[str], str | None]
) -> Counter[str]:
    """Countries the words right around a name give it.

    "the Syrian town of X", "Syria's X", "X, Syria" (weight 2) and, later in the same
    sentence, "... the north Lebanese port" (weight 1). ``country_of_name`` maps a country
    name to its code (the gazetteer's).
    """
    found: Counter[str] = Counter()
    before = text[max(0, start - 80) : start]
    # each pattern searched only when the text has the words it needs: most names have neither
    m = _DEMONYM_BEFORE.search(before) if before.rstrip().endswith(_DEMONYM_BEFORE_ENDS) else None
    if m and (code := demonym_country(m.group(1)) or _NATION_ADJECTIVES.get(m.group(1))):
        found[code] += 2
    m = _POSSESSIVE_BEFORE.search(before) if "'s" in before or "’s" in before else None
    if m and (code := country_of_name(m.group(1))):
        found[code] += 2
    m = _COUNTRY_AFTER.match(text[end : end + 40])
    if m and (code := country_of_name(m.group(1))):
        found[code] += 2
    for m in _DEMONYM_AFTER.finditer(text[end:sentence_end]):
        if code := demonym_country(m.group(1)):
            found[code] += 1
    return found
