"""Backfilling a week publishes the same warehouse whatever order the days run in.

`airflow backfill create` may run a range forwards or backwards (`--run-backwards`), and an
analyst re-runs single days in the middle of it. Each DAG task is a thin call of a
`sitrep.pipeline` function, so the days are run here with `run_day` (the same functions, in
order, without Airflow's scheduling) on the sample corpus, whose items span a week.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from sitrep.config import env_for_root, load_settings
from sitrep.pipeline import run_day

WEEK = [date(2020, 6, 1) + timedelta(days=n) for n in range(7)]

# What two equal runs share: keys and coded values, not run ids or wall-clock timestamps.
QUERIES = {
    "events": """
        select event_id, event_type, actor1_id, actor2_id, location_id, event_date,
               fatalities_best, num_mentions, num_articles, first_reported_at, is_deleted
        from marts.fct_events_all order by event_id
    """,
    "event_mentions": """
        select event_mention_id, event_id, article_id, sentence_index, partition_date
        from marts.fct_event_mentions order by event_mention_id
    """,
    "articles": "select article_id, partition_date, published from marts.dim_articles order by 1",
    "outcomes": """
        select url, partition_date, outcome, duplicate_of_article_id
        from marts.fct_fetch_outcomes order by url, partition_date, outcome
    """,
    "actor_mentions": "select mention_id, actor_id from marts.fct_actor_mentions order by 1",
    "location_mentions": (
        "select mention_id, location_id from marts.fct_location_mentions order by 1"
    ),
    "daily": "select * from marts.rpt_events_daily order by all",
}


def published(root: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(root / "warehouse" / "sitrep.duckdb"), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in QUERIES.items()}


def backfill(root: Path, days: list[date], base: str) -> dict[str, list[tuple]]:
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env_for_root(root).items():
            mp.setenv(key, value)
        mp.setenv("SITREP_SAMPLE_BASE", base)
        settings = load_settings()
        for day in days:
            run_day(settings, day, backfill=True)
    return published(root)


@pytest.fixture(scope="module")
def forwards(tmp_path_factory, sample_base):
    root = tmp_path_factory.mktemp("forwards")
    return root, backfill(root, WEEK, sample_base)


def test_a_week_backfilled_backwards_equals_the_week_in_order(
    forwards, tmp_path_factory, sample_base
):
    _, in_order = forwards
    backwards = backfill(tmp_path_factory.mktemp("backwards"), WEEK[::-1], sample_base)
    assert len(in_order["events"]) >= 20 and len(in_order["articles"]) >= 8
    assert {row[2] for row in in_order["articles"]} >= {WEEK[0], WEEK[4]}  # spread over the week
    for name in QUERIES:
        assert backwards[name] == in_order[name], name


def test_re_running_a_day_in_the_middle_changes_nothing(forwards, sample_base):
    root, in_order = forwards
    assert backfill(root, [WEEK[2]], sample_base) == in_order
