"""Landing a day: duplicates across batches dropped, near-duplicate clusters, bounded memory."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sitrep.article import minhash
from sitrep.lake import writer
from sitrep.lake.landing import land_day
from sitrep.lake.zone import RawZone

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


def test_land_day_keeps_one_copy_of_text_stored_by_two_batches(tmp_path):
    raw = tmp_path / "raw"
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

    summary = land_day(RawZone.of(raw), DAY)

    articles = writer.read_day(raw, "articles", DAY).to_pylist()
    assert [a["article_id"] for a in articles] == ["a1"]
    outcomes = {r["url"]: r for r in writer.read_day(raw, "fetch_outcomes", DAY).to_pylist()}
    assert outcomes["https://b.org/2"]["outcome"] == "duplicate"
    assert outcomes["https://b.org/2"]["duplicate_of"] == "a1"
    assert writer.read_day(raw, "events", DAY).num_rows == 0  # the copy's events go with it
    assert summary["outcomes"] == {"duplicate": 1, "stored": 1}
    # landing again changes nothing
    land_day(RawZone.of(raw), DAY)
    assert writer.read_day(raw, "articles", DAY).num_rows == 1


def _mention(mention_id: str, article_id: str) -> dict:
    return {"mention_id": mention_id, "article_id": article_id, "kind": "actor", "text": "x"}


def _day_rows(raw: object, table: str, key: str) -> list[dict]:
    return sorted(writer.read_day(raw, table, DAY).to_pylist(), key=lambda r: r[key])


@pytest.mark.parametrize("signed", [True, False], ids=["signatures stored", "older parts"])
def test_land_day_works_across_batches_and_landing_again_changes_nothing(tmp_path, signed):
    """Part by part: an article two batches stored, its mentions kept once; a syndicated copy
    in another batch joins its cluster; a second landing leaves every table as it was. The
    same with the signatures extraction stores and with parts written before it stored them."""
    raw = tmp_path / "raw"
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

    summary = land_day(RawZone.of(raw), DAY)

    articles = {a["article_id"]: a for a in writer.read_day(raw, "articles", DAY).to_pylist()}
    assert sorted(articles) == ["a1", "a2", "a3"]
    assert articles["a2"]["cluster_id"] == articles["a1"]["cluster_id"] == "a1"
    assert articles["a3"]["cluster_id"] == "a3"
    mentions = _day_rows(raw, "mentions", "mention_id")
    assert [m["mention_id"] for m in mentions] == ["m1", "m2", "m3", "m4"]
    assert summary["articles"] == 3 and summary["clusters"] == 2
    assert summary["outcomes"] == {"duplicate": 2, "stored": 3}
    landed = [_day_rows(raw, "articles", "article_id"), mentions]
    assert land_day(RawZone.of(raw), DAY) == summary
    assert [
        _day_rows(raw, "articles", "article_id"),
        _day_rows(raw, "mentions", "mention_id"),
    ] == landed


def test_land_day_gives_every_table_a_file_on_an_empty_day(tmp_path):
    land_day(RawZone.of(tmp_path / "raw"), DAY)
    for table in ("fetch_outcomes", "articles", "comments", "mentions", "events"):
        assert list(writer.partition_dir(tmp_path / "raw", table, DAY).glob("part-*.parquet"))
