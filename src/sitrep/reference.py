"""The reference data Sitrep reads, named in one place.

The dictionaries and crosswalks are dbt seeds (an analyst edits a CSV, not code); the gazetteer
is built once into a cache folder. Stages are handed these paths; :data:`CHECKOUT` names the
files of this checkout, for a caller that was given none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ACTOR_DICTIONARY = "actor_dictionary.csv"
PLOVER_CROSSWALK = "plover_crosswalk.csv"
GAZETTEER_OVERRIDES = "gazetteer_overrides.csv"
PLACE_NAMES_CONVENTIONAL = "place_names_conventional.csv"


@dataclass(frozen=True)
class ReferenceFiles:
    """Where one deployment's reference data lives: its dbt project's seeds and a cache folder."""

    dbt_project_dir: Path
    cache_dir: Path

    @property
    def seeds(self) -> Path:
        return self.dbt_project_dir / "seeds"

    @property
    def actor_dictionary(self) -> Path:
        return self.seeds / ACTOR_DICTIONARY

    @property
    def plover_crosswalk(self) -> Path:
        return self.seeds / PLOVER_CROSSWALK

    @property
    def gazetteer_overrides(self) -> Path:
        return self.seeds / GAZETTEER_OVERRIDES

    @property
    def place_names_conventional(self) -> Path:
        return self.seeds / PLACE_NAMES_CONVENTIONAL


_ROOT = Path(__file__).resolve().parents[2]
CHECKOUT = ReferenceFiles(_ROOT / "dbt_project", _ROOT / "data" / "cache")
