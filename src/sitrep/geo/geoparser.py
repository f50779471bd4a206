"""Toponyms in a spaCy Doc → gazetteer places, disambiguated by the article's context.

Two passes: the first picks each name's likeliest record from population and how well the
name matched; the countries those picks and the text's country names and demonyms point
to, and the picks' positions, then re-rank every name in the second pass.
"""

from __future__ import annotations

import bisect
import math
import re
import threading
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import pycountry
from rapidfuzz import fuzz

from sitrep.contract import Location
from sitrep.geo.candidates import (
    NEIGHBOURHOOD_WORDS,
    Candidate,
    find_candidates,
    frame,
    frame_phrase,
    people_names,
    person_labelled,
    province_abbreviations,
)
from sitrep.geo.context import (
    RadianPoint,
    demonym_votes,
    haversine_radians_km,
    is_demonym,
    local_countries,
    spelling_votes,
    territory_demonyms,
)
from sitrep.geo.gazetteer import (
    ADM1,
    ADM2,
    CAPITAL,
    CONTINENT,
    COUNTRY,
    REGION,
    WATER,
    Gazetteer,
    Match,
    Place,
    apply_overrides,
    load_cached,
)
from sitrep.geo.normalize import ARTICLES, fold, strip_articles
from sitrep.geo.ranker import (
    COLOCATED_KM,
    HINT_BONUS,
    Ranker,
    biggest_namesakes,
    context_features,
    named_countries,
    prior_features,
    town_provinces,
)
from sitrep.geo.repeats import EMBEDDED, repeated_names
from sitrep.geo.sites import (
    is_natural,
    is_road,
    is_site,
    main_town,
    named_around,
    site_location,
)
from sitrep.geo.units import AdminUnits
from sitrep.spans import SpanIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

MODIFIER = "modifier"  # a people's adjective naming its country as a place ("Syrian capital")
PRECISION_BY_FEATURE = {ADM2: 3, ADM1: 4, REGION: 5, CONTINENT: 5, COUNTRY: 6, WATER: 7}
_AREA_ADMIN1 = {"countryside", "province", "governorate", "region", "state", "oblast", "prefecture"}
_AREA_ADMIN2 = {
    "district", "subdistrict", "sub-district", "county", "township", "commune", "municipality",
    "local government area", "lga",
}  # fmt: skip
_AREA_NEAR = {"outskirts", "suburbs", "environs", "area"}
_AREA_POINT = {"city", "town", "village"}
# "the New York border", "the Texas border": the province (or country) where one bears the
# name, else the town itself ("the Tijuana border"), as an area around it
_AREA_BORDER = "border"
# capitalised words that the cue patterns catch but are almost never places in news
_NOT_PLACES = frozenset(
    fold(w)
    for w in [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Today",
        "Yesterday",
        "President",
        "Prime",
        "Minister",
        "Ministry",
        "Government",
        "Army",
        "Police",
        "Security",
        "Forces",
        "Council",
        "State",
        "Islamic",
        "State",
        "Parliament",
        "Congress",
        "Senate",
        "Court",
        "Reuters",
        "AP",
        "AFP",
        "The",
        "This",
        "That",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "A",
        "An",
        "In",
        "On",
        "At",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "General",
        "Colonel",
        "Captain",
        "Sheikh",
        "God",
        "Kingdom",
        "University",
        "College",
        "Republic",
        "White House",
        "Pentagon",
        "Kremlin",
        "Elysee",
        "Capitol Hill",
        "Wall Street",
        "Downing Street",
        "Whitehall",
        "Communism",
        "Internet",
        "Empire",
        "Union",
        "West",
        "East",
        "North",
        "South",
        "Western",
        "Eastern",
        "Earth",
        "World",
        "Federal",  # "the Federal Police": not Distrito Federal
        "National",
        "Royal",
        "Katyusha",  # a rocket named after a song, not a place
        "Moon",
        "Space",
        "Christmas",
        "Ramadan",
        "Eid",
        "Easter",
        "Twitter",
        "Facebook",
        "Telegram",
        "YouTube",
        "CNN",
        "BBC",
    ]
)
_JOINING_GAP = re.compile(r" | of | of the | and | & ")  # within one name NER split in two
_PART_OF = re.compile(r"^(?:Greater|Metro|Metropolitan|Downtown|Uptown|Midtown|Historic)\s+(.+)$")
_PART_OF_CITY_MIN = 50_000  # "South Philadelphia": a city's part; "South Side" is no Side, Turkey
_COMPASS_COUNTRY = re.compile(  # "North West England", "north-eastern Nigeria", "Central Asia"
    r"^((?:north|south)(?:[\s-]?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|central)\s+(.+)$",
    re.IGNORECASE,
)
# "Springfield, Ill.", "Tepic, Nayarit", "Rio de Janeiro, Rio de Janeiro" (lower-case particles)
_AFTER_COMMA = re.compile(
    r"^,\s+([A-Z][\w.]*(?:[ -](?:(?:de|del|da|do|dos|das|di|du|des|la|las|los|el|al)[ -])?"
    r"[A-Z][\w.]*)*)"
)
# "Kaboresha (Chikun LGA, Kaduna)", "Beni (Beni, Nord-Kivu)": the last name in the parenthesis
_IN_PARENTHESIS = re.compile(
    r"^\s*\((?:[^(),]{1,40},\s*)?([A-Z][\w.'’]*(?:[ -][A-Z][\w.'’]*)*)\s*\)"
)
_LIST_GOES_ON = re.compile(
    r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)([A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*)*)"
)
_WEAK_SOURCES = ("prep", "other_ent", "dateline", "propn", "embedded")
_BESIDE_KM = 30.0  # a name NER did not call a place is one when this close to another place
# proper-noun runs outside entities are mostly people and firms: they place no other name
_NO_COLOCATION = frozenset({"propn"})
# candidates whose whole name may be an organisation or a site named after a place
_EMBEDDING_SOURCES = frozenset({"other_ent", "org", "prep", "feature", "dateline", "ner"})
_EMBEDDING_LABELS = frozenset({"ORG", "FAC", "PERSON", None})
_NAMED_AREAS = frozenset({COUNTRY, ADM1, ADM2})  # "Texas Department of Transportation"
_EMBEDDED_TOWN_MIN = 1000  # a town inside an organisation's name: at least this population
_CUED_TOWN_MIN = 10_000  # a name NER calls a person elsewhere, cued as a place: a town this big
_ACRONYM = re.compile(r"[A-Z]{2,4}")  # "DAC", "SRT", "NYC" (undotted: "L.A." is spelt out)
_DOTTED_ABBREVIATION = re.compile(r"(?:[A-Z][a-z]{0,3}\.)+")  # "S.C.", "Ill.", "N.Y."
# "University of Hartford", "the Bank of England": the place closes the name of an
# institution that serves it (not "Department of Justice")
# "the Cabinet of Ministers in Kyiv", "the Court of Justice in Sofia": an organisation's name
# that NER ran on past "in" ends with where it is
_IN_PLACE = re.compile(r"\s(?:in|at)\s+([A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*)*)$")
_OF_PLACE = re.compile(
    r"\b(?:University|College|Bank|Port|Diocese|Archdiocese|City|Town|Village|County|Borough|"
    r"Province|State|Republic|Kingdom|Government|Governor|Mayor|Museum|Zoo|Cathedral|Hospital|"
    r"Chamber|Council|Airport|Schools?|Police|Library|Courts?)\s+(?:of|in)\s+(?:the\s+)?"
    r"([A-Z][\w.'’]*(?:[ -][A-Z][\w.'’]*){0,2})$"
)
# ... and an area only after other bodies ("Disabilities Board of Charleston County", "The Arts
# Center of Cannon County"): a town there is as often a word ("Foundation of Hope")
_OF_AREA = re.compile(
    r"\b(?:Board|Commission|Center|Centre|Authority|Association|Foundation|Society|Club)\s+"
    r"of\s+(?:the\s+)?([A-Z][\w.'’]*(?:[ -][A-Z][\w.'’]*){0,2})$"
)
# what follows a place's name in the name of something local to it ("Gainesville Police",
# "Douglas County Hospital"); a name found by a cue other than NER's ORG or PERSON label
# must be followed by one of these, lest "Justice Department" give Justice, Texas
_SERVED_BY = re.compile(
    r"^\s+(?:Police|Sheriff|Fire|County|City|Town|Township|Village|Borough|Parish|Council|"
    r"Schools?|School\s+District|Public|Municipal|Regional|Community|Area|Hospital|Medical|"
    r"Library|University|College|Airport|Courthouse|Jail|Detention|Water|Utilities|Transit|Zoo|"
    r"Museum|Cathedral|Mayor|Animal|General|Memorial|Rescue|Emergency|Chamber|Harbou?r|Port|"
    r"Marina|Station|Metro|Symphony|Historical|Volunteer|Planning|Housing|Elementary|Middle|"
    r"Institute|Town\s+Hall|City\s+Hall|Capitol|Convention|World\s+Trade|Metropolitan|"
    r"Recreation|Maternity|Galleria|Guildhall|National\s+Guard|State\s+Police|High\s+School|"
    r"(?:Circuit|District|Superior|Crown|Magistrates['’]?|Family|Probate|Juvenile)\s+Court|"
    r"Board\s+of\s+(?:Education|Supervisors|Commissioners|Selectmen)|Education\s+Foundation|"
    r"Correctional|Government\s+Center|Science\s+(?:Museum|Center)|Senior\s+(?:Citizens\s+)?"
    r"Center|Citizens\s+Council|Federal\s+Credit\s+Union|Film\s+Festival)\b"
)
# a possessive before an institution or site the place holds: "Derry's Altnagelvin Hospital",
# "Columbia's First United Methodist Church" (not "McDonald's", a firm)
_HELD_BY_PLACE = re.compile(
    r"\s(?:Hospital|College|University|Airport|Cathedral|Church|Mosque|Temple|Museum|Park|"
    r"Stadium|Arena|Cent(?:er|re)|Square|Zoo|Library|School|Prison|Jail|Task\s+Force|Harbou?r|"
    r"Market|Bridge|Station|Courthouse|Cemetery)$"
)
_POSSESSIVE_END = re.compile(r"['’]s$")
# a country or union the caller took for an actor, used as a place: after a locative word
# ("within the EU", "across the European Union") or before what it holds ("EU institutions",
# "the EU's airports", "an EU-Israel summit")
_PLACE_BEFORE = re.compile(
    r"\b(?:in|within|across|into|outside|throughout|from|to|inside)\s+(?:the\s+)?$", re.IGNORECASE
)
_MODIFIES_AFTER = re.compile(
    r"['’]s\s|-[A-Z]|\s+(?!(?:and|or|but|said|says|is|are|was|were|has|have|had|will|would|"
    r"should|could|can|may|must|did|does|to|in|on|of|for|with|at|by|as|that|which|who)\b)[a-z]"
)
_ACTOR_TAIL_PLACE = re.compile(r"\s(?:of|in)\s+(?:the\s+)?([A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})$")
# "Mansfield Police Department", "Walker County Sheriff's Office": an organisation named after
# the place it serves; not newspapers, firms or teams, which carry a place's name anywhere
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")
_NOT_SERVING = re.compile(
    r"\b(?:Post|Times|Tribune|Herald|Journal|Gazette|News|Daily|Star|Chronicle|Telegraph|"
    r"Observer|Sun|Inquirer|Register|Record|Press|Magazine|Review|Airlines?|Airways|Air|"
    r"Instruments|Motors?|Bank|Group|Inc|Corp|Ltd|LLC|Co|Company|Holdings|Energy|Capital|"
    r"Partners|Rangers|Giants|United|City F\.?C|FC|Club|Bulls|Lakers|Yankees|Rams|Saints|"
    r"Red|Blue|Brewing|Records|Studios|Pictures|Network|Broadcasting|Radio|TV)\b"
)
# armed and political movements named after a land they claim: their name places nothing
_MOVEMENT = re.compile(
    r"\b(?:Liberation|Front|Movement|Party|Brigades?|Militias?|Islamic|Revolutionary|Resistance|"
    r"Alliance|League|Tigers|Mujahideen|Jihad|Solidarity|Patriotic|Nationalist|Separatists?)\b"
)
_SERVING_PERSON = re.compile(
    r"^\s+(?:Police|Sheriff|Mayor|County|City|Fire|Council|Commissioners?|Schools?|Board|"
    r"Township|Parish|Borough)\b"
)


