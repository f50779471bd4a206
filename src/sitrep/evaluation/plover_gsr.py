"""Score event types (and actors where annotated) on the PLOVER gold-standard sentences.

The file uses PLOVER 0.5b1 names; they are mapped to the current ontology first
(DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.actors.dictionary import normalize_name
from sitrep.contract import Actor, Event
from sitrep.evaluation.metrics import FieldScore

OLD_TO_NEW = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


@dataclass
class PloverResult:
    """Scores and the most common confusions."""

    n: int = 0
    event_type: FieldScore = field(default_factory=FieldScore)
    actor1: FieldScore = field(default_factory=FieldScore)
    actor2: FieldScore = field(default_factory=FieldScore)
    top1_correct: int = 0
    per_type: dict[str, FieldScore] = field(default_factory=dict)
    confusions: Counter = field(default_factory=Counter)


def load_records(path: Path) -> list[dict[str, Any]]:
    """Gold sentences (the DOCUMENT header record dropped)."""
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in records if r.get("event") != "DOCUMENT" and r.get("text")]


def gold_type(record: dict[str, Any]) -> str:
    return OLD_TO_NEW.get(record["event"], record["event"])


def _actor_list(value: Any) -> list[dict[str, Any]]:
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def actor_matches(pred: Actor | None, gold: list[dict[str, Any]]) -> bool:
    """Same actor: a shared name word, or the gold's country code equals the actor's country."""
    if pred is None:
        return False
    got_words = set(normalize_name(pred.name).split())
    for g in gold:
        code = (g.get("code") or "")[:3].upper()
        if code and code in {pred.country_code, pred.backer_country_code}:
            return True
        want = set(normalize_name(g.get("actorText", "")).split()) - {"of", "and"}
        if want and got_words & want:
            return True
    return False


def score(records: list[dict[str, Any]], predictions: list[list[Event]]) -> PloverResult:
    """Micro P/R/F1 of event type per sentence (set of predicted types vs the gold type)."""
    result = PloverResult()
    for record, events in zip(records, predictions, strict=True):
        result.n += 1
        want = gold_type(record)
        got = {e.event_type for e in events}
        per = result.per_type.setdefault(want, FieldScore())
        if want in got:
            result.event_type.tp += 1
            per.tp += 1
        else:
            result.event_type.fn += 1
            per.fn += 1
            result.confusions[(want, ",".join(sorted(got)) or "none")] += 1
        extra = len(got - {want})
        result.event_type.fp += extra
        if events and events[0].event_type == want:
            result.top1_correct += 1
        main = next((e for e in events if e.event_type == want), events[0] if events else None)
        for role, gold_key, score_ in (
            ("actor1", "source", result.actor1),
            ("actor2", "target", result.actor2),
        ):
            gold = _actor_list(record.get(gold_key))
            pred = getattr(main, role) if main else None
            if not gold:
                continue
            if actor_matches(pred, gold):
                score_.tp += 1
            else:
                score_.fn += 1
                if pred is not None:
                    score_.fp += 1
    return result


def clean_text(record: dict[str, Any]) -> str:
    """The sentence as plain text (the file has no markup in ``text``; strip stray spaces)."""
    return re.sub(r"\s+", " ", record["text"]).strip()
