"""The gate on real DuckDB files and real GX: what passes, what blocks, what only warns."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb
import pytest
from factory import RUN_DATE

from sitrep.publish import keep_failed, prepare_build, publish
from sitrep.quality import run_gate

REPO = Path(__file__).resolve().parents[2]
EXPECTATIONS = REPO / "expectations"


def gate(db: Path, tmp_path: Path, run_id: str = "test-run", **kw):
    return run_gate(
        db,
        run_date=RUN_DATE,
        run_id=run_id,
        expectations_dir=EXPECTATIONS,
        docs_dir=tmp_path / "docs",
        raw_dir=kw.pop("raw_dir", tmp_path / "no-raw"),
        **kw,
    )


def sql(db: Path, *statements: str) -> None:
    con = duckdb.connect(str(db))
    for s in statements:
        con.execute(s)
    con.close()


def _tree(folder: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in folder.rglob("*") if p.is_file()}


def test_consistent_build_passes_and_every_result_is_stored_in_it(warehouse, tmp_path):
    before = _tree(EXPECTATIONS)
    result = gate(warehouse, tmp_path)
    assert _tree(EXPECTATIONS) == before  # a run writes nothing into the repository
    assert result.passed, result.summary
    assert result.critical_failures == []
    assert result.summary.startswith("quality gate PASSED for 2020-06-05")
    assert result.docs_path == tmp_path / "docs" / "2020-06-05" / "index.html"
    assert result.docs_path.exists()
    assert "fct_events" in result.docs_path.read_text() or any(
        "fct_events" in p.name for p in result.docs_path.parent.rglob("*.html")
    )
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute(
        "select suite, count(*), bool_and(run_date = date '2020-06-05')"
        " from marts.dq_results where run_id = 'test-run' group by all"
    ).fetchall()
    suites = {r[0] for r in rows}
    assert {
        "fct_events",
        "fct_event_mentions",
        "dim_articles",
        "provenance",
        "agg_checks",
    } <= suites
    assert all(r[2] for r in rows)
    total = sum(r[1] for r in rows)
    con.close()

    again = gate(warehouse, tmp_path)  # re-running the gate replaces its rows
    assert again.passed
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("select count(*) from marts.dq_results").fetchone()[0] == total
    con.close()


# each defect is one realistic way a build goes wrong; the label names the check that must say so
DEFECTS = {
    "latitude out of range": (
        "update marts.fct_events set latitude = 123.4 where event_id = 'e2020-06-05-1'",
        "fct_events.expect_column_values_to_be_between(latitude)",
    ),
    "fatalities low above best": (
        "update marts.fct_events set fatalities_low = 9, fatalities_best = 3"
        " where event_id = 'e2020-06-05-2'",
        "fct_events.expect_column_pair_values_a_to_be_greater_than_b"
        "(fatalities_best, fatalities_low)",
    ),
    "event without a mention": (
        "delete from marts.fct_event_mentions where event_id = 'e2020-05-20-1'",
        "provenance.expect_column_max_to_be_between(events_without_mention)",
    ),
    "mention pointing at no article": (
        "delete from marts.dim_articles where article_id = 'a2020-05-21-0'",
        "provenance.expect_column_max_to_be_between(event_mentions_without_article)",
    ),
    "duplicate event id": (
        "insert into marts.fct_events select * from marts.fct_events"
        " where event_id = 'e2020-06-05-0'",
        "fct_events.expect_column_values_to_be_unique(event_id)",
    ),
    "unknown event type": (
        "update marts.fct_events set event_type = 'BOMBING' where event_id = 'e2020-06-05-3'",
        "fct_events.expect_column_values_to_be_in_set(event_type)",
    ),
    "event dated after its first report": (
        "update marts.fct_events set date_start = date '2020-06-09', date_end = date '2020-06-09'"
        " where event_id = 'e2020-06-05-4'",
        "fct_events.expect_column_pair_values_a_to_be_greater_than_b"
        "(first_reported_date, date_start)",
    ),
    "two-letter country code": (
        "update marts.fct_events set country_code = 'SY' where event_id = 'e2020-06-05-5'",
        "fct_events.expect_column_values_to_be_in_set(country_code)",
    ),
    "aggregate not adding up": (
        "update marts.agg_actor_day set mentions = mentions + 1"
        " where day = date '2020-06-05' and actor_id = 'ISIS'",
        "agg_checks.expect_column_max_to_be_between(actor_day_mismatches)",
    ),
}


@pytest.mark.parametrize("defect", list(DEFECTS))
def test_each_defect_is_a_named_critical_failure(warehouse, tmp_path, defect):
    statement, label = DEFECTS[defect]
    sql(warehouse, statement)
    result = gate(warehouse, tmp_path)
    assert not result.passed
    assert any(f.startswith(label) for f in result.critical_failures), result.critical_failures
    assert label in result.summary
    assert "marts.dq_results" in result.summary and str(result.docs_path) in result.summary


def test_critical_failure_stops_publication(good_warehouse, tmp_path):
    """The DAG's sequence with bad data: the published file stays, the build is kept aside."""
    warehouse, builds = tmp_path / "wh" / "sitrep.duckdb", tmp_path / "wh" / "builds"
    first = prepare_build(warehouse, builds, "day-1")
    first.write_bytes(good_warehouse.read_bytes())
    assert gate(first, tmp_path, run_id="day-1").passed
    publish(first, warehouse)

    build = prepare_build(warehouse, builds, "day-2")
    sql(build, "update marts.fct_events set longitude = 999 where event_date = date '2020-06-05'")
    result = gate(build, tmp_path, run_id="day-2")
    assert not result.passed
    kept = keep_failed(build, builds)

    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("select max(longitude) from marts.fct_events").fetchone()[0] < 180
    assert con.execute("select distinct run_id from marts.dq_results").fetchall() == [("day-1",)]
    con.close()
    con = duckdb.connect(str(kept), read_only=True)  # the failing build keeps its evidence
    failed = con.execute(
        "select suite, expectation from marts.dq_results where run_id = 'day-2' and not success"
        " and severity = 'critical'"
    ).fetchall()
    con.close()
    assert ("fct_events", "expect_column_values_to_be_between(longitude)") in failed


