"""Where toponyms may be in a text: spaCy entities plus the phrasings news uses for places.

spaCy's small model misses or mislabels many Arabic-transliterated names ("the town of
al-Mayadin" comes out ORG), so entities are one source among three: place entities
(GPE/LOC/FAC), other entities and capitalised names after a locative cue ("town of",
"near", "in"), each kept only if the gazetteer later agrees (see ``geoparser``).
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.geo.context import is_demonym
from sitrep.geo.normalize import ARTICLES
from sitrep.spans import SpanIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

ARTICLE_WORDS = frozenset({"al", "el", "Al", "El", "ad", "as", "ash", "ar", "at", "az", "an"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", "LANGUAGE"})

# a capitalised name, allowing Arabic article particles and short joiners inside it
_PARTICLE = (
    r"(?:al|el|ad|ash|as|ar|at|az|an|ath|ez|es|ed|en|bin|ibn|abu|de|del|di|du|la|le|los|las|"
    r"do|da|dos|das)"
)
_WORD = r"[A-Z][\w’'.]*(?<![.’'])"
_JOINER = re.compile(rf"\s{_PARTICLE}\s")  # "Ribeirao das Neves", "San Luis de Canete"
# an Arabic article joined by a hyphen: "Jisr al-Shughur", "Ras al-Ain", "Al-Rai" are one name
_HYPHEN_ARTICLE = re.compile(rf"(?:^|\s)(?:{'|'.join(sorted(ARTICLES))})-", re.IGNORECASE)
# a country's name on its money is no place of the story: "the US dollar", "Hong Kong dollars"
_CURRENCY_AFTER = re.compile(r"\s?(?:dollars?|\$)\b", re.IGNORECASE)
# a name in the possessive with nothing it holds after it is a shop or a person's: "at
# McDonald's", "lunch at Denny's on Friday" ("Moscow's Red Square" holds a thing)
_SHOP_POSSESSIVE = re.compile(
    r"['’]s(?=\s*(?:[.,;:!?)\]]|$)|\s+(?:in|on|at|and|or|to|for|with|near|after|before|"
    r"restaurants?|stores?|shops?|outlets?|locations?|franchises?)\b)"
)
NAME = rf"(?:{_PARTICLE}[- ])?{_WORD}(?:[- ](?:{_PARTICLE}[- ])?{_WORD}|-{_PARTICLE}-{_WORD})*"
FEATURE_NOUNS = (
    r"towns?|city|cities|villages?|hamlet|province|governorate|district|sub-?district|region|"
    r"area|neighbou?rhood|suburb|municipality|county|camp|port|island|capital|settlement|"
    r"outskirts|countryside|vicinity|state|oblast|prefecture|commune|locality"
)


def _first_letter(alternatives: str) -> str:
    """A lookahead for the first letters of ``a|b|c`` (each alternative starts with a letter):
    ahead of those words it changes no match, but lets the engine skip other positions fast."""
    letters = {alternative[0] for alternative in alternatives.split("|")}
    assert all(letter.isalpha() for letter in letters), alternatives
    return f"(?=[{''.join(sorted(letters))}])"


# "Colonia Jardines de la Mesa", "Barangay Kapitan Pepe", "Bairro Boa Vista": a neighbourhood
# named with its kind is one name, never the town called "Colonia" nor a person "Kapitan Pepe"
NEIGHBOURHOOD = "neighbourhood"  # the area word such a name is given
# area words of a part of a town: such a name is read only beside the article's other places
NEIGHBOURHOOD_WORDS = frozenset({NEIGHBOURHOOD, "neighborhood", "suburb"})
_NEIGHBOURHOOD = re.compile(
    rf"\b(?:Colonia|Barrio|Bairro|Barangay|Brgy\.?|Fraccionamiento|Mohalla|Kampung)\s+"
    rf"(?:\d+\s+de\s+)?{NAME}"
)
_FEATURE_OF = re.compile(
    rf"\b{_first_letter(FEATURE_NOUNS)}(?:{FEATURE_NOUNS})\s+of\s+(?:the\s+)?({NAME})"
)
# phrases around a name that change what it denotes (see ``Framing``)
DIRECTIONS = (
    r"southern|northern|eastern|western|central|north-?eastern|north-?western|south-?eastern|"
    r"south-?western|rural|northeast|northwest|southeast|southwest|upper|lower|greater"
)
# what is shelled, stormed or taken is a place: "regime forces shelled Kafr Nabl"
_TAKEN = r"shelled|bombed|bombarded|stormed|besieged|captured|recaptured|overran"
_PREP = re.compile(
    rf"\b(?:[Ii]n|near|at|from|to|into|outside|around|towards?|across|through|inside|between|via|"
    rf"(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of|"
    rf"{_TAKEN})\s+(?:the\s+)?"
    rf"(?:(?:{DIRECTIONS})\s+)?({NAME})"
)

# a numbered road after a locative word: "a crash on the A120 at Coggeshall", "along I-95";
# not "M16" (a rifle) or "the A320" (an aircraft) without one (``sites.is_road``)
_ROAD = re.compile(
    r"\b(?:[Oo]n|along|off|onto|near|via|from|to|joins?)\s+the\s+([AB]\d{1,4})\b(?!-)"
    r"|\b(?:[Oo]n|along|off|onto|near|via)\s+(I-\d{1,3}|Interstate\s+\d{1,3})\b"
)

_LEADING_NEAR = re.compile(r"^(?:near|outside|around|close\s+to)\s+(?:the\s+)?", re.IGNORECASE)
_LEADING_DIRECTION = re.compile(rf"^(?:the\s+)?({DIRECTIONS})\s+", re.IGNORECASE)
_BEFORE_DIRECTION = re.compile(
    rf"\b{_first_letter(DIRECTIONS)}({DIRECTIONS})\s+(?:parts?\s+of\s+)?$", re.IGNORECASE
)
_BEFORE_NEAR = re.compile(
    r"\b(?=[acenosvw\d])"  # the alternatives' first letters (see ``_first_letter``)
    r"(near|nearby|outside|around|close\s+to|outskirts\s+of|vicinity\s+of|"
    r"(?:\d[\d.,]*|a\s+few|several)\s*-?\s*(?:km|kms|kilometers|kilometres|miles|mi)\s+"
    r"(?:\(\S+\s+\S+\)\s+)?(?:to\s+the\s+)?(?:north|south|east|west|north-?east|north-?west|"
    r"south-?east|south-?west)(?:\s+of|\s+from)?|(?:north|south|east|west)\s+of|"
    r"(?:northern|southern|eastern|western)\s+outskirts\s+of)\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?$",
    re.IGNORECASE,
)
_AFTER_AREA = re.compile(
    r"^[ \t]+(countryside|province|governorate|region|state|district|sub-?district|county|"
    r"township|commune|municipality|local\s+government\s+area|LGA|"
    r"oblast|prefecture|area|outskirts|suburbs|environs|city|town|village|neighbou?rhood|"
    r"border(?!\s+(?:crossing|post|point|gate|town|city|village)))\b",
    re.IGNORECASE,
)
_AREA_SUFFIX = re.compile(
    r"\s+(countryside|province|governorate|region|state|district|sub-?district|county|oblast|"
    r"township|commune|municipality|local\s+government\s+area|LGA|"
    r"prefecture|area|city|town|village)$",
    re.IGNORECASE,
)
_FEATURE_BEFORE = re.compile(
    rf"\b{_first_letter(FEATURE_NOUNS)}(?:{FEATURE_NOUNS})\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.)+$")
_CUE_BEFORE = re.compile(
    r"\b(?=[abcdefinorstvw])"  # the alternatives' first letters (see ``_first_letter``)
    r"(?:in|near|at|from|to|into|outside|around|towards?|across|through|inside|between|via|"
    r"on|downtown|central|(?:north|south|east|west)\s+of|capital(?:\s+city)?(?:\s+of)?|"
    rf"{_TAKEN})"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# news datelines: "MOSCOW (AP) —", "CAIRO —", "BEIRUT, Lebanon (Reuters) -", "BEIRUT: The",
# "FALLS VILLAGE—The", at a line's start, after the headline's full stop ("... likely. COLUMBIA
# -- The") or after the byline's year ("March 24, 2009 MANSFIELD --"); a lost dash reads
# U+FFFD, a cp1252 one U+0097
_DATELINE = re.compile(
    r"(?m)(?:^|(?<=[.!?]\s)|(?<=\d{4}\s))\s*([A-Z][A-Z'.-]+(?:\s[A-Z][A-Z'.-]+)*)"
    r"(?:,\s+([A-Z][\w.]+(?:\s[A-Z][\w.]+)*))?\s*(?:\([\w .]+\))?\s*"
    r"(?:[—–\u0097]\s?|-{1,2}\s|--|[\ufffd:]\s)"
)
# "Associated Press WASHINGTON (AP) —", "SOUTH WAZIRISTAN, April 5 (APP):": a news agency's
# mark after capitals is a dateline wherever it stands
_AGENCY_DATELINE = re.compile(
    r"\b([A-Z][A-Z'.-]+(?:\s[A-Z][A-Z'.-]+)*)(?:,\s+([A-Z][a-z][\w.]*(?:\s[A-Z][a-z][\w.]*)?))?"
    r"(?:,\s+[A-Z][a-z]+\.?\s+\d{1,2})?\s*\((?:AP|Reuters|AFP|APP|UPI|PTI|IANS|ANI|PNA|Xinhua|"
    r"dpa|Bernama|KUNA|WAM|SPA|IRNA|TASS|Anadolu|Yonhap|Kyodo)\)"
)
# the place hierarchy after a town: "Kaboresha (Chikun LGA, Kaduna)", "Beni (Beni, Nord-Kivu)";
# its last name is the province
_HIERARCHY_LAST_BEFORE = re.compile(r"\b[A-Z][\w'’.-]*\s*\([^()\n]{2,50},\s*$")
_HIERARCHY_END = re.compile(r"^\s*\)")
_LIST_BEFORE = re.compile(r"^\s*(?:and|or|,\s*and)\s*$")
# "in Minas Viejas, Guerrero", "Famale (Dessa, Tillaberi)", "Rugombo commune (Cibitoke)", "Al
# Wahabiyah frontline (As Sawadiyah, Al Bayda)": the area named after a place, set off by a comma
# or a parenthesis (at most two lower-case words between)
_AREA_AFTER_PLACE = re.compile(r"^\s*(?:(?:[a-z]+\s+)?(?:[a-z]+|LGA)\s*)?(?:,|\()\s*$")
# "an Alexandria man", "Gainesville police", "Lancaster residents": a name before a word for
# the people or the services of a place is that place
_CUE_AFTER = re.compile(
    r"^\s+(?:man|woman|men|women|boy|girl|teen|teenager|youth|couple|residents?|natives?|"
    r"homeowners?|police|officers|officials|mayor|councill?ors?|voters|schools|firefighters|"
    r"authorities|city\s+council|school\s+district|sewer|neighbou?rhood|mayoral|municipal|"
    r"city\s+hall|suburbs?|outskirts|downtown)\b"
    # the possessive of what a town has: "Joliet's building inspector", "Hounslow's streets"
    r"|^['’]s\s+(?:mayor|police|residents|downtown|suburbs?|city\s+council|council|schools|"
    r"streets|neighbou?rhoods?|outskirts|waterfront|airport|skyline|building\s+inspector)\b"
)
# "Jackson and Barrow counties", "Kaduna and Katsina states": each name of the list is an
# area of that kind (the plural word, then the list read backwards from it)
_AREAS_OF_LIST = {
    "counties": "county", "provinces": "province", "states": "state", "districts": "district",
    "governorates": "governorate", "regions": "region", "oblasts": "oblast",
    "prefectures": "prefecture", "townships": "township", "municipalities": "municipality",
}  # fmt: skip
_AREA_PLURAL = re.compile(rf"\s({'|'.join(_AREAS_OF_LIST)})\b")
_LIST_OF_NAMES = re.compile(rf"(?<![\w-])(?:{NAME},\s+)*{NAME},?\s+(?:and|or|&)\s+{NAME}$")
_OF_LIST = re.compile(rf"\s+of\s+(?:the\s+)?((?:{NAME},\s+)*{NAME},?\s+(?:and|or|&)\s+{NAME})")
_LISTED_NAME = re.compile(rf"(?<![\w-]){NAME}")
# a US legislator's party and home town: "Rep. Torrey Westrom, R-Elbow Lake"
_LONE_ABBREVIATIONS = frozenset({"st", "ste", "mt", "ft", "pt"})  # a name's first word alone
# a person's home town: "James Tauber of Nelson", "Jeremy Watson, 30, of Ten Mile"
_HOME_AFTER_PERSON = re.compile(rf"(?:,\s*\d{{1,3}},)?\s+(?:of|from)\s+({NAME})")
_PARTY_HOME = re.compile(rf"(?<![\w-])(?:[RDI]|DFL)-((?:[A-Z]\.\s?)?{NAME}\.?)")  # "D-W. Va."
# a US county or parish named in full, whatever NER made of it ("At 12:03 p.m. Walker County
# dispatchers" inside a TIME entity, "Hall County Environmental Health" an ORG)
_DISTRICT_IN_FULL = re.compile(
    r"(?<![\w-])(?!(?:The|A|An|This|That|Each|Every|Our|Its|Their|His|Her|Neighboring|Greater|Metro)\s)"
    r"((?:[A-Z][a-z]+\s){1,2}(?:County|Parish))\b"
)
# NER spans such as "the West Bank City of" or "Agreement (": drop trailing lowercase words
# lower-case words NER ran on into ("Kirkuk yesterday"), but not "Ras al-Ain"'s "al-Ain"
_TRAILING_JUNK = re.compile(r"(?:\s+(?![a-z]{1,3}-[A-Z])[a-z][\w-]*|\s*[(\[{])+$")
_FACILITY_SUFFIX = re.compile(
    r"\s+(?:International\s+)?(?:Airport|Air\s?[Bb]ase|Military\s+Base|Base|Bridge|Dam|Prison|"
    r"Refugee\s+Camp|Camp|Border\s+Crossing|Crossing|Checkpoint|Oil\s+Field|Gas\s+Field)$"
)  # not universities, mosques, hospitals, squares: they are often named after people
# (not the English "An", "At": "An Alexandria man", "At Camp Bastion" unless hyphenated)
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:(?:Al|As|Ad|Ash|Ar|Az|Ath|El)[ -]|(?:An|At)-)$")
_LEADING = re.compile(r"^(?:the|The)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@dataclass
class Candidate:
    """A span that may name a place, where it came from, and how the text frames it."""

    start: int
    end: int
    name: str  # the bare name to look up (no "the", no "'s", no area word)
    source: str  # "ner" (GPE/LOC/FAC) | "feature" ("town of X") | "other_ent" | "prep"
    label: str | None = None
    near: bool = False  # "near X", "10 km south of X"
    direction: str | None = None  # "southern X"
    area_word: str | None = None  # "X countryside", "X province", "X district"
    after_place: bool = False  # "in Minas Viejas, Guerrero": named as the area of a place
    exact_only: bool = False  # never read by a loose spelling (rivers, lakes: ``sites``)
    among_provinces: bool = False  # "Missouri, New York, Ohio": a province among provinces


@cache
def us_state_by_postal_code() -> dict[str, str]:
    """US postal codes → AP abbreviations ("SC" → "S.C."), which the gazetteer indexes: a
    dateline's "HORRY COUNTY, SC (WMBF) -" names the state. Postal codes are not indexed as
    names ("IN", "OR", "ME" are words), so only a dateline's second name is read this way."""
    path = Path(__file__).with_name("reference") / "us_state_abbreviations.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return {row["postal"]: row["abbreviation"] for row in csv.DictReader(f)}


