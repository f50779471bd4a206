"""The DAG folder imports cleanly and wires the stages in the documented order."""

from __future__ import annotations

import itertools

import pytest

pytest.importorskip("airflow")


@pytest.fixture(scope="module")
def dagbag(repo):
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(repo / "dags"))


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}


def test_daily_dag_stages_in_order(dagbag):
    dag = dagbag.dags["sitrep_daily"]
    assert dag is not None
    order = ["discover", "extract", "land", "dbt_build", "quality_gate", "publish", "report"]
    assert set(order) == set(dag.task_ids)
    for upstream, downstream in itertools.pairwise(order):
        assert downstream in dag.get_task(upstream).downstream_task_ids, (upstream, downstream)
    # the gate also guards publish directly: publish needs the build path and a passed gate
    assert "publish" in dag.get_task("dbt_build").downstream_task_ids


def test_dag_is_backfillable_single_writer(dagbag):
    dag = dagbag.dags["sitrep_daily"]
    assert dag.max_active_runs == 1
    # failures that retrying cannot fix are not retried; fetch/extract are
    assert dag.get_task("quality_gate").retries == 0
    assert dag.get_task("extract").retries >= 1


def test_scheduled_runs_cover_the_finished_day(dagbag):
    from airflow.timetables.interval import CronDataIntervalTimetable

    dag = dagbag.dags["sitrep_daily"]
    # data-interval timetable: the run for day D starts after D ends and its ds is D
    assert isinstance(dag.timetable, CronDataIntervalTimetable)
    assert dag.catchup is False
