"""A resolved place's precision on the event datasets' scales.

``Location.geo_precision`` is UCDP GED's ``where_prec`` scale already: 1 the exact place,
2 within about 25 km of a known point ("near X", "X area"), 3 a second-order area (district),
4 a first-order area (province, governorate), 5 a larger named region, 6 the country,
7 waters. ACLED's ``geo_precision`` has three steps: 1 a town, 2 near a town or part of a
region (a district), 3 a province or anything larger.
"""

from __future__ import annotations

from sitrep.contract import Location

_ACLED = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 3}


def ucdp_where_prec(location: Location | None) -> int | None:
    """UCDP GED ``where_prec`` (1..7) of a resolved place; ``None`` when it has no point."""
    if location is None or location.latitude is None or location.geo_precision is None:
        return None
    return location.geo_precision


def acled_geo_precision(location: Location | None) -> int | None:
    """ACLED ``geo_precision`` (1 town, 2 near a town or a district, 3 province or larger)."""
    where = ucdp_where_prec(location)
    return None if where is None else _ACLED.get(where, 3)
