"""Event resolution scored against gold/clusters: the metrics, and the whole stack on a slice."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitrep.evaluation.clusters import bcubed, load_gold, pairwise, render_clusters, run_clusters

GOLD = Path(__file__).resolve().parents[2] / "gold" / "clusters"


def test_pairwise_counts_wrong_and_missed_merges():
    gold = {"a": "E1", "b": "E1", "c": "E1", "d": "E2"}
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y"}  # c split off, and merged with d
    scores = pairwise(gold, predicted)
    assert (scores.true_pairs, scores.predicted_pairs, scores.gold_pairs) == (1, 2, 3)
    assert scores.wrong_merge_rate == pytest.approx(0.5)
    assert scores.missed_merge_rate == pytest.approx(2 / 3)


def test_bcubed_perfect_and_all_in_one():
    gold = {"a": "E1", "b": "E1", "c": "E2"}
    assert bcubed(gold, {"a": 1, "b": 1, "c": 2}) == (1.0, 1.0)
    precision, recall = bcubed(gold, {"a": 1, "b": 1, "c": 1})
    assert recall == 1.0
    assert precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_gold_quotes_are_sentences_of_their_articles():
    gold = load_gold(GOLD)
    for art in gold["articles"]:
        text = " ".join((GOLD / art["file"]).read_text(encoding="utf-8").split())
        for mention in art["mentions"]:
            assert " ".join(mention["quote"].split()) in text, (art["file"], mention["quote"])
    negatives = [e for e in gold["events"].values() if e.get("hard_negative_of")]
    assert len(negatives) >= 5
    assert all(n["hard_negative_of"] in gold["events"] for n in negatives)


def test_marib_reports_merge_and_the_later_shelling_stays_apart(tmp_path):
    """Three outlets on one missile strike over two days, and shelling of the same city later."""
    gold = load_gold(GOLD)
    keep = [a for a in gold["articles"] if "marib" in a["file"]]
    subset = tmp_path / "gold"
    (subset / "articles").mkdir(parents=True)
    for art in keep:
        shutil.copy(GOLD / art["file"], subset / art["file"])
    (subset / "gold.json").write_text(json.dumps({"events": gold["events"], "articles": keep}))

    result = run_clusters(subset, work_dir=tmp_path)

    assert not result.build_failures
    assert result.days == 3
    by_gold: dict[str, set[str]] = {}
    for m in result.matched:
        by_gold.setdefault(m.gold_event, set()).add(m.event_id)
    missile, shelling = by_gold["marib-missile-2020-06-10"], by_gold["marib-shelling-2020-06-12"]
    assert not missile & shelling, "shelling two days later merged into the missile strike"
    # the outlets' reports that place the strike in Marib city merge into fewer events
    strike = [m for m in result.matched if m.gold_event == "marib-missile-2020-06-10"]
    assert len({m.event_id for m in strike}) < len(strike)
    assert result.pairs.true_pairs >= 1
    report = render_clusters(result)
    assert "wrong-merge rate" in report and "hard negatives kept apart: **1/1**" in report
