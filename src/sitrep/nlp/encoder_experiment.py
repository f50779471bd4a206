"""The fine-tuned-MiniLM experiment, run-time-venv side (no torch here).

    python -m sitrep.nlp.encoder_experiment dump --cache C.pkl --out DIR
        the sentences of ``train_event_model --cache`` with their labels and the grouped folds
        of ``train_event_model.cross_validate`` → ``DIR/rows.json`` for ``train_encoder.py``;
        also the fold-by-fold sparse and shipped-stacked probabilities → ``DIR/base.npz``
    python -m sitrep.nlp.encoder_experiment score --cache C.pkl --out DIR --tag TAG
        the grouped-CV table: shipped stack, fine-tuned alone, fine-tuned stacked with the
        sparse model (several mixes), from ``DIR/cv_TAG.npy`` / ``DIR/held_TAG.npy``.

Scored on the same sentences as ``train_event_model`` (every ACLED note, the sampled ten
sentences a no-event page that the embedding model reads, the PLOVER sentences).
"""

from __future__ import annotations

import argparse
import json
import pickle
from pathlib import Path

import numpy as np

from sitrep.nlp import train_event_model as tm

PER_PAGE = 4  # sentences of each no-event page that the encoder is trained on (of ten)


def _load(cache: Path):
    class _Unpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str):
            # the cache is written by train_event_model run as __main__
            return getattr(tm, name) if module == "__main__" else super().find_class(module, name)

    with cache.open("rb") as fh:
        examples, held = _Unpickler(fh).load()
    return examples, held


def _folds(examples: list[tm.Example], folds: int = 5) -> np.ndarray:
    """Each example's fold: exactly the split of ``train_event_model.cross_validate``."""
    from sklearn.model_selection import GroupKFold

    fold = np.zeros(len(examples), dtype=int)
    for k, (_, test) in enumerate(
        GroupKFold(n_splits=folds).split(examples, groups=[e.group for e in examples])
    ):
        fold[test] = k
    return fold


def dump(examples: list[tm.Example], held: list[tm.Example], out: Path, per_page: int) -> None:
    """``rows.json`` for the encoder, and the baseline fold probabilities (``base.npz``)."""
    classes = sorted({e.label for e in examples})
    fold = _folds(examples)
    scored = [i for i, e in enumerate(examples) if e.embedding is not None]
    texts: dict[str, int] = {}
    rows = []
    seen: dict[str, int] = {}
    for i in scored:
        e = examples[i]
        train = True
        if e.source in {"web", "geovirus"}:
            seen[e.doc] = seen.get(e.doc, 0) + 1
            train = seen[e.doc] <= per_page
        text = e.features.text or ""
        rows.append(
            {
                "text": texts.setdefault(text, len(texts)),
                "label": classes.index(e.label),
                "fold": int(fold[i]),
                "train": train,
            }
        )
    for e in held:
        text = e.features.text or ""
        rows.append(
            {"text": texts.setdefault(text, len(texts)), "label": 0, "fold": -1, "train": False}
        )
    out.mkdir(parents=True, exist_ok=True)
    (out / "rows.json").write_text(
        json.dumps({"classes": classes, "texts": list(texts), "rows": rows})
    )
    print(f"{len(rows)} rows ({sum(r['train'] for r in rows)} trained on), {len(texts)} texts")
    # the baseline, fold by fold: sparse alone and the shipped stack (sparse + LR on embeddings)
    stacked = np.zeros((len(examples), len(classes)))
    sparse = np.zeros_like(stacked)
    held_sparse = np.zeros((5, len(held), len(classes)))
    held_stacked = np.zeros_like(held_sparse)
    for k in range(5):
        train = [examples[i] for i in np.flatnonzero(fold != k)]
        test_idx = np.flatnonzero(fold == k)
        model = tm._model(*tm._fit(train, 4.0))
        cols = [classes.index(c) for c in model.classes]
        test = [examples[i] for i in test_idx]
        stacked[np.ix_(test_idx, cols)] = tm._probabilities(model, test)
        sparse[np.ix_(test_idx, cols)] = model.sparse_probabilities([e.features for e in test])
        held_stacked[k][:, cols] = tm._probabilities(model, held)
        held_sparse[k][:, cols] = model.sparse_probabilities([e.features for e in held])
        print(f"baseline fold {k}", flush=True)
    np.savez(
        out / "base.npz",
        stacked=stacked[scored],
        sparse=sparse[scored],
        held_stacked=held_stacked,
        held_sparse=held_sparse,
    )


