"""The ranker of a name's readings: a linear score over features, its weights as data.

Each reading (gazetteer record) of a toponym gets a feature vector: what it is (population,
kind of place, how well the name matched) and what the article says about it (its
country named, its province named, the other places near it, "X, Syria", "Springfield,
Ill."). The score is the dot product with weights learned by logistic regression on the
toponym corpora (``sitrep.geo.train_ranker``) and shipped in ``reference/ranker.json``;
only the standard library is needed to use them.
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz

from sitrep.geo.gazetteer import (
    ADM1,
    ADM2,
    CAPITAL,
    CONTINENT,
    COUNTRY,
    REGION,
    WATER,
    Match,
    Place,
)
from sitrep.geo.normalize import fold

log = logging.getLogger(__name__)
WEIGHTS = Path(__file__).with_name("reference") / "ranker.json"

# what a reading is, before any context (worked out once per name)
PRIOR_FEATURES = (
    "log_population",  # log10(population + 10)
    "population_gap",  # log10 of population over the largest namesake of its kind (<= 0)
    "area_log_population",  # log_population again for areas (the sum of their towns')
    "is_country",
    "is_capital",  # a country's capital ("Washington" in world news)
    "is_admin1",
    "is_admin2",
    "named_after_its_town",  # a province named after a town in it ("Kirkuk"): the town first
    "named_after_its_country",  # a province or town bearing its country's name ("Mexico")
    "named_like_a_capital",  # a province bearing a capital's name ("Washington", "Buenos Aires")
    "is_water",
    "is_region",  # named regions and continents
    "bare_match",  # matched once articles ("al-", "the") were dropped
    "skeleton_match",  # matched by consonant outline only
    "name_similarity",  # the name against the record's main name, 0..1
    "alias_only",  # a small place that bears the name only as an alternate
)
# what the article says about it
CONTEXT_FEATURES = (
    "country_named",  # the article names its country (big namesake)
    "country_share",  # share of the article's country votes that are its country's (big)
    "country_named_small",  # the same for a namesake five times smaller than the largest
    "country_share_small",
    "country_evidence_small",  # log2(1 + the votes for its country), for small namesakes
    "within_admin1",  # "Springfield, Ill.": the province named right after the town
    "local_country",  # "the Syrian town of X", "X, Syria"
    "near_60km",  # another place the article names lies within 60 km
    "near_200km",
    "near_500km",
    "admin1_named",  # the article names its province, or other places in that province
    # any reading of the article's other names close by, whichever of them is picked
    # ("Huntsville" beside "Walker County": Texas, where the two lie together)
    "colocated_names",  # log2(1 + other names with a reading within COLOCATED_KM)
    "colocated_strength",  # the same names, each weighing 1 / its number of readings
    "listed_with_its_kind",  # a country or province in a list beside names of that kind
    "definite_water_or_region",  # "the Atlantic", "the Gulf": a sea or region, not a town
    # a town in a district, or a town or district in a province, that another of the
    # article's names may be (any of its readings): "Athens" beside "Henderson County"
    "in_named_admin2",
    "in_named_admin1",
    "province_of_the_town_before",  # "Buffalo, New York": the state holding Buffalo
)
COLOCATED_KM = 50.0
FEATURES = PRIOR_FEATURES + CONTEXT_FEATURES
N_PRIOR = len(PRIOR_FEATURES)

# the rules this ranker replaced, as weights: the starting point of training
BOOTSTRAP = {
    "log_population": 0.8, "is_country": 4.0, "is_admin1": -1.0, "is_admin2": -1.0,
    "is_water": 5.0, "is_region": 5.0, "bare_match": -0.3, "skeleton_match": -1.5,
    "alias_only": -1.5, "country_named": 1.0, "country_share": 2.5,
    "country_named_small": 0.25, "country_share_small": 0.625, "within_admin1": 5.0,
    "local_country": 2.5, "near_60km": 3.0, "near_200km": 2.0, "near_500km": 1.0,
    "colocated_names": 1.0, "colocated_strength": 1.0, "listed_with_its_kind": 2.0,
    "definite_water_or_region": 2.0, "in_named_admin2": 3.0, "in_named_admin1": 1.0,
    "province_of_the_town_before": 5.0,
}  # fmt: skip
# rules the corpora cannot teach, kept whatever the fit says: a town and the province named
# after it lie within 161 km of each other, so the scoring never tells them apart, and a
# plain "Kirkuk" is the town ("Kirkuk province" names the province, see ``_locate``); likewise
# a plain "Mexico" is the country, not the State of México or Mexico City beside it, and a
# plain "Washington" in the news the capital, not the state (the corpora tip either way with
# every other feature added, so the rule is kept fixed); and a
# province the text names right after the town ("Salvador, Bahia", "Beni (Beni, Nord-Kivu)")
# says which namesake it is, whatever the populations (rare in the corpora, so learned weak),
# and that name is the province, not a town of its name ("Buffalo, New York")
FIXED = {
    "named_like_a_capital": -3.0,
    "named_after_its_town": -4.0,
    "named_after_its_country": -4.0,
    "within_admin1": 5.0,
    "province_of_the_town_before": 5.0,
    "alias_only": -1.5,
}
HINT_BONUS = 4.0  # a caller's country hint (``Geoparser.resolve``): an instruction, not learned


@dataclass(frozen=True)
class Ranker:
    """Weights for ``FEATURES``, split into the context-free part and the context part."""

    prior_weights: tuple[float, ...]
    context_weights: tuple[float, ...]

    @classmethod
    def from_mapping(cls, weights: dict[str, float]) -> Ranker:
        """From feature name → weight (features not named weigh nothing)."""
        unknown = set(weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown ranker features: {sorted(unknown)}")
        weights = {**weights, **FIXED}
        return cls(
            tuple(float(weights.get(f, 0.0)) for f in PRIOR_FEATURES),
            tuple(float(weights.get(f, 0.0)) for f in CONTEXT_FEATURES),
        )

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> Ranker:
        """The shipped weights (``reference/ranker.json``), or the bootstrap rules without it."""
        return _load(path)

    def weights(self) -> dict[str, float]:
        """Feature name → weight."""
        return dict(zip(FEATURES, self.prior_weights + self.context_weights, strict=True))

    def prior_score(self, features: list[float]) -> float:
        """The context-free part of a reading's score."""
        return sum(w * x for w, x in zip(self.prior_weights, features, strict=True) if x)

    def context_score(self, features: list[float]) -> float:
        """What the article's context adds to a reading's score."""
        return sum(w * x for w, x in zip(self.context_weights, features, strict=True) if x)


