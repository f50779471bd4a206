"""Which of a sentence's places is an event's: its place, origin and destination.

The place under the trigger wins over places aside; a chain ("Kajran district, Daykundi") gives
its smallest resolved member; a foreign namesake, a reporter's dateline, an actor's home ("US
warships") and a monitor's seat are not where the event happened.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from sitrep.actors.generic import GENERIC_HEADS, generic_head
from sitrep.contract import Location
from sitrep.distance import haversine_km
from sitrep.nlp.actors import BACKING_WORDS, DocActors
from sitrep.nlp.attribution import MONITOR_VERBS
from sitrep.nlp.lexicon import MILITARY_NOUNS, SAY_VERBS
from sitrep.nlp.places import EMBEDDED, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ORIGIN_PREPS = frozenset({"from"})
DEST_PREPS = frozenset({"to", "towards", "toward", "into"})
# "KHARTOUM, Sudan (AP) — ": where the reporter files from, not where the event happened.
DATELINE = re.compile(
    r"(?:^|\n)\s*([A-Z][A-Z'.-]{2,}(?:\s+[A-Z][A-Z'.-]+)*(?:,\s*[A-Z][\w'. -]{1,30})?"
    r"(?:\s*\([\w .-]{1,25}\))?\s*[—–-]{1,2}\s)"
)
# Actor nouns a place name can modify ("US warships", "Syrian troops").
ACTOR_HEADS = frozenset(GENERIC_HEADS) | MILITARY_NOUNS | {"warship", "ship", "vessel", "embassy"}
DIRECTION_WORDS = frozenset(
    {
        "south",
        "north",
        "east",
        "west",
        "southeast",
        "southwest",
        "northeast",
        "northwest",
        "kilometres",
        "kilometers",
        "km",
        "kms",
        "miles",
    }
)
MOVEMENT_TYPES = frozenset({"MOBILIZE", "RETREAT"})
# What joins a place to the area that encloses it: "Kajran district, Daykundi", "Doutchi (Diffa)",
# "Al Kirsh front (Al Qabbaytah, Lahij)", "Gulran district center, Herat", "Naushera sector
# area (Rajouri district)", "the Andar area of Nirkh district", "Ad Dahfash village in western
# Yemen", "Hajin town in the eastern countryside of Deir-ez-Zor", "Husnabad village on the
# outskirts of Suri".
ENCLOSER_GAP = re.compile(
    r"\s*(?:[a-z]+\s*){0,2}(?:,|\()\s*(?:in\s+)?"
    r"|\s+(?:(?:area|district|village|town|city|neighbou?rhood|suburb|camp|region|province|"
    r"governorate|sub-district|subdistrict|municipality|county|commune|locality|hamlet|quarter"
    r")\s+)?(?:of|in|on)\s+(?:the\s+)?"
    r"(?:(?:[a-z]+ern\s+)?(?:countryside|outskirts|suburbs|vicinity|desert)\s+of\s+(?:the\s+)?)?"
)
# a place name before one of these names a street or square, not the place ("Murree road",
# "the Mumbai-Agra highway", "the Agra-Mumbai national highway")
STREET_WORD = re.compile(
    r"(?:-[A-Z][\w'-]*)?\s+(?:(?:national|main|old|new|ring)\s+)?"
    r"(?:road|street|st\.|avenue|ave\.|boulevard|highway|square|bridge|"
    r"roundabout|"
    r"junction|crossing|checkpoint|gate|expressway|motorway)\b",
    re.IGNORECASE,
)
# How far a place may lie from the town or district named as enclosing it
TOWN_REACH_KM = 50.0
DISTRICT_REACH_KM = 150.0
# UCDP's where_prec: 3 a district, 4 a province, 6 a country.
COUNTRY_PRECISION = 6
PROVINCE_PRECISION = 4
DISTRICT_PRECISION = 3
# "the town of al-Heri": the preposition that matters is the one above "town", not "of".
PLACE_NOUNS = frozenset(
    {
        "town",
        "village",
        "city",
        "area",
        "region",
        "province",
        "district",
        "countryside",
        "governorate",
        "state",
        "neighbourhood",
        "neighborhood",
        "suburb",
        "camp",
        "municipality",
        "county",
        "capital",
        "port",
        "border",
        "desert",
        "valley",
        "hamlet",
        "settlement",
        "locality",
        "enclave",
        "zone",
        "territory",
        "part",
        "vicinity",
        "farmland",
        "farmlands",
        "center",
        "centre",
        "front",
        "frontline",
        "market",
        "airport",
    }
)


class _Ranked(NamedTuple):
    """A place of the sentence as a candidate for the event's place; sorts best first."""

    foreign: bool
    aside: bool  # not under the trigger
    reference: bool
    unplaced: bool  # no coordinates, or a namesake outside its named area
    shadowed: bool
    precision: int
    distance: int
    landmark: bool  # told from: "west of X", "10 km from X"
    location: Location


