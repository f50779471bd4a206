"""The public ``sitrep extract`` JSON contract.

One document per article. Later work may add fields; it never renames or removes one.
Missing values are ``None`` (JSON ``null``), never absent. Country codes are ISO 3166-1
alpha-3, dates ISO 8601.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from sitrep.ontology import DatePrecision, Modality

__all__ = ["Actor", "DatePrecision", "Document", "Event", "Location", "Mention", "Modality"]

MentionKind = Literal["actor", "location"]

CONTRACT_VERSION = "1.0"


@dataclass
class Actor:
    """Who acts (actor1) or is acted upon (actor2)."""

    name: str
    actor_id: str | None = None
    actor_type: str | None = None
    country_code: str | None = None
    # extensions
    backer_country_code: str | None = None
    resolved: bool = False
    wikidata_id: str | None = None


@dataclass
class Location:
    """A place resolved against the gazetteer; ``geo_precision`` says how exactly."""

    name: str
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    admin1: str | None = None
    country_code: str | None = None
    geo_precision: int | None = None
    # extensions
    feature_code: str | None = None
    resolution_note: str | None = None


@dataclass
class Mention:
    """A span of the clean text naming an actor or a place."""

    text: str
    start: int
    end: int
    kind: MentionKind
    actor_id: str | None = None
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    # extensions
    sentence_index: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    name: str | None = None
    actor_type: str | None = None
    admin1: str | None = None
    geo_precision: int | None = None
    resolved: bool = False


@dataclass
class Event:
    """Who did what to whom, where, when, how many were killed, and who says so."""

    event_type: str
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Location | None = None
    origin: Location | None = None
    date_start: str | None = None
    date_end: str | None = None
    date_precision: DatePrecision | None = None
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    source_original: str | None = None
    sentence: str = ""
    start: int = 0
    end: int = 0
    modality: Modality = "asserted"
    confidence: float = 0.0
    # extensions
    event_mode: str | None = None
    cameo_root: str | None = None
    destination: Location | None = None
    sentence_index: int | None = None
    fatalities_note: str | None = None
    trigger: str | None = None


@dataclass
class Document:
    """Everything Sitrep reads out of one article."""

    title: str | None
    published: str | None
    language: str | None
    text: str
    comments: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # extensions
    id: str | None = None
    url: str | None = None
    status: str = "coded"
    status_reason: str | None = None
    author: str | None = None
    site_name: str | None = None
    contract_version: str = CONTRACT_VERSION
    # extensions: which evidence gave `published` (given | url | json-ld | meta |
    # time | page | text), and every author named (`author` joins them with "; ")
    published_source: str | None = None
    authors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict: every field present, ``None`` where unknown."""
        return asdict(self)
