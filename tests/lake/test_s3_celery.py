"""Workers that share nothing but a bucket: the daily DAG on CeleryExecutor (scheduler and two
Celery workers as separate processes, Redis broker, PostgreSQL metadata) with the raw zone in a
loopback S3 bucket publishes the same warehouse as the same steps on a local raw zone.

Skipped, with the reason, where PostgreSQL or Redis are not on loopback.
"""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.airflow_cluster import LocalAirflowCluster
from sitrep.config import load_settings

pytestmark = pytest.mark.integration

DAY = date(2020, 6, 5)


def test_celery_workers_share_the_raw_zone_through_a_bucket(
    tmp_path, sample_base, bucket, s3_env, published, local_reference, monkeypatch
):
    import boto3

    expected = local_reference
    root = tmp_path / "celery"
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
    s3 = boto3.client("s3", endpoint_url=s3_env.endpoint)
    day = "dt=2020-06-05"

    def listed(prefix: str) -> list[str]:
        found = s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])
        return sorted(o["Key"].rsplit("/", 1)[-1] for o in found)

    # each extract batch wrote its own part in the bucket, and landing rewrote it there
    batches = [name.removesuffix(".json") for name in listed(f"raw/_work/{day}/batch-")]
    assert listed(f"raw/events/{day}/") == [f"part-{b}.parquet" for b in batches]