def test_missing_mart_is_critical_and_said_plainly(warehouse, tmp_path):
    sql(warehouse, "drop table marts.fct_event_mentions")
    result = gate(warehouse, tmp_path)
    assert not result.passed
    assert any("missing table marts.fct_event_mentions" in f for f in result.critical_failures)


def test_distribution_shifts_warn_but_do_not_block(warehouse, tmp_path):
    """Ten times the usual events, a jump in unresolved places, a source gone silent."""
    day = "date '2020-06-05'"
    sql(
        warehouse,
        # 120 more events today on top of the usual 6
        f"insert into marts.fct_events select event_id || '-x' || i, e.* exclude (event_id)"
        f" from marts.fct_events e, range(20) t(i) where event_date = {day}",
        f"insert into marts.fct_event_mentions select event_id || '-x' || i,"
        f" event_mention_id || '-x' || i, m.* exclude (event_id, event_mention_id)"
        f" from marts.fct_event_mentions m, range(20) t(i)"
        f" where article_id in (select article_id from marts.dim_articles where published = {day})",
        f"update marts.fct_location_mentions set location_id = null where day = {day}",
        f"delete from marts.fct_actor_mentions where domain = 'sana.example' and day = {day}",
        f"delete from marts.fct_location_mentions where domain = 'sana.example' and day = {day}",
        f"delete from marts.fct_event_mentions where article_id in (select article_id"
        f" from marts.dim_articles where domain = 'sana.example' and published = {day})",
        "delete from marts.fct_events where event_id not in"
        " (select event_id from marts.fct_event_mentions)",
        f"delete from marts.dim_articles where domain = 'sana.example' and published = {day}",
        "drop table marts.agg_location_day",
        "create table marts.agg_location_day as select location_id, day,"
        " count(*) as mentions from marts.fct_location_mentions where location_id is not null"
        " group by all",
        "drop table marts.agg_actor_day",
        "create table marts.agg_actor_day as select actor_id, day,"
        " count(*) as mentions from marts.fct_actor_mentions where actor_id is not null"
        " group by all",
    )
    result = gate(warehouse, tmp_path)
    assert result.passed, result.summary
    labels = " ".join(result.warnings)
    assert "trends.expect_column_values_to_be_between(events_vs_baseline)" in labels
    assert "resolution_trends.expect_column_values_to_be_between(unresolved_place_jump)" in labels
    assert "silent_sources" in labels and "sana.example" in labels


