"""The compose file's celery profile: the run state every worker shares (docs/scaling.md)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
ON_MINIO = {
    "AIRFLOW_EXECUTOR": "CeleryExecutor",
    "SITREP_RAW_URL": "s3://sitrep/raw",
    "SITREP_STATE_URL": "s3://sitrep/state",
    "AWS_ENDPOINT_URL": "http://minio:9000",
    "REDIS_PASSWORD": "redis-secret",
}


def _airflow_services(tmp_path: Path, overrides: dict[str, str]) -> dict[str, dict]:
    """The Airflow services of ``docker-compose config`` (offline), .env.example + overrides."""
    binary = shutil.which("docker-compose")
    if not binary:
        pytest.skip("docker-compose not installed (`apt-get install -y docker-compose` to check)")
    env_file = tmp_path / "compose.env"
    lines = [(REPO / ".env.example").read_text()] + [f"{k}={v}" for k, v in overrides.items()]
    env_file.write_text("\n".join(lines) + "\n")
    out = subprocess.run(
        [binary, "-f", str(REPO / "docker-compose.yml"), "--env-file", str(env_file),
         "--profile", "celery", "config"],
        capture_output=True, text=True, timeout=120, cwd=REPO, env={"PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    services = yaml.safe_load(out.stdout)["services"]
    return {n: s for n, s in services.items() if str(s.get("image", "")).startswith("sitrep-air")}


def test_every_worker_shares_the_state_prefix_and_the_redis(tmp_path):
    airflow = _airflow_services(tmp_path, ON_MINIO)
    workers = [n for n, s in airflow.items() if s.get("command") == "celery worker"]
    assert len(workers) >= 2
    for name, service in airflow.items():  # minio-init checks (and creates) it too
        assert service["environment"]["SITREP_STATE_URL"] == "s3://sitrep/state", name
    for name in workers:
        env = airflow[name]["environment"]
        url = urlsplit(env["SITREP_REDIS_URL"])
        broker = urlsplit(env["AIRFLOW__CELERY__BROKER_URL"])
        assert (url.hostname, url.port, url.password) == ("redis", 6379, "redis-secret"), name
        assert (broker.hostname, broker.password) == ("redis", "redis-secret")
        assert url.path != broker.path  # Sitrep's keys in their own database, not Celery's


def test_by_default_the_state_stays_in_the_local_state_folder(tmp_path):
    for name, service in _airflow_services(tmp_path, {}).items():
        env = service["environment"]
        assert env["SITREP_STATE_URL"] == "/opt/sitrep/data/state", name
        if service.get("command") != "celery worker":  # no Redis without the celery workers
            assert "SITREP_REDIS_URL" not in env, name