LOCATIVE_WORDS = frozenset({"in", "near", "at", "outside"})
# an organisation's premises named after a place ("outside Geo office"): not the place
PREMISES = frozenset({"office", "headquarters", "branch", "premises", "embassy", "consulate"})
# a place a thing is told from ("west of X") or by ("the US dollar")
REFERENCES = frozenset({"landmark", "reference"})
# how far from the trigger a sentence's opening place counts ("in X" right on it is 2)
FRONTED_DISTANCE = 3
_FRAME_DEPS = frozenset({"dobj", "pobj", "prep", "attr", "nsubj", "nsubjpass"})


class EventPlaces:
    """The places of one doc by token, and the reading of a sentence's places for an event."""

    def __init__(
        self, doc: Doc, text: str, places: list[Place], named: DocActors, home_country: str | None
    ) -> None:
        self.doc = doc
        self.text = text
        self.named = named
        self.home_country = home_country
        self.place_at: dict[int, Place] = {}
        for place in places:
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.place_at[tok.i] = place
        self.place_tokens = sorted(self.place_at)  # token indices in place_at, in text order
        self.datelines = [(m.start(1), m.end(1)) for m in DATELINE.finditer(text)]

    def in_sentence(self, sent: Span) -> list[int]:
        """Indices of the sentence's tokens that are part of a place, in text order."""
        first = bisect.bisect_left(self.place_tokens, sent.start)
        return self.place_tokens[first : bisect.bisect_left(self.place_tokens, sent.end)]

    def after_locative(self, tok: Token, place: Place) -> bool:
        """The place follows "in", "near" or "at": a where, whatever the parse says."""
        first = tok.i
        while first > 0 and self.place_at.get(first - 1) is place:
            first -= 1
        return first > 0 and self.doc[first - 1].lower_ in LOCATIVE_WORDS

    def _names_a_street(self, place: Place) -> bool:
        """ "Murree road in Rawalpindi", "Moreno Square": a street named after a town."""
        return STREET_WORD.match(self.text, place.end) is not None

    def for_event(
        self, sent: Span, triggers: Sequence[Token], event_type: str
    ) -> tuple[Location | None, Location | None, Location | None, bool, bool]:
        """The event's place, origin and destination; whether it said "there"; found one."""
        trigger_ids = {t.i for t in triggers} | {v.i for t in triggers if (v := _support_verb(t))}
        scored = []
        origin = destination = None
        there = any(
            c.lower_ == "there" and c.dep_ == "advmod" for t in triggers for c in t.children
        )
        seen: set[int] = set()
        shadowed, strays, chain_of = self._chains(sent)
        # a place named with its enclosing area is a where, not a party ("On 5 May, Barinas,
        # Barinas state, residents burned tires")
        sizes = Counter(chain_of.values())
        framed = {
            key
            for i in self.in_sentence(sent)
            if sizes[chain_of[key := id(p := self.place_at[i])]] > 1
            and (p.location is None or (p.location.geo_precision or 1) < COUNTRY_PRECISION - 1)
        }
        foreign = self._foreign(sent)
        found = []
        for i in self.in_sentence(sent):
            place, tok0 = self.place_at[i], self.doc[i]
            if id(place) in seen or i in self.named.by_token:
                continue
            seen.add(id(place))
            tok = self._place_root(place, tok0)
            if self.in_dateline(tok):
                continue
            street = self._names_a_street(place)
            if (
                _names_an_actor(tok)
                and not self.after_locative(tok, place)
                and id(place) not in framed
            ):
                continue  # "Russia launched"; not "in Port-au-Prince, Ouest, violence ..."
            role, distance, under = self._role(tok, trigger_ids)
            if role == "skip":
                continue
            if role == "location" and _fronted(tok, sent):
                # "On 30 April, in Andahuaylas, citizens stuck there staged a demonstration to
                # demand ... their homes in Lima": the opening place is the whole sentence's
                # setting; a place told right with the trigger still comes first
                under, distance = True, min(distance, FRONTED_DISTANCE)
            loc = location_of(place)
            if role == "origin":
                if event_type in MOVEMENT_TYPES:
                    origin = origin or loc
                    continue
                # "kidnapped two civilians from Bar Ujeed village (Ceel Buur, Galgaduud)":
                # where nothing moves, "from X" is where it happened, told weaker
                role = "reference"
            if role == "reference" and _wider_than_a_province(loc):
                continue  # "Police forces of Chile", "the US dollar": the country's, not a where
            if role == "destination" and event_type in MOVEMENT_TYPES:
                destination = destination or loc
            elif role == "destination":
                under = False  # "protested ... to demand to return to Venezuela": aside
            if street:
                # "blocked the Tripoli-Beirut highway": near the town, placed only when the
                # sentence names no better place
                role, loc, under = "reference", _near(loc), False
            found.append((place, loc, role, distance, under))
        # a chain ("in Port-au-Prince, Ouest department") is one phrase: its members are as
        # close to the trigger as the closest of them, whichever the parser hung where
        closest: dict[int, tuple[bool, int]] = {}
        head_role: dict[int, str] = {}
        for place, _, role, distance, under in found:
            chain = chain_of[id(place)]
            head_role.setdefault(chain, role)
            if role not in REFERENCES:
                here = (not under, distance)
                closest[chain] = min(closest.get(chain, here), here)
        for place, loc, role, distance, under in found:
            if head_role[chain_of[id(place)]] in REFERENCES:
                role = head_role[chain_of[id(place)]]  # "west of Marib city (Marib)": both
            aside, distance = (not under, distance)
            if role not in REFERENCES:
                aside, distance = closest[chain_of[id(place)]]
            precision = loc.geo_precision or (9 if loc.latitude is None else 5)
            # "near X" (2) is as much a town as "in X" (1): how close it is told decides
            precision = max(precision, 2)
            scored.append(
                _Ranked(
                    id(place) in foreign,
                    aside,
                    role in REFERENCES or place.source == EMBEDDED,  # "Gainesville Police"
                    loc.latitude is None or id(place) in strays,
                    id(place) in shadowed,  # "Ab Band district, Ghazni": not Ghazni
                    precision,
                    distance,
                    role == "landmark",
                    loc,
                )
            )
        scored.sort(key=lambda r: r[:-1])
        scored = _finest_first(scored)
        location = scored[0].location if scored else None
        near = next((r for r in scored if r.landmark and not (r.foreign or r.unplaced)), None)
        if (
            location is not None
            and near is not None
            and near.precision <= 2
            and (
                location.latitude is None
                or scored[0].precision >= PROVINCE_PRECISION
                or _far_from(location, near.location)
            )
        ):
            # "Abu Al-Ghareb village west of Mizdah (Al Jabal Al Gharbi)": a village the
            # gazetteer lacks, or only a province, or a namesake far from the town it is told
            # from ("Hatla village east of Deir-ez-Zor city" read in India), is placed near it
            location = near_to(location, near.location)
        if location is not None and location.latitude is None:
            placed = [r.location for r in scored if not (r.foreign or r.unplaced)]
            location = enclosing(location, placed)
        if location is None and destination is not None:
            location = destination
        return location, origin, destination, there, location is not None

    def _chains(self, sent: Span) -> tuple[set[int], set[int], dict[int, int]]:
        """Places named with their enclosing areas ("Kajran district, Daykundi", "Kagara (Rafi
        LGA, Niger)"). The event belongs at the chain's first place that is resolved and lies
        inside the next one; the others are shadowed. Also returns the namesakes that do not,
        and each place's chain (by ``id``)."""
        chains: list[list[Place]] = []
        for i in self.in_sentence(sent):
            place = self.place_at[i]
            if chains and chains[-1][-1] is place:
                continue
            last = chains[-1][-1] if chains else None
            if last is not None and self._encloses(last, place):
                chains[-1].append(place)
            else:
                chains.append([place])
        shadowed: set[int] = set()
        strays: set[int] = set()
        for chain in chains:
            inside = []
            for k, place in enumerate(chain):
                outers = [p.location for p in chain[k + 1 :] if resolved(p)]
                # an area repeating the place's name ("San Jose (San Jose)") is its province
                # or district, however the gazetteer read it, and an abbreviation ("KL" for
                # Kerala) is often misread: no witnesses against it
                witnesses = [
                    p
                    for p in chain[k + 1 :]
                    if resolved(p) and not _repeats(p, place) and not _abbreviated(p)
                ]
                # how far each may lie: in notes "(Lisala, Mongala)" holds districts and
                # provinces named like their capital towns, so a town in a parenthesis is given
                # a district's reach
                towns = [
                    (p.location, self._reach(p.location, "(" in self.text[place.end : p.start]))
                    for p in witnesses
                ]
                ok = (
                    resolved(place)
                    and place.source != EMBEDDED  # "the Engong Stadium in Oyem town": Oyem
                    and not self._stray(place.location, [p.location for p in witnesses], towns)
                    and not _holds_finer(place.location, outers)
                )
                if resolved(place) and not ok:
                    strays.add(id(place))
                inside.append(ok)
            best = next((k for k, ok in enumerate(inside) if ok), None)
            if best is None:
                continue
            # "in the North Zone of Rio de Janeiro": the zone read as the city itself is no
            # reason to set the city aside
            spot = (chain[best].location.latitude, chain[best].location.longitude)
            shadowed.update(
                id(p)
                for k, p in enumerate(chain)
                if k != best
                and (p.location is None or (p.location.latitude, p.location.longitude) != spot)
            )
        chain_of = {id(p): k for k, chain in enumerate(chains) for p in chain}
        return shadowed, strays, chain_of

    def _foreign(self, sent: Span) -> set[int]:
        """Places in another country than all the sentence's other places, when at least two
        agree ("in Ciudad del Carmen, Campeche, ... in Colonia Bivalvo" is not Cologne), or a
        town when the other is a district ("Thor village (Keur Moussa, Thies)" is not in
        Austria): a district's name is rarely a namesake abroad, a town's or a province's
        ("Central", "Punjab") often is."""
        places = {id(p): p for i in self.in_sentence(sent) if resolved(p := self.place_at[i])}
        foreign = set()
        for key, place in places.items():
            area = place.location.geo_precision or 1
            if area >= COUNTRY_PRECISION:
                continue
            others = [p.location for k, p in places.items() if k != key]
            countries = {o.country_code for o in others}
            if len(countries) != 1 or place.location.country_code in countries:
                continue
            agreeing = {o.name for o in others}  # two different places, not one named twice
            if len(agreeing) > 1 or (area <= 2 and others[0].geo_precision == DISTRICT_PRECISION):
                foreign.add(key)
        return foreign

    def _encloses(self, inner: Place, outer: Place) -> bool:
        """``outer`` follows ``inner`` as its enclosing area; a country is not inside a town."""
        if not ENCLOSER_GAP.fullmatch(self.text[inner.end : outer.start]):
            return False
        if resolved(inner) and resolved(outer):
            area = inner.location.geo_precision or 1
            outer_area = outer.location.geo_precision or 1
            # "Baqim district (Sadah)": the name after a district is its province, even where
            # the gazetteer read it as the province's namesake town
            town_for_province = outer_area == 1 and (
                outer.location.country_code == inner.location.country_code
            )
            return area < DISTRICT_PRECISION or outer_area >= area or town_for_province
        return True

    @staticmethod
    def _reach(outer: Location, in_parenthesis: bool) -> float:
        """How far a place may lie from a town or district named as enclosing it."""
        if (outer.geo_precision or 1) <= 2 and not in_parenthesis:
            return TOWN_REACH_KM
        return DISTRICT_REACH_KM

    def _stray(
        self, loc: Location, outers: list[Location], towns: list[tuple[Location, float]]
    ) -> bool:
        """A namesake in another country than the areas the text puts it in: "Toba Tek Singh
        city (Toba Tek Singh, Sindh)" is not Toba in Japan, "Kelly Village, Trinidad" not in the
        US. Within a country the town is trusted over a province that disagrees."""
        if not outers:
            return False
        countries = {o.country_code for o in outers}
        if len(countries) == 1 and loc.country_code not in countries:
            country_level = any((o.geo_precision or 1) >= COUNTRY_PRECISION for o in outers)
            # a town or district is rarely a namesake abroad, a province often is ("Central");
            # but a province lies in no other country's province ("Mayo-Sava, Extreme-Nord")
            finer = any((o.geo_precision or 1) <= DISTRICT_PRECISION for o in outers)
            return (
                len(outers) > 1
                or finer
                or (country_level and outers[0].country_code == self.home_country)
                or (loc.geo_precision or 1) >= PROVINCE_PRECISION
            )
        # "Ermita, Manila": a town far from the town or district it is said to be in (a
        # district's "town" is often its province named after its capital: "Baqim (Sadah)")
        if loc.latitude is None or (loc.geo_precision or 1) > 2:
            return False
        return any(
            (o.geo_precision or 1) <= DISTRICT_PRECISION
            and o.country_code == loc.country_code  # one abroad is itself the namesake
            and not _names_its_province(o, loc)  # "La Plata, Buenos Aires": the province
            and haversine_km((loc.latitude, loc.longitude), (o.latitude, o.longitude)) > reach
            for o, reach in towns
        )

    def _place_root(self, place: Place, fallback: Token) -> Token:
        span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
        return span.root if span is not None else fallback

    def in_dateline(self, tok: Token) -> bool:
        return any(s <= tok.idx < e for s, e in self.datelines)

    def _role(self, tok: Token, triggers: set[int]) -> tuple[str, int, bool]:
        """How a place relates to the trigger: its preposition; is it under the trigger."""
        prep = None
        cur = tok
        distance = 0
        prev = None
        reference = False
        for _ in range(12):
            if cur.i in triggers:
                return self._classify(prep, reference), distance, True
            if cur.dep_ == "pobj" and prep is None:
                prep = cur.head.lower_
                if prep in {"of", "from"} and cur.head.head.lower_ in DIRECTION_WORDS:
                    reference = True
                elif prep == "of" and cur.head.head.lemma_.lower() in PLACE_NOUNS:
                    prep = None
                elif prep == "of" and _state_body(cur.head.head):
                    prep = "poss"  # "Police forces of Chile", "the President of Brazil"
            if cur.lower_ == "according" or (
                cur.dep_ in {"nsubj"}
                and prev is not None
                and cur.lemma_.lower() in {"group", "monitor"}
                and cur.head.lemma_.lower() in SAY_VERBS | MONITOR_VERBS
            ):  # "a monitoring group in London said": the group's seat, not the event's place
                return "skip", distance, False
            if cur.dep_ == "poss" and prep is None and not _owns_a_place(cur):
                prep = "poss"
            if prev is None and _modifies_a_thing(cur) and prep is None:
                prep = "poss"  # "the US dollar", "Kabul airport": a reference, not the place
            if cur.dep_ == "relcl" and prep is None and cur.head.dep_ in {"nsubj", "dobj"}:
                # "the group, which includes Ukraine, met": not "the road that links A to B"
                return "skip", distance, False
            if cur.head.i == cur.i:
                break
            prev = cur
            cur = cur.head
            distance += 1
        return self._classify(prep, reference), distance + 5, False

    @staticmethod
    def _classify(prep: str | None, reference: bool) -> str:
        if reference:
            return "landmark"
        if prep in ORIGIN_PREPS:
            return "origin"
        if prep in DEST_PREPS:
            return "destination"
        if prep == "poss":
            return "reference"
        return "location"

    # ---------------------------------------------------------------- discourse