def test_history_too_short_for_a_baseline_raises_no_distribution_warning(tmp_path):
    import factory

    db = factory.build_marts(tmp_path / "short.duckdb", factory.week(RUN_DATE, 3))
    result = gate(db, tmp_path)
    assert result.passed
    assert not [w for w in result.warnings if w.startswith(("trends", "resolution", "silent"))]


def test_raw_landing_tables_are_checked(warehouse, tmp_path):
    from sitrep.lake import writer

    raw = tmp_path / "raw"
    writer.ensure_day(raw, RUN_DATE)
    good = {
        "mention_id": "m1",
        "article_id": "a1",
        "kind": "location",
        "text": "Mayadin",
        "start": 10,
        "end": 17,
        "latitude": 35.0,
        "longitude": 40.4,
    }
    writer.write_part(raw, "mentions", RUN_DATE, "b0", [good])
    assert gate(warehouse, tmp_path, raw_dir=raw).passed

    bad = {**good, "mention_id": "m2", "kind": "person", "start": 30, "end": 20}
    writer.write_part(raw, "mentions", RUN_DATE, "b1", [good, bad])
    result = gate(warehouse, tmp_path, raw_dir=raw)
    assert not result.passed
    failed = " ".join(result.critical_failures)
    assert "raw_mentions.expect_column_values_to_be_in_set(kind)" in failed
    assert "raw_mentions.expect_column_values_to_be_unique(mention_id)" in failed
    assert "raw_mentions.expect_column_pair_values_a_to_be_greater_than_b(end, start)" in failed


def test_gate_reads_only_the_day_slice_of_fact_tables(warehouse, tmp_path):
    """A defect in an old day's event row does not reach the day's slice checks."""
    old = RUN_DATE - timedelta(days=20)
    sql(warehouse, f"update marts.fct_events set latitude = 500 where event_date = date '{old}'")
    result = gate(warehouse, tmp_path)
    assert result.passed
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute(
        "select max(rows_checked) from marts.dq_results where suite = 'fct_events'"
    ).fetchone()[0]
    con.close()
    assert rows == 6  # the run date's six events, not the 168 in the warehouse


def test_a_renamed_contract_column_blocks_publication(warehouse, tmp_path):
    """The marts spell the contract's names; a mart that drifts from them is not published."""
    sql(warehouse, "alter table marts.dim_articles rename column published to published_date")
    result = gate(warehouse, tmp_path)
    assert not result.passed
    failed = " ".join(result.critical_failures)
    assert "dim_articles.expect_table_columns_to_match_set" in failed


def test_dag_task_body_fails_the_run_with_what_failed_and_where(good_warehouse, sitrep_env):
    """The quality_gate task's body (``pipeline.check_quality``) on a bad build."""
    from sitrep import pipeline
    from sitrep.config import load_settings
    from sitrep.quality import QualityGateFailed

    settings = load_settings()
    first = prepare_build(settings.warehouse, settings.build_dir, "good-run")
    first.write_bytes(good_warehouse.read_bytes())
    publish(first, settings.warehouse)
    build = prepare_build(settings.warehouse, settings.build_dir, "bad-run")
    sql(
        build,
        "update marts.fct_events set event_type = 'EXPLODE' where event_date = date '2020-06-05'",
    )

    with pytest.raises(QualityGateFailed) as failed:
        pipeline.check_quality(settings, RUN_DATE, "bad-run", str(build))
    message = str(failed.value)
    assert "fct_events.expect_column_values_to_be_in_set(event_type)" in message
    kept = settings.build_dir / "failed" / build.name
    assert f"failing build kept at {kept}" in message and kept.exists()
    assert "Data Docs:" in message
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    types = {r[0] for r in con.execute("select event_type from marts.fct_events").fetchall()}
    assert "EXPLODE" not in types
    con.close()
