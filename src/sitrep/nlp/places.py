"""Places in a parsed doc, through the geo stage's ``Geoparser`` when it is installed.

The geoparser is another stage's code; this adapter keeps the NLP stage working (places kept by
name, unresolved, with a reason) when it is missing, so extraction never fails for want of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sitrep.actors.demonyms import country_of
from sitrep.contract import Location
from sitrep.reference import CHECKOUT, ReferenceFiles

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


# A place read inside an institution's name ("Gainesville Police"): where it sits, not where
# anything happened.
EMBEDDED = "embedded"


@dataclass
class Place:
    """A toponym in the text and what it resolved to (``location`` is None when nothing did)."""

    start: int
    end: int
    text: str
    location: Location | None
    reason: str | None = None
    source: str | None = None  # how the geoparser found it (EMBEDDED: inside an ORG's name)


class FallbackPlaces:
    """Used only when ``sitrep.geo`` is not importable: NER toponyms, countries by name."""

    def geoparse(
        self,
        doc: Doc,
        *,
        exclude: Sequence[tuple[int, int]] = (),
        text: str | None = None,
        ents: Sequence[Span] | None = None,
        hints: Mapping[str, float] | None = None,
    ) -> list[Place]:
        places = []
        for ent in doc.ents if ents is None else ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            if any(ent.start_char < e and s < ent.end_char for s, e in exclude):
                continue
            iso3 = country_of(ent.text.removeprefix("the ").removeprefix("The "))
            loc = Location(name=ent.text, country_code=iso3, geo_precision=6) if iso3 else None
            reason = None if iso3 else "gazetteer not installed (sitrep.geo missing)"
            places.append(Place(ent.start_char, ent.end_char, ent.text, loc, reason))
        return places

    def resolve(self, name: str, **_: Any) -> Location | None:
        iso3 = country_of(name)
        return Location(name=name, country_code=iso3, geo_precision=6) if iso3 else None


def load_geoparser(reference: ReferenceFiles = CHECKOUT) -> Any:
    """The geo stage's Geoparser if available, else the fallback (and why, for the logs)."""
    try:
        from sitrep.geo import Geoparser  # type: ignore[attr-defined]
    except ImportError:
        return FallbackPlaces()
    if reference == CHECKOUT:
        return Geoparser.load()  # the process-wide one
    return Geoparser.load(overrides=reference.gazetteer_overrides, cache_dir=reference.cache_dir)


def as_place(mention: Any) -> Place:
    """Normalise the geo stage's PlaceMention to our Place (same fields, by name)."""
    return Place(
        start=mention.start,
        end=mention.end,
        text=mention.text,
        location=getattr(mention, "location", None),
        reason=getattr(mention, "reason", None),
        source=getattr(mention, "source", None),
    )
