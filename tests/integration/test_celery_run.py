"""The same DAG on a distributed engine: CeleryExecutor with two workers as separate processes,
a Redis broker and a PostgreSQL metadata database, as the compose ``celery`` profile runs it.

The published warehouse must be identical to the one the local run published from the same
sample corpus. Skipped, with the reason, where PostgreSQL or Redis are not on loopback.
"""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.airflow_cluster import LocalAirflowCluster, service_reachable
from sitrep.config import env_for_root, load_settings

pytestmark = pytest.mark.integration

DAY = date(2020, 6, 5)


@pytest.fixture(scope="module")
def celery_run(tmp_path_factory, sample_base):
    for name, port in (("PostgreSQL", 5432), ("Redis", 6379)):
        if not service_reachable("127.0.0.1", port):
            pytest.skip(f"{name} is not listening on 127.0.0.1:{port}: no distributed run here")
    tmp = tmp_path_factory.mktemp("celery")
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env_for_root(tmp).items():
            mp.setenv(key, value)
        mp.setenv("SITREP_BATCH_SIZE", "4")  # several mapped extract tasks to share out
        settings = load_settings()
        cluster = LocalAirflowCluster(
            settings,
            tmp / "airflow",
            database="sitrep_airflow_celery_test",
            redis_url="redis://127.0.0.1:6379/7",
            extra_env={"SITREP_SAMPLE_BASE": sample_base},
        )
        with cluster:
            state = cluster.run_day(DAY)
            hosts = cluster.task_hosts()
        yield {"state": state, "hosts": hosts, "settings": settings, "home": tmp / "airflow"}


def test_distributed_run_succeeds_on_two_workers(celery_run):
    assert celery_run["state"] == "success", f"see logs in {celery_run['home']}"
    workers = set().union(*celery_run["hosts"].values())
    assert len(workers) >= 2, celery_run["hosts"]  # both Celery workers took tasks


def test_distributed_run_publishes_the_same_warehouse(celery_run, local_run, warehouse_snapshot):
    assert local_run["code"] == 0
    assert celery_run["state"] == "success"
    local = warehouse_snapshot(local_run["settings"].warehouse)
    distributed = warehouse_snapshot(celery_run["settings"].warehouse)
    assert distributed == local