_WATER_NOUNS = frozenset({"sea", "coast", "coastline", "waters", "shore", "basin", "ocean", "gulf"})


def _adjectival(doc: Doc, cand: Candidate, place: Place) -> bool:
    """ "Mediterranean island", "Caribbean nations": a sea or region name used as an adjective."""
    if place.feature_code not in (WATER, REGION, CONTINENT) or fold(cand.name) == fold(place.name):
        return False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    after = doc[span.end]
    return after.tag_ in ("NN", "NNS") and after.lower_ not in _WATER_NOUNS


@dataclass
class PlaceMention:
    """A toponym in the text and where it resolved (``reason`` says why not, if it did not)."""

    start: int
    end: int
    text: str
    location: Location | None
    reason: str | None
    # how the name was found: "ner" (a place entity), "feature" ("the town of X"), "prep"
    # (after "in", "near"...), "dateline", "other_ent", "propn", "repeat" (another occurrence
    # of a name placed elsewhere in the article), or "embedded" (inside an organisation's or
    # a site's name, or a site placed at its town: "Gainesville Police", where it sits), or
    # "modifier" (a people's adjective before a word for territory: "the Syrian capital")
    source: str | None = None


@dataclass
class _Scored:
    place: Place
    match: Match
    score: float
    sole: bool = False  # the only place in the world with this name
    nearest_km: float = math.inf  # to the closest place picked for another name
    features: list[float] | None = None  # the ranker's features, kept when tracing