def _finest_first(scored: list[_Ranked]) -> list[_Ranked]:
    """A country or province told with the trigger yields to a finer place of the sentence that
    lies inside it ("in Santa Rosa (La Pampa), merchants protested ... during the isolation in
    Argentina" is Santa Rosa): both are true, and the finer one says more."""
    top = scored[0] if scored else None
    if top is None or top.precision < PROVINCE_PRECISION or top.location.latitude is None:
        return scored
    finer = next(
        (
            r
            for r in scored[1:]
            if not (r.foreign or r.reference or r.unplaced or r.shadowed)
            and r.precision < top.precision
            and _lies_in(r.location, top.location)
        ),
        None,
    )
    if finer is None:
        return scored
    return [finer] + [r for r in scored if r is not finer]


def _lies_in(inner: Location, outer: Location) -> bool:
    """``inner`` lies in the country, or the province, ``outer`` names."""
    if not inner.country_code or inner.country_code != outer.country_code:
        return False
    if (outer.geo_precision or 1) >= COUNTRY_PRECISION - 1:
        return True
    return bool(inner.admin1) and inner.admin1 == outer.admin1


def _wider_than_a_province(loc: Location) -> bool:
    """A country, a named region or wider."""
    return (loc.geo_precision or 1) > PROVINCE_PRECISION


