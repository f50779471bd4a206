"""The daily DAG on CeleryExecutor with the whole run state shared the multi-machine way: raw
zone and discovery state in a loopback S3 bucket, pacing and validators in the real Redis.

Skipped, with the reason, where PostgreSQL or Redis are not on loopback.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from datetime import date

import pytest
import redis

from sitrep.airflow_cluster import LocalAirflowCluster
from sitrep.config import load_settings
from sitrep.lake.zone import RawZone

pytestmark = pytest.mark.integration

DAY = date(2020, 6, 5)
STATE_REDIS = "redis://127.0.0.1:6379/13"  # the state database of this test alone
BROKER = "redis://127.0.0.1:6379/12"  # a broker of its own: other cluster tests use 7 and 9


def test_celery_workers_keep_discovery_state_in_the_bucket_and_pace_through_redis(
    tmp_path, sample_base, bucket, s3_env, published, local_reference, monkeypatch
):
    expected = local_reference
    root = tmp_path / "celery"
    monkeypatch.setenv("SITREP_RAW_URL", f"s3://{bucket}/raw")
    monkeypatch.setenv("SITREP_STATE_URL", f"s3://{bucket}/state")
    monkeypatch.setenv("SITREP_REDIS_URL", STATE_REDIS)
    shared = redis.Redis.from_url(STATE_REDIS)
    shared.flushdb()  # this test's own databases
    redis.Redis.from_url(BROKER).flushdb()  # no task message left from an interrupted run
    watch = _Watch()
    watch.start()
    settings = load_settings()
    cluster = LocalAirflowCluster(
        settings,
        root / "airflow",
        database="sitrep_airflow_state_test",
        redis_url=BROKER,
        extra_env={"SITREP_SAMPLE_BASE": sample_base},
    )
    try:
        with cluster:
            state = cluster.run_day(DAY)
        assert state == "success", f"see logs in {root / 'airflow'}"
        assert published(settings.warehouse) == expected

        # discovery state went to the bucket, nowhere on the workers' disk
        zone = RawZone.from_url(f"s3://{bucket}/state")
        files = zone.glob("sources/*.json")
        assert files == ["sources/sample-feed.json", "sources/sample-sitemap.json",
                         "sources/sample-urls.json"]  # fmt: skip
        seen = set().union(*(json.loads(zone.read_text(f))["seen"] for f in files))
        assert {row[0] for row in expected["outcomes"]} <= seen
        assert not (root / "state" / "sources").exists()
        # the workers' fetchers booked their host slots in Redis (the sample's rate limit is a
        # delay): Sitrep's Lua script, run on the state database by the task processes
        shared.echo(_Watch.STOP)
        watch.join(timeout=30)
        fetched = [row for row in expected["outcomes"] if row[4] is not None]  # archived pages
        assert fetched and watch.commands["EVALSHA"] + watch.commands["EVAL"] >= len(fetched)
    finally:
        shared.echo(_Watch.STOP)
        shared.flushdb()
        redis.Redis.from_url(BROKER).flushdb()


class _Watch(threading.Thread):
    """Counts the commands Redis receives on the state database (MONITOR), until STOP."""

    STOP = "sitrep-test-stop"

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.commands: Counter[str] = Counter()
        self.ready = threading.Event()

    def run(self) -> None:
        with redis.Redis.from_url(STATE_REDIS).monitor() as monitor:
            self.ready.set()
            for command in monitor.listen():
                if command["db"] != int(STATE_REDIS.rsplit("/", 1)[1]):
                    continue
                if command["command"] == f"ECHO {self.STOP}":
                    return
                self.commands[command["command"].split(" ", 1)[0].upper()] += 1

    def start(self) -> None:
        super().start()
        self.ready.wait(timeout=10)
