"""PLOVER → ACLED event/sub-event type and CAMEO root, read from the ``plover_crosswalk`` seed.

The mapping is data an analyst can change without touching code; only the ACLED rule that an
attack on civilians is "Violence against civilians" needs the event's actors, so it lives here.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class CrosswalkRow:
    """One PLOVER type (and mode) with its ACLED and CAMEO equivalents."""

    acled_event_type: str | None
    acled_sub_event_type: str | None
    cameo_root: str | None


def default_crosswalk_path() -> Path:
    """The seed inside this checkout's dbt project."""
    from sitrep.reference import CHECKOUT

    return CHECKOUT.plover_crosswalk


class Crosswalk:
    """Lookup by (event_type, event_mode), falling back to the type's default row."""

    def __init__(self, rows: dict[tuple[str, str], CrosswalkRow]) -> None:
        self._rows = rows

    @classmethod
    def load(cls, path: Path | None = None) -> Crosswalk:
        """Read the seed (missing file → empty crosswalk: types stay, ACLED columns are null)."""
        path = path or default_crosswalk_path()
        rows: dict[tuple[str, str], CrosswalkRow] = {}
        if path.exists():
            with path.open(newline="", encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    key = (row["event_type"].strip(), (row.get("event_mode") or "").strip())
                    rows[key] = CrosswalkRow(
                        (row.get("acled_event_type") or "").strip() or None,
                        (row.get("acled_sub_event_type") or "").strip() or None,
                        (row.get("cameo_root") or "").strip() or None,
                    )
        return cls(rows)

    def lookup(self, event_type: str, mode: str | None = None) -> CrosswalkRow:
        """The row for this type and mode, else the type's default, else all-null."""
        return (
            self._rows.get((event_type, mode or ""))
            or self._rows.get((event_type, ""))
            or CrosswalkRow(None, None, None)
        )

    def plover_for(
        self, acled_event_type: str | None, acled_sub_event_type: str
    ) -> tuple[str, str | None]:
        """The PLOVER type and mode of an ACLED sub-event: the first seed row with that
        sub-event type, else the first with its event type (``("ASSAULT", None)`` if none)."""
        for want in (
            lambda r: r.acled_sub_event_type == acled_sub_event_type,
            lambda r: r.acled_event_type == acled_event_type,
        ):
            for (event_type, mode), row in self._rows.items():
                if want(row):
                    return event_type, mode or None
        return "ASSAULT", None

    def acled_for(self, event_type: str, mode: str | None, actor2_type: str | None) -> CrosswalkRow:
        """ACLED coding with its one actor-dependent rule: armed attacks on civilians are VAC."""
        row = self.lookup(event_type, mode)
        if (
            event_type == "ASSAULT"
            and actor2_type in {"civilians", "protesters"}
            and row.acled_event_type == "Battles"
        ):
            sub = "Excessive force against protesters" if actor2_type == "protesters" else "Attack"
            kind = "Protests" if actor2_type == "protesters" else "Violence against civilians"
            return CrosswalkRow(kind, sub, row.cameo_root)
        return row


@lru_cache(maxsize=1)
def load_default() -> Crosswalk:
    """The crosswalk of this checkout, read once per process."""
    return Crosswalk.load()