class Geoparser:
    """Finds and resolves the places an article names (offline, GeoNames-based)."""

    _instance: Geoparser | None = None
    _lock = threading.Lock()

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        load_seconds: float = 0.0,
        ranker: Ranker | None = None,
        units: AdminUnits | None = None,
    ) -> None:
        self.gaz = gazetteer
        self.ranker = ranker or Ranker.load()
        self.units = units or AdminUnits()
        # when a list: each toponym's final readings, as (start, end, ranked), for training
        self.trace: list[tuple[int, int, list[_Scored]]] | None = None
        self.load_seconds = load_seconds
        self.override_problems: list[str] = []
        # a name's records and prior, remembered across articles (the gazetteer is not changed
        # once a parser has it); emptied when full
        self._known: dict[tuple[str, bool], _Readings] = {}

    def set_ranker(self, ranker: Ranker) -> None:
        """Rank with other weights from now on (training): forgets the remembered priors."""
        self.ranker = ranker
        self._known.clear()

    @classmethod
    def load(cls, *, overrides: Path | None = None, cache_dir: Path | None = None) -> Geoparser:
        """The process-wide geoparser: gazetteer loaded (or built) once, overrides applied.

        With explicit ``overrides`` or ``cache_dir`` a fresh, uncached instance is returned.
        """
        if overrides is None and cache_dir is None and cls._instance is not None:
            return cls._instance
        with cls._lock:
            if overrides is None and cache_dir is None and cls._instance is not None:
                return cls._instance
            from sitrep.reference import CHECKOUT

            started = time.perf_counter()
            gaz = load_cached(cache_dir or CHECKOUT.cache_dir)
            seed = overrides or CHECKOUT.gazetteer_overrides
            problems = apply_overrides(gaz, seed)
            units = AdminUnits(cache_dir=cache_dir or CHECKOUT.cache_dir).load()
            parser = cls(gaz, load_seconds=time.perf_counter() - started, units=units)
            parser.override_problems = problems
            if overrides is None and cache_dir is None:
                cls._instance = parser
            return parser

    # public API -----------------------------------------------------------------------------
    def geoparse(
        self,
        doc: Doc,
        *,
        exclude: Sequence[tuple[int, int]] = (),
        text: str | None = None,
        ents: Sequence[Span] | None = None,
        hints: Mapping[str, float] | None = None,
    ) -> list[PlaceMention]:
        """Every toponym in ``doc`` with its resolved location or the reason it has none.

        ``text`` is ``doc.text`` and ``ents`` is ``doc.ents`` when the caller has them already
        (spaCy rebuilds both on each access). ``hints`` are votes for countries the text points
        to otherwise, like its demonyms: the countries of the actors it names ("Taliban").
        """
        text = doc.text if text is None else text
        ents = doc.ents if ents is None else ents
        people, called_person = people_names(doc, ents), person_labelled(doc, ents)
        cands = find_candidates(doc, list(exclude), text, people, ents)
        ranks = _ArticleRanks(self)
        cands = [
            self._named_district(self._embedded(text, c, ranks) or self._named_city(c))
            for c in cands
        ]
        cands = [part for c in cands for part in self._joined_names(c, ranks)]
        sites = [
            c for c in cands if c.source != "embedded" and (is_site(c.name) or is_road(c.name))
        ]
        # a place entity the gazetteer lacks ("Kelleyland") may still be set in a named one
        unknown = [c for c in cands if c.source == "ner" and c.label in ("GPE", "LOC")]
        for cand in sites:
            cand.exact_only = is_natural(cand.name)
        cands = [c for c in cands if c.source != "org"]  # no place inside the organisation
        cands = self._joined(text, cands)
        for cand in cands:  # each name looked up once; "South X" gets its direction here
            ranks.options(cand)
        ranks.listed = _listed_kinds(text, cands, ranks)
        for cand, among in zip(cands, _among_provinces(text, cands, ranks), strict=True):
            cand.among_provinces = among
        ranks.definite = [
            _DEFINITE_BEFORE.search(text, max(0, c.start - 30), c.start) is not None for c in cands
        ]
        readings = {fold(c.name): ranks.options(c) for c in cands if c.source not in _NO_COLOCATION}
        ranks.colocation = _Colocation(readings)
        ranks.named_areas = _NamedAreas(readings)
        votes = demonym_votes(text)
        votes.update(spelling_votes(text))
        votes.update(hints or {})
        sentence_ends = _SentenceEnds(doc)
        local = [self._local(doc, c, text, sentence_ends) for c in cands]
        within = [
            None
            if _listed_after_an_area(text, cands, i, ranks)
            else self._enclosing_admin1(text, c)
            for i, c in enumerate(cands)
        ]
        ranks.province_of = _provinces_of_towns_before(text, cands, within, ranks)
        # pass 1: context-free picks; confident ones vote for their country and anchor others
        own: list[tuple[str, float] | None] = [None] * len(cands)
        own_admin1: list[str | None] = [None] * len(cands)
        anchors: list[tuple[int, tuple[float, float]]] = []
        names = [fold(c.name) for c in cands]
        no_anchors = _Anchors("none", [], names)
        for i, cand in enumerate(cands):
            ranked = ranks.rank(cand, Counter(), None, no_anchors, i, local[i], within[i])
            if not ranked or ranked[0].match.quality == "skeleton" or cand.source == "propn":
                continue
            if self._rejection(cand, ranked, Counter()) is not None:
                continue
            best = ranked[0].place
            countries = {r.place.country_code for r in ranked}
            full_area = len(ranked) == 1 and _area_in_full(cand.name, best)  # "Edgar County"
            # "southern Idleb countryside" (NER: ORG): the area word made it a place
            worded = cand.area_word is not None and cand.area_word not in _AREA_NEAR
            weak = cand.source in _WEAK_SOURCES and not (worded or _placed_firmly(cand, ranked[0]))
            if weak and best.feature_code != COUNTRY and not full_area:
                continue  # only names found as places vote ("resist Obama" must not)
            weight = 2.0 if best.feature_code == COUNTRY else 1.0 if len(countries) == 1 else 0.5
            # a town known by the name only as an alias ("Kristina": Ristiina, Finland) may
            # anchor its neighbours but never votes for its country
            alias = not best.is_area and fuzz.ratio(fold(cand.name), fold(best.name)) < 80
            if best.country_code and not alias:
                votes[best.country_code] += weight
                own[i] = (best.country_code, weight)
            if best.feature_code != COUNTRY and len(countries) == 1:
                own_admin1[i] = best.admin1_key  # "Georgia" near "Hall County, Ga."
            if best.feature_code not in (COUNTRY, WATER, REGION, CONTINENT) and len(countries) == 1:
                anchors.append((i, (best.latitude, best.longitude)))
        # pass 2 with the country context, pass 3 adds proximity to the other names' picks
        own_votes: dict[str, list[tuple[str, float]]] = {}  # per name, in candidate order
        for name, vote in zip(names, own, strict=True):
            if vote is not None:
                own_votes.setdefault(name, []).append(vote)
        context_of_name: dict[str, Counter[str]] = {}  # read-only, shared by a name's repeats
        for name in names:
            if name not in context_of_name:
                mine = Counter(votes)
                for code, weight in own_votes.get(name, ()):  # a name never votes for its own
                    mine[code] -= weight  # reading, nor do its repetitions
                context_of_name[name] = +mine
        context = [context_of_name[name] for name in names]
        for name in context_of_name:  # provinces the other names point to
            ranks.admin1_context[name] = Counter(
                key for key, other in zip(own_admin1, names, strict=True) if key and other != name
            )
        picks: list[tuple[int, tuple[float, float]]] = list(anchors)
        confident = _Anchors("confident", anchors, names)
        for i, cand in enumerate(cands):
            ranked = ranks.rank(cand, context[i], names[i], confident, i, local[i], within[i])
            if ranked and self._rejection(cand, ranked, context[i]) is None:
                best = ranked[0].place
                if not best.is_area and all(j != i for j, _ in anchors):
                    picks.append((i, (best.latitude, best.longitude)))
        mentions: list[PlaceMention] = []
        all_picks = _Anchors("picks", picks, names)
        final = [
            ranks.rank(cand, context[i], names[i], all_picks, i, local[i], within[i])
            for i, cand in enumerate(cands)
        ]
        # the countries the names found as places finally resolve to ("Gloucester" is read in
        # England only once "Cheltenham" is placed): what a name NER calls a person must match
        placed = Counter(
            ranked[0].place.country_code
            for cand, ranked in zip(cands, final, strict=True)
            if ranked and ranked[0].place.country_code and _placed_firmly(cand, ranked[0])
        )
        for i, cand in enumerate(cands):
            ranked = final[i]
            if ranked and _adjectival(doc, cand, ranked[0].place):
                continue
            if ranked and ranked[0].place.feature_code != COUNTRY:
                if cand.name in people:
                    continue  # "Clinton" after "Bill Clinton": a person, whatever NER said
                home = ranked[0].place.country_code
                area_of_place = cand.after_place and ranked[0].place.is_area
                # "an Alexandria woman", "Alexandria police": a cue, and a town of some size
                # under its main name (not Aleppo's old name Berea, nor Changchun for Cancun)
                best = ranked[0]
                cued_town = (
                    cand.source == "prep"
                    and best.match.quality == "exact"
                    and best.place.population >= _CUED_TOWN_MIN
                    and fuzz.ratio(fold(cand.name), fold(best.place.name)) >= 80  # Idleb
                )
                if cand.name in called_person and not (
                    area_of_place
                    or cued_town
                    or (home and (context[i].get(home) or placed.get(home)))
                ):
                    continue  # "Obama" (PERSON elsewhere) is no town in Japan here
            if self.trace is not None:
                self.trace.append((cand.start, cand.end, ranked))
            mention = self._mention(text, cand, ranked, context[i], within[i])
            if mention is not None:
                mentions.append(mention)
        mentions = _superseding(mentions, self._repeats(text, mentions, exclude, ents, people))
        mentions = _superseding(mentions, self._sites(text, sites, mentions, ranks))
        mentions = _superseding(mentions, self._sites(text, unknown, mentions, ranks, town=False))
        mentions += self._territory_demonyms(text, mentions, exclude)
        mentions += self._actor_countries(text, mentions, exclude)
        return sorted(mentions, key=lambda m: m.start)

    def _actor_countries(
        self, text: str, mentions: list[PlaceMention], exclude: Sequence[tuple[int, int]]
    ) -> list[PlaceMention]:
        """Countries named inside an actor's name, also as places (the issue's "a country
        named as a place is a place"): "the U.S. military", "the government of the United
        Kingdom", "the UN Interim Force in Lebanon", and the European Union or a country the
        caller took for an actor where the text uses it as a place ("within the EU", "EU
        institutions"). The actor stays the actor; ``source`` "embedded"."""
        taken = SpanIndex([(m.start, m.end) for m in mentions])
        out = []
        for start, end in exclude:
            found = self._country_in_actor(text, start, end)
            if found is None or taken.overlaps(found[0], found[1]):
                continue
            s, e, place = found
            note = f"'{text[s:e]}' inside the actor '{text[start:end]}': {place.name}"
            location = _location(place, self._precision(place), note)
            out.append(PlaceMention(s, e, text[s:e], location, None, EMBEDDED))
        return out

    def _country_in_actor(self, text: str, start: int, end: int) -> tuple[int, int, Place] | None:
        """The country (or union of countries) an actor's span names, with its offsets."""
        whole = self._union_or_country(text[start:end])
        if whole is not None:  # the span is the country: a place only where used as one
            used = _PLACE_BEFORE.search(text, max(0, start - 30), start) or _MODIFIES_AFTER.match(
                text, end
            )
            return (start, end, whole) if used else None
        words = list(_CAPITALISED.finditer(text, start, end))
        for k in (3, 2, 1):  # "the U.S. military", "US State Department"
            if len(words) < k or words[k - 1].end() >= end:
                continue  # the head of a longer name only
            if all(text[a.end() : b.start()] == " " for a, b in pairwise(words[:k])):
                place = self._union_or_country(text[words[0].start() : words[k - 1].end()])
                if place is not None:
                    return words[0].start(), words[k - 1].end(), place
        tail = _ACTOR_TAIL_PLACE.search(text, start, end)  # "the government of the United Kingdom"
        if tail:
            place = self._union_or_country(tail.group(1))
            if place is not None:
                return tail.start(1), tail.end(1), place
        return None

    def _union_or_country(self, name: str) -> Place | None:
        """The country or the European Union ``name`` exactly names (not a demonym)."""
        if is_demonym(name):
            return None
        for match in self.gaz.lookup(name, fuzzy=False):
            place = self.gaz.place(match.index)
            if match.quality != "exact":
                continue
            if place.feature_code == COUNTRY or (
                place.feature_code == REGION and place.name == "European Union"
            ):
                return place
        return None

    def _territory_demonyms(
        self, text: str, mentions: list[PlaceMention], exclude: Sequence[tuple[int, int]]
    ) -> list[PlaceMention]:
        """Countries named by their people's adjective before a noun for territory ("the
        Syrian capital", "the Turkish border"): the country as a place, ``source`` "modifier"."""
        taken = SpanIndex([(m.start, m.end) for m in mentions] + list(exclude))
        out = []
        for start, end, code in territory_demonyms(text):
            idx = self.gaz.country_by_code.get(code)
            if idx is None or taken.overlaps(start, end):
                continue
            place = self.gaz.place(idx)
            note = f"'{text[start:end]}' before a word for territory: the country {place.name}"
            location = _location(place, PRECISION_BY_FEATURE[COUNTRY], note)
            out.append(PlaceMention(start, end, text[start:end], location, None, MODIFIER))
        return out

    def _sites(
        self,
        text: str,
        sites: list[Candidate],
        mentions: list[PlaceMention],
        ranks: _ArticleRanks,
        *,
        town: bool = True,
    ) -> list[PlaceMention]:
        """Sites the gazetteer lacks ("Barclays Center"), placed at the town they are in
        (with ``town=False`` only where the text names that place: a place entity the
        gazetteer lacks is no more likely in the article's main town than elsewhere)."""
        placed = sorted(
            ((m.start, m.end, m.location) for m in mentions if m.location is not None),
            key=lambda p: p[0],
        )
        taken = SpanIndex([(m.start, m.end) for m in mentions if m.location is not None])
        out = []
        for cand in sites:
            exact = any(m.quality == "exact" for _, m in ranks.options(cand))
            if taken.overlaps(cand.start, cand.end) or exact or _no_name(cand):
                continue
            found = self._site_place(text, cand, placed, town=town)
            if found is not None:
                surface = text[cand.start : cand.end]
                location = site_location(surface, *found)
                source = EMBEDDED if town else cand.source
                out.append(PlaceMention(cand.start, cand.end, surface, location, None, source))
        return out

    def _site_place(
        self,
        text: str,
        cand: Candidate,
        placed: list[tuple[int, int, Location]],
        *,
        town: bool = True,
    ) -> tuple[Location, str] | None:
        """Where a site is: the place the text sets it in ("X in Geneva"), the article's
        place its name opens with ("Seoul Central District Court"), else (with ``town``) the
        article's main town."""
        around = named_around(text, cand.start, cand.end, placed)
        if around is not None:
            return around, "the place named with it"
        words = list(_CAPITALISED.finditer(text, cand.start, cand.end))[:3]
        by_text = {text[s:e]: loc for s, e, loc in placed}
        for k in range(len(words), 0, -1):
            name = text[cand.start : words[k - 1].end()]
            if name in by_text:
                return by_text[name], "the place its name opens with"
        main = main_town(placed) if town else None
        return (main, "the town the article names most") if main is not None else None

    def _repeats(
        self,
        text: str,
        mentions: list[PlaceMention],
        exclude: Sequence[tuple[int, int]],
        ents: Sequence[Span],
        people: set[str],
    ) -> list[PlaceMention]:
        """The other occurrences of each placed name (``repeats``)."""
        placed = [
            (m.start, m.end, m.location)
            for m in mentions
            if m.location is not None and m.location.latitude is not None
        ]
        found = repeated_names(
            text,
            placed,
            taken=[(m.start, m.end) for m in mentions if m.location is not None] + list(exclude),
            ents=ents,
            people=people,
            is_place=self._is_place_name,
        )
        return [PlaceMention(s, e, text[s:e], loc, None, source) for s, e, loc, source in found]

    @lru_cache(maxsize=4096)  # noqa: B019 - the parser lives as long as the process
    def _is_place_name(self, phrase: str) -> bool:
        """The gazetteer has ``phrase`` exactly (a place's name or alias)."""
        return any(m.quality == "exact" for m in self.gaz.lookup(phrase, fuzzy=False))

    def _joined(self, text: str, cands: list[Candidate]) -> list[Candidate]:
        """ "Baja California", "Nueva Ecija": two names NER split at a space are one place when
        the gazetteer knows them joined (not Baja, Hungary, and California)."""
        out: list[Candidate] = []
        for cand in cands:
            last = out[-1] if out else None
            gap = text[last.end : cand.start] if last is not None else ""
            if (
                last is not None
                and _JOINING_GAP.fullmatch(gap)
                and (not gap.startswith(" of") or " " in last.name)  # no "City of Richmond"
            ):
                # "Democratic Republic" + "of the" + "Congo", "Newfoundland and Labrador"
                name = f"{last.name} {cand.name}" if gap == " " else text[last.start : cand.end]
                if any(m.quality == "exact" for m in self.gaz.lookup(name, fuzzy=False)):
                    out[-1] = Candidate(last.start, cand.end, name, last.source, last.label)
                    continue
            out.append(cand)
        return out

    def _named_city(self, cand: Candidate) -> Candidate:
        """ "Kansas City", "Mexico City", "Cape Town", "Greenwich Village": the word is part of
        the town's name when the gazetteer has a town by the whole name (else "Raqqa city" is
        Raqqa, the town)."""
        if cand.area_word not in _AREA_POINT or not cand.name[:1].isupper():
            return cand
        whole = f"{cand.name} {cand.area_word.title()}"
        if any(
            m.quality == "exact" and not self.gaz.place(m.index).is_area
            for m in self.gaz.lookup(whole, fuzzy=False)
        ):
            cand.name, cand.area_word = whole, None
        return cand

    def _joined_names(self, cand: Candidate, ranks: _ArticleRanks) -> list[Candidate]:
        """ "Fargo-Moorhead", "Amsterdam-London", "Surfside/Garden City": places joined by a
        hyphen or a slash, when the whole is no place; each part that is a place by its exact
        name (a lone part, as "Watertown" in "Watertown-ML", too)."""
        joined = _JOINED.split(cand.name)
        if cand.source == "org" or len(joined) < 2 or not all(p[:1].isupper() for p in joined):
            return [cand]  # "al-Mayadin": an article and a name
        if any(part.rsplit(" ", 1)[-1].lower() in ARTICLES for part in joined[:-1]):
            return [cand]  # "Ras al-Ain", "Deir ez-Zor": the article joins a name
        if any(m.quality == "exact" for _, m in ranks.options(cand)):
            return [cand]  # "Winston-Salem", "Guinea-Bissau"
        parts = []
        for m in _JOINED_PART.finditer(cand.name):
            sub = Candidate(cand.start + m.start(), cand.start + m.end(), m.group(0), cand.source)
            sub.label = cand.label
            if any(q.quality == "exact" for _, q in ranks.options(sub)):
                parts.append(sub)
        return parts or [cand]

    def _named_district(self, cand: Candidate) -> Candidate:
        """ "Butler County", "Kirkuk District": the district records of that whole name are the
        readings (ranked in context), not the towns called "Butler" and their districts."""
        if cand.area_word not in _AREA_ADMIN2 or not cand.name[:1].isupper():
            return cand
        whole = f"{cand.name} {cand.area_word.title()}"
        if any(
            m.quality == "exact" and self.gaz.place(m.index).feature_code == ADM2
            for m in self.gaz.lookup(whole, fuzzy=False)
        ):
            cand.name, cand.area_word = whole, None
        return cand

    def _embedded(self, text: str, cand: Candidate, ranks: _ArticleRanks) -> Candidate | None:
        """The place an organisation is named after ("Mansfield Police Department" →
        Mansfield), when the whole name is no place; ``None`` when there is none."""
        if cand.source not in _EMBEDDING_SOURCES:
            return None
        # a GPE or LOC entity is a place name as a whole, unless the gazetteer lacks it and a
        # word for what serves a place follows the name ("Henderson County Jail")
        served_only = cand.source == "ner" and cand.label != "FAC"
        if not served_only and cand.label not in _EMBEDDING_LABELS:
            return None
        if ranks.options(cand):
            return None  # the whole name is a place already
        in_place = None if served_only else _IN_PLACE.search(text, cand.start, cand.end)
        if in_place and cand.label in ("ORG", "FAC"):
            sub = Candidate(in_place.start(1), in_place.end(1), in_place.group(1), "prep")
            if ranks.options(sub):
                return frame(text, sub)
        for pattern, areas_only in ((_OF_PLACE, False), (_OF_AREA, True)):
            of_place = None if served_only else pattern.search(text, cand.start, cand.end)
            if of_place and cand.label != "PERSON":  # "University of Hartford", "Bank of England"
                sub = Candidate(of_place.start(1), of_place.end(1), of_place.group(1), "embedded")
                sub.label = cand.label
                if self._names_a_place(ranks, sub, areas_only=areas_only):
                    return frame(text, sub)
        words = list(_CAPITALISED.finditer(text, cand.start, cand.end))
        for k in (3, 2, 1):
            if len(words) <= k or words[0].start() != cand.start:
                continue
            start, end = cand.start, words[k - 1].end()
            if any(text[a.end() : b.start()] != " " for a, b in pairwise(words[:k])):
                continue  # "Smith, Jones": not one name
            possessive = _POSSESSIVE_END.search(text, start, end)
            if possessive:  # "Derry’s Altnagelvin Hospital": Derry holds the hospital
                end = possessive.start()
                if not _HELD_BY_PLACE.search(text, end, cand.end):
                    continue
            elif k < len(words) and _POSSESSIVE_END.search(words[k].group()):
                continue  # "Columbia" of "Columbia Heights’s": the name runs on
            rest = text[end : cand.end]
            if cand.label == "PERSON" and not _SERVING_PERSON.match(rest):
                continue
            if served_only and not _SERVED_BY.match(rest):
                continue
            if _NOT_SERVING.search(rest) or fold(text[start:end]) in _NOT_PLACES:
                continue
            if _MOVEMENT.search(rest):
                continue  # "Palestine Liberation Organization": an actor, not a place
            # a town only before a word for what serves it ("Gainesville Police"), a country or
            # province before any ("Texas Department of ..."), but no "Justice Department"
            areas_only = not (possessive or _SERVED_BY.match(rest))
            sub = Candidate(start, end, text[start:end], "embedded", cand.label)
            if self._names_a_place(ranks, sub, areas_only=areas_only):
                return frame(text, sub)
        return None

    @staticmethod
    def _names_a_place(ranks: _ArticleRanks, sub: Candidate, *, areas_only: bool = False) -> bool:
        """A name inside an organisation's that is a town of some size or an area (a country
        or province only, with ``areas_only``), under its main name (not an alias such as
        "Plain"; but "U.S." for the country and "S.C." for a US state)."""
        key = fold(sub.name)
        compass = _COMPASS_COUNTRY.match(sub.name)  # "Western Pennsylvania Kennel Association"
        inner = fold(compass.group(2)) if compass else key
        dotted = _DOTTED_ABBREVIATION.fullmatch(sub.name) is not None
        return len(key) >= 3 and any(
            m.quality == "exact"
            and (
                p.feature_code in _NAMED_AREAS
                if areas_only
                else (p.is_area or p.population >= _EMBEDDED_TOWN_MIN)
            )
            and (
                p.feature_code == COUNTRY
                or (dotted and p.feature_code == ADM1)
                or max(fuzz.ratio(key, fold(p.name)), fuzz.ratio(inner, fold(p.name))) >= 85
            )
            for p, m in ranks.options(sub)
        )

    def resolve(
        self,
        name: str,
        *,
        country_hint: str | None = None,
        near: tuple[float, float] | None = None,
    ) -> Location | None:
        """The likeliest place for a bare name (e.g. an actor's base), or ``None``."""
        cand = frame_phrase(name)
        if country_hint and len(country_hint) == 2:  # accept ISO alpha-2 too
            country = pycountry.countries.get(alpha_2=country_hint.upper())
            country_hint = country.alpha_3 if country else None
        votes: Counter[str] = Counter({country_hint: 3} if country_hint else {})
        ranked = self._rank(
            self._options(cand), votes, [near] if near else [], country_hint, query=fold(cand.name)
        )
        if not ranked or not self._acceptable(cand, ranked, votes):
            return None
        return self._locate(cand, ranked)[0]

    # ranking --------------------------------------------------------------------------------
    def _is_country(self, key: str) -> bool:
        """The folded ``key`` is a country's main name."""
        return any(
            self.gaz.place(m.index).feature_code == COUNTRY
            and fold(self.gaz.place(m.index).name) == key
            for m in self.gaz.lookup(key, fuzzy=False)
        )

    def _is_province(self, name: str) -> bool:
        """``name`` is a first-order area's own main name ("England", "Scotland")."""
        key = fold(name)
        return any(
            m.quality == "exact"
            and self.gaz.place(m.index).feature_code == ADM1
            and fold(self.gaz.place(m.index).name) == key
            for m in self.gaz.lookup(name, fuzzy=False)
        )

    def _country_code(self, name: str) -> str | None:
        for match in self.gaz.lookup(name, fuzzy=False):
            place = self.gaz.place(match.index)
            if place.feature_code == COUNTRY and match.quality == "exact":
                return place.country_code
        return None

    def _enclosing_admin1(self, text: str, cand: Candidate) -> str | None:
        """The province named right after a town ("Springfield, Ill.", "Mayadin, Deir Ezzor",
        "Beni (Beni, Nord-Kivu)")."""
        after = text[cand.end : cand.end + 80]
        m = _AFTER_COMMA.match(after) or _IN_PARENTHESIS.match(after)
        if not m or len(m.group(1).rstrip(".")) < 2:
            return None  # "..., I said": no province
        if m.re is _AFTER_COMMA and self._listed_on(after[m.end() :], m.group(1)):
            return None  # "Denver, Indianapolis, Louisville": a list, not a town's province
        places = [self.gaz.place(match.index) for match in self.gaz.lookup(m.group(1), fuzzy=False)]
        for place in places:
            if place.feature_code == ADM1:
                return place.admin1_key
        # "Pisky, Donetsk", "Daman district, Kandahar": the province named by its capital
        stem = fold(m.group(1))[:5]
        for place in places:
            if place.admin1 and len(stem) == 5 and fold(place.admin1).startswith(stem):
                return place.admin1_key
        return None

    def _listed_on(self, rest: str, province: str) -> bool:
        """The name after a town's comma goes on into a list of places ("Siaya, Kisumu,
        Bondo", "Cairo, Giza, and Al-Minya"), unless it is a dotted state ("Peoria, Ill., and
        Joliet") or the list's next name is a country ("Beni, Nord-Kivu, DRC")."""
        nxt = _LIST_GOES_ON.match(rest)
        if nxt is None or _DOTTED_ABBREVIATION.fullmatch(province):
            return False
        return self._country_code(nxt.group(1)) is None

    def _local(
        self,
        doc: Doc,
        cand: Candidate,
        text: str | None = None,
        sentence_ends: _SentenceEnds | None = None,
    ) -> Counter[str]:
        """Countries the words around this one name give it ("the Syrian town of X").

        ``sentence_ends`` is ``_SentenceEnds(doc)`` when the caller has it already.
        """
        sentence_ends = _SentenceEnds(doc) if sentence_ends is None else sentence_ends
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        if span is None or not sentence_ends.annotated:
            sentence_end = cand.end
        elif sentence_ends.hooked:
            sentence_end = span.sent.end_char
        else:
            sentence_end = sentence_ends.of_token(span.start)
        return local_countries(
            text if text is not None else doc.text,
            cand.start,
            cand.end,
            sentence_end,
            self._country_code,
        )

    def _options(self, cand: Candidate) -> list[tuple[Place, Match]]:
        """The gazetteer records a candidate's name may denote ("South X" sets its direction)."""
        found, direction = self._name_options(cand.name, _may_be_loose(cand))
        if direction is not None:
            cand.direction = direction
        return found

    def _readings(self, name: str, loose_source: bool) -> _Readings:
        """``_name_options`` and ``_prior`` of a name, each worked out once per process."""
        key = (name, loose_source)
        known = self._known.get(key)
        if known is None:
            if len(self._known) >= _KNOWN_NAMES:
                self._known.clear()
            options, direction = self._name_options(name, loose_source)
            known = _Readings(options, direction, name, self.ranker)
            self._known[key] = known
        return known

    def _name_options(
        self, name: str, loose_source: bool
    ) -> tuple[list[tuple[Place, Match]], str | None]:
        """A name's records, and the compass direction when it names part of a country."""
        key = fold(name)
        if not key or key in _NOT_PLACES or (is_demonym(name) and not self._is_country(key)):
            return [], None  # "Iraqi", but "Laos" (the plural of "Lao") is a country
        # "al-Mayadin": the capital letter that marks a name comes after the article
        words = [w for w in name.replace("-", " ").split() if fold(w) not in ARTICLES]
        if not (words and words[0][:1].isupper() and len(key.replace(" ", "")) >= 2):
            return [], None  # "n’t", "the area": no name
        # loose spellings only for names long enough to carry one, never for acronyms ("MSC")
        fuzzy = (
            loose_source and len(key.replace(" ", "")) >= 6 and not name.replace(" ", "").isupper()
        )
        found = _province_over_alias(
            [(self.gaz.place(m.index), m) for m in self.gaz.lookup(name, fuzzy=fuzzy)], key
        )
        if _ACRONYM.fullmatch(name):
            found = [(p, m) for p, m in found if p.is_area or _spells(key, p.name)]
        compass = _COMPASS_COUNTRY.match(name)
        if compass and not any(
            p.feature_code in (COUNTRY, ADM1, REGION, CONTINENT, WATER) and m.quality == "exact"
            for p, m in found
        ):
            # "South Lebanon", "Western Cambodia": part of a country, not a namesake town;
            # "North Texas", "Southern California": part of a province; "North Georgia": either,
            # ranked in the article's context
            country = self._country_code(compass.group(2))
            if self._is_province(compass.group(2)):
                country = None  # "North West England": part of England, not of the kingdom
            areas = [
                (self.gaz.place(m.index), m)
                for m in self.gaz.lookup(compass.group(2), fuzzy=False)
                if m.quality == "exact" and self.gaz.place(m.index).feature_code == ADM1
            ]
            if country is not None:
                idx = self.gaz.country_by_code[country]
                areas.insert(0, (self.gaz.place(idx), Match(idx, "exact")))
            if areas:
                return areas, compass.group(1).lower()
            # "Eastern Ghouta" (no record): part of a place the gazetteer lacks, never a town
            # spelt nearly alike ("Southern Gateway", USA); "South Philadelphia": part of a city
            exact = [(p, m) for p, m in found if m.quality == "exact"]
            return exact or self._part_of(compass.group(2)), None
        part = _PART_OF.match(name)
        if part and not any(m.quality == "exact" for _, m in found):
            return self._part_of(part.group(1)), None  # "Greater Butler County", "Metro Vancouver"
        return found, None

    def _part_of(self, name: str) -> list[tuple[Place, Match]]:
        """The city or district a part of it is named after ("South Philadelphia", "West
        Wichita", "Greater Butler County"): a city of some size under its own name, or a
        district named in full; never "Side" (Turkey) for "South Side"."""
        key = fold(name)
        return [
            (p, m)
            for p, m in ((self.gaz.place(m.index), m) for m in self.gaz.lookup(name, fuzzy=False))
            if m.quality == "exact"
            and fold(p.name) == key
            and (p.population >= _PART_OF_CITY_MIN if not p.is_area else p.feature_code == ADM2)
        ]

    def _rank(
        self,
        options: list[tuple[Place, Match]],
        votes: Counter[str],
        anchors: list[tuple[float, float]],
        country_hint: str | None,
        local: Counter[str] | None = None,
        within: str | None = None,
        query: str = "",
        prior: _Prior | None = None,
        admin1s: Counter[str] | None = None,
        colocated: list[tuple[float, float]] | None = None,
        listed: frozenset[str] = frozenset(),
        definite: bool = False,
        inside: list[tuple[bool, bool]] | None = None,
        province_of: str | None = None,
    ) -> list[_Scored]:
        """Readings best first: the context-free ``prior`` plus what the article's context adds.

        ``prior`` is ``_prior(options, query, ranker)``, passed in when the caller has it
        already; ``admin1s`` are the provinces the article's other places point to;
        ``colocated`` is ``_Colocation.of`` for these options; ``listed`` the kinds of area
        the name's neighbours in a list may be (``_listed_kinds``); ``definite``: "the" stands
        before the bare name; ``inside`` is ``_NamedAreas.of`` for these options.
        """
        if prior is None:
            prior = _prior(options, query, self.ranker)
        total = sum(votes.values()) or 1
        nearby = _Nearby(list(dict.fromkeys(anchors)))  # repeated names anchor the same point
        biggest = prior.biggest
        scored = []
        colocated = colocated or [(0.0, 0.0)] * len(options)
        inside = inside or [(False, False)] * len(options)
        for (place, match), score, features, near_names, within_named in zip(
            options, prior.scores, prior.features, colocated, inside, strict=True
        ):
            nearest = math.inf
            if nearby.anchors and place.feature_code != COUNTRY:
                point = (place.latitude, place.longitude)
                nearest = _nearest_km(point, nearby.around(place.latitude))
            context = context_features(
                place,
                votes,
                total,
                biggest,
                local,
                within,
                nearest,
                admin1s,
                near_names,
                listed,
                definite,
                within_named,
                province_of,
            )
            score += self.ranker.context_score(context)
            if country_hint and place.country_code == country_hint:
                score += HINT_BONUS
            scored.append(
                _Scored(
                    place,
                    match,
                    score,
                    sole=len(options) == 1,
                    nearest_km=nearest,
                    features=(features + context) if self.trace is not None else None,
                )
            )
        return sorted(scored, key=lambda s: -s.score)

    def _acceptable(self, cand: Candidate, ranked: list[_Scored], votes: Counter[str]) -> bool:
        return self._rejection(cand, ranked, votes) is None

    def _rejection(
        self,
        cand: Candidate,
        ranked: list[_Scored],
        votes: Counter[str],
        within: str | None = None,
    ) -> str | None:
        """Why the best reading (``ranked[0]``) is too weak to accept, or ``None``
        (``within``: the province named right after the name, "Kelleyland, Louisiana")."""
        best = ranked[0]
        place, quality = best.place, best.match.quality
        if within and quality != "exact" and place.admin1_key != within:
            return (
                f"only a loose spelling match ({place.name}, {place.admin1}) outside the "
                "province named with it"
            )
        in_context = bool(place.country_code and votes.get(place.country_code))
        if cand.source in ("other_ent", "propn"):
            if quality == "exact" and place.feature_code in (COUNTRY, REGION):
                return None
            if cand.label == "LANGUAGE":
                return "a language name without a place cue"
            # a name NER calls a person or organisation must be a sizeable town to be read as
            # one, under (nearly) its main name: alternate names carry the junk ("Packard")
            floor = 10_000 if cand.label == "PERSON" else 5000
            similar = fuzz.ratio(fold(cand.name), fold(place.name)) >= 80  # Idleb, Idlib
            sizeable = (place.population >= floor or place.is_area) and similar
            # "Raqqa city", "Idlib province": the area word is the place cue NER did not see
            cued = cand.area_word is not None and cand.area_word not in _AREA_NEAR
            if quality == "exact" and (in_context or cued) and sizeable:
                return None
            # a town right beside the places the article names is one more of them ("shelters
            # in Elbow Lake and Fergus Falls"), whatever its size
            beside = best.nearest_km < _BESIDE_KM and in_context and similar
            if quality == "exact" and beside and cand.label != "PERSON":
                return None
            return "a name without a place cue, not known as a place in the article's countries"
        if place.feature_code in (COUNTRY, WATER, REGION, CONTINENT) and quality == "exact":
            return None
        if quality == "skeleton":
            # the province and its capital town are one reading, spelt either way
            ratio = max(
                fuzz.ratio(strip_articles(fold(cand.name)), strip_articles(fold(r.place.name)))
                for r in ranked
                if r is best or (place.admin1_key and r.place.admin1_key == place.admin1_key)
            )
            # a name found by its cue alone ("in Tal Abiad", tagged PERSON) needs the context
            # or a close spelling of a province or city ("in Idleb")
            large = place.population >= 100_000 or place.feature_code == ADM1
            large = large and (cand.source != "prep" or ratio >= 80)
            if ratio < 60 or not (in_context or large):
                return f"only a loose spelling match ({place.name}, {place.country_code})"
        # a weak cue is enough for a name only one place in the world bears ("near Timbuktu"),
        # even inside an organisation's name when it is a district's or province's full name
        # ("the Edgar County Community Foundation")
        full_area = _area_in_full(cand.name, place)
        sole = best.sole and (cand.label not in ("ORG", "PERSON", "NORP") or full_area)
        weak = quality != "exact" or (cand.source in _WEAK_SOURCES and not sole)
        if votes and not in_context and place.population < 100_000 and weak:
            where = ", ".join(c for c, _ in votes.most_common(3))
            return (
                f"only {place.name} ({place.country_code}) found, outside the article's "
                f"countries ({where})"
            )
        if cand.source in ("prep", "embedded") and place.population < 1000 and not in_context:
            return f"weak cue and only a small place ({place.name}, {place.country_code})"
        return None

    # output ---------------------------------------------------------------------------------
    def _mention(
        self,
        text: str,
        cand: Candidate,
        ranked: list[_Scored],
        votes: Counter[str],
        within: str | None = None,
    ) -> PlaceMention | None:
        surface = text[cand.start : cand.end]
        if not ranked:
            if (
                not any(ch.isupper() for ch in cand.name[:4])
                or is_demonym(cand.name)
                or fold(cand.name) in _NOT_PLACES
            ):
                return None  # "in March", "from Reuters": not claimed as places
            unit = self._unit(cand, within, votes)
            if unit is not None:
                return PlaceMention(cand.start, cand.end, surface, unit, None, cand.source)
            if cand.source in _WEAK_SOURCES:
                return None
            return PlaceMention(
                cand.start,
                cand.end,
                surface,
                None,
                "not in gazetteer (GeoNames cities500 + overrides)",
                cand.source,
            )
        if self._elsewhere(ranked[0].place, within):
            # "Bohdanivka, Donetsk": the Bohdanivka in Donetsk oblast, not a likelier namesake
            inside = [r for r in ranked if r.place.admin1_key == within]
            ranked = inside + [r for r in ranked if r.place.admin1_key != within]
        reason = self._rejection(cand, ranked, votes, within)
        if within is not None and ranked[0].place.admin1_key == within:
            reason = None  # "of Rio de Janeiro, Rio de Janeiro": its province is the place cue
        if cand.area_word in NEIGHBOURHOOD_WORDS and ranked[0].nearest_km > _BESIDE_KM:
            # "in Acapulco ... in Colonia 20 de Noviembre": a neighbourhood of the town named,
            # not the namesake village 300 km away
            reason = "a neighbourhood not in the gazetteer near the article's other places"
        elsewhere = self._elsewhere(ranked[0].place, within)
        if reason is None and not (elsewhere or self._outside(ranked[0].place, within)):
            location, _ = self._locate(cand, ranked)
            return PlaceMention(cand.start, cand.end, surface, location, None, cand.source)
        unit = self._unit(cand, within, votes)  # "Quissanga, Cabo Delgado" is not Kaohsiung
        if unit is not None:
            return PlaceMention(cand.start, cand.end, surface, unit, None, cand.source)
        if reason is None and elsewhere:
            province = self.gaz.place(self.gaz.admin1_by_key[within]).name
            reason = f"not in the gazetteer in {province}, the province named with it"
        if reason is None:
            location, _ = self._locate(cand, ranked)
            return PlaceMention(cand.start, cand.end, surface, location, None, cand.source)
        if cand.source in _WEAK_SOURCES:
            return None
        return PlaceMention(cand.start, cand.end, surface, None, reason, cand.source)

    def _elsewhere(self, place: Place, within: str | None) -> bool:
        """The reading is a town in another province of the country of the province named
        right after the name (not a province itself: "Utah, Ohio, Oregon and Texas")."""
        idx = self.gaz.admin1_by_key.get(within) if within else None
        return (
            idx is not None
            and place.admin1_key != within
            and place.country_code == self.gaz.place(idx).country_code
            and place.feature_code not in (ADM1, COUNTRY, REGION, CONTINENT, WATER)
        )

    def _outside(self, place: Place, within: str | None) -> bool:
        """The reading lies in another country than the province named right after the name."""
        idx = self.gaz.admin1_by_key.get(within) if within else None
        if idx is None or place.admin1_key == within:
            return False
        return place.country_code != self.gaz.place(idx).country_code

    def _unit(self, cand: Candidate, within: str | None, votes: Counter[str]) -> Location | None:
        """A district or commune the gazetteer lacks (``units``): in the province named right
        after it ("Dessa, Tillaberi"), or, for a name found as a place, in the one country the
        article is about; never for a neighbourhood ("Sossego neighborhood" is no district)."""
        if cand.area_word in NEIGHBOURHOOD_WORDS:
            return None
        if all(is_demonym(word) for word in cand.name.replace("-", " ").split()):
            return None  # "settlement of Russian Jewish immigrants": people, not a district
        idx = self.gaz.admin1_by_key.get(within) if within else None
        province = self.gaz.place(idx) if idx is not None else None
        if province is not None:
            unit = self.units.in_province(cand.name, province)
        elif cand.source not in _WEAK_SOURCES:
            unit = self.units.in_country(cand.name, votes)
        else:
            return None
        if unit is None:
            return None
        place = unit.as_place(province.name if province is not None else None)
        return _location(place, unit.precision, place.note)

    def _locate(self, cand: Candidate, ranked: list[_Scored]) -> tuple[Location, Place]:
        """Turn the best reading into a Location, honouring area words and "near"."""
        area = cand.area_word
        best = ranked[0]
        if area in _AREA_POINT:  # "Gaza City", "the town of X": the populated place itself
            best = next((r for r in ranked if not r.place.is_area), best)
        place, precision, note = best.place, self._precision(best.place), []
        wants_admin1 = (
            area in _AREA_ADMIN1
            or area == _AREA_BORDER
            or cand.among_provinces
            or (cand.direction is not None and area is None)
        )
        if wants_admin1 and place.feature_code not in (ADM1, COUNTRY, WATER, REGION, CONTINENT):
            admin1 = next(
                (
                    r.place
                    for r in ranked
                    if r.place.feature_code == ADM1 and r.place.country_code == place.country_code
                ),
                None,
            )
            # "Cotabato province": a district that its country calls a province (no first-order
            # area of that name) stays the district
            named_district = place.feature_code == ADM2 and area in _AREA_ADMIN1
            if admin1 is None and area in _AREA_ADMIN1 and not named_district:
                admin1 = self.gaz.admin1_of(place)
            if admin1 is not None:
                phrase = " ".join(w for w in (cand.direction, cand.name, area) if w)
                note.append(f"'{phrase}' read as the first-order area {admin1.name}")
                place, precision = admin1, 4
            elif named_district:
                note.append(f"'{cand.name} {area}' read as the district {place.name}")
            else:
                note.append("an area around the named place")
                precision = 2
        elif area in _AREA_ADMIN2 and place.feature_code != ADM2:
            # the district of the best reading's own province ("DeKalb County" in Georgia
            # when DeKalb, Georgia is read), else the best-ranked district
            districts = [r.place for r in ranked if r.place.feature_code == ADM2]
            adm2 = next(
                (d for d in districts if place.admin1_key and d.admin1_key == place.admin1_key),
                districts[0] if districts else None,
            )
            if adm2 is None:  # "Kirkuk district" → the record named "Kirkuk District"
                adm2 = next(
                    (
                        self.gaz.place(m.index)
                        for m in self.gaz.lookup(f"{cand.name} {area}", fuzzy=False)
                        if self.gaz.place(m.index).feature_code == ADM2
                        and self.gaz.place(m.index).country_code == place.country_code
                    ),
                    None,
                )
            if adm2 is not None:
                place, precision = adm2, 3
            else:
                note.append(f"no {area} record: the named town, as an area around it")
                precision = 2
        elif place.feature_code == ADM1 and cand.direction:
            precision = 4
        elif place.feature_code == COUNTRY and cand.direction:
            precision = 5
            note.append(f"the {cand.direction} part of {place.name}")
        if precision == 1 and (cand.near or area in _AREA_NEAR):
            precision = 2
            note.append("near the named place")
        if best.match.quality != "exact":
            note.append(f"matched by {best.match.quality} spelling")
        if place.note:
            note.append(place.note)
        return _location(place, precision, "; ".join(note) or None), place

    @staticmethod
    def _precision(place: Place) -> int:
        return PRECISION_BY_FEATURE.get(place.feature_code, 1)