@cache
def province_abbreviations() -> frozenset[str]:
    """The dotted abbreviations of provinces the gazetteer indexes ("Ky.", "Ont."): a name
    after a town's comma that is one names the town's province, not a list's next place."""
    here = Path(__file__).with_name("reference")
    rows = []
    for name in ("us_state_abbreviations.csv", "province_abbreviations.csv"):
        with (here / name).open(encoding="utf-8", newline="") as f:
            rows += [row["abbreviation"] for row in csv.DictReader(f)]
    return frozenset(r for r in rows if r.endswith("."))


def _clean(text: str, start: int) -> tuple[str, int, int] | None:
    """Strip "the" and a possessive; return name and its offsets, or None if nothing is left."""
    # NER spans can run over a line break ("Afgoye\nMOGADISHU") or into a parenthesis
    text = re.split(r"\n|\s*[(\[]", text)[0]
    if text.startswith("Operation "):
        return None  # military operations are named like places
    m = _LEADING.match(text)
    if m:
        text, start = text[m.end() :], start + m.end()
    stripped = _TRAILING_JUNK.sub("", _POSSESSIVE.sub("", text)).rstrip(" ,;:")
    if stripped.endswith(".") and not _ABBREVIATION.search(stripped):
        stripped = stripped.rstrip(".")
    if not stripped.strip():
        return None
    return stripped, start, start + len(stripped)


