"""The daily run's steps without Airflow: landing, duplicates, re-runs and re-processing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sitrep import pipeline
from sitrep.article import minhash
from sitrep.config import load_settings
from sitrep.lake import writer

DAY = date(2020, 6, 5)
NOW = datetime(2020, 6, 5, 12, tzinfo=UTC)


def _article(article_id: str, url: str, text: str, content_hash: str) -> dict:
    return {
        "article_id": article_id,
        "url": url,
        "canonical_url": url,
        "source_id": "s",
        "domain": "example.org",
        "title": "t",
        "published": DAY,
        "language": "en",
        "status": "coded",
        "text": text,
        "word_count": len(text.split()),
        "content_hash": content_hash,
        "cluster_id": article_id,
        "fetched_at": NOW,
    }


def _outcome(url: str, article_id: str) -> dict:
    return {"url": url, "source_id": "s", "outcome": "stored", "article_id": article_id}


def test_land_day_keeps_one_copy_of_text_stored_by_two_batches(sitrep_env):
    settings = load_settings()
    raw = settings.raw_dir
    text = "Seven soldiers were killed in an attack near Mosul on Sunday, officials said. " * 5
    writer.write_part(
        raw, "articles", DAY, "batch-0000", [_article("a1", "https://a.org/1", text, "h")]
    )
    writer.write_part(
        raw, "articles", DAY, "batch-0001", [_article("a2", "https://b.org/2", text, "h")]
    )
    writer.write_part(raw, "fetch_outcomes", DAY, "batch-0000", [_outcome("https://a.org/1", "a1")])
    writer.write_part(raw, "fetch_outcomes", DAY, "batch-0001", [_outcome("https://b.org/2", "a2")])
    writer.write_part(
        raw,
        "events",
        DAY,
        "batch-0001",
        [{"event_mention_id": "e2", "article_id": "a2", "event_type": "ASSAULT", "sentence": "x"}],
    )

    summary = pipeline.land_day(settings, DAY)

    articles = writer.read_day(raw, "articles", DAY).to_pylist()
    assert [a["article_id"] for a in articles] == ["a1"]
    outcomes = {r["url"]: r for r in writer.read_day(raw, "fetch_outcomes", DAY).to_pylist()}
    assert outcomes["https://b.org/2"]["outcome"] == "duplicate"
    assert outcomes["https://b.org/2"]["duplicate_of"] == "a1"
    assert writer.read_day(raw, "events", DAY).num_rows == 0  # the copy's events go with it
    assert summary["outcomes"] == {"duplicate": 1, "stored": 1}
    # landing again changes nothing
    pipeline.land_day(settings, DAY)
    assert writer.read_day(raw, "articles", DAY).num_rows == 1


def _mention(mention_id: str, article_id: str) -> dict:
    return {"mention_id": mention_id, "article_id": article_id, "kind": "actor", "text": "x"}


def _day_rows(raw: object, table: str, key: str) -> list[dict]:
    return sorted(writer.read_day(raw, table, DAY).to_pylist(), key=lambda r: r[key])


@pytest.mark.parametrize("signed", [True, False], ids=["signatures stored", "older parts"])
def test_land_day_works_across_batches_and_landing_again_changes_nothing(sitrep_env, signed):
    """Part by part: an article two batches stored, its mentions kept once; a syndicated copy
    in another batch joins its cluster; a second landing leaves every table as it was. The
    same with the signatures extraction stores and with parts written before it stored them."""
    settings = load_settings()
    raw = settings.raw_dir
    story = " ".join(
        f"Clashes in district {n} killed {n + 2} fighters on Sunday." for n in range(30)
    )
    edited = story.replace("district 29 killed 31", "district 29 killed 32")  # a copy, edited
    other = " ".join(f"Farmers in valley {n} protested over water prices." for n in range(30))
    a1 = _article("a1", "https://a.org/1", story, "h1")
    a2 = _article("a2", "https://b.org/2", edited, "h2")
    batches = {
        "batch-0000": ([a1], [_mention("m1", "a1"), _mention("m2", "a1")]),
        "batch-0001": (  # a1 again (listed twice); a2 twice in one batch
            [a2, a1, a2],
            [
                _mention("m3", "a2"),
                _mention("m1", "a1"),
                _mention("m2", "a1"),
                _mention("m3", "a2"),
            ],
        ),
        "batch-0002": ([_article("a3", "https://c.org/3", other, "h3")], [_mention("m4", "a3")]),
    }
    for part, (articles, mentions) in batches.items():
        if signed:
            articles = [{**a, "minhash": minhash(a["text"])} for a in articles]
        writer.write_part(raw, "articles", DAY, part, articles)
        writer.write_part(raw, "mentions", DAY, part, mentions)
        outcomes = [_outcome(a["url"], a["article_id"]) for a in articles]
        writer.write_part(raw, "fetch_outcomes", DAY, part, outcomes)

    summary = pipeline.land_day(settings, DAY)

    articles = {a["article_id"]: a for a in writer.read_day(raw, "articles", DAY).to_pylist()}
    assert sorted(articles) == ["a1", "a2", "a3"]
    assert articles["a2"]["cluster_id"] == articles["a1"]["cluster_id"] == "a1"
    assert articles["a3"]["cluster_id"] == "a3"
    mentions = _day_rows(raw, "mentions", "mention_id")
    assert [m["mention_id"] for m in mentions] == ["m1", "m2", "m3", "m4"]
    assert summary["articles"] == 3 and summary["clusters"] == 2
    assert summary["outcomes"] == {"duplicate": 2, "stored": 3}
    landed = [_day_rows(raw, "articles", "article_id"), mentions]
    assert pipeline.land_day(settings, DAY) == summary
    assert [
        _day_rows(raw, "articles", "article_id"),
        _day_rows(raw, "mentions", "mention_id"),
    ] == landed


def test_land_day_gives_every_table_a_file_on_an_empty_day(sitrep_env):
    settings = load_settings()
    pipeline.land_day(settings, DAY)
    for table in ("fetch_outcomes", "articles", "comments", "mentions", "events"):
        assert list(writer.partition_dir(settings.raw_dir, table, DAY).glob("part-*.parquet"))


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
    assert fingerprint == pipeline.models_fingerprint(settings.dbt_project_dir)


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


@pytest.mark.parametrize(
    ("total", "cap", "sizes"),
    [
        (1000, 250, [250] * 4),
        (1100, 250, [184, 184, 183, 183, 183, 183]),  # six, not five: both slots busy to the end
        (3, 250, [2, 1]),  # a small day still uses both slots
        (1, 250, [1]),
        (0, 250, []),
    ],
)
def test_a_day_is_cut_into_even_batches_that_keep_every_extract_slot_busy(total, cap, sizes):
    assert pipeline.batch_sizes(total, cap, slots=2) == sizes


def test_discovered_urls_are_written_once_each_in_their_batches(sitrep_env, monkeypatch):
    monkeypatch.setenv("SITREP_BATCH_SIZE", "3")
    settings = load_settings()
    records = [{"url": f"https://example.org/{n}", "source_id": "s"} for n in range(7)]
    paths = pipeline._write_batches(settings, DAY, records)
    batches = [pipeline._read_batch(settings, path) for path in paths]
    assert [len(b) for b in batches] == [2, 2, 2, 1]
    assert [r["url"] for b in batches for r in b] == [r["url"] for r in records]
