"""Sitrep's daily run: discover → fetch + extract (mapped batches) → land → dbt → GX gate → publish.

Thin by design: every task body is one call into ``sitrep.pipeline``. The day processed is the
run's logical date (``ds``); scheduled runs cover the previous full day (data-interval timetable),
backfills and ``airflow dags test sitrep_daily YYYY-MM-DD`` cover the date given.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import pendulum
from airflow.sdk import Param, dag, task
from airflow.timetables.interval import CronDataIntervalTimetable


@functools.cache
def _settings():
    """The deployment's settings, read from the environment once per process and handed to
    every step."""
    from sitrep.config import load_settings

    return load_settings()


def _schedule() -> CronDataIntervalTimetable | None:
    """Daily after the day ends (SITREP_SCHEDULE, cron, UTC); "none": triggered runs only."""
    cron = _settings().schedule.strip()
    if cron.lower() in ("", "none", "manual"):
        return None
    return CronDataIntervalTimetable(cron, timezone="UTC")


@dag(
    dag_id="sitrep_daily",
    schedule=_schedule(),
    start_date=pendulum.datetime(2020, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,  # one writer of the warehouse at a time
    default_args={"retries": 2, "retry_delay": timedelta(seconds=30)},
    params={
        "backfill": Param(
            False, type="boolean", description="take the items published on the day, ignore state"
        ),
        "full_refresh": Param(False, type="boolean", description="rebuild marts from all days"),
        "reprocess": Param(
            False, type="boolean", description="re-extract archived pages, no fetch"
        ),
    },
    tags=["sitrep"],
    doc_md=__doc__,
)
def sitrep_daily():
    @task
    def discover(ds: str | None = None, params: dict | None = None, dag_run=None) -> list[str]:
        from sitrep import pipeline

        day = date.fromisoformat(ds)
        if params["reprocess"]:
            return pipeline.plan_reprocess(_settings(), day)
        # `airflow backfill create` runs take the items published on their day, like the param
        backfill = params["backfill"] or str(getattr(dag_run, "run_type", "")) == "backfill"
        return pipeline.plan_day(_settings(), day, backfill=backfill)

    @task(max_active_tis_per_dagrun=_settings().extract_slots)
    def extract(batch: str, ds: str | None = None) -> dict:
        from sitrep import pipeline

        return pipeline.process_batch(_settings(), date.fromisoformat(ds), batch)

    @task(trigger_rule="none_failed")  # an empty day (no batches) still builds
    def land(batches: list[dict], ds: str | None = None) -> dict:
        from sitrep import pipeline

        return pipeline.land_day(_settings(), date.fromisoformat(ds))

    @task(retries=0)
    def dbt_build(
        landed: dict, ds: str | None = None, run_id: str | None = None, params: dict | None = None
    ) -> str:
        from sitrep import pipeline

        day = date.fromisoformat(ds)
        return pipeline.build_warehouse(
            _settings(), day, run_id, full_refresh=params["full_refresh"]
        )

    @task(retries=0)
    def quality_gate(build_path: str, ds: str | None = None, run_id: str | None = None) -> dict:
        from sitrep import pipeline

        return pipeline.check_quality(_settings(), date.fromisoformat(ds), run_id, build_path)

    @task
    def publish(build_path: str, gate: dict) -> str:
        from sitrep import pipeline

        return pipeline.publish_build(_settings(), build_path)

    @task
    def report(published: str, ds: str | None = None) -> str:
        from sitrep import pipeline

        return pipeline.write_day_report(_settings(), date.fromisoformat(ds))

    batches = discover()
    landed = land(extract.expand(batch=batches))
    build_path = dbt_build(landed)
    gate = quality_gate(build_path)
    report(publish(build_path, gate))


sitrep_daily()