def _state_body(tok: Token) -> bool:
    """A state's forces or institution ("forces", "police", "president", "ministry"), the
    actor table's reading of the noun."""
    kind = generic_head(tok.lemma_)
    return kind is not None and kind[0] in {"military", "police", "government"}


def _owns_a_place(tok: Token) -> bool:
    """A place possessing a place after "in", "near", "at" ("in Beirut's Muthaf", "in Syria's
    Idlib", "in Beirut's Hamra district"): the frame of a where, not a party."""
    owned = tok.head
    return (
        owned.dep_ == "pobj"
        and owned.head.lower_ in LOCATIVE_WORDS
        and (owned.pos_ == "PROPN" or owned.lemma_.lower() in PLACE_NOUNS | DIRECTION_WORDS)
    )


def _fronted(tok: Token, sent: Span) -> bool:
    """The place opens the sentence: "in X" before its first subject, on a verb
    ("On 9 May, in Tunis, ...", "In Kabul, a bomb exploded")."""
    while tok.dep_ in {"appos", "conj", "compound"} and tok.head.i != tok.i:
        tok = tok.head  # "in Andahuaylas, Apurimac": the chain's first name
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in LOCATIVE_WORDS:
        return False
    if prep.head.pos_ not in {"VERB", "AUX"} or prep.head.lemma_.lower() in SAY_VERBS:
        return False  # "In Washington, officials said gunmen attacked ... in Kabul"
    subjects = [t.i for t in sent if t.dep_ in {"nsubj", "nsubjpass", "expl"}]
    return bool(subjects) and prep.i < min(subjects)