def _location(place: Place, precision: int, note: str | None) -> Location:
    """A gazetteer record as the contract's Location."""
    return Location(
        name=place.name,
        geonames_id=place.geonames_id,
        latitude=place.latitude,
        longitude=place.longitude,
        admin1=place.admin1,
        country_code=place.country_code,
        geo_precision=precision,
        feature_code=place.feature_code,
        resolution_note=note,
    )


@dataclass
class _Prior:
    """What ranking knows of a name's readings before any context."""

    scores: list[float]  # per reading: population, kind of place, how well the name matched
    biggest: dict[bool, int]  # the largest population among areas (True) and points (False)
    features: list[list[float]]  # per reading: the ranker's context-free features


def _prior(options: list[tuple[Place, Match]], query: str, ranker: Ranker) -> _Prior:
    """The context-free part of each reading's score (``_rank`` adds the context to it)."""
    biggest, towns, countries = (
        biggest_namesakes(options),
        town_provinces(options),
        named_countries(options, query),
    )
    capital = any(p.feature_code == CAPITAL and m.quality == "exact" for p, m in options)
    features = [
        prior_features(p, match, query, biggest, towns, countries, capital) for p, match in options
    ]
    return _Prior([ranker.prior_score(f) for f in features], biggest, features)


def _provinces_of_towns_before(
    text: str, cands: list[Candidate], within: list[str | None], ranks: _ArticleRanks
) -> list[str | None]:
    """Per candidate: the province ``within`` found for the town named right before it and
    a comma ("Buffalo, New York"), i.e. the province this candidate names, or None. Only
    when the town has a reading in that province ("Tbilisi, Georgia" is no US state, nor
    "Fort Detrick, Maryland" Liberia's county), not after a bare proper noun, nor after the
    same name ("Rio de Janeiro, Rio de Janeiro": the town lies within 161 km of either)."""
    out: list[str | None] = [None] * len(cands)
    for i in range(1, len(cands)):
        before, key = cands[i - 1], within[i - 1]
        if (
            key
            and before.source != "propn"
            and fold(before.name) != fold(cands[i].name)
            and _AREA_AFTER_TOWN.fullmatch(text, before.end, cands[i].start)
            and any(p.admin1_key == key for p, _ in ranks.options(before))
        ):
            out[i] = key
    return out