def frame_phrase(phrase: str) -> Candidate:
    """A bare place phrase ("near Kirkuk", "southern Deir Ezzor countryside") as a candidate."""
    cand = Candidate(0, len(phrase), phrase.strip(), "ner")
    leading = _LEADING_NEAR.match(cand.name)
    if leading:
        cand.near = True
        cand.name = cand.name[leading.end() :]
    leading = _LEADING_DIRECTION.match(cand.name)
    if leading and cand.name[leading.end() :]:
        cand.direction = leading.group(1).lower()
        cand.name = cand.name[leading.end() :]
    return frame(
        cand.name, Candidate(0, len(cand.name), cand.name, "ner", None, cand.near, cand.direction)
    )


def frame(text: str, cand: Candidate) -> Candidate:
    """Read the words around a candidate: nearness, direction, area word; widen the span."""
    facility = _FACILITY_SUFFIX.search(cand.name)
    if facility and facility.start() > 0:
        # "Baghdad International Airport": the site is near the town it is named after
        cand.name, cand.near = cand.name[: facility.start()], True
    suffix = _AREA_SUFFIX.search(cand.name)
    if suffix and len(cand.name) > suffix.end() - suffix.start():
        cand.area_word = suffix.group(1).lower()
        cand.name = cand.name[: suffix.start()]
    article = _ARTICLE_BEFORE.search(text, max(0, cand.start - 5), cand.start)
    if article:  # NER left out the article: "(As Sawadiyah" came as "Sawadiyah"
        cand.start = article.start()
        cand.name = article.group(0) + cand.name
    before = text[max(0, cand.start - 60) : cand.start]
    near = _BEFORE_NEAR.search(before)
    if near:
        cand.near = True
    direction = _BEFORE_DIRECTION.search(before)
    if direction:
        cand.direction = direction.group(1).lower()
        cand.start -= len(before) - direction.start()
    after = _AFTER_AREA.match(text[cand.end : cand.end + 30])
    if after and cand.area_word is None:
        cand.area_word = after.group(1).lower()
        cand.end += after.end()
    if (
        cand.area_word is None
        and _HIERARCHY_LAST_BEFORE.search(before)
        and _HIERARCHY_END.match(text[cand.end : cand.end + 5])
    ):
        cand.area_word = "province"  # "Kaboresha (Chikun LGA, Kaduna)": Kaduna State
    return cand


