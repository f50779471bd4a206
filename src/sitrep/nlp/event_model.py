"""The learned event classifier: a sentence → ACLED sub-event type (or none), with a probability.

A multinomial logistic regression over the sentence's lemma 1–2-grams and a few grammar
features, with names and numbers masked so that it learns how events are told, not where
they happen. Trained by ``python -m sitrep.nlp.train_event_model`` (``make train``); the
weights ship as ``models/event_type.npz`` and load with numpy alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Token

NONE = "none"  # the class of sentences that report no ACLED event
MODEL_PATH = Path(__file__).with_name("models") / "event_type.npz"
_SKIP_POS = frozenset({"PUNCT", "SPACE", "DET", "SYM", "X"})
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "agent"})

# ACLED's sub-event types under their event types (ACLED codebook, 2019-2023).
ACLED_EVENT_OF: dict[str, str] = {
    **dict.fromkeys(
        ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
        "Battles",
    ),
    **dict.fromkeys(
        [
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ],
        "Explosions/Remote violence",
    ),
    **dict.fromkeys(
        ["Sexual violence", "Attack", "Abduction/forced disappearance"],
        "Violence against civilians",
    ),
    **dict.fromkeys(
        ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
        "Protests",
    ),
    **dict.fromkeys(["Violent demonstration", "Mob violence"], "Riots"),
    **dict.fromkeys(
        [
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ],
        "Strategic developments",
    ),
}
VIOLENT_EVENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians"}
)


def token_features(words: Sequence[Token]) -> list[str]:
    """The features of one sentence: masked lemma 1–2-grams, the root verb and its arguments.

    Proper names become ``<P>`` and numbers ``<N>``: the model must not learn that a country
    means a kind of event.
    """
    grams = []
    feats = []
    for tok in words:
        pos = tok.pos_
        if pos in _SKIP_POS:
            continue
        if pos == "PROPN":
            gram = "<P>"
        elif pos == "NUM" or tok.like_num:
            gram = "<N>"
        else:
            gram = tok.lemma_.lower()
        if grams and grams[-1] == gram == "<P>":
            continue  # "Deir ez-Zor" is one name
        grams.append(gram)
        if pos in {"VERB", "NOUN"} and tok.dep_ in {"ROOT", "conj", "advcl", "xcomp", "ccomp"}:
            feats.append(f"V:{gram}")
            for child in tok.children:
                if child.dep_ in _ARG_DEPS and child.pos_ in {"NOUN", "PROPN", "PRON"}:
                    arg = "<P>" if child.pos_ == "PROPN" else child.lemma_.lower()
                    feats.append(f"{child.dep_}:{gram}:{arg}")
    feats += grams
    feats += [f"{a} {b}" for a, b in pairwise(grams)]
    return feats


@dataclass(frozen=True)
class Prediction:
    """The most likely class of a sentence and its probability."""

    label: str
    probability: float
    none_probability: float
    event_label: str  # the most likely class other than none
    event_probability: float

    @property
    def acled_event_type(self) -> str | None:
        return ACLED_EVENT_OF.get(self.label)


class EventModel:
    """Logistic-regression weights over a fixed vocabulary: TF-IDF (sublinear), L2, softmax."""

    def __init__(
        self,
        vocabulary: dict[str, int],
        idf: np.ndarray,
        coef: np.ndarray,
        intercept: np.ndarray,
        classes: list[str],
    ) -> None:
        self.vocabulary = vocabulary
        self.idf = idf.astype(np.float64)
        self.coef = coef.astype(np.float64)  # (classes, features)
        self.intercept = intercept.astype(np.float64)
        self.classes = classes
        self._none = classes.index(NONE)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> EventModel:
        """Read the weights written by the training command."""
        with np.load(path, allow_pickle=False) as data:
            features = [str(f) for f in data["features"]]
            return cls(
                {f: i for i, f in enumerate(features)},
                data["idf"],
                data["coef"],
                data["intercept"],
                [str(c) for c in data["classes"]],
            )

    def probabilities(self, feature_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities, one row per sentence (columns in ``self.classes`` order)."""
        out = np.zeros((len(feature_lists), len(self.classes)))
        for row, feats in enumerate(feature_lists):
            counts: dict[int, int] = {}
            for feat in feats:
                idx = self.vocabulary.get(feat)
                if idx is not None:
                    counts[idx] = counts.get(idx, 0) + 1
            if counts:
                idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
                tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))
                weights = tf * self.idf[idx]
                weights /= np.linalg.norm(weights)
                scores = self.coef[:, idx] @ weights + self.intercept
            else:
                scores = self.intercept.copy()
            scores -= scores.max()
            exp = np.exp(scores)
            out[row] = exp / exp.sum()
        return out

    def predict(self, feature_lists: Sequence[Sequence[str]]) -> list[Prediction]:
        """The best class of each sentence."""
        probs = self.probabilities(feature_lists)
        best = probs.argmax(axis=1)
        events = probs.copy()
        events[:, self._none] = -1.0
        best_event = events.argmax(axis=1)
        return [
            Prediction(
                self.classes[b], float(p[b]), float(p[self._none]), self.classes[e], float(p[e])
            )
            for b, e, p in zip(best, best_event, probs, strict=True)
        ]


@lru_cache(maxsize=1)
def load_default() -> EventModel | None:
    """The shipped model, or None where it has not been trained (the rules then code alone)."""
    return EventModel.load() if MODEL_PATH.exists() else None


def save(path: Path, vectorizer: Any, classifier: Any) -> None:
    """Write a fitted sklearn TfidfVectorizer + LogisticRegression as numpy arrays."""
    features = vectorizer.get_feature_names_out()
    coef = classifier.coef_
    keep = np.abs(coef).max(axis=0) > 1e-3  # features that move no class are left out
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        features=np.asarray(features[keep], dtype=str),
        idf=vectorizer.idf_[keep].astype(np.float32),
        coef=coef[:, keep].astype(np.float32),
        intercept=classifier.intercept_.astype(np.float32),
        classes=np.asarray(classifier.classes_, dtype=str),
    )