_AREA_AFTER_TOWN = re.compile(r",\s*")


_JOINED = re.compile(r"\s?[-/–]\s?")
_JOINED_PART = re.compile(r"[A-Z][\w.'’]*(?:\s[A-Z][\w.'’]*)*")


def _province_over_alias(options: list[tuple[Place, Match]], key: str) -> list[tuple[Place, Match]]:
    """A province's own name is that province, not a country it is an alias of: "England",
    "Scotland", "Wales" are GeoNames' first-order areas of the United Kingdom (ids 6269131,
    2638360, 2634895), and read as the kingdom they sat 200 km or more from the point news
    corpora give them. A country whose own name it is ("Georgia", "Panama") stays."""
    if not any(
        p.feature_code == ADM1 and m.quality == "exact" and fold(p.name) == key for p, m in options
    ):
        return options
    return [(p, m) for p, m in options if p.feature_code != COUNTRY or fold(p.name) == key]


def _spells(acronym: str, name: str) -> bool:
    """A town's acronym is its name ("Ada") or its words' initials ("NYC", "SF"); other short
    codes among its alternate names are airports' ("DAC" for Dhaka, "SRT" for Sirte), and in
    news the same letters are an organisation's ("the DAC Community Arts Grants Committee")."""
    words = fold(name).split()
    return acronym == " ".join(words) or acronym == "".join(w[0] for w in words if w)