def find_candidates(
    doc: Doc,
    exclude: list[tuple[int, int]],
    text: str | None = None,
    people: set[str] | None = None,
    ents: Sequence[Span] | None = None,
) -> list[Candidate]:
    """All spans that might name a place, without overlaps and outside ``exclude``.

    ``text`` (``doc.text``, rebuilt by spaCy on each access), ``people``
    (``people_names(doc)``) and ``ents`` (``doc.ents``, new Spans on each access) may be
    passed when the caller has them already.
    """
    text = doc.text if text is None else text
    ents = doc.ents if ents is None else ents
    found: list[Candidate] = []
    for ent in ents:
        if ent.label_ in PLACE_LABELS or ent.label_ in OTHER_LABELS:
            if all(tok.tag_ in ("NN", "NNS") for tok in ent if not tok.is_punct):
                continue  # "Gunmen" tagged GPE at a sentence start: the tagger says common noun
            for part, offset in _comma_parts(ent.text, ent.label_):
                cleaned = _clean(part, ent.start_char + offset)
                if cleaned is None:
                    continue
                name, start, end = cleaned
                if name.lower().rstrip(".") in _LONE_ABBREVIATIONS:
                    continue  # "ST" of "ST. LOUIS (AP)": the dateline reads the whole name
                source = "ner" if ent.label_ in PLACE_LABELS else "other_ent"
                before = text[max(0, start - 40) : start]
                if source == "other_ent" and _FEATURE_BEFORE.search(before):
                    source = "feature"  # "the town of al-Mayadin" tagged ORG: the cue wins
                found.append(Candidate(start, end, name, source, ent.label_))
    for pattern, source in (
        (_FEATURE_OF, "feature"),
        (_PREP, "prep"),
        (_DATELINE, "dateline"),
        (_AGENCY_DATELINE, "dateline"),
        (_PARTY_HOME, "prep"),
        (_DISTRICT_IN_FULL, "feature"),
    ):
        for m in pattern.finditer(text):
            # a dateline's second name is the town's province or country ("PLEASANTON,
            # Calif.--", "HORRY COUNTY, SC (WMBF) -", "SEOUL, South Korea (CNN) -")
            for group in range(1, (pattern.groups if source == "dateline" else 1) + 1):
                if m.group(group) is None:
                    continue
                cleaned = _clean(m.group(group), m.start(group))
                if cleaned is None:
                    continue
                name, start, end = cleaned
                if group == 2:
                    name = us_state_by_postal_code().get(name, name)  # "SC" → "S.C."
                found.append(Candidate(start, end, name, source))
    for m in _ROAD.finditer(text):
        group = 1 if m.group(1) else 2
        found.append(Candidate(m.start(group), m.end(group), m.group(group), "prep"))
    for ent in ents:
        home = _HOME_AFTER_PERSON.match(text, ent.end_char) if ent.label_ == "PERSON" else None
        cleaned = _clean(home.group(1), home.start(1)) if home else None
        if cleaned is not None:
            found.append(Candidate(cleaned[1], cleaned[2], cleaned[0], "prep"))
    found.extend(_proper_noun_runs(doc, text))
    found = _without_fragments(found)
    hoods = [(m.start(), m.end()) for m in _NEIGHBOURHOOD.finditer(text)]
    if hoods:
        found = [c for c in found if not any(s < c.end and c.start < e for s, e in hoods)]
        found += [
            Candidate(s, e, text[s:e], "ner", "LOC", area_word=NEIGHBOURHOOD) for s, e in hoods
        ]
    people = people_names(doc, ents) if people is None else people
    found = [
        c
        for c in found
        if not _looks_like_person_or_org(text, c, people)
        and not _CURRENCY_AFTER.match(text, c.end)
        and not (c.label not in PLACE_LABELS and _SHOP_POSSESSIVE.match(text, c.end))
    ]
    for cand in found:
        if cand.source == "other_ent" and cand.label == "ORG" and _ORG_WORDS.search(cand.name):
            cand.source = "org"  # "University of Hartford": only a place inside it may count
    listed = _listed_areas(text)
    found += [Candidate(start, end, text[start:end], "feature") for start, end in listed]
    kept = _dedupe(text, found, exclude)
    for cand in kept:
        word = listed.get((cand.start, cand.end))
        if word is not None and cand.area_word is None:
            cand.area_word = word
    return kept


