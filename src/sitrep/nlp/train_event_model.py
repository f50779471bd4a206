"""Train the event classifier (``make train``): ``python -m sitrep.nlp.train_event_model``.

Data (``../shared``, never copied into the repo):
- ACLED notes (``devsets/acled``): each sentence labelled with its note's sub-event type;
- sentences that report no ACLED event: WCXB article pages (``devsets/articles``, CC BY 4.0),
  WikiNews outbreak reports (``devsets/toponyms/geovirus.xml``, CC BY 2.5) and the PLOVER gold
  sentences of diplomatic, verbal and material-cooperation types (CC BY-SA 4.0); its protests
  are protests.

It reports 5-fold cross-validation grouped by country (notes) and by site (other sentences),
then fits on everything and writes ``models/event_type.npz`` and a Markdown report.
"""

from __future__ import annotations

import argparse
import csv
import json
import pickle
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sitrep.nlp.event_model import (
    ACLED_EVENT_OF,
    MODEL_PATH,
    NONE,
    VIOLENT_EVENT_TYPES,
    EventModel,
    load_embedder,
    save,
    token_features,
)

# ACLED house style that news does not have: "[size=no report]", "Looting:" openers.
_TAGS = re.compile(r"\[[^\]]*\]")
_OPENER = re.compile(r"^\s*[A-Z][\w /&-]{2,40}:\s+(?=[A-Z])")
_DATE_OPENER = re.compile(
    r"^\s*(?:(?:it was )?(?:as )?reported on|on or around|on|o|around|between|from|since|during"
    r"|overnight|in|by|until|late|early)\b[^,.;]{0,60}?(?:,\s*)?\b(?:19|20)\d\d\b(?:\s*\([^)]*\))?"
    r"(?:\s*,|\s+that\b)?\s*",
    re.IGNORECASE,
)
# PLOVER types that ACLED does not code as events (talk, aid, sanctions, accusations).
PLOVER_NONE = {
    "AGREE",
    "DEMAND",
    "REJECT",
    "THREATEN",
    "DISAPPROVE",
    "SUPPORT",
    "CONCEDE",
    "CONSULT",
    "AID",
    "INVESTIGATE",
    "COOPERATE",
    "SANCTION",
}
PLOVER_VIOLENT = {"ASSAULT", "FIGHT"}
# PLOVER types never trained on: the news-transfer check (ACLED type through the crosswalk)
PLOVER_HELDOUT = PLOVER_VIOLENT | {"COERCE", "RETREAT", "MOBILIZE"}
SENTENCES_PER_PAGE = 40
EMBED_PER_DOCUMENT = 10  # of those, the ones the embedding model is trained on
MIN_WEIGHT = 0.05  # a feature whose largest coefficient is below this is left out
SEED = 13
# Chosen by the grouped CV and the PLOVER transfer check (eval/event_model.md): full balancing
# (power 1) makes rare ACLED classes loud and reads violence into ordinary web prose.
WEIGHT_POWER = 0.5  # class balancing: sklearn's "balanced" weights raised to this power
DENSE_C = 16.0  # inverse regularisation of the embedding model
MIX = 0.6  # weight of the sparse model in the stacked (geometric) mean; 1: sparse alone
GATE = 0.1  # the embedding is computed only where the sparse model gives an event this much


@dataclass
class Example:
    """One sentence's features, its label, the group it is held out with and its document;
    ``embedding``: its sentence embedding (None where the embedder is not installed)."""

    features: list[str]
    label: str
    group: str
    doc: str
    source: str
    embedding: np.ndarray | None = None


def embed_examples(examples: list[Example], cache: dict[str, np.ndarray] | None = None) -> None:
    """Give examples their sentence embeddings (in place), when the embedder is installed: every
    ACLED and PLOVER sentence and the first ``EMBED_PER_DOCUMENT`` sampled sentences of each
    no-event page (embedding all of them would triple the training time for little).
    ``cache`` (text -> embedding) is read and filled: an embedding depends on its text alone."""
    embedder = load_embedder()
    if embedder is None:
        return
    cache = {} if cache is None else cache
    seen: Counter[str] = Counter()
    chosen = []
    for example in examples:
        if example.source in {"web", "geovirus"}:
            seen[example.doc] += 1
            if seen[example.doc] > EMBED_PER_DOCUMENT:
                continue
        chosen.append(example)
    texts = [getattr(e.features, "text", None) or "" for e in chosen]
    todo = sorted({t for t in texts if t not in cache})
    if todo:
        cache.update(zip(todo, embedder(todo), strict=True))
    for example, text in zip(chosen, texts, strict=True):
        example.embedding = cache[text]


