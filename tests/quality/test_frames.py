"""What the gate reads out of a build: only what its expectations check."""

from __future__ import annotations

from datetime import date

import duckdb

from sitrep.quality.catalog import between, columns, not_null, suite
from sitrep.quality.frames import read_frame


def _con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute(
        "create table marts.mentions as select 'm1' as mention_id, 'a1' as article_id,"
        " repeat('a long sentence ', 50) as sentence, 3 as start"
    )
    return con


def _read(con: duckdb.DuckDBPyConnection, expectations: list[dict]) -> list[str]:
    spec = suite("mentions", "select * from marts.mentions", expectations, requires=[])
    frame = read_frame(
        con, spec, run_date=date(2020, 6, 5), raw_dir=None, tables={"marts.mentions"}
    )
    assert frame.problem is None
    return list(frame.read().columns)


def test_a_frame_holds_only_the_values_its_expectations_check():
    con = _con()
    # a day's mentions are millions of rows: the unchecked sentence column stays in DuckDB
    assert _read(con, [not_null("mention_id"), not_null("start")]) == ["mention_id", "start"]


def test_unchecked_columns_are_there_but_empty_when_the_contract_is_checked():
    con = _con()
    spec = suite(
        "mentions",
        "select * from marts.mentions",
        [columns(["mention_id", "sentence"]), between("start", 0, None, "an offset")],
        requires=[],
    )
    frame = read_frame(
        con, spec, run_date=date(2020, 6, 5), raw_dir=None, tables={"marts.mentions"}
    )
    assert sorted(frame.read().columns) == ["article_id", "mention_id", "sentence", "start"]
    assert frame.read()["sentence"].isna().all()  # present for the contract, no values held
    assert frame.read()["start"].tolist() == [3]


def test_a_missing_contract_column_is_left_to_the_column_set_expectation():
    con = _con()
    # the query still runs; the column-set expectation is what reports "renamed_away"
    found = _read(con, [columns(["mention_id", "renamed_away"]), not_null("start")])
    assert "renamed_away" not in found and "mention_id" in found


def test_a_column_checked_only_for_nulls_is_read_as_its_nullness():
    con = _con()
    con.execute("insert into marts.mentions values ('m2', 'a1', null, 4)")
    spec = suite("mentions", "select * from marts.mentions", [not_null("sentence")], requires=[])
    frame = read_frame(
        con, spec, run_date=date(2020, 6, 5), raw_dir=None, tables={"marts.mentions"}
    )
    assert frame.read()["sentence"].isna().tolist() == [False, True]
    assert frame.read()["sentence"].dropna().tolist() == [""]  # the text itself stays in DuckDB


def test_an_expectation_without_named_columns_keeps_every_column():
    con = _con()
    whole_row = {"type": "expect_compound_columns_to_be_unique_somehow", "kwargs": {}}
    assert _read(con, [not_null("start"), whole_row]) == [
        "mention_id",
        "article_id",
        "sentence",
        "start",
    ]