_ABBREVIATED = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}


def spelt_out(key: str) -> str:
    """A folded name with its abbreviated words spelt out: "st paul" → "saint paul"."""
    return " ".join(_ABBREVIATED.get(word, word) for word in key.split())


@cache
def _load(path: Path) -> Ranker:
    if not path.exists():
        log.warning("no ranker weights at %s: ranking by the bootstrap rules", path)
        return Ranker.from_mapping(BOOTSTRAP)
    data = json.loads(path.read_text(encoding="utf-8"))
    if set(data["weights"]) != set(FEATURES):  # features changed since: retrain (train-geo)
        log.warning("ranker weights %s are for other features: ranking by the bootstrap", path)
        return Ranker.from_mapping(BOOTSTRAP)
    return Ranker.from_mapping(data["weights"])


def biggest_namesakes(options: list[tuple[Place, Match]]) -> dict[bool, int]:
    """The largest population among a name's areas (True) and points (False)."""
    return {
        area: max((p.population for p, _ in options if p.is_area == area), default=0)
        for area in (True, False)
    }


def town_provinces(options: list[tuple[Place, Match]]) -> set[str]:
    """The provinces that hold a town of this name."""
    return {p.admin1_key for p, _ in options if not p.is_area and p.admin1_key}


def named_countries(options: list[tuple[Place, Match]], query: str) -> set[str]:
    """The countries whose own main name the folded ``query`` is ("Mexico"; not "England",
    an alias of the United Kingdom)."""
    return {
        p.country_code
        for p, _ in options
        if p.feature_code == COUNTRY and p.country_code and fold(p.name) == query
    }