def _without_fragments(found: list[Candidate]) -> list[Candidate]:
    """Drop NER's pieces of a longer name a place cue found: its person and organisation pieces
    ("in Gaucha do Norte": "Gaucha", "Norte"; "in As Silw district": "Silw"), and its place
    pieces cut at a joiner ("in Ribeirao das Neves": "Ribeirao")."""
    cued = [c for c in found if c.source in ("prep", "feature")]

    def inside(c: Candidate) -> bool:
        return any(
            q.start <= c.start
            and c.end <= q.end
            and q.end - q.start > c.end - c.start
            and (
                c.source == "other_ent" or _JOINER.search(q.name) or _HYPHEN_ARTICLE.search(q.name)
            )
            for q in cued
        )

    return [c for c in found if c.source not in ("other_ent", "ner") or not inside(c)]


def _listed_areas(text: str) -> dict[tuple[int, int], str]:
    """The names of lists such as "Clarke, Madison and Oconee counties" or "the provinces of
    Nyanza, Rift Valley and Western", with the area word each takes ("county")."""
    out: dict[tuple[int, int], str] = {}
    for plural in _AREA_PLURAL.finditer(text):
        before = _LIST_OF_NAMES.search(text, max(0, plural.start() - 200), plural.start())
        after = _OF_LIST.match(text, plural.end())
        for found in (before, after):
            if found is None:
                continue
            group = found.lastindex or 0
            for name in _LISTED_NAME.finditer(found.group(group)):
                start = found.start(group) + name.start()
                out[(start, start + len(name.group(0)))] = _AREAS_OF_LIST[plural.group(1)]
    return out


