"""The daily run's steps without Airflow, end to end: re-runs and re-processing."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep import pipeline
from sitrep.article import minhash
from sitrep.config import load_settings
from sitrep.lake import writer
from sitrep.warehouse.fingerprint import models_fingerprint

DAY = date(2020, 6, 5)


@pytest.mark.integration
def test_rerun_and_reprocess_publish_the_same_warehouse(sitrep_env, sample_base, monkeypatch):
    import duckdb

    monkeypatch.setenv("SITREP_SAMPLE_BASE", sample_base)
    settings = load_settings()

    def snapshot() -> tuple:
        with duckdb.connect(str(settings.warehouse), read_only=True) as con:
            return (
                con.execute(
                    "select event_id, event_type, event_date, location_id, actor1_key,"
                    " fatalities_best, num_mentions from marts.fct_events order by 1"
                ).fetchall(),
                con.execute("select count(*) from marts.fct_event_mentions").fetchone(),
                con.execute(
                    "select outcome, count(*) from marts.fct_fetch_outcomes group by 1 order by 1"
                ).fetchall(),
            )

    first = pipeline.run_day(settings, DAY)
    assert first["articles"] >= 3
    # each stored article carries the signature its batch computed for landing
    stored = writer.read_day(settings.raw_dir, "articles", DAY, ["text", "minhash"]).to_pylist()
    assert all(a["minhash"] == minhash(a["text"]) and a["minhash"] for a in stored)
    once = snapshot()
    pipeline.run_day(settings, DAY)
    assert snapshot() == once
    pipeline.run_day(settings, DAY, reprocess=True)  # from the archive, nothing fetched
    assert snapshot() == once

    # a warehouse built by other models is rebuilt from the raw zone, to the same result
    with duckdb.connect(str(settings.warehouse)) as con:
        con.execute("update main.sitrep_build_info set models_fingerprint = 'older-models'")
    pipeline.run_day(settings, DAY)
    assert snapshot() == once
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        (fingerprint,) = con.execute(
            "select models_fingerprint from main.sitrep_build_info"
        ).fetchone()
    assert fingerprint == models_fingerprint(settings.dbt_project_dir)


def test_articles_coded_together_match_articles_coded_one_by_one(shared, monkeypatch):
    """spaCy batches are cut by size (memory stays flat): the cut must not change any result."""
    import json

    import sitrep.nlp as nlp
    from sitrep.nlp import Extractor, char_batches

    records = json.loads((shared / "gold" / "plover_gsr.json").read_text())
    gold = [r["text"] for r in records if r.get("text")]
    seed = (shared / "seed" / "southfront-deir-ezzor-reinforcements.txt").read_text()
    texts = [seed, *("\n\n".join(gold[i : i + 6]) for i in range(0, 60, 6))]
    extractor = Extractor.load()
    alone = [extractor.extract(text, "2020-06-05") for text in texts]
    monkeypatch.setattr(nlp, "BATCH_CHARS", 3000)  # several texts per batch, the seed alone
    groups = list(char_batches([(t, None) for t in texts], 32, nlp.BATCH_CHARS))
    assert 2 < len(groups) < len(texts) and [t for g in groups for t, _ in g] == texts
    together = list(extractor.extract_many([(text, "2020-06-05") for text in texts]))
    assert together == alone
    assert sum(len(events) for _, events in together) > 5
