"""Sites the gazetteer cannot hold (streets, buildings, venues, rivers and lakes) placed at the
town they are in.

GeoNames' towns are the finest points that ship, but news names where things happened by
the site: "at Barclays Center", "the Palais des Nations in Geneva", "Derry's Altnagelvin
Hospital", "Royal Street". A name that ends in a word for a site and is no place in the
gazetteer is read as part of the town the text puts it in ("in Geneva", ", Kent", "Derry's"),
else of the town the article names most; at precision 2 (part of a town's area), with a note.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from sitrep.contract import Location

SITE_PRECISION = 2  # UCDP's "part of a town's area": the site's own point is unknown
_SITE_WORDS = (
    r"Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Drive|Square|Plaza|Park|Parkway|"
    r"Center|Centre|Hospital|Clinic|Infirmary|Stadium|Arena|Courthouse|School|Academy|"
    r"Campus|Church|Cathedral|Chapel|Basilica|Mosque|Temple|Synagogue|Castle|Palace|Tower|"
    r"Hall|Museum|Library|Airport|Station|Bridge|Mall|Market|Hotel|Inn|Estate|Farm|Prison|"
    r"Jail|Lagoon|Beach|Pier|Harbou?r|Marina|Zoo|Gardens?|Cemetery|Theatre|Theater|Building|"
    r"Embassy|Consulate|Quarter|Village|Circuit|Speedway|Racecourse|Field|Fields|Wharf|Quay"
)
_SITE = re.compile(rf"(?:^|\s)(?:{_SITE_WORDS})\.?$")
_NOT_SITE = re.compile(r"\bSpace\b")  # "International Space Station" (courts are institutions)
# rivers, lakes, valleys, islands: features of the land that GeoNames' towns do not hold
_NATURAL_WORDS = (
    r"River|Lake|Valley|Creek|Bay|Islands?|Mountains|Hills|Peninsula|Delta|Canyon|Sound|"
    r"Lagoon|Reservoir|Swamp|Marsh|Gorge|Glacier"
)
_NATURAL = re.compile(
    rf"(?:\s(?:{_NATURAL_WORDS})$|^(?:Lake|River|Mount|Mt\.|Isle\s+of|Gulf\s+of)\s+[A-Z])"
)
# what sets a site inside a named place: "X in Geneva", "X, Kent", "X at Calamba"
_IN_AFTER = re.compile(r"^\s*(?:,|in|at|on|near|of)\s*(?:the\s+)?$")
_POSSESSIVE_GAP = re.compile(r"^['’]s?\s+$")
_MAX_ENCLOSING = 4  # a province at most: a country holds too much to place a site


def is_site(name: str) -> bool:
    """A name that ends in a word for a site ("Barclays Center", "Royal Street"), or a
    feature of the land (``is_natural``)."""
    if " " not in name.strip() or _NOT_SITE.search(name):
        return False
    return _SITE.search(name) is not None or is_natural(name)


_ROAD_NUMBER = re.compile(r"[AB]\d{1,4}|I-\d{1,3}|Interstate\s+\d{1,3}")


def is_road(name: str) -> bool:
    """A numbered road ("A120", "I-95"): a site no gazetteer holds, found only after a
    locative word ("on the A120", ``candidates._ROAD``)."""
    return _ROAD_NUMBER.fullmatch(name.strip()) is not None


def is_natural(name: str) -> bool:
    """A river, lake, valley or island by its name ("Catawba River", "Lake Lanier"): read by
    its exact name only, never by a loose spelling ("Swat Valley" is no West Valley City)."""
    return _NATURAL.search(name) is not None


def named_around(
    text: str, start: int, end: int, placed: Sequence[tuple[int, int, Location]]
) -> Location | None:
    """The place the text sets the site at ``start:end`` in: "X in Geneva", "X, Kent",
    "Derry's X" (``placed``: the resolved places, by start)."""
    for s, e, loc in placed:
        if not _can_hold(loc):
            continue
        if s >= end and s - end <= 12 and _IN_AFTER.match(text[end:s]):
            return loc
        if e <= start and start - e <= 3 and _POSSESSIVE_GAP.match(text[e:start]):
            return loc
    return None


def main_town(placed: Sequence[tuple[int, int, Location]]) -> Location | None:
    """The town the article names most (the earliest of equals), or None."""
    towns = [loc for _, _, loc in placed if _can_hold(loc) and (loc.geo_precision or 9) <= 2]
    counts = Counter(id(loc) for loc in towns)
    if not counts:
        return None
    top = max(counts.values())
    return next(loc for loc in towns if counts[id(loc)] == top)


def site_location(name: str, town: Location, how: str) -> Location:
    """``town`` as the place of site ``name``, at ``SITE_PRECISION``."""
    note = f"'{name}' (not in the gazetteer) placed at {town.name}, {how}"
    precision = max(SITE_PRECISION, town.geo_precision or 1)
    return replace(town, geo_precision=precision, resolution_note=note)


def _can_hold(location: Location) -> bool:
    return location.latitude is not None and (location.geo_precision or 9) <= _MAX_ENCLOSING