def _no_name(cand: Candidate) -> bool:
    """ "North", "Earth", "Iraqi", "the area": words that name no place of their own."""
    return (
        not any(ch.isupper() for ch in cand.name[:4])
        or fold(cand.name) in _NOT_PLACES
        or is_demonym(cand.name)
    )


def _area_in_full(name: str, place: Place) -> bool:
    """ "Edgar County" for Edgar County: an area's whole name, its area word included."""
    return (
        " " in name and fold(name) == fold(place.name) and _AREA_WORD_LAST.search(name) is not None
    )


_AREA_WORD_LAST = re.compile(
    r"\s(?:County|Parish|District|Province|Governorate|Oblast|Prefecture|State)$"
)


def _superseding(mentions: list[PlaceMention], new: list[PlaceMention]) -> list[PlaceMention]:
    """``mentions`` and the ``new`` ones, which replace the unresolved names they overlap
    ("Dublin Art Stroll", not in the gazetteer, once "Dublin" is read inside it)."""
    if not new:
        return mentions
    done = SpanIndex([(m.start, m.end) for m in new])
    kept = [m for m in mentions if m.location is not None or not done.overlaps(m.start, m.end)]
    return kept + new


def _placed_firmly(cand: Candidate, best: _Scored) -> bool:
    """A name found as a place, or a cued one that is a large place by its exact name ("in
    northern Aleppo"): its country is one the article is about."""
    if cand.source not in _WEAK_SOURCES:
        return True
    large = best.place.population >= 100_000 or best.place.feature_code in (ADM1, COUNTRY)
    return cand.source == "prep" and best.match.quality == "exact" and large