def _clean_note(text: str) -> str:
    """A note without ACLED's house style: tags, "Looting:" openers and the leading date
    ("On 9 May 2020,", "As reported on 2 May 2020,"), which news sentences do not start with."""
    text = _OPENER.sub("", _TAGS.sub("", text)).strip()
    stripped = _DATE_OPENER.sub("", text, count=1)
    return stripped[:1].upper() + stripped[1:] if stripped else text


def _sentences(nlp, texts: list[str]) -> list[list[list[str]]]:
    """Features of every sentence of every text (sentences under four words are left out)."""
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        out.append([token_features(list(s)) for s in doc.sents if len(s) >= 4])
    return out


def load_examples(shared: Path, nlp, embed: bool = True) -> list[Example]:
    rng = random.Random(SEED)
    examples: list[Example] = []
    with open(shared / "devsets/acled/acled_notes_2020_dev.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row, sents in zip(
        rows, _sentences(nlp, [_clean_note(r["notes"]) for r in rows]), strict=True
    ):
        for feats in sents:
            examples.append(
                Example(
                    feats, row["sub_event_type"], f"acled:{row['country']}", row["data_id"], "acled"
                )
            )
    gold = json.loads((shared / "devsets/articles/gold.json").read_text())
    pages = [(k, g["domain"], g["main_content"]) for k, g in gold.items() if g.get("main_content")]
    for (key, domain, _), sents in zip(
        pages, _sentences(nlp, [p[2][:20000] for p in pages]), strict=True
    ):
        for feats in rng.sample(sents, min(SENTENCES_PER_PAGE, len(sents))):
            examples.append(Example(feats, NONE, f"web:{domain}", key, "web"))
    root = ET.parse(shared / "devsets/toponyms/geovirus.xml").getroot()
    arts = [(str(k), art.findtext("text") or "") for k, art in enumerate(root)]
    for (key, _), sents in zip(arts, _sentences(nlp, [a[1] for a in arts]), strict=True):
        for feats in rng.sample(sents, min(SENTENCES_PER_PAGE, len(sents))):
            examples.append(Example(feats, NONE, f"geovirus:{key}", f"gv{key}", "geovirus"))
    records = [
        r for r in json.loads((shared / "gold/plover_gsr.json").read_text()) if r.get("text")
    ]
    for rec, sents in zip(records, _sentences(nlp, [r["text"] for r in records]), strict=True):
        label = None
        if rec["event"] in PLOVER_NONE:
            label = NONE
        elif rec["event"] == "PROTEST":
            label = (
                "Violent demonstration" if "riot" in (rec.get("mode") or "") else "Peaceful protest"
            )
        if label is not None:
            for feats in sents:
                examples.append(
                    Example(feats, label, f"plover:{rec['id'][:-5]}", rec["id"], "plover")
                )
    embed_examples(examples)
    return examples


def class_weights(labels: list[str], power: float = WEIGHT_POWER) -> np.ndarray:
    """Per-sentence weights: sklearn's "balanced" weight of the sentence's class, raised to
    ``power`` (1: every class weighs the same in total; 0: every sentence weighs the same)."""
    counts = Counter(labels)
    total, k = len(labels), len(counts)
    return np.array([(total / (k * counts[label])) ** power for label in labels])


def _fit(
    train: list[Example],
    c: float,
    dense_c: float = DENSE_C,
    mix: float = MIX,
    gate: float = GATE,
    power: float = WEIGHT_POWER,
):
    """Fit on every feature seen three times, then again on those that moved a class: the
    shipped vocabulary is the one the model was fitted (and normalised) on. Where the examples
    have embeddings, the dense head is fitted too and rides on the classifier
    (``classifier.sitrep_dense``), which ``save`` writes beside it."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    docs, labels = [e.features for e in train], [e.label for e in train]
    weights = class_weights(labels, power)
    vec = TfidfVectorizer(analyzer=_identity, lowercase=False, sublinear_tf=True, min_df=3)
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(vec.fit_transform(docs), labels, sample_weight=weights)
    useful = np.abs(clf.coef_).max(axis=0) >= MIN_WEIGHT
    vocabulary = vec.get_feature_names_out()[useful]
    vec = TfidfVectorizer(
        analyzer=_identity, lowercase=False, sublinear_tf=True, vocabulary=vocabulary
    )
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(vec.fit_transform(docs), labels, sample_weight=weights)
    embedded = [i for i, e in enumerate(train) if e.embedding is not None]
    if mix < 1.0 and embedded:
        dense_labels = [labels[i] for i in embedded]
        dense = LogisticRegression(C=dense_c, max_iter=3000)
        dense.fit(
            np.vstack([train[i].embedding for i in embedded]),
            dense_labels,
            sample_weight=class_weights(dense_labels, power),
        )
        if list(dense.classes_) == list(clf.classes_):
            clf.sitrep_dense = (dense, mix, gate)
    return vec, clf


def _model(vec, clf) -> EventModel:
    """The fitted pair as the shipped inference code reads it (through a saved file)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.npz"
        save(path, vec, clf)
        return EventModel.load(path, embed=False)


