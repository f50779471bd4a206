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
SENTENCES_PER_PAGE = 40
MIN_WEIGHT = 0.05  # a feature whose largest coefficient is below this is left out
SEED = 13


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


def embed_examples(examples: list[Example]) -> None:
    """Give every example its sentence embedding (in place), when the embedder is installed."""
    embedder = load_embedder()
    if embedder is None:
        return
    vectors = embedder([getattr(e.features, "text", None) or "" for e in examples])
    for example, vector in zip(examples, vectors, strict=True):
        example.embedding = vector


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


def load_examples(shared: Path, nlp) -> list[Example]:
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
    return examples


def _fit(train: list[Example], c: float):
    """Fit on every feature seen three times, then again on those that moved a class: the
    shipped vocabulary is the one the model was fitted (and normalised) on."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    docs, labels = [e.features for e in train], [e.label for e in train]
    vec = TfidfVectorizer(analyzer=_identity, lowercase=False, sublinear_tf=True, min_df=3)
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
    clf.fit(vec.fit_transform(docs), labels)
    useful = np.abs(clf.coef_).max(axis=0) >= MIN_WEIGHT
    vocabulary = vec.get_feature_names_out()[useful]
    vec = TfidfVectorizer(
        analyzer=_identity, lowercase=False, sublinear_tf=True, vocabulary=vocabulary
    )
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
    clf.fit(vec.fit_transform(docs), labels)
    return vec, clf


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


def cross_validate(examples: list[Example], c: float, folds: int = 5) -> dict[str, float]:
    """Grouped k-fold: no country's notes or site's pages in both training and test."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    groups = [e.group for e in examples]
    preds: dict[str, str] = {}
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(examples, groups=groups):
        vec, clf = _fit([examples[i] for i in train_idx], c)
        test = [examples[i] for i in test_idx]
        probs = clf.predict_proba(vec.transform([e.features for e in test]))
        preds.update(_doc_predictions(test, probs, list(clf.classes_)))
    gold = {e.doc: (e.label, e.source) for e in examples}
    notes = [d for d, (_, s) in gold.items() if s == "acled"]
    y_true = [gold[d][0] for d in notes]
    y_pred = [preds[d] for d in notes]
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
    return out


def news_check(shared: Path, nlp, vec, clf) -> str:
    """News sentences the model never saw: PLOVER gold attacks and fights (events by ACLED's
    rules) and how many the final model reads as an event (probability of none under 0.5)."""
    records = [
        r
        for r in json.loads((shared / "gold/plover_gsr.json").read_text())
        if r.get("text") and r["event"] in {"ASSAULT", "FIGHT"}
    ]
    feats = [token_features(list(doc)) for doc in nlp.pipe(r["text"] for r in records)]
    probs = clf.predict_proba(vec.transform(feats))
    none = list(clf.classes_).index(NONE)
    seen = int((probs[:, none] < 0.5).sum())
    return (
        f"News check: {seen} of {len(records)} PLOVER gold attack and fight sentences "
        "(not in training) read as an event by the final model."
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--report", type=Path, default=Path("eval/event_model.md"))
    ap.add_argument("--c", type=float, default=4.0)
    ap.add_argument("--no-cv", action="store_true")
    args = ap.parse_args()
    import spacy

    from sitrep.nlp import SPACY_MODEL  # registers the line-break component

    nlp = spacy.load(SPACY_MODEL, disable=["ner"])
    nlp.add_pipe("sitrep_line_breaks", before="parser")
    examples = load_examples(args.shared, nlp)
    counts = Counter(e.label for e in examples)
    print(f"{len(examples)} sentences, {len(counts)} classes")
    lines = [
        "# Event classifier",
        "",
        f"Trained by `make train` (`python -m sitrep.nlp.train_event_model --c {args.c}`): "
        f"{len(examples)} sentences, {len(counts)} classes.",
        "",
    ]
    if not args.no_cv:
        cv = cross_validate(examples, args.c)
        lines += [
            "5-fold cross-validation grouped by country (ACLED notes) and by site (other "
            "sentences); a note's label is its most event-like sentence's:",
            "",
            "| measure | value |",
            "|---|---|",
        ]
        for key, value in cv.items():
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            print(f"  {key}: {shown}")
            lines.append(f"| {key} | {shown} |")
    vec, clf = _fit(examples, args.c)
    save(args.out, vec, clf)
    news = news_check(args.shared, nlp, vec, clf)
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
