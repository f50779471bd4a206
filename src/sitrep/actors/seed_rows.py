"""Regenerate the generic ``gen_<type>_<iso3>`` rows of the actor dictionary seed.

Run ``python -m sitrep.actors.seed_rows`` after editing ``GENERIC_STEMS``: hand-written rows
are kept as they are; generic rows are rewritten for every ISO 3166 country.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pycountry

from sitrep.actors.dictionary import SEED_COLUMNS, default_seed_path
from sitrep.actors.generic import GENERIC_STEMS


def generic_rows() -> list[dict[str, str]]:
    """One row per (country, generic stem)."""
    rows = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        name = getattr(country, "common_name", None) or country.name
        for stem, (actor_type, template) in GENERIC_STEMS.items():
            rows.append(
                {
                    "actor_id": f"gen_{stem}_{country.alpha_3.lower()}",
                    "name": template.format(country=name),
                    "aliases": "",
                    "actor_type": actor_type,
                    "country_code": country.alpha_3,
                    "backer_country_code": "",
                    "wikidata_id": "",
                    "parent_actor_id": "",
                    "description": f"Generic {stem} actor of {name}, coded from demonyms",
                }
            )
    return rows


def main(path: Path | None = None) -> int:
    """Rewrite the seed: named rows first (unchanged), generic rows after."""
    path = path or default_seed_path()
    with path.open(newline="", encoding="utf-8") as fh:
        named = [r for r in csv.DictReader(fh) if not r["actor_id"].startswith("gen_")]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=SEED_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(named)
        writer.writerows(generic_rows())
    print(f"{path}: {len(named)} named rows, {len(generic_rows())} generic rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
