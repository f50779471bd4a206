"""Workers that share nothing but a bucket: the daily DAG on CeleryExecutor (scheduler and two
Celery workers as separate processes, Redis broker, PostgreSQL metadata) with the raw zone in a
loopback S3 bucket publishes the same warehouse as the same steps on a local raw zone.

Skipped, with the reason, where PostgreSQL or Redis are not on loopback.
"""

from __future__ import annotations

from datetime import date

import pytest

from sitrep import pipeline
from sitrep.airflow_cluster import LocalAirflowCluster, service_reachable
from sitrep.config import env_for_root, load_settings

pytestmark = pytest.mark.integration

DAY = date(2020, 6, 5)
BATCH_SIZE = "4"  # several mapped extract tasks to share out between the workers


def test_celery_workers_share_the_raw_zone_through_a_bucket(
    tmp_path, sample_base, bucket, s3_env, published, monkeypatch
):
    import boto3

    for name, port in (("PostgreSQL", 5432), ("Redis", 6379)):
        if not service_reachable("127.0.0.1", port):
            pytest.skip(f"{name} is not listening on 127.0.0.1:{port}: no distributed run here")
    monkeypatch.setenv("SITREP_BATCH_SIZE", BATCH_SIZE)
    monkeypatch.setenv("SITREP_SAMPLE_BASE", sample_base)

    for key, value in env_for_root(tmp_path / "local").items():
        monkeypatch.setenv(key, value)
    pipeline.run_day(load_settings(), DAY)
    expected = published(load_settings().warehouse)

    root = tmp_path / "celery"
    for key, value in env_for_root(root).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("SITREP_RAW_URL", f"s3://{bucket}/raw")
    settings = load_settings()
    cluster = LocalAirflowCluster(
        settings,
        root / "airflow",
        database="sitrep_airflow_s3_test",
        redis_url="redis://127.0.0.1:6379/9",
        extra_env={"SITREP_SAMPLE_BASE": sample_base},
    )
    with cluster:
        state = cluster.run_day(DAY)
        hosts = cluster.task_hosts()
    assert state == "success", f"see logs in {root / 'airflow'}"
    assert len(set().union(*hosts.values())) >= 2, hosts  # both workers took tasks

    assert published(settings.warehouse) == expected
    assert not (root / "raw").exists()  # the bucket was the only raw zone
    listed = boto3.client("s3", endpoint_url=s3_env.endpoint).list_objects_v2(
        Bucket=bucket, Prefix="raw/events/dt=2020-06-05/"
    )
    assert [o["Key"] for o in listed["Contents"]] == ["raw/events/dt=2020-06-05/part-day.parquet"]