def prior_features(
    place: Place,
    match: Match,
    query: str,
    biggest: dict[bool, int],
    town_keys: set[str] | frozenset[str] = frozenset(),
    country_keys: set[str] | frozenset[str] = frozenset(),
    has_capital: bool = False,
) -> list[float]:
    """``PRIOR_FEATURES`` of one reading of the folded name ``query`` (``town_keys`` and
    ``country_keys``: ``town_provinces`` and ``named_countries`` of all its readings;
    ``has_capital``: one of them is a capital city)."""
    code = place.feature_code
    log_pop = math.log10(place.population + 10)
    similarity = fuzz.ratio(spelt_out(query), spelt_out(fold(place.name))) / 100 if query else 1.0
    return [
        log_pop,
        log_pop - math.log10(biggest[place.is_area] + 10),
        log_pop if place.is_area else 0.0,
        float(code == COUNTRY),
        float(code == CAPITAL),
        float(code == ADM1),
        float(code == ADM2),
        float(code in (ADM1, ADM2) and place.admin1_key in town_keys),
        float(code != COUNTRY and place.country_code in country_keys),
        float(has_capital and code in (ADM1, ADM2)),
        float(code == WATER),
        float(code in (REGION, CONTINENT)),
        float(match.quality == "bare"),
        float(match.quality == "skeleton"),
        similarity,
        float(bool(query) and place.population < 100_000 and similarity < 0.5),
    ]


def context_features(
    place: Place,
    votes: Counter[str],
    total: float,
    biggest: dict[bool, int],
    local: Counter[str] | None,
    within: str | None,
    nearest_km: float,
    admin1s: Counter[str] | None,
    colocated: tuple[float, float] = (0.0, 0.0),
    listed: frozenset[str] = frozenset(),
    definite: bool = False,
    inside: tuple[bool, bool] = (False, False),
    province_of: str | None = None,
) -> list[float]:
    """``CONTEXT_FEATURES`` of one reading (``nearest_km``: to the closest other place;
    ``colocated``: the other names with a reading near it, counted and weighed; ``listed``:
    the kinds of area its neighbours in a list of places may be; ``definite``: "the" before
    the bare name; ``inside``: it lies in a district, in a province, that another name may
    be)."""
    code, country = place.feature_code, place.country_code
    named = share = evidence = 0.0
    if country and votes.get(country):
        named, share = 1.0, votes[country] / total
        evidence = math.log2(1 + votes[country])
    # a namesake five times smaller than the best-known one needs more than a country
    # mention to win ("U.S. negotiators return to Geneva")
    big = place.population * 5 >= biggest[place.is_area] or code in (WATER, REGION, CONTINENT)
    not_country = code != COUNTRY
    return [
        named if big else 0.0,
        share if big else 0.0,
        0.0 if big else named,
        0.0 if big else share,
        0.0 if big else evidence,
        float(bool(within) and place.admin1_key == within and code != ADM1),
        float(local[country]) if local and country in local and not_country else 0.0,
        float(not_country and nearest_km < 60),
        float(not_country and 60 <= nearest_km < 200),
        float(not_country and 200 <= nearest_km < 500),
        float(bool(admin1s) and bool(place.admin1_key) and place.admin1_key in admin1s),
        math.log2(1 + colocated[0]),
        colocated[1],
        float(code in listed),
        float(definite and code in (WATER, REGION, CONTINENT)),
        float(inside[0]),
        float(inside[1]),
        float(bool(province_of) and code == ADM1 and place.admin1_key == province_of),
    ]