def stack(sparse: np.ndarray, tuned: np.ndarray, mix: float, gate: float, none: int) -> np.ndarray:
    """As ``EventModel.combine``: weighted geometric mean where the sparse gate passes."""
    out = sparse.copy()
    rows = 1.0 - sparse[:, none] >= gate
    logp = mix * np.log(np.clip(sparse[rows], 1e-12, None)) + (1 - mix) * np.log(
        np.clip(tuned[rows], 1e-12, None)
    )
    logp -= logp.max(axis=1, keepdims=True)
    p = np.exp(logp)
    out[rows] = p / p.sum(axis=1, keepdims=True)
    return out


COLUMNS = [
    ("acled event type", "ACLED type"),
    ("acled sub-event type", "sub-event"),
    ("acled sub-event weighted F1", "sub wF1"),
    ("web: no-event documents given a violent event", "web violent"),
    ("geovirus: no-event documents given a violent event", "geovirus violent"),
    ("plover: no-event documents given a violent event", "plover-none violent"),
    ("PLOVER attack and fight sentences read as an event", "PLOVER attacks as event"),
    ("PLOVER attack and fight sentences read as a violent event", "as violent"),
    ("PLOVER held-out sentences with the crosswalk's ACLED type", "held-out type"),
    ("PLOVER coerce/retreat/mobilize sentences read as violent", "non-violent read violent"),
]


def score(examples, held, out: Path, tag: str, mixes: list[float], gate: float) -> list[str]:
    """Table rows (Markdown) of the baseline and the fine-tuned variants."""
    classes = sorted({e.label for e in examples})
    none = classes.index(tm.NONE)
    scored = [e for e in examples if e.embedding is not None]
    base = np.load(out / "base.npz")
    cv = np.load(out / f"cv_{tag}.npy")
    n = len(scored)
    tuned, held_tuned = cv[:n], np.load(out / f"held_{tag}.npy")
    # folds not (yet) run are left out, of both models: the comparison is paired
    done = np.flatnonzero(~np.isnan(tuned).any(axis=1))
    folds = [k for k in range(len(held_tuned)) if held_tuned[k].any()]
    print(f"{len(done)} of {n} sentences scored (folds {folds})")
    scored = [scored[i] for i in done]
    tuned, held_tuned = tuned[done], held_tuned[folds]
    base = {
        "sparse": base["sparse"][done],
        "stacked": base["stacked"][done],
        "held_sparse": base["held_sparse"][folds],
        "held_stacked": base["held_stacked"][folds],
    }

    def row(name: str, probs: np.ndarray, held_probs: np.ndarray) -> str:
        m = tm._metrics(scored, probs, classes)
        m.update(tm.news_transfer(held, held_probs.mean(axis=0), classes))
        cells = [f"{m[k]:.3f}" for k, _ in COLUMNS]
        print(f"{name}: " + ", ".join(f"{s} {c}" for (_, s), c in zip(COLUMNS, cells, strict=True)))
        return f"| {name} | " + " | ".join(cells) + " |"

    lines = [
        "| model | " + " | ".join(s for _, s in COLUMNS) + " |",
        "|---|" + "---|" * len(COLUMNS),
        row("sparse alone", base["sparse"], base["held_sparse"]),
        row("shipped stack (sparse + LR on frozen MiniLM)", base["stacked"], base["held_stacked"]),
        row(f"fine-tuned MiniLM alone ({tag})", tuned, held_tuned),
    ]
    for mix in mixes:
        probs = stack(base["sparse"], tuned, mix, gate, none)
        held_probs = np.stack(
            [
                stack(s, t, mix, gate, none)
                for s, t in zip(base["held_sparse"], held_tuned, strict=True)
            ]
        )
        lines.append(row(f"sparse + fine-tuned ({tag}), mix {mix}, gate {gate}", probs, held_probs))
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=["dump", "score"])
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--per-page", type=int, default=PER_PAGE)
    ap.add_argument("--tag", default="t2e2")
    ap.add_argument("--mix", type=float, nargs="*", default=[0.4, 0.5, 0.6])
    ap.add_argument("--gate", type=float, default=tm.GATE)
    args = ap.parse_args()
    examples, held = _load(args.cache)
    if args.step == "dump":
        dump(examples, held, args.out, args.per_page)
    else:
        lines = score(examples, held, args.out, args.tag, args.mix, args.gate)
        (args.out / f"table_{args.tag}.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