_COMMA_PARTS = re.compile(r",\s+")


def _comma_parts(text: str, label: str) -> list[tuple[str, int]]:
    """ "Nis, Serbia", "Santa Fe, Ocotepeque" as one entity: a place and its area, each a
    name (every part capitalised; a person's name is kept whole)."""
    if label == "PERSON" or ", " not in text:
        return [(text, 0)]
    parts, at = [], 0
    for m in _COMMA_PARTS.finditer(text):
        parts.append((text[at : m.start()], at))
        at = m.end()
    parts.append((text[at:], at))
    if not all(part[:1].isupper() for part, _ in parts):
        return [(text, 0)]
    return parts


_TITLES = (
    r"Mr|Mrs|Ms|Dr|Sen|Rep|Gen|Col|Lt|Capt|Sgt|President|Minister|Premier|King|Queen|"
    r"Prince|Sheikh|Senator|Governor|Judge|General|Colonel|Leader|leader|spokesman|"
    r"spokeswoman|Pope|Ayatollah|Emir|Sultan"
)
_TITLE_BEFORE = re.compile(rf"\b{_first_letter(_TITLES)}(?:{_TITLES})\.?\s+(?:[A-Z][\w.'-]*\s+)?$")
_ORG_WORDS = re.compile(
    r"\b(?:House|Party|Council|Ministry|Army|Front|Forces|Agency|University|Company|Times|Post|"
    r"News|Bank|Court|Committee|Commission|Organi[sz]ation|Union|Movement|Brigades?|Institute|"
    r"Corporation|Group|Association|Network|Radio|Television|TV|Press|Journal|Airlines?)\b"
)