def _modifies_a_thing(tok: Token) -> bool:
    """A place name modifying a common noun that is no kind of place ("the US dollar", "outside
    Geo office"); not one after "in" that the parser hung on the next noun ("in Acapulco,
    Guerrero, merchants")."""
    head = tok.head
    before = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
    return (
        tok.dep_ in {"compound", "amod"}
        and head.pos_ == "NOUN"
        and head.lemma_.lower() not in PLACE_NOUNS | DIRECTION_WORDS  # "X district west of Y"
        and (
            before is None
            or before.lower_ not in LOCATIVE_WORDS
            or (head.head.i == before.i and head.lemma_.lower() in PREMISES)
        )
    )


def _repeats(outer: Place, inner: Place) -> bool:
    """The enclosing name begins the inner one: "San Jose (San Jose)", "San Pedro de
    Ycuamandiyu (San Pedro)", "Mirpur Khas city (Mirpur khas, Sindh)"."""
    a, b = _folded(outer.text), _folded(inner.text)
    return len(a) >= 3 and b.startswith(a)


def _abbreviated(place: Place) -> bool:
    """A name written as a short abbreviation ("KL", "UP", "J&K")."""
    letters = [c for c in place.text if c.isalpha()]
    return len(letters) <= 3 and all(c.isupper() for c in letters)


