"""The project's own gold (gold/pages/*.json) is well-formed, so `make eval` scores what it claims.

A typo in a gold key silently drops a condition; a wrong coordinate or country code makes a right
extraction look wrong. These checks catch both before anyone reads an F1 off them.
"""

from __future__ import annotations

import html
import math
import re
from datetime import date
from pathlib import Path

import pycountry
import pytest

from .conftest import PAGES, REPO, gold_files, load_gold

PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
ACLED = {
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
    "Strategic developments",
}  # fmt: skip
TOP_KEYS = {
    "input", "published", "about", "text_must_include", "text_must_exclude",
    "comments_must_include", "events_required", "events_allowed_if_flagged", "events_forbidden",
}  # fmt: skip
EVENT_KEYS = {
    "what", "note", "event_type", "event_type_any_of", "acled_event_type",
    "acled_event_type_any_of", "actor1_any_of", "actor1_backer_country", "actor1_country_any_of",
    "actor2_any_of", "actor2_country_any_of", "location", "origin_name_any_of", "date_start",
    "date_end", "date_precision", "date_end_not_after", "date_precision_not", "fatalities_best",
    "source_original_any_of", "modality",
}  # fmt: skip
FLAGGED_KEYS = {"what", "modality", "note"}
MODALITIES = {"asserted", "hedged", "negated", "future"}
PRECISIONS = {"day", "week", "month", "year"}
# the section index is not an article; the reference page's gold is ../shared/gold/seed.json
NOT_CODED_HERE = {"levant-monitor-section-syria.html", "southfront-deir-ezzor-reinforcements.txt"}
GOLD = gold_files()


def _visible_text(page: Path) -> str:
    raw = page.read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", " ", raw)) if page.suffix == ".html" else raw
    return re.sub(r"\s+", " ", text)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def _alpha2(alpha3: str, where: str) -> str:
    country = pycountry.countries.get(alpha_3=alpha3)
    assert country is not None, f"{where}: {alpha3!r} is not an ISO 3166-1 alpha-3 code"
    return country.alpha_2


def test_every_article_page_has_gold() -> None:
    coded = {Path(load_gold(g)["input"]).name for g in GOLD}
    pages = {p.name for p in PAGES.iterdir() if p.is_file()} - NOT_CODED_HERE
    assert pages == coded, f"pages without gold: {sorted(pages - coded)}"
    required = sum(len(load_gold(g)["events_required"]) for g in GOLD)
    assert required >= 30, f"only {required} required gold events"


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_gold_file_is_well_formed(gold_path: Path) -> None:
    gold = load_gold(gold_path)
    name = gold_path.name
    assert set(gold) <= TOP_KEYS, f"{name}: unknown keys {set(gold) - TOP_KEYS}"
    page = REPO / gold["input"]
    assert page.is_file(), f"{name}: input {gold['input']!r} does not exist"
    published = date.fromisoformat(gold["published"])
    for i, event in enumerate(gold["events_required"]):
        where = f"{name} events_required[{i}]"
        assert set(event) <= EVENT_KEYS, f"{where}: unknown keys {set(event) - EVENT_KEYS}"
        assert "event_type" in event or "event_type_any_of" in event, f"{where}: no event type"
        types = event.get("event_type_any_of", [event.get("event_type")])
        assert set(types) <= PLOVER, f"{where}: not PLOVER {types}"
        acled = event.get("acled_event_type_any_of", [event.get("acled_event_type")])
        assert set(acled) <= ACLED | {None}, f"{where}: not an ACLED event type {acled}"
        assert event.get("modality", "asserted") in MODALITIES, where
        for key in ("actor1_country_any_of", "actor2_country_any_of"):
            for code in event.get(key, []):
                _alpha2(code, f"{where} {key}")
        if "actor1_backer_country" in event:
            _alpha2(event["actor1_backer_country"], f"{where} actor1_backer_country")
        for key in ("date_start", "date_end", "date_end_not_after"):
            if key in event:
                assert date.fromisoformat(event[key]) <= published, f"{where}: {key} after pub"
        if "date_precision" in event:
            assert event["date_precision"] in PRECISIONS, where
            if event["date_precision"] == "month":
                assert event["date_start"].endswith("-01"), f"{where}: a month starts on day 1"
        if "fatalities_best" in event:
            assert isinstance(event["fatalities_best"], int) and event["fatalities_best"] >= 0
    for i, flagged in enumerate(gold["events_allowed_if_flagged"]):
        where = f"{name} events_allowed_if_flagged[{i}]"
        assert set(flagged) <= FLAGGED_KEYS and "what" in flagged, where
        assert flagged.get("modality", "asserted") in MODALITIES, where
    assert all(isinstance(f, str) and f for f in gold["events_forbidden"]), name


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_gold_locations_are_geonames_places_in_their_country(
    gold_path: Path, cities_by_country: dict[str, list[tuple[float, float]]]
) -> None:
    gold = load_gold(gold_path)
    for i, event in enumerate(gold["events_required"]):
        loc = event.get("location")
        if loc is None:
            continue
        where = f"{gold_path.name} events_required[{i}] {loc.get('name')!r}"
        assert set(loc) == {"name", "latitude", "longitude", "country_code"}, where
        cities = cities_by_country.get(_alpha2(loc["country_code"], where), [])
        assert cities, f"{where}: no GeoNames cities for {loc['country_code']}"
        point = (loc["latitude"], loc["longitude"])
        lats, lons = [c[0] for c in cities], [c[1] for c in cities]
        assert min(lats) - 0.5 <= point[0] <= max(lats) + 0.5, f"{where}: latitude not in country"
        assert min(lons) - 0.5 <= point[1] <= max(lons) + 0.5, f"{where}: longitude not in country"
        nearest = min(_km(point, c) for c in cities)
        assert nearest < 1.0, f"{where}: no GeoNames place at these coordinates ({nearest:.1f} km)"


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_gold_text_checks_quote_the_page(gold_path: Path) -> None:
    """Strings to keep, drop or find in comments must be on the page, else the check is empty."""
    gold = load_gold(gold_path)
    visible = _visible_text(REPO / gold["input"])
    for key in ("text_must_include", "text_must_exclude", "comments_must_include"):
        for s in gold[key]:
            assert s in visible, f"{gold_path.name} {key}: {s!r} is not on the page"


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_flagged_items_can_match_a_sentence_of_their_page(gold_path: Path) -> None:
    """The scorer pairs a flagged item with an event when 60% of its 4+-letter words are in the
    event's sentence; an item no sentence can reach would silently turn allowed events into FPs."""
    gold = load_gold(gold_path)
    visible = _visible_text(REPO / gold["input"]).replace("\u2019", "'")
    sentences = [
        set(re.findall(r"[a-z]{4,}", s.lower())) for s in re.split(r"(?<=[.!?])\s+", visible)
    ]
    for item in gold["events_allowed_if_flagged"]:
        words = set(re.findall(r"[a-z]{4,}", item["what"].lower()))
        best = max(len(words & s) / len(words) for s in sentences)
        assert best >= 0.6, f"{gold_path.name}: no sentence of the page matches {item['what']!r}"