def people_names(doc: Doc, ents: Sequence[Span] | None = None) -> set[str]:
    """Surnames of multi-word PERSON entities: "Clinton" after "Bill Clinton".

    ``ents`` is ``doc.ents`` when the caller has it already.
    """
    names: set[str] = set()
    for ent in doc.ents if ents is None else ents:
        words = [t for t in ent if t.is_alpha]
        if ent.label_ == "PERSON" and len(words) > 1 and words[0].text not in ARTICLE_WORDS:
            names.add(words[-1].text)
    return names


def person_labelled(doc: Doc, ents: Sequence[Span] | None = None) -> set[str]:
    """Names NER calls PERSON somewhere in the text ("President Obama" → "Obama").

    ``ents`` is ``doc.ents`` when the caller has it already.
    """
    return {ent.text for ent in (doc.ents if ents is None else ents) if ent.label_ == "PERSON"}


def _looks_like_person_or_org(text: str, cand: Candidate, people: set[str]) -> bool:
    """Names without a place cue that the text itself shows to be people ("Clinton" after
    "Bill Clinton", "President Obama"); organisations are read by the geoparser, which keeps
    only a place inside their names."""
    if _TITLE_BEFORE.search(text[max(0, cand.start - 40) : cand.start]):
        return True  # "President Obama", whatever label NER gave it
    if cand.source not in ("other_ent", "propn"):
        return False
    if _CUE_AFTER.match(text[cand.end : cand.end + 30]):
        return False  # "Alexandria police": a place whatever NER called it
    return " " not in cand.name and cand.name in people and cand.label != "GPE"


_RUN_JOINERS = ("-", "al", "el", "as", "ad", "ash")


