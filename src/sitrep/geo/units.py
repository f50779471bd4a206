"""Districts and communes GeoNames' cities500 lacks, for names the gazetteer cannot place.

Conflict reports name villages by their district and province ("Famale (Dessa, Tillaberi)",
"Kinyinya commune (Ruyigi)"). The village is rarely in any offline gazetteer, but its district
or commune is in geoBoundaries' finest administrative units (``reference/admin_units.csv.gz``,
built by ``build_units.py``). A name is read as such a unit only with evidence of where it is:
the province named right after it, or the one country the article is about; never by the name
alone (143,000 unit names include many common words).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import math
import os
import pickle
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sitrep.distance import haversine_km
from sitrep.geo.gazetteer import Place
from sitrep.geo.normalize import fold

UNITS = Path(__file__).with_name("reference") / "admin_units.csv.gz"
FEATURE = "ADM3"  # GeoNames' code for a third-order area: finer than the gazetteer's districts
# a unit whose centroid lies within this of any place inside it reads as "near a town"
# (precision 2); a larger one is a district (precision 3)
NEAR_KM = 12.5
_MAX_FROM_PROVINCE_KM = 400.0  # a unit "in" a province lies no farther from its point
_UNIT_WORDS = (
    " district", " commune", " lga", " township", " subdistrict", " sub-district", " county",
    " municipality", " tehsil", " sector", " department", " prefecture",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit: its name, country, province and centroid."""

    name: str
    country_code: str
    admin1: str
    latitude: float
    longitude: float
    radius_km: float | None

    @property
    def precision(self) -> int:
        """UCDP's where_prec: 2 for a small unit (near a town), 3 for a district."""
        return 2 if self.radius_km is not None and self.radius_km <= NEAR_KM else 3

    def as_place(self, province: str | None) -> Place:
        """The unit as a gazetteer record (a stable negative id: GeoNames has none for it)."""
        key = f"{self.country_code}|{self.admin1}|{self.name}".encode()
        return Place(
            geonames_id=-(zlib.crc32(key) or 1),
            name=self.name,
            latitude=self.latitude,
            longitude=self.longitude,
            country_code=self.country_code,
            admin1=province or self.admin1,
            feature_code=FEATURE,
            population=0,
            note="a district or commune from geoBoundaries (not in GeoNames cities500)",
        )


class AdminUnits:
    """The units by folded name, read from the shipped table on first use (with ``cache_dir``,
    from a pickled index of it: 0.1 s instead of 2 s)."""

    def __init__(self, path: Path = UNITS, cache_dir: Path | None = None) -> None:
        self.path = path
        self.cache_dir = cache_dir

    @cached_property
    def _by_name(self) -> dict[str, tuple[str, ...]]:
        cached = self._cache_path()
        if cached is not None and cached.exists():
            try:
                with cached.open("rb") as fh:
                    return pickle.load(fh)
            except (OSError, pickle.UnpicklingError, EOFError):
                pass  # rebuilt below
        # rows stay tab-joined strings until asked for: 143,000 objects made up front cost seconds
        table: dict[str, list[str]] = defaultdict(list)
        with gzip.open(self.path, "rt", encoding="utf-8", newline="") as fh:
            rows = csv.reader(fh)
            next(rows)  # name, country_code, admin1, latitude, longitude, radius_km
            for row in rows:
                table[fold(row[0])].append("\t".join(row))
        frozen = {key: tuple(rows) for key, rows in table.items()}
        if cached is not None:
            _write_atomically(cached, pickle.dumps(frozen, protocol=pickle.HIGHEST_PROTOCOL))
        return frozen

    def _cache_path(self) -> Path | None:
        if self.cache_dir is None:
            return None
        digest = hashlib.sha1(self.path.read_bytes()).hexdigest()[:10]
        return self.cache_dir / f"geo-units-{digest}.pkl"

    def load(self) -> AdminUnits:
        """Read the table now (once per process, with the gazetteer) rather than mid-article."""
        _ = self._by_name
        return self

    def _units(self, key: str) -> tuple[Unit, ...]:
        rows = (row.split("\t") for row in self._by_name.get(key, ()))
        return tuple(
            Unit(name, code, admin1, float(lat), float(lon), float(radius) if radius else None)
            for name, code, admin1, lat, lon, radius in rows
        )

    def named(self, name: str) -> tuple[Unit, ...]:
        """Units called ``name`` ("Musawa LGA" is Musawa)."""
        key = fold(name)
        found = self._units(key)
        if found:
            return found
        bare = next((key[: -len(w)] for w in _UNIT_WORDS if key.endswith(w)), None)
        return self._units(bare) if bare else ()

    def in_province(self, name: str, province: Place) -> Unit | None:
        """The unit of that name in the province named after it: same country, the nearest to
        the province's point (geoBoundaries spells provinces differently from GeoNames)."""
        options = [
            (haversine_km((u.latitude, u.longitude), (province.latitude, province.longitude)), u)
            for u in self.named(name)
            if u.country_code == province.country_code
        ]
        options = [o for o in options if o[0] <= _MAX_FROM_PROVINCE_KM]
        return min(options, key=lambda o: o[0])[1] if options else None

    def in_country(self, name: str, votes: Counter[str]) -> Unit | None:
        """The unit of that name in the article's country, when the article points to one
        country and that country has one unit of the name."""
        if not votes:
            return None
        (top, weight), *rest = votes.most_common(2)
        if rest and rest[0][1] >= weight:
            return None  # two countries tie: no telling
        options = [u for u in self.named(name) if u.country_code == top]
        return options[0] if len(options) == 1 else None


def province_centroids(path: Path = UNITS) -> dict[tuple[str, str], tuple[float, float]]:
    """Each province's centroid, ``(ISO alpha-3, folded name) → (lat, lon)``: the mean of its
    units' centroids weighted by their area, i.e. the middle of the province's territory
    (GeoNames puts a province's point there, not where its towns crowd)."""
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        next(rows)
        for _, code, admin1, lat, lon, radius in rows:
            weight = float(radius or 1.0) ** 2  # the unit's area, up to a constant
            phi, lam = math.radians(float(lat)), math.radians(float(lon))
            acc = sums[(code, fold(admin1))]  # summed as 3-D vectors: no trouble at 180°
            acc[0] += weight * math.cos(phi) * math.cos(lam)
            acc[1] += weight * math.cos(phi) * math.sin(lam)
            acc[2] += weight * math.sin(phi)
    return {
        key: (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))
        for key, (x, y, z) in sums.items()
    }


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file (parallel workers never read half)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache: the table is read from the CSV next time too