def _holds_finer(loc: Location, outers: list[Location]) -> bool:
    """A province or wider area said to lie in a finer place is a misreading or a frame: "Anosy
    (Ambalavao, Haute Matsiatra)" is the village, not the region; "in northwestern Yemen
    (Razih, Sadah)" is Razih."""
    area = loc.geo_precision or 1
    return area >= PROVINCE_PRECISION and any(
        (o.geo_precision or 1) < area and not _names_its_province(o, o)  # "(Sadah)": a province
        for o in outers
    )


def _names_its_province(outer: Location, inner: Location) -> bool:
    """The enclosing name is the inner place's province, read as its namesake town."""
    if not inner.admin1:
        return False
    a, b = _folded(outer.name), _folded(inner.admin1)
    # one stem whatever the spelling: "Odessa" / "Odeska oblast", "Valparaiso" / "Valparaíso",
    # "Deir ez-Zor" / "Dayr az Zawr"
    same_stem = len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4]
    return same_stem or _consonants(outer.name) == _consonants(inner.admin1) != ""


# the article of an Arabic name, written apart: "Ar Raqqah", "Al-Hasakah"
_ARTICLE = re.compile(r"^(?:a[lnrsdtz]|el|ash|ad)[\s'-]+", re.IGNORECASE)


def _consonants(name: str) -> str:
    """A transliterated name's consonants, without its article: "Idleb" and "Idlib" alike."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c for c in _folded(_ARTICLE.sub("", ascii_name)) if c not in "aeiouyhw")


def _folded(name: str) -> str:
    """Letters and digits only: "Sa'dah" and "Şāʻdah" fold alike."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c for c in ascii_name.casefold() if c.isalnum())