def _probabilities(model: EventModel, examples: list[Example]) -> np.ndarray:
    """What the shipped inference gives these sentences, their embeddings precomputed."""
    probs = model.sparse_probabilities([e.features for e in examples])
    if model.dense is not None:
        rows = [
            i
            for i in np.flatnonzero(1.0 - probs[:, model._none] >= model.dense.gate)
            if examples[i].embedding is not None
        ]
        if rows:
            dense = model.dense_probabilities(np.vstack([examples[i].embedding for i in rows]))
            probs[rows] = model.combine(probs[rows], dense)
    return probs


def _identity(features: list[str]) -> list[str]:
    return features


def _doc_predictions(
    examples: list[Example], probs: np.ndarray, classes: list[str]
) -> dict[str, str]:
    """A document's label: its most event-like sentence's best class (none if none is)."""
    none = classes.index(NONE)
    best: dict[str, tuple[float, str]] = {}
    for ex, p in zip(examples, probs, strict=True):
        score = 1 - p[none]
        masked = p.copy()
        masked[none] = -1
        label = classes[int(masked.argmax())] if score >= 0.5 else NONE
        if ex.doc not in best or score > best[ex.doc][0]:
            best[ex.doc] = (score, label)
    return {d: lab for d, (_, lab) in best.items()}


def _metrics(examples: list[Example], probs: np.ndarray, classes: list[str]) -> dict[str, float]:
    """Note-level ACLED scores and, on no-event text, how often a violent event is read."""
    from sklearn.metrics import f1_score

    preds = _doc_predictions(examples, probs, classes)
    gold = {e.doc: (e.label, e.source) for e in examples}
    notes = [d for d, (_, s) in gold.items() if s == "acled"]
    y_true = [gold[d][0] for d in notes]
    y_pred = [preds[d] for d in notes]
    out: dict[str, float] = {}
    if notes:
        type_ok = sum(
            ACLED_EVENT_OF.get(p) == ACLED_EVENT_OF[t] for p, t in zip(y_pred, y_true, strict=True)
        )
        out = {
            "acled notes": len(notes),
            "acled event type": type_ok / len(notes),
            "acled sub-event type": sum(p == t for p, t in zip(y_pred, y_true, strict=True))
            / len(notes),
            "acled sub-event weighted F1": f1_score(
                y_true, y_pred, average="weighted", zero_division=0
            ),
            "acled notes with no event": sum(p == NONE for p in y_pred) / len(notes),
        }
    for source in ("web", "geovirus", "plover"):
        docs = [d for d, (lab, s) in gold.items() if s == source and lab == NONE]
        if docs:
            violent = sum(ACLED_EVENT_OF.get(preds[d]) in VIOLENT_EVENT_TYPES for d in docs)
            out[f"{source}: no-event documents given a violent event"] = violent / len(docs)
            out[f"{source}: no-event documents"] = len(docs)
    web = [i for i, e in enumerate(examples) if e.source == "web"]
    if web:
        sentence = _sentence_labels(probs[web], classes)
        out["web: sentences read as a violent event"] = sum(
            ACLED_EVENT_OF.get(lab) in VIOLENT_EVENT_TYPES for lab in sentence
        ) / len(web)
    protests = [d for d, (lab, s) in gold.items() if s == "plover" and lab != NONE]
    if protests:
        out["plover protests read as Protests or Riots"] = sum(
            ACLED_EVENT_OF.get(preds[d]) in {"Protests", "Riots"} for d in protests
        ) / len(protests)
    return out


def _sentence_labels(probs: np.ndarray, classes: list[str]) -> list[str]:
    none = classes.index(NONE)
    masked = probs.copy()
    masked[:, none] = -1
    return [
        classes[int(m.argmax())] if 1 - p[none] >= 0.5 else NONE
        for p, m in zip(probs, masked, strict=True)
    ]


