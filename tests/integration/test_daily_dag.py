"""One real daily run through Airflow: sample corpus → fetch → extract → dbt → GX → publish.

Real Airflow (``airflow dags test`` with a SQLite metadata DB), real dbt, DuckDB and Great
Expectations; the sample corpus is served on 127.0.0.1. The run is done twice to prove that
re-running a day replaces it, while a reader holds the published file open.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import duckdb
import pytest

from sitrep.airflow_local import dags_test

pytestmark = pytest.mark.integration

DAY = date(2020, 6, 5)
MARTS = {
    "fct_events",
    "fct_event_mentions",
    "dim_actors",
    "dim_locations",
    "dim_articles",
    "dim_date",
}

EVENT_COLUMNS = {
    "event_id",
    "event_date",
    "date_precision",
    "event_type",
    "acled_event_type",
    "actor1_id",
    "actor2_id",
    "location_id",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities_best",
    "source_original",
    "num_mentions",
    "num_articles",
    "confidence",
}


# A BI tool: opens the published file read-only, reads, waits, and reads again on the same
# connection. A separate process, as a real BI server would be.
_READER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("select count(*) from marts.fct_events").fetchone()[0], flush=True)
sys.stdin.readline()
print(con.execute("select count(*) from marts.fct_events").fetchone()[0], flush=True)
"""


@pytest.fixture(scope="module")
def first_run(local_run):
    return local_run


def test_run_succeeds_and_publishes(first_run):
    assert first_run["code"] == 0, first_run["log"].read_text()[-4000:]
    assert first_run["settings"].warehouse.exists()


def test_marts_follow_the_contract(first_run):
    with duckdb.connect(str(first_run["settings"].warehouse), read_only=True) as con:
        tables = {
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts'"
            ).fetchall()
        }
        assert tables >= MARTS
        cols = {
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'marts' and table_name = 'fct_events'"
            ).fetchall()
        }
        assert cols >= EVENT_COLUMNS
        # every mention points to an existing article and carries its sentence and offsets
        orphans = con.execute(
            """
            select count(*) from marts.fct_event_mentions m
            left join marts.dim_articles a using (article_id)
            where a.article_id is null or m.sentence is null or m."start" is null
            """
        ).fetchone()[0]
        assert orphans == 0


def test_reference_page_events_reach_the_marts(first_run):
    with duckdb.connect(str(first_run["settings"].warehouse), read_only=True) as con:
        rows = con.execute(
            """
            select e.event_type, e.latitude, e.longitude, m.sentence
            from marts.fct_events e
            join marts.fct_event_mentions m using (event_id)
            join marts.dim_articles a using (article_id)
            where a.url like '%southfront%'
            """
        ).fetchall()
    assert rows, "no event from the reference page reached fct_events"
    sentences = " ".join(r[3] for r in rows)
    assert "Liwa Fatemiyoun" in sentences
    # reader comments never become events
    for forbidden in ("Hezbollah doesn", "Nouri al-Maliki", "STOP OPPRESSING"):
        assert forbidden not in sentences


def test_fetch_outcomes_account_for_every_discovered_url(first_run):
    with duckdb.connect(str(first_run["settings"].warehouse), read_only=True) as con:
        outcomes = dict(
            con.execute(
                "select outcome, count(*) from marts.fct_fetch_outcomes group by 1"
            ).fetchall()
        )
    assert outcomes.get("stored", 0) >= 3
    assert set(outcomes) <= {"stored", "unchanged", "duplicate", "not_article", "refused", "failed"}


def test_rerun_same_day_is_idempotent_while_a_reader_holds_the_file(first_run, warehouse_snapshot):
    settings, env = first_run["settings"], first_run["env"]
    assert first_run["code"] == 0
    before = warehouse_snapshot(settings.warehouse)

    reader = subprocess.Popen(
        [sys.executable, "-c", _READER, str(settings.warehouse)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        seen_before = int(reader.stdout.readline())  # the reader holds the file open now
        code, log = dags_test(DAY, env)
        assert code == 0, log.read_text()[-4000:]
        out, _ = reader.communicate("go\n", timeout=60)
    finally:
        reader.kill()
    seen_after = int(out.strip())
    assert seen_before == seen_after == before["counts"]["fct_events"]  # a consistent snapshot
    after = warehouse_snapshot(settings.warehouse)
    assert after == before, json.dumps({"before": before, "after": after}, indent=1)
