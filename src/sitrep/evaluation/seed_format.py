"""Score one article against gold in the ``seed.json`` format (required, flagged, forbidden events).

Used for the reference page (``../shared/gold/seed.json``) and for the project's own gold pages
(``gold/pages/*.json``), which follow the same format.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.actors.dictionary import normalize_name
from sitrep.contract import Event
from sitrep.distance import haversine_km
from sitrep.evaluation.metrics import LOCATION_TOLERANCE_KM, FieldScore

FIELDS = (
    "event_type",
    "actor1",
    "actor2",
    "location",
    "origin",
    "date",
    "fatalities",
    "attribution",
    "modality",
)
# gold key → field it scores
_KEY_FIELD = {
    "event_type": "event_type",
    "event_type_any_of": "event_type",
    "acled_event_type": "event_type",
    "acled_event_type_any_of": "event_type",
    "actor1_any_of": "actor1",
    "actor1_backer_country": "actor1",
    "actor1_country_any_of": "actor1",
    "actor2_any_of": "actor2",
    "actor2_country_any_of": "actor2",
    "location": "location",
    "origin_name_any_of": "origin",
    "date_start": "date",
    "date_precision": "date",
    "date_end_not_after": "date",
    "date_precision_not": "date",
    "date_end": "date",
    "fatalities_best": "fatalities",
    "source_original_any_of": "attribution",
    "modality": "modality",
}


@dataclass
class CleanedPage:
    """The article text the extractor sees, and how it was obtained."""

    text: str
    comments: list[str]
    method: str


@dataclass
class PageResult:
    """Everything the report says about one gold page."""

    name: str
    cleaning: str
    text_checks: list[tuple[str, bool]] = field(default_factory=list)
    required: list[tuple[str, bool, list[str]]] = field(default_factory=list)
    flagged: list[tuple[str, str]] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    scores: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    n_events: int = 0


def clean_page(path: Path, published: str | None) -> CleanedPage:
    """Clean a page with the article stage; a marked fallback if that stage cannot be imported."""
    raw = path.read_bytes()
    try:
        from sitrep.article import parse_article
    except ImportError:
        return _fallback_clean(raw.decode("utf-8", "replace"))
    ctype = "text/plain" if path.suffix in {".txt", ".md"} else None
    parsed = parse_article(raw, content_type=ctype, published_hint=published)
    return CleanedPage(parsed.text or "", list(parsed.comments), "sitrep.article.parse_article")


def _fallback_clean(text: str) -> CleanedPage:
    """FALLBACK only: keep sentence-like lines up to the first comment-section marker."""
    body = re.split(r"\n(?:MORE ON THIS TOPIC|Notify of|\d+ Comments?|Comments?)\s*\n", text)[0]
    lines = [ln for ln in body.splitlines() if len(ln.split()) >= 8]
    return CleanedPage("\n\n".join(lines), [], "FALLBACK line filter (article stage missing)")


def _names_match(
    candidates: list[str], name: str | None, actor_id: str | None, dictionary: Any
) -> bool:
    if not name:
        return False
    got = normalize_name(name)
    for cand in candidates:
        want = normalize_name(cand)
        if want and (want == got or re.search(rf"\b{re.escape(want)}\b", got)):
            return True
        if actor_id and dictionary is not None:
            entry = dictionary.lookup(cand, fuzzy=False)
            if entry is not None and entry.actor_id == actor_id:
                return True
    return False


def check_condition(key: str, want: Any, event: Event, dictionary: Any) -> bool:
    """Does one predicted event satisfy one gold condition?"""
    a1, a2 = event.actor1, event.actor2
    if key == "event_type":
        return event.event_type == want
    if key == "event_type_any_of":
        return event.event_type in want or (event.event_type == "ASSAULT" and "FIGHT" in want)
    if key == "acled_event_type":
        return event.acled_event_type == want
    if key == "acled_event_type_any_of":
        return event.acled_event_type in want
    if key == "actor1_any_of":
        return a1 is not None and _names_match(want, a1.name, a1.actor_id, dictionary)
    if key == "actor1_backer_country":
        return a1 is not None and a1.backer_country_code == want
    if key == "actor1_country_any_of":
        return a1 is not None and a1.country_code in want
    if key == "actor2_any_of":
        return a2 is not None and _names_match(want, a2.name, a2.actor_id, dictionary)
    if key == "actor2_country_any_of":
        return a2 is not None and a2.country_code in want
    if key == "location":
        loc = event.location
        if loc is None or loc.latitude is None or loc.longitude is None:
            return False
        km = haversine_km((loc.latitude, loc.longitude), (want["latitude"], want["longitude"]))
        return km <= LOCATION_TOLERANCE_KM
    if key == "origin_name_any_of":
        o = event.origin
        return o is not None and any(normalize_name(w) == normalize_name(o.name) for w in want)
    if key == "date_start":
        return event.date_start == want
    if key == "date_end":
        return event.date_end == want
    if key == "date_precision":
        return event.date_precision == want
    if key == "date_end_not_after":
        return event.date_end is not None and event.date_end <= want
    if key == "date_precision_not":
        return event.date_precision is not None and event.date_precision != want
    if key == "fatalities_best":
        return event.fatalities_best == want
    if key == "source_original_any_of":
        return event.source_original is not None and _names_match(
            want, event.source_original, None, dictionary
        )
    if key == "modality":
        return event.modality == want
    return True


def _has_value(field_name: str, event: Event) -> bool:
    return {
        "event_type": True,
        "actor1": event.actor1 is not None,
        "actor2": event.actor2 is not None,
        "location": event.location is not None,
        "origin": event.origin is not None,
        "date": event.date_start is not None,
        "fatalities": event.fatalities_best is not None,
        "attribution": event.source_original is not None,
        "modality": True,
    }[field_name]


def _overlap(description: str, sentence: str) -> float:
    words = {w for w in re.findall(r"[a-z]{4,}", description.lower())}
    if not words:
        return 0.0
    have = set(re.findall(r"[a-z]{4,}", sentence.lower()))
    return len(words & have) / len(words)


def score_page(
    gold: dict[str, Any], name: str, cleaned: CleanedPage, events: list[Event], dictionary: Any
) -> PageResult:
    """Compare one page's predicted events with its gold."""
    result = PageResult(name=name, cleaning=cleaned.method, n_events=len(events))
    for s in gold.get("text_must_include", []):
        result.text_checks.append((f"text includes {s!r}", s in cleaned.text))
    for s in gold.get("text_must_exclude", []):
        result.text_checks.append((f"text excludes {s!r}", s not in cleaned.text))
    comments = "\n".join(cleaned.comments)
    for s in gold.get("comments_must_include", []):
        result.text_checks.append((f"comments include {s!r}", s in comments))

    used: set[int] = set()
    for req in gold.get("events_required", []):
        conds = {k: v for k, v in req.items() if k in _KEY_FIELD}
        type_keys = {k: v for k, v in conds.items() if k in {"event_type", "event_type_any_of"}}
        best, best_ok = None, -1
        for i, ev in enumerate(events):
            if i in used or not all(
                check_condition(k, v, ev, dictionary) for k, v in type_keys.items()
            ):
                continue
            ok = sum(check_condition(k, v, ev, dictionary) for k, v in conds.items())
            if ok > best_ok:
                best, best_ok = i, ok
        failures = []
        by_field: dict[str, bool] = {}
        for key, want in conds.items():
            fld = _KEY_FIELD[key]
            good = best is not None and check_condition(key, want, events[best], dictionary)
            by_field[fld] = by_field.get(fld, True) and good
            if not good:
                failures.append(key)
        if best is not None:
            used.add(best)
        for fld, good in by_field.items():
            score = result.scores[fld]
            if good:
                score.tp += 1
            else:
                score.fn += 1
                if best is not None and _has_value(fld, events[best]):
                    score.fp += 1
        result.required.append((req.get("what", "?"), not failures, failures))

    flagged_items = gold.get("events_allowed_if_flagged", [])
    for i, ev in enumerate(events):
        if i in used:
            continue
        match = max(
            flagged_items, key=lambda f: _overlap(f.get("what", ""), ev.sentence), default=None
        )
        if match is not None and _overlap(match.get("what", ""), ev.sentence) >= 0.6:
            ok = ev.modality == match.get("modality", ev.modality)
            if "day" in match.get("note", "") and ev.date_precision == "day":
                ok = False
            result.flagged.append(
                (
                    match["what"],
                    "ok" if ok else f"NOT flagged right: {ev.modality}, {ev.date_precision}",
                )
            )
            if not ok:
                result.scores["event_type"].fp += 1
            continue
        result.scores["event_type"].fp += 1
        if cleaned.comments and any(ev.sentence and ev.sentence in c for c in cleaned.comments):
            result.forbidden.append(f"event from a reader comment: {ev.sentence[:80]!r}")
    countries = {
        r["location"]["country_code"] for r in gold.get("events_required", []) if r.get("location")
    }
    if any("outside" in f for f in gold.get("events_forbidden", [])) and countries:
        for ev in events:
            cc = ev.location.country_code if ev.location else None
            if cc and cc not in countries:
                result.forbidden.append(
                    f"event located outside {sorted(countries)}: {cc} {ev.sentence[:60]!r}"
                )
    return result


def load_gold(path: Path) -> dict[str, Any]:
    """Read a gold file."""
    return json.loads(path.read_text(encoding="utf-8"))


def find_input(gold: dict[str, Any], gold_path: Path, roots: list[Path]) -> Path | None:
    """The page a gold file describes: its ``input`` relative to the gold file or known roots."""
    rel = gold.get("input") or gold.get("page") or ""
    for base in [gold_path.parent, *roots]:
        candidate = (base / rel).resolve()
        if rel and candidate.exists():
            return candidate
    return None
