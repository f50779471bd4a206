"""The compose file's celery profile: MinIO, its bucket, and the raw-zone env every worker gets."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
ON_MINIO = {
    "AIRFLOW_EXECUTOR": "CeleryExecutor",
    "SITREP_RAW_URL": "s3://sitrep/raw",
    "AWS_ENDPOINT_URL": "http://minio:9000",
    "AWS_ACCESS_KEY_ID": "sitrep",
    "AWS_SECRET_ACCESS_KEY": "change-me",
}


def _config(tmp_path: Path, overrides: dict[str, str]) -> dict:
    """``docker-compose config`` (offline) with .env.example plus ``overrides`` as the env file."""
    binary = shutil.which("docker-compose")
    if not binary:
        pytest.skip("docker-compose not installed (`apt-get install -y docker-compose` to check)")
    env_file = tmp_path / "compose.env"
    lines = [(REPO / ".env.example").read_text()] + [f"{k}={v}" for k, v in overrides.items()]
    env_file.write_text("\n".join(lines) + "\n")
    compose = [binary, "-f", str(REPO / "docker-compose.yml"), "--env-file", str(env_file)]
    out = subprocess.run(
        [*compose, "--profile", "celery", "config"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 0, out.stderr
    return yaml.safe_load(out.stdout)["services"]


def _airflow(services: dict) -> dict[str, dict]:
    return {n: s for n, s in services.items() if str(s.get("image", "")).startswith("sitrep-air")}


def test_celery_profile_runs_minio_and_points_every_component_at_it(tmp_path):
    services = _config(tmp_path, ON_MINIO)
    assert services["minio"]["image"].startswith("minio/minio:RELEASE.")  # pinned, not latest
    assert services["minio"]["environment"]["MINIO_ROOT_USER"] == ON_MINIO["AWS_ACCESS_KEY_ID"]
    init = services["minio-init"]
    assert init["entrypoint"] == ["python", "-m", "sitrep.lake", "check", "--create-bucket"]
    assert init["depends_on"]["minio"]["condition"] == "service_healthy"

    airflow = _airflow(services)
    workers = [n for n, s in airflow.items() if s.get("command") == "celery worker"]
    assert len(workers) >= 2 and {"airflow-scheduler", "minio-init"} <= set(airflow)
    for name, service in airflow.items():
        env = service["environment"]
        assert {k: env[k] for k in ON_MINIO if k != "AIRFLOW_EXECUTOR"} == {
            k: v for k, v in ON_MINIO.items() if k != "AIRFLOW_EXECUTOR"
        }, name
    for name in workers:  # a worker starts once the bucket exists
        condition = airflow[name]["depends_on"]["minio-init"]["condition"]
        assert condition == "service_completed_successfully"


def test_by_default_the_raw_zone_stays_a_local_folder(tmp_path):
    services = _config(tmp_path, {})
    for name, service in _airflow(services).items():
        env = service["environment"]
        assert env["SITREP_RAW_URL"] == "/opt/sitrep/data/raw", name
        assert not env["AWS_ENDPOINT_URL"] and not env["AWS_ACCESS_KEY_ID"], name
