"""Train the toponym ranker's weights on LGL, GeoVirus and GeoWebNews; report leave-one-out.

    make train-geo        # = python -m sitrep.geo.train_ranker ../shared/devsets

For each toponym that the geoparser finds and whose readings include a right one (within
161 km of the gold point, or its GeoNames id), each pair of a right and a wrong reading is a
row: the difference of their ranker features (``sitrep.geo.ranker``). A logistic regression
over those rows (a linear ranking model) gives the weights. The context features depend on
the first pass's picks, which depend on the
weights, so training runs in rounds: features from the bootstrap weights (the rules the
ranker replaced), fit, features again from the fitted weights, fit again.

Leave-one-corpus-out: for each corpus, the same rounds are fitted on the other two and the
geoparser with those weights is scored end to end on the held-out one. The shipped weights
(``reference/ranker.json``) are fitted on all three; they are derived from the corpora's
annotations, not their text. scikit-learn is needed here only, never at run time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sitrep.geo import devsets
from sitrep.geo.ranker import BOOTSTRAP, FEATURES, FIXED, WEIGHTS, Ranker

ROUNDS = 2
C = 1.0  # inverse L2 strength of the logistic regression
MAX_READINGS = 20  # the best readings of a name (by the weights of the round) that are used


Group = tuple[list[list[float]], list[int]]  # one toponym: its readings' features, labels


def groups(parser: Any, articles: list[devsets.Article]) -> list[Group]:
    """Every gold toponym the parser ranks with both right and wrong readings among them."""
    out: list[Group] = []
    for article in articles:
        for doc, off, exclude in article.chunks:
            parser.trace = []
            parser.geoparse(doc, exclude=exclude, text=doc.text, ents=doc.ents)
            traced, parser.trace = parser.trace, None
            for start, end, ranked in traced:
                gold = next(
                    (g for g in article.gold if g.start < end + off and g.end > start + off),
                    None,
                )
                if gold is None or len(ranked) < 2:
                    continue
                labels = [
                    int(
                        devsets.correct(
                            gold, r.place.latitude, r.place.longitude, r.place.geonames_id
                        )
                    )
                    for r in ranked[:MAX_READINGS]
                ]
                if any(labels) and not all(labels):
                    out.append(([r.features for r in ranked[:MAX_READINGS]], labels))
    return out


def pairs(group: Group) -> tuple[list[list[float]], list[int]]:
    """Pairwise rows of one toponym: right minus wrong reading (1) and wrong minus right (0)."""
    features, labels = group
    xs, ys = [], []
    for fp, lp in zip(features, labels, strict=True):
        if not lp:
            continue
        for fn, ln in zip(features, labels, strict=True):
            if ln:
                continue
            diff = [0.0 if f in FIXED else a - b for f, a, b in zip(FEATURES, fp, fn, strict=True)]
            xs += [diff, [-d for d in diff]]
            ys += [1, 0]
    return xs, ys


def fit(corpora_groups: list[list[Group]]) -> dict[str, float]:
    """Pairwise logistic regression (a linear ranking model; no intercept): each toponym
    weighs the same within its corpus, and each corpus the same as the others."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    xs: list[list[float]] = []
    ys: list[int] = []
    ws: list[float] = []
    for corpus in corpora_groups:
        for group in corpus:
            x, y = pairs(group)
            xs += x
            ys += y
            ws += [1.0 / (len(y) * len(corpus))] * len(y)
    weights = np.asarray(ws) * len(ws) / sum(ws)
    model = LogisticRegression(C=C, max_iter=5000, fit_intercept=False)
    model.fit(np.asarray(xs), np.asarray(ys), sample_weight=weights)
    fitted = {f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_[0], strict=True)}
    return {**fitted, **FIXED}


def train(parser: Any, corpora: dict[str, list[devsets.Article]]) -> tuple[dict[str, float], int]:
    """Weights fitted on ``corpora`` in ``ROUNDS`` rounds from the bootstrap weights.
    Returns the weights and the number of toponyms they were fitted on."""
    parser.set_ranker(Ranker.from_mapping(BOOTSTRAP))
    weights: dict[str, float] = dict(BOOTSTRAP)
    n = 0
    for _ in range(ROUNDS):
        found = [groups(parser, articles) for articles in corpora.values()]
        weights, n = fit(found), sum(len(g) for g in found)
        parser.set_ranker(Ranker.from_mapping(weights))
    return weights, n


def main(argv: list[str] | None = None) -> int:
    """Leave-one-corpus-out report, then the shipped weights fitted on every corpus."""
    from sitrep.config import load_settings
    from sitrep.geo import Geoparser

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("devsets", type=Path, help="the shared development sets folder")
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    ap.add_argument("--limit", type=int, default=0, help="articles per corpus (for a quick try)")
    args = ap.parse_args(argv)
    cache = load_settings().home / "data" / "cache"
    corpora = {c: devsets.load(args.devsets, c, cache, args.limit) for c in devsets.CORPORA}
    parser = Geoparser.load()
    report: dict[str, Any] = {}
    for held_out in devsets.CORPORA:
        parser.set_ranker(Ranker.from_mapping(BOOTSTRAP))
        before = devsets.score(corpora[held_out], parser.geoparse)
        train_on = {c: a for c, a in corpora.items() if c != held_out}
        _, n = train(parser, train_on)
        after = devsets.score(corpora[held_out], parser.geoparse)
        report[held_out] = {
            "trained_on": sorted(train_on),
            "toponyms": n,
            "bootstrap_acc161": round(after["n"] and 100 * before["ok"] / before["n"], 1),
            "acc161": round(after["n"] and 100 * after["ok"] / after["n"], 1),
            "id_exact": round(after["n"] and 100 * after["same_id"] / after["n"], 1),
        }
        print(f"held out {held_out}: {json.dumps(report[held_out])}", flush=True)
    weights, n = train(parser, corpora)
    args.out.write_text(
        json.dumps(
            {
                "about": "toponym ranker weights (sitrep.geo.ranker), fitted by "
                "`python -m sitrep.geo.train_ranker` on the annotations of LGL, GeoVirus and "
                "GeoWebNews (derived data; the corpora's text is not included)",
                "toponyms": n,
                "weights": weights,
                "leave_one_corpus_out": report,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"{args.out}: {n} toponyms; weights {json.dumps(weights)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