def _support_verb(tok: Token) -> Token | None:
    """The verb a noun trigger is the object or complement of ("people in Mudiyah participated
    in a demonstration"): where it happened hangs off that verb as often as off the noun."""
    if tok.pos_ != "NOUN":
        return None
    cur = tok
    for _ in range(3):
        if cur.dep_ not in _FRAME_DEPS:
            return None
        cur = cur.head
        if cur.pos_ == "VERB":
            return cur
    return None


def _names_an_actor(tok: Token) -> bool:
    """A place used as a party ("Russia launched", "Ukraine's air force", "US warships")."""
    if tok.dep_ in {"nsubj", "nsubjpass", "agent", "poss"}:
        return True
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return True  # "drones launched by Russia"
    if tok.head.lower_ in BACKING_WORDS or tok.head.lower_ == "pro":
        return True  # "Iran-backed", "Iran-aligned"
    if tok.dep_ == "pobj" and tok.head.lower_ == "between" and tok.ent_type_ == "GPE":
        return True  # "a war between Saudi Arabia and Iran": the parties
    if tok.dep_ == "conj" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "between":
        return tok.ent_type_ == "GPE"
    if tok.dep_ not in {"compound", "amod", "nmod"}:
        return False
    head = tok.head
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head  # "the Tulkarm refugee camp": a camp, not refugees
    return tok.head.lemma_.lower() in ACTOR_HEADS and head.lemma_.lower() not in PLACE_NOUNS


def resolved(place: Place) -> bool:
    return place.location is not None and place.location.latitude is not None


def enclosing(unknown: Location, resolved: list[Location]) -> Location:
    """A place the gazetteer lacks ("in Zona 12") goes to the sentence's most fitting place
    that it has ("in Villa Nueva, Guatemala"), as near a town at best (ACLED precision 2)."""
    found = next((loc for loc in resolved if loc.latitude is not None), None)
    if found is None:
        return unknown
    return replace(
        found,
        geo_precision=max(found.geo_precision or 1, 2),
        resolution_note=f"{unknown.name!r} is not in the gazetteer: placed at {found.name}",
    )


def _far_from(town: Location, landmark: Location) -> bool:
    """A town in another country than, or beyond a district's reach of, the town it is told
    from: a namesake."""
    if (town.geo_precision or 1) > 2 or town.latitude is None or landmark.latitude is None:
        return False
    if town.country_code != landmark.country_code:
        return True
    spots = (town.latitude, town.longitude), (landmark.latitude, landmark.longitude)
    return haversine_km(*spots) > DISTRICT_REACH_KM


def _near(loc: Location) -> Location:
    """Near a town (ACLED precision 2), not in it."""
    if loc.latitude is None:
        return loc
    return replace(loc, geo_precision=max(loc.geo_precision or 1, 2))


def near_to(unknown: Location, town: Location) -> Location:
    """ "X village west of Mizdah": near the town, as ACLED places what it cannot find
    (precision 2)."""
    return replace(
        town,
        geo_precision=max(town.geo_precision or 1, 2),
        resolution_note=f"{unknown.name!r} placed near {town.name}, the town it is told from",
    )


def location_of(place: Place) -> Location:
    if place.location is not None:
        loc = place.location
        if loc.name != place.text and not loc.resolution_note:
            loc = replace(loc)
        return loc
    return Location(name=place.text, resolution_note=place.reason or "not in gazetteer")
