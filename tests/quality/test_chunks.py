"""A big slice validated in chunks: the same outcomes as validating it whole."""

from __future__ import annotations

import re
from datetime import date

import duckdb
import pytest
from factory import RUN_DATE
from test_gate import DEFECTS, gate, sql

from sitrep.quality.catalog import between, columns, not_null, suite
from sitrep.quality.chunks import chunk_key
from sitrep.quality.frames import read_frame


def _counts(outcomes) -> list[tuple]:
    """What each outcome says, less its examples (their order follows the chunks)."""
    return [
        (o.label, o.success, re.sub(r", e\.g\. .*", "", o.observed_value or ""), o.rows_checked)
        for o in outcomes
    ]


def _raw_mentions(raw) -> None:
    """A landed day of mentions with a duplicate id and an unknown kind."""
    from sitrep.lake import writer

    writer.ensure_day(raw, RUN_DATE)
    rows = [
        {
            "mention_id": f"m{n}",
            "article_id": "a1",
            "kind": "location",
            "text": "Mayadin",
            "start": 10 * n,
            "end": 10 * n + 7,
            "latitude": 35.0,
            "longitude": 40.4,
        }
        for n in range(9)
    ]
    rows.append({**rows[3], "kind": "person"})  # m3 again, of a kind mentions never have
    writer.write_part(raw, "mentions", RUN_DATE, "b0", rows)


def test_chunked_validation_finds_what_whole_validation_finds(warehouse, tmp_path):
    # several defects of the day at once, duplicate ids among them: with two rows a chunk the
    # copies could fall in different chunks, unless the slice is split by the unique column
    for defect in (
        "latitude out of range",
        "duplicate event id",
        "unknown event type",
        "fatalities low above best",
        "two-letter country code",
    ):
        sql(warehouse, DEFECTS[defect][0])
    raw = tmp_path / "raw"
    _raw_mentions(raw)
    whole = gate(warehouse, tmp_path / "whole", raw_dir=raw)
    chunked = gate(warehouse, tmp_path / "chunked", raw_dir=raw, chunk_rows=2)
    assert not chunked.passed
    assert chunked.critical_failures == whole.critical_failures
    assert _counts(chunked.outcomes) == _counts(whole.outcomes)
    found = {o.label: o.observed_value for o in chunked.outcomes}
    assert found["fct_events.expect_column_values_to_be_unique(event_id)"].startswith("2 of 7 rows")
    assert found["raw_mentions.expect_column_values_to_be_unique(mention_id)"].startswith("2 of 10")
    assert found["raw_mentions.expect_column_values_to_be_in_set(kind)"].startswith("1 of 10")
    assert chunked.docs_path.exists()


def test_a_clean_build_passes_in_chunks(warehouse, tmp_path):
    result = gate(warehouse, tmp_path, chunk_rows=3)
    assert result.passed, result.summary


def _frame(con: duckdb.DuckDBPyConnection, expectations: list[dict]):
    spec = suite("mentions", "select * from marts.mentions", expectations, requires=[])
    return read_frame(con, spec, run_date=date(2020, 6, 5), raw_dir=None, tables=set())


@pytest.fixture
def mentions() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create schema marts")
    # 100 rows, 30 distinct ids: every id repeated
    con.execute(
        "create table marts.mentions as select 'm' || (range % 30) as mention_id,"
        " range as start from range(100)"
    )
    return con


def test_chunks_split_by_a_key_keep_each_key_in_one_chunk(mentions):
    frame = _frame(mentions, [not_null("mention_id"), between("start", 0, None, "offset")])
    chunks = list(frame.chunks(25, key=("mention_id",)))
    assert len(chunks) == 4
    assert sorted(s for c in chunks for s in c["start"]) == list(range(100))
    owners = [set(c["mention_id"]) for c in chunks]
    assert all(not (a & b) for i, a in enumerate(owners) for b in owners[i + 1 :])


def test_chunks_without_a_key_stream_every_row_once(mentions):
    frame = _frame(mentions, [not_null("mention_id"), between("start", 0, None, "offset")])
    chunks = list(frame.chunks(40))
    assert len(chunks) > 1 and all(len(c) <= 40 for c in chunks)
    assert sorted(s for c in chunks for s in c["start"]) == list(range(100))
    assert len(list(frame.chunks(1000))) == 1


def _expectations(*specs: dict):
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    return [
        ExpectationConfiguration(type=s["type"], kwargs=s["kwargs"]).to_domain_obj() for s in specs
    ]


def test_only_expectations_that_add_up_over_chunks_are_chunked():
    unique = {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "event_id"}}
    other = {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "url"}}
    maximum = {"type": "expect_column_max_to_be_between", "kwargs": {"column": "n", "max_value": 0}}
    row_wise = [columns(["event_id", "n"]), not_null("event_id"), between("n", 0, 9, "a count")]
    assert chunk_key(_expectations(*row_wise)) == ()
    assert chunk_key(_expectations(*row_wise, unique)) == ("event_id",)
    assert chunk_key(_expectations(unique, other)) is None  # no split keeps both keys together
    assert chunk_key(_expectations(not_null("n"), maximum)) is None  # a max is not a sum
