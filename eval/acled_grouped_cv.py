"""End-to-end grouped cross-validation of event coding on the ACLED dev notes.

For each of 5 folds grouped by country, the event classifier is trained without the fold's
countries (same data and settings as ``make train``), the fold's notes are coded by the whole
extractor with that model, and they are scored with ``../shared/devsets/score.py``'s own rules.
This is the evidence for the ACLED figures in the README; the dev score of the shipped model,
which has seen these notes, is not.

    .venv/bin/python eval/acled_grouped_cv.py [--shared ../shared] [--dump out.jsonl]

``--dump`` writes each note's out-of-fold output beside its gold and per-field scores (the
same rows as ``score.py --dump``), for error analysis on predictions the model did not train on.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("detected", "type", "subtype", "loc25", "date", "fatal", "actor1")


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "devsets" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    import spacy
    from sklearn.model_selection import GroupKFold

    import sitrep.nlp.train_event_model as training
    from sitrep.extract import ArticleInput, extract_documents
    from sitrep.nlp import SPACY_MODEL, Extractor
    from sitrep.nlp.event_model import EventModel, save

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--dump", type=Path, help="write out-of-fold outputs and scores (JSONL)")
    args = ap.parse_args()
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    score = _scorer(args.shared)
    nlp = spacy.load(SPACY_MODEL, disable=["ner"])
    nlp.add_pipe("sitrep_line_breaks", before="parser")
    examples = training.load_examples(args.shared, nlp)
    with open(args.shared / "devsets/acled/acled_notes_2020_dev.csv", encoding="utf-8") as fh:
        rows = {r["data_id"]: r for r in csv.DictReader(fh)}
    countries = {r["country"].lower(): r["iso3"] for r in rows.values() if r.get("iso3")}
    extractor = Extractor.load()
    counts, n = Counter(), 0
    folds = GroupKFold(n_splits=5).split(examples, groups=[e.group for e in examples])
    with TemporaryDirectory() as tmp:
        for k, (train, test) in enumerate(folds):
            vec, clf = training._fit([examples[i] for i in train], 4.0)
            save(Path(tmp) / f"fold{k}.npz", vec, clf)
            extractor.event_model = EventModel.load(Path(tmp) / f"fold{k}.npz")
            ids = sorted({examples[i].doc for i in test if examples[i].source == "acled"})
            items = []
            for note in ids:
                day = datetime.strptime(rows[note]["event_date"], "%d-%b-%y").date()
                published = (day + timedelta(days=1)).isoformat()
                items.append(ArticleInput(rows[note]["notes"], id=note, published=published))
            for (_, doc), note in zip(extract_documents(items, extractor), ids, strict=True):
                n += 1
                out = doc.to_dict()
                scored = _score(score, out, rows[note], countries)
                counts.update(scored)
                if dump is not None:
                    row = {"fold": k, "gold": rows[note], "score": scored, "output": out}
                    dump.write(json.dumps(row, ensure_ascii=False) + "\n")
            print(f"fold {k}: {len(ids)} notes", flush=True)
    for key in FIELDS:
        print(f"  {key}: {100 * counts[key] / n:.1f}%")
    if dump is not None:
        dump.close()
    head = sum(counts[k] for k in ("type", "loc25", "date", "fatal", "actor1")) / (5 * n)
    print(f"acled headline, 5-fold grouped by country, end to end: {100 * head:.1f}% of {n} notes")


def _score(score, out: dict, gold: dict, countries: dict) -> dict[str, bool]:
    """``score.py``'s per-note rules, on one coded note."""
    best, _ = score.best_event(out)
    if not best:
        return {}
    loc = best.get("location") or {}
    km = score.km(
        loc.get("latitude"), loc.get("longitude"), float(gold["latitude"]), float(gold["longitude"])
    )
    low, mid, high = (best.get(f"fatalities_{k}") for k in ("low", "best", "high"))
    deaths = int(gold["fatalities"])
    day = datetime.strptime(gold["event_date"], "%d-%b-%y").date().isoformat()
    return {
        "detected": True,
        "type": best.get("acled_event_type") == gold["event_type"],
        "subtype": best.get("acled_sub_event_type") == gold["sub_event_type"],
        "loc25": km <= 25,
        "date": best.get("date_start") == day,
        "fatal": (mid or 0) == deaths
        or (low is not None and high is not None and low <= deaths <= high),
        "actor1": score.actor_match(best.get("actor1"), gold["actor1"], countries),
    }


if __name__ == "__main__":
    main()