def cross_validate(
    examples: list[Example],
    c: float,
    folds: int = 5,
    held: list[Example] | None = None,
    **params: float,
) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Grouped k-fold: no country's notes or site's pages in both training and test. Scores of
    the stacked model, of its sparse model alone, and (averaged over the fold models) news
    transfer on the PLOVER sentences that are never trained on (``held``)."""
    from sklearn.model_selection import GroupKFold

    classes = sorted({e.label for e in examples})
    stacked = np.zeros((len(examples), len(classes)))
    sparse = np.zeros_like(stacked)
    held = held or []
    held_probs = np.zeros((len(held), len(classes)))
    groups = [e.group for e in examples]
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(examples, groups=groups):
        model = _model(*_fit([examples[i] for i in train_idx], c, **params))
        cols = [classes.index(k) for k in model.classes]
        test = [examples[i] for i in test_idx]
        stacked[np.ix_(test_idx, cols)] = _probabilities(model, test)
        sparse[np.ix_(test_idx, cols)] = model.sparse_probabilities([e.features for e in test])
        if held:
            held_probs[:, cols] += _probabilities(model, held) / folds
    transfer = news_transfer(held, held_probs, classes) if held else {}
    # scored on the sentences that have an embedding (all notes, 10 per no-event page)
    rows = [i for i, e in enumerate(examples) if e.embedding is not None] or list(
        range(len(examples))
    )
    scored = [examples[i] for i in rows]
    return (
        _metrics(scored, stacked[rows], classes),
        _metrics(scored, sparse[rows], classes),
        transfer,
    )


def plover_heldout(shared: Path, nlp, embed: bool = True) -> list[Example]:
    """PLOVER gold sentences of the types that training never sees (attacks, fights, coercion,
    retreats, mobilisation), labelled ``TYPE|mode``: news to test transfer on."""
    records = [
        r
        for r in json.loads((shared / "gold/plover_gsr.json").read_text())
        if r.get("text") and r["event"] in PLOVER_HELDOUT
    ]
    examples = []
    for rec, sents in zip(records, _sentences(nlp, [r["text"] for r in records]), strict=True):
        for feats in sents:
            label = f"{rec['event']}|{rec.get('mode') or ''}"
            examples.append(Example(feats, label, "plover-heldout", rec["id"], "plover"))
    if embed:
        embed_examples(examples)
    return examples


def news_transfer(held: list[Example], probs: np.ndarray, classes: list[str]) -> dict[str, float]:
    """PLOVER news sentences mapped to ACLED types through the crosswalk seed: attacks and
    fights must read as violent events (any violent type: ACLED's choice among them depends on
    the actors), the others as their crosswalk type or as no event, never as violence."""
    from sitrep.nlp.crosswalk import load_default as load_crosswalk

    crosswalk = load_crosswalk()
    best: dict[str, tuple[float, str, str]] = {}
    none = classes.index(NONE)
    for ex, p, label in zip(held, probs, _sentence_labels(probs, classes), strict=True):
        score = 1 - p[none]
        if ex.doc not in best or score > best[ex.doc][0]:
            best[ex.doc] = (score, label, ex.label)
    attacks = [(lab, g) for _, lab, g in best.values() if g.split("|")[0] in PLOVER_VIOLENT]
    others = [(lab, g) for _, lab, g in best.values() if g.split("|")[0] not in PLOVER_VIOLENT]
    right = 0
    for lab, g in attacks + others:
        event, mode = g.split("|")
        got = ACLED_EVENT_OF.get(lab)
        if event in PLOVER_VIOLENT:
            right += got in VIOLENT_EVENT_TYPES
        else:
            right += got is None or got == crosswalk.lookup(event, mode).acled_event_type
    return {
        "PLOVER attack and fight sentences read as an event": sum(lab != NONE for lab, _ in attacks)
        / len(attacks),
        "PLOVER attack and fight sentences read as a violent event": sum(
            ACLED_EVENT_OF.get(lab) in VIOLENT_EVENT_TYPES for lab, _ in attacks
        )
        / len(attacks),
        "PLOVER coerce/retreat/mobilize sentences read as violent": sum(
            ACLED_EVENT_OF.get(lab) in VIOLENT_EVENT_TYPES for lab, _ in others
        )
        / len(others),
        "PLOVER held-out sentences with the crosswalk's ACLED type": right / len(best),
        "PLOVER held-out sentences": len(best),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--report", type=Path, default=Path("eval/event_model.md"))
    ap.add_argument("--c", type=float, default=4.0)
    ap.add_argument("--dense-c", type=float, default=DENSE_C)
    ap.add_argument("--mix", type=float, default=MIX, help="1: the sparse model alone")
    ap.add_argument("--gate", type=float, default=GATE)
    ap.add_argument("--weight-power", type=float, default=WEIGHT_POWER)
    ap.add_argument("--cache", type=Path, help="parsed sentences and embeddings (a pickle)")
    ap.add_argument("--embeddings", type=Path, help="sentence embeddings by text (a pickle)")
    ap.add_argument("--no-cv", action="store_true")
    args = ap.parse_args()
    params = {
        "dense_c": args.dense_c,
        "mix": args.mix,
        "gate": args.gate,
        "power": args.weight_power,
    }
    if args.cache and args.cache.exists():
        with args.cache.open("rb") as fh:
            examples, held = pickle.load(fh)
    else:
        import spacy

        from sitrep.nlp import SPACY_MODEL  # registers the line-break component

        nlp = spacy.load(SPACY_MODEL, disable=["ner"])
        nlp.add_pipe("sitrep_line_breaks", before="parser")
        examples = load_examples(args.shared, nlp, embed=False)
        held = plover_heldout(args.shared, nlp, embed=False)
        embeddings: dict[str, np.ndarray] = {}
        if args.embeddings and args.embeddings.exists():
            with args.embeddings.open("rb") as fh:
                embeddings = pickle.load(fh)
        embed_examples(examples, embeddings)
        embed_examples(held, embeddings)
        if args.embeddings:
            with args.embeddings.open("wb") as fh:
                pickle.dump(embeddings, fh)
        if args.cache:
            with args.cache.open("wb") as fh:
                pickle.dump((examples, held), fh)
    counts = Counter(e.label for e in examples)
    print(f"{len(examples)} sentences, {len(counts)} classes")
    options = " ".join(
        f"--{k.replace('_', '-')} {v}" for k, v in [("c", args.c), *params.items()] if k != "power"
    )
    lines = [
        "# Event classifier",
        "",
        f"Trained by `make train-events` (`python -m sitrep.nlp.train_event_model {options} "
        f"--weight-power {args.weight_power}`): {len(examples)} sentences, {len(counts)} classes. "
        "A sparse logistic regression (masked lemma n-grams and verb-argument features) stacked "
        "with one over all-MiniLM-L6-v2 sentence embeddings (int8 ONNX), the embedding read "
        f"only where the sparse model gives an event at least {args.gate} probability.",
        "",
    ]
    if not args.no_cv:
        stacked, sparse, transfer = cross_validate(examples, args.c, held=held, **params)
        lines += [
            "5-fold cross-validation grouped by country (ACLED notes) and by site (other "
            "sentences); a note's label is its most event-like sentence's:",
            "",
            "| measure | stacked (shipped) | sparse model alone |",
            "|---|---|---|",
        ]
        for key, value in stacked.items():
            shown = [f"{v:.3f}" if isinstance(v, float) else str(v) for v in (value, sparse[key])]
            print(f"  {key}: {shown[0]} (sparse alone {shown[1]})")
            lines.append(f"| {key} | {shown[0]} | {shown[1]} |")
        lines += [
            "",
            "News transfer: PLOVER gold news sentences of types never trained on, their ACLED "
            "type through the crosswalk seed (probabilities averaged over the five fold models):",
            "",
            "| measure | value |",
            "|---|---|",
        ]
        for key, value in transfer.items():
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            print(f"  {key}: {shown}")
            lines.append(f"| {key} | {shown} |")
    vec, clf = _fit(examples, args.c, **params)
    save(args.out, vec, clf)
    model = EventModel.load(args.out, embed=False)
    classes = model.classes
    attacks = [e for e in held if e.label.split("|")[0] in PLOVER_VIOLENT]
    seen = sum(lab != NONE for lab in _sentence_labels(_probabilities(model, attacks), classes))
    news = (
        f"News check: {seen} of {len(attacks)} PLOVER gold attack and fight sentences "
        "(not in training) read as an event by the final model."
    )
    print(f"  {news}")
    lines += ["", news]
    by_source = defaultdict(Counter)
    for e in examples:
        by_source[e.source][e.label] += 1
    lines += [
        "",
        "Training sentences by source: "
        + ", ".join(f"{s} {sum(c.values())}" for s, c in sorted(by_source.items())),
    ]
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB) and {args.report}")


if __name__ == "__main__":
    main()