def _may_be_loose(cand: Candidate) -> bool:
    """Only names found as places (entities, "town of X", "in X") may match by a loose
    spelling; a cued name only within the article's countries (see ``_rejection``)."""
    return cand.source in ("ner", "feature", "prep") and not cand.exact_only


class _SentenceEnds:
    """The end character of the sentence a token is in (what ``Span.sent.end_char`` gives),
    by bisection over the sentence starts: ``Span.sent`` walks the doc token by token."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import SENT_START

        self.annotated = doc.has_annotation("SENT_START")
        # sentences from user hooks: ask ``Span.sent`` itself
        self.hooked = "sent" in doc.user_span_hooks or "sents" in doc.user_hooks
        flags = doc.to_array(SENT_START).tolist() if self.annotated and len(doc) else []
        # a sentence starts at token 0 and at every token flagged 1 (as ``Span.sent`` reads it)
        self.starts = [i for i, flag in enumerate(flags) if i == 0 or flag == 1]
        ends = [*self.starts[1:], len(doc)] if self.starts else []
        self.end_chars = [doc[end - 1].idx + len(doc[end - 1]) for end in ends]

    def of_token(self, i: int) -> int:
        """End character of the sentence holding token ``i``."""
        return self.end_chars[bisect.bisect_right(self.starts, i) - 1]


class _Readings:
    """A name's gazetteer records, the compass direction it names, and (worked out on first
    use) their context-free prior; shared read-only by every article that names it."""

    def __init__(
        self,
        options: list[tuple[Place, Match]],
        direction: str | None,
        name: str,
        ranker: Ranker,
    ) -> None:
        self.options = options
        self._ranker = ranker
        self.direction = direction
        self._name = name
        self._prior: _Prior | None = None

    def prior(self) -> _Prior:
        """``_prior`` of the records for the folded name."""
        if self._prior is None:
            self._prior = _prior(self.options, fold(self._name), self._ranker)
        return self._prior


_KNOWN_NAMES = 20_000  # names whose readings a parser remembers across articles


class _ArticleRanks:
    """``Geoparser`` lookups and rankings within one article, each done once: a name's
    records and prior are looked up on its first occurrence (and remembered by the parser
    across articles), and a ranking is reused when the same name comes back with identical
    context (the readings are shared, never modified)."""

    def __init__(self, parser: Geoparser) -> None:
        self.parser = parser
        self._readings: dict[tuple[str, bool], _Readings] = {}
        self._ranked: dict[tuple, list[_Scored]] = {}
        # per folded name: provinces the article's other names point to (set after pass 1)
        self.admin1_context: dict[str, Counter[str]] = {}
        self.colocation: _Colocation | None = None  # set once every name was looked up
        self.named_areas: _NamedAreas | None = None  # likewise
        # per candidate: the kinds of area its neighbours in a list of places may be
        self.listed: list[frozenset[str]] = []
        # per candidate: "the" before the bare name ("the tropical Atlantic", "the Gulf")
        self.definite: list[bool] = []
        # per candidate: the province whose town the text names right before it ("Buffalo,
        # New York": the state, not the city)
        self.province_of: list[str | None] = []

    def options(self, cand: Candidate) -> list[tuple[Place, Match]]:
        """``Geoparser._options`` for this candidate (it may set the candidate's direction)."""
        key = (cand.name, _may_be_loose(cand))
        readings = self._readings.get(key)
        if readings is None:
            readings = self._readings[key] = self.parser._readings(*key)
        if readings.direction is not None:
            cand.direction = readings.direction
        return readings.options

    def rank(
        self,
        cand: Candidate,
        votes: Counter[str],
        votes_of: str | None,
        anchors: _Anchors,
        index: int,
        local: Counter[str],
        within: str | None,
    ) -> list[_Scored]:
        """``Geoparser._rank`` of candidate ``index`` (after ``options`` saw it), near the
        anchors of the other candidates.

        ``votes_of`` names ``votes`` for the memo: the folded name whose context they are
        (the same votes for every repeat of a name), or ``None`` for no votes at all.
        """
        name_key = (cand.name, _may_be_loose(cand))
        readings = self._readings[name_key]
        options = readings.options
        if not options:
            return []  # most candidates: no gazetteer record, nothing to rank
        key = (
            name_key,
            votes_of,
            anchors.set_key(index),
            tuple(local.items()),
            within,
            self.listed[index] if self.listed else None,
            self.definite[index] if self.definite else False,
            self.province_of[index] if self.province_of else None,
        )
        ranked = self._ranked.get(key)
        if ranked is None:
            others = anchors.others(index)
            ranked = self.parser._rank(
                options,
                votes,
                others,
                None,
                local,
                within,
                fold(cand.name),
                readings.prior(),
                self.admin1_context.get(votes_of) if votes_of is not None else None,
                self.colocation.of(fold(cand.name), options) if self.colocation else None,
                self.listed[index] if self.listed else frozenset(),
                self.definite[index] if self.definite else False,
                self.named_areas.of(fold(cand.name), options) if self.named_areas else None,
                self.province_of[index] if self.province_of else None,
            )
            self._ranked[key] = ranked
        return ranked


# "the Atlantic", "the tropical Atlantic", "the Gulf" (lower-case words between, no name)
_DEFINITE_BEFORE = re.compile(r"\b[Tt]he\s+(?:[a-z-]+\s+){0,2}$")
_LISTED_KINDS = frozenset({COUNTRY, ADM1})
_LIST_JOIN = re.compile(r"^\s*(?:,|;|and|or|&|,\s*and|,\s*or)\s*$")


def _is_listable_area(cand: Candidate, ranks: _ArticleRanks) -> bool:
    """A country or province bears the candidate's name exactly."""
    return any(
        m.quality == "exact" and p.feature_code in _LISTED_KINDS for p, m in ranks.options(cand)
    )


def _listed_after_an_area(text: str, cands: list[Candidate], i: int, ranks: _ArticleRanks) -> bool:
    """Candidate ``i`` is a country or province inside a list of them ("Georgia, Oklahoma,
    Pennsylvania, Wisconsin"): the name after its comma is the next item, not its province
    (not the town of Oklahoma, Pennsylvania; but "Florida and Washington, D.C., among others")."""
    if not 0 < i < len(cands) - 2:
        return False
    joined = all(
        _LIST_JOIN.match(text[cands[j].end : cands[j + 1].start]) for j in range(i - 1, i + 2)
    )
    return joined and all(_is_listable_area(cands[j], ranks) for j in range(i - 1, i + 2))


def _listable_kinds(name: str, options: list[tuple[Place, Match]]) -> frozenset[str]:
    """The kinds of area (country, province) a name is exactly, not counting a province that
    holds a town of that name or is smaller than one: "Moscow", "Tbilisi", "Almaty" in
    "Washington and Moscow" are cities."""
    key = fold(name)
    exact = [p for p, m in options if m.quality == "exact"]
    towns = [p for p in exact if not p.is_area and fold(p.name) == key]
    inside = {p.admin1_key for p in towns}
    biggest = max((p.population for p in towns), default=0)
    return frozenset(
        p.feature_code
        for p in exact
        if p.feature_code in _LISTED_KINDS
        and (p.feature_code == COUNTRY or (p.admin1_key not in inside and p.population > biggest))
    )


def _listed_kinds(text: str, cands: list[Candidate], ranks: _ArticleRanks) -> list[frozenset[str]]:
    """Per candidate: the kinds of area (country, province) that a neighbour in the same list
    of places is under its exact name ("Ohio, Oregon, Texas": three states, not the town of
    Oregon, Ohio)."""
    kinds = [_listable_kinds(c.name, ranks.options(c)) for c in cands]
    out: list[frozenset[str]] = []
    names = [fold(c.name) for c in cands]
    for i, cand in enumerate(cands):
        near: set[str] = set()
        # "Rio de Janeiro, Rio de Janeiro" is a town and its province, not a list
        for j in (i - 1, i + 1):
            if not 0 <= j < len(cands) or names[j] == names[i]:
                continue
            gap = text[cands[j].end : cand.start] if j < i else text[cand.end : cands[j].start]
            if _LIST_JOIN.match(gap):
                near |= kinds[j]
        out.append(frozenset(near))
    return out


def _province_by_name(name: str, options: list[tuple[Place, Match]]) -> bool:
    """A first-order area bears ``name`` as its own main name ("Oklahoma", "New York"; not
    "Moscow", whose oblast is Moskovskaya)."""
    key = fold(name)
    return any(
        p.feature_code == ADM1 and m.quality == "exact" and fold(p.name) == key for p, m in options
    )


def _among_provinces(text: str, cands: list[Candidate], ranks: _ArticleRanks) -> list[bool]:
    """Per candidate: it is a province by its exact name, in a list of three or more names
    that are all provinces ("Illinois, Missouri, New York, Ohio and Oregon": the state of New
    York, not the city), so it is read as the province whatever the populations say."""
    # "Texas and Washington, D.C.": a dotted abbreviation is the province of the town before
    # it, and that town no province of the list
    dotted = ["." in c.name or (c.name + ".") in province_abbreviations() for c in cands]
    provinces = [
        _province_by_name(c.name, ranks.options(c)) and not (i + 1 < len(cands) and dotted[i + 1])
        for i, c in enumerate(cands)
    ]
    out = [False] * len(cands)
    start = 0
    for end in range(1, len(cands) + 1):  # each maximal run of listed names
        if end < len(cands) and _LIST_JOIN.match(text[cands[end - 1].end : cands[end].start]):
            continue
        if end - start >= 3 and all(provinces[start:end]):
            out[start:end] = [True] * (end - start)
        start = end
    return out


class _Colocation:
    """Which other names of the article have a reading near a given reading: names that lie
    together are read together, before any of them is picked. Readings are binned in cells
    of a degree, so a reading is measured only against the readings in the cells around it."""

    _CELL = 1.0  # degrees

    def __init__(self, readings: dict[str, list[tuple[Place, Match]]]) -> None:
        self.cells: dict[tuple[int, int], list[tuple[int, float, float]]] = {}
        self.ids = {name: i for i, name in enumerate(readings)}
        self.weight: list[float] = []
        for name, options in readings.items():
            points = {(p.latitude, p.longitude) for p, _ in options if _colocates(p)}
            self.weight.append(1.0 / len(points) if points else 0.0)
            for lat, lon in points:
                cell = (math.floor(lat / self._CELL), math.floor(lon / self._CELL))
                self.cells.setdefault(cell, []).append((self.ids[name], lat, lon))
        self._memo: dict[str, list[tuple[float, float]]] = {}

    def of(self, name: str, options: list[tuple[Place, Match]]) -> list[tuple[float, float]]:
        """Per reading of ``name``: (other names near it, their summed weights)."""
        found = self._memo.get(name)
        if found is None:
            own = self.ids.get(name, -1)
            found = [self._near(p, own) if _colocates(p) else (0.0, 0.0) for p, _ in options]
            self._memo[name] = found
        return found

    def _near(self, place: Place, own: int) -> tuple[float, float]:
        lat, lon = place.latitude, place.longitude
        row, col = math.floor(lat / self._CELL), math.floor(lon / self._CELL)
        # a degree of longitude shrinks towards the poles: look as many cells aside as needed
        across = min(
            4, math.ceil(COLOCATED_KM / (_KM_PER_DEGREE * max(0.2, math.cos(math.radians(lat)))))
        )
        here = RadianPoint.of((lat, lon))
        near: set[int] = set()
        for r in (row - 1, row, row + 1):
            for c in range(col - across, col + across + 1):
                for other, olat, olon in self.cells.get((r, c), ()):
                    if other == own or other in near:
                        continue
                    if abs(olat - lat) * _KM_PER_DEGREE > COLOCATED_KM:
                        continue
                    if haversine_radians_km(here, _radians((olat, olon))) <= COLOCATED_KM:
                        near.add(other)
        return float(len(near)), sum(self.weight[i] for i in near)


class _NamedAreas:
    """The provinces and districts the article's names may be (any exact reading of each),
    and which names: a town in a district, or a town or district in a province, that another
    name may be is likely read there ("Athens" beside "Henderson County" is Athens, Texas;
    "Richmond" beside "Wayne County" and "Indiana" is Richmond, Indiana)."""

    def __init__(self, readings: dict[str, list[tuple[Place, Match]]]) -> None:
        self.names: dict[tuple[str, str | None], set[str]] = {}
        for name, options in readings.items():
            for place, match in options:
                if match.quality != "exact" or not place.admin1_key:
                    continue
                if place.feature_code in (ADM1, ADM2):
                    district = place.admin2 if place.feature_code == ADM2 else None
                    self.names.setdefault((place.admin1_key, district), set()).add(name)
        self._memo: dict[str, list[tuple[bool, bool]]] = {}

    def of(self, name: str, options: list[tuple[Place, Match]]) -> list[tuple[bool, bool]]:
        """Per reading of ``name``: (in a district, in a province, another name may be)."""
        found = self._memo.get(name)
        if found is None:
            found = [self._inside(p, name) for p, _ in options]
            self._memo[name] = found
        return found

    def _inside(self, place: Place, own: str) -> tuple[bool, bool]:
        if not place.admin1_key or (place.is_area and place.feature_code != ADM2):
            return False, False
        district = not place.is_area and place.admin2 is not None
        return (
            district and bool(self.names.get((place.admin1_key, place.admin2), set()) - {own}),
            bool(self.names.get((place.admin1_key, None), set()) - {own}),
        )


def _colocates(place: Place) -> bool:
    """Points and districts lie together; countries, provinces, seas and regions are too big."""
    return place.feature_code not in (COUNTRY, ADM1, WATER, REGION, CONTINENT)


class _Anchors:
    """Points picked for candidates (index, point): each candidate is ranked near the points
    of the other names (a name's repetitions do not anchor it: "Mansfield" said five times
    is no evidence for the biggest Mansfield).

    Nearness depends only on the set of points, so ``set_key`` names a candidate's set
    cheaply: the label and the candidate's name.
    """

    def __init__(
        self, label: str, picks: list[tuple[int, tuple[float, float]]], names: list[str]
    ) -> None:
        self.label = label
        self.picks = picks
        self.names = names

    def others(self, index: int) -> list[tuple[float, float]]:
        """The points of the other names, in pick order."""
        name = self.names[index]
        return [point for j, point in self.picks if self.names[j] != name]

    def set_key(self, index: int) -> tuple[str, str]:
        """Equal for two candidates exactly when their sets of other points are equal."""
        return self.label, self.names[index]


_KM_PER_DEGREE = 6371.0 * math.pi / 180  # a degree of latitude: no path between two points
# is shorter than their difference in latitude, so far anchors are skipped without haversine


def _nearest_km(
    point: tuple[float, float], anchors: list[tuple[tuple[float, float], RadianPoint]]
) -> float:
    """Distance to the nearest anchor other than the point itself, exact below 500 km
    (``inf`` beyond: the ranker's nearness features stop there).

    ``anchors`` are (degrees, radians) pairs, in any order (see ``_Nearby``).
    """
    nearest = math.inf
    here: RadianPoint | None = None  # worked out on the first anchor that is near enough
    for anchor, there in anchors:
        if abs(anchor[0] - point[0]) * _KM_PER_DEGREE > 501:  # > 500 km away, rounding aside
            continue
        if anchor == point:
            continue  # the same record under another name ("Mexico" beside "Mexico City")
        here = RadianPoint.of(point) if here is None else here
        nearest = min(nearest, haversine_radians_km(here, there))
        if nearest < 60:
            break
    return nearest


class _Nearby:
    """Anchor points by latitude, with their radians: a reading is measured only against the
    anchors in its band of latitude (nearness depends on the nearest one alone)."""

    # 501 km of latitude, and a little more so that rounding never leaves out an anchor that
    # ``_nearest_km``'s own distance test would keep
    _BAND = 501 / _KM_PER_DEGREE + 1e-6

    def __init__(self, points: list[tuple[float, float]]) -> None:
        points = sorted(points)
        self.lats = [lat for lat, _ in points]
        self.anchors = [(point, _radians(point)) for point in points]

    def around(self, lat: float) -> list[tuple[tuple[float, float], RadianPoint]]:
        """The anchors whose latitude is within the band around ``lat``."""
        first = bisect.bisect_left(self.lats, lat - self._BAND)
        return self.anchors[first : bisect.bisect_right(self.lats, lat + self._BAND)]


@lru_cache(maxsize=65_536)
def _radians(point: tuple[float, float]) -> RadianPoint:
    """``RadianPoint.of``, remembered: an article's anchors recur in each of its rankings."""
    return RadianPoint.of(point)