def _proper_noun_runs(doc: Doc, text: str) -> list[Candidate]:
    """Proper-noun runs outside any entity ("shelled Omdurman"): NER misses many towns.

    Kept later only when the gazetteer has the exact name in a country the article is about.
    Reads the doc's attribute arrays (string ids), not Token objects, and visits in Python only
    the tokens that may be in a run (proper nouns and joiners such as "al").
    """
    import numpy as np
    from spacy.attrs import ENT_TYPE, IDX, ORTH, TAG

    if not len(doc):
        return []
    strings = doc.vocab.strings
    tags, ent_types, orths, idxs = (doc.to_array(attr) for attr in (TAG, ENT_TYPE, ORTH, IDX))
    proper = (tags == strings.as_int("NNP")) & (ent_types == 0)
    joiner = np.isin(orths, [strings.as_int(word) for word in _RUN_JOINERS])
    at = np.flatnonzero(proper | joiner)
    runs: list[Candidate] = []
    current: list[tuple[int, str]] = []  # (char offset, text) of the run's tokens
    last = -2  # index of the previous token visited: a gap between two ends the run
    for i, starts, orth, idx in zip(
        at.tolist(), proper[at].tolist(), orths[at].tolist(), idxs[at].tolist(), strict=True
    ):
        if i != last + 1:
            _end_run(current, text, runs)
        if starts or current:  # a joiner only continues a run ("Deir al-Zor")
            current.append((idx, strings[orth]))
        last = i
    _end_run(current, text, runs)
    # a NORP entity that is no people's adjective is a name NER cut ("Meadow" of "Meadow
    # Grove"); place entities join their neighbours later ("Belle" + "Plaine")
    cut = [e for e in doc.ents if e.label_ == "NORP" and not is_demonym(e.text)]
    entity_ends = {e.end_char for e in cut if e.text[-1:].isalpha()}
    entity_starts = {e.start_char for e in cut if e.text[:1].isupper()}
    return [r for r in runs if not _fragment(r, text, entity_ends, entity_starts)]


def _fragment(run: Candidate, text: str, entity_ends: set[int], entity_starts: set[int]) -> bool:
    """A run NER cut off a longer name: "Grove" of "Meadow Grove" (NER: "Meadow" NORP) is no
    town Grove on its own; the run begins one space after a cut entity's last word, or ends
    one space before its capitalised first word."""
    return (run.start - 1 in entity_ends and text[run.start - 1 : run.start] == " ") or (
        run.end + 1 in entity_starts and text[run.end : run.end + 1] == " "
    )


def _end_run(current: list[tuple[int, str]], text: str, runs: list[Candidate]) -> None:
    """Close the run in ``current`` (trailing joiners dropped) into ``runs``; empty it."""
    while current and not current[-1][1][:1].isupper():
        current.pop()
    if current:
        start, end = current[0][0], current[-1][0] + len(current[-1][1])
        runs.append(Candidate(start, end, text[start:end], "propn"))
    current.clear()


_RANK = {"ner": 0, "dateline": 1, "feature": 1, "other_ent": 2, "org": 2, "prep": 3, "propn": 4}


def _dedupe(text: str, found: list[Candidate], exclude: list[tuple[int, int]]) -> list[Candidate]:
    """Keep one candidate per stretch of text: place entities first, then cue patterns."""
    kept: list[Candidate] = []  # disjoint spans, by start: clashes are found by bisection
    starts: list[int] = []
    excluded = SpanIndex(exclude)
    # a cue pattern ("town of al-Mayadin") beats an ORG/PERSON entity on the same words
    for cand in sorted(found, key=lambda c: (_RANK[c.source], -(c.end - c.start), c.start)):
        if excluded.overlaps(cand.start, cand.end):
            continue
        at = bisect.bisect_left(starts, cand.end)
        first = at
        while first > 0 and kept[first - 1].end > cand.start:
            first -= 1
        clash = kept[first:at]
        if clash:
            # an entity seen by NER as ORG/PERSON gains the cue the pattern found
            for k in clash:
                if k.source in ("feature", "prep") and cand.source == "other_ent":
                    k.label = cand.label
            continue
        kept.insert(at, cand)
        starts.insert(at, cand.start)
    confirmed: list[Candidate] = []
    for cand in kept:
        if cand.source in ("other_ent", "propn"):
            prev = confirmed[-1] if confirmed else None
            gap = text[prev.end : cand.start] if prev is not None else ""
            cand.after_place = prev is not None and (
                prev.source in ("prep", "ner", "feature") and bool(_AREA_AFTER_PLACE.match(gap))
            )
            after = text[cand.end : cand.end + 30]
        if cand.source == "other_ent":
            # ORG/PERSON names count only after a locative cue or in a list of places
            before = text[max(0, cand.start - 40) : cand.start]
            listed = cand.after_place or (prev is not None and _LIST_BEFORE.match(gap))
            if _CUE_BEFORE.search(before) or listed or _CUE_AFTER.match(after):
                cand.source = "prep"
        elif cand.source == "propn" and (cand.after_place or _CUE_AFTER.match(after)):
            cand.source = "prep"  # "Rugombo commune (Rugombo, Cibitoke)": areas of a place
        confirmed.append(cand)
    return [frame(text, c) for c in confirmed]
