"""The BI path, proved without Docker: compose validates, and Superset's exact connection works.

The connection test reads the SQLAlchemy URI and connect args from docker-compose.yml's superset
service, maps the container path through that service's volume mount to a warehouse published
here, and runs every dashboard query from bi/ through SQLAlchemy and duckdb-engine.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "docker-compose.yml"
sys.path.insert(0, str(REPO / "tests" / "quality"))

import factory  # noqa: E402

from sitrep.publish import prepare_build, publish  # noqa: E402


def _bundle_module():
    spec = importlib.util.spec_from_file_location(
        "sitrep_bi_bundle", REPO / "bi" / "superset" / "build_bundle.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _compose_bin() -> str:
    found = shutil.which("docker-compose")
    if not found:
        pytest.skip("docker-compose not installed (`apt-get install -y docker-compose` to check)")
    return found


def _superset() -> dict:
    return yaml.safe_load(COMPOSE.read_text())["services"]["superset"]


def _compose_config(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [_compose_bin(), "-f", str(COMPOSE), *args, "config"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=REPO,
    )


def test_compose_file_is_valid_with_every_profile():
    out = _compose_config(
        "--env-file", str(REPO / ".env.example"), "--profile", "celery", "--profile", "bi"
    )
    assert out.returncode == 0, out.stderr
    config = yaml.safe_load(out.stdout)
    services = config["services"]
    airflow = {"airflow-init", "airflow-apiserver", "airflow-scheduler"}
    airflow |= {"airflow-dag-processor", "airflow-triggerer"}
    assert airflow | {"postgres", "redis", "flower", "superset"} <= set(services)
    workers = [n for n, s in services.items() if s.get("command") == "celery worker"]
    assert len(workers) >= 2
    secrets = {
        services[n]["environment"]["AIRFLOW__API_AUTH__JWT_SECRET"] for n in airflow | set(workers)
    }
    assert secrets == {"change-me"}  # one shared secret, from the env file
    assert services["airflow-scheduler"]["environment"]["AIRFLOW__CORE__EXECUTOR"] == (
        "LocalExecutor"
    )
    for name in airflow:
        assert any(":/opt/sitrep:" in f"{v}:" for v in services[name]["volumes"]), name
    mounts = services["superset"]["volumes"]
    assert any(v.endswith(":/warehouse:ro") for v in mounts)  # the folder, read-only


def test_compose_refuses_to_start_without_secrets(tmp_path):
    empty = tmp_path / "empty.env"  # not the repo's .env, which a developer may have filled in
    empty.write_text("")
    out = _compose_config("--env-file", str(empty), env={"PATH": "/usr/bin:/bin"})
    assert out.returncode != 0
    assert "in .env" in out.stderr


def test_env_example_documents_every_variable_compose_reads():
    used = set(re.findall(r"(?<!\$)\$\{([A-Z_]+)", COMPOSE.read_text()))  # $${X}: container env
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (REPO / ".env.example").read_text(), re.M))
    assert used <= documented, used - documented
    assert not (REPO / ".env").exists() or ".env" in (REPO / ".gitignore").read_text()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse published the way a run publishes it, where the BI mount would see it."""
    root = tmp_path_factory.mktemp("host")
    warehouse = root / "warehouse" / "sitrep.duckdb"
    build = prepare_build(warehouse, root / "builds", "bi-test")
    factory.build_marts(build, factory.week(factory.RUN_DATE, 14))
    publish(build, warehouse)
    return warehouse


def _engine_for(published: Path):
    """SQLAlchemy engine with the superset service's exact URI and connect args."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    env = _superset()["environment"]
    uri, connect_args = env["SITREP_BI_SQLALCHEMY_URI"], json.loads(env["SITREP_BI_CONNECT_ARGS"])
    mount = next(v for v in _superset()["volumes"] if v.endswith(":ro") and "warehouse" in v)
    container_dir = mount.split(":")[1]
    assert uri.startswith(f"duckdb:///{container_dir}/")
    local_uri = uri.replace(f"duckdb:///{container_dir}/", f"duckdb:///{published.parent}/")
    # Superset opens analytics databases with NullPool: one connection per query
    return create_engine(local_uri, connect_args=connect_args, poolclass=NullPool)


def test_every_dashboard_query_runs_through_supersets_connection(published):
    from sqlalchemy import text

    bundle = _bundle_module()
    spec = bundle.load_spec(REPO / "bi")
    engine = _engine_for(published)
    with engine.connect() as con:
        for name, dataset in spec["datasets"].items():
            result = con.execute(text(bundle.dataset_sql(spec, name, REPO / "bi")))
            rows = result.fetchall()
            assert list(result.keys()) == list(dataset["columns"]), name
            assert rows, f"{name} returned nothing on a week of events"
    engine.dispose()


def test_the_bi_connection_is_read_only_and_sees_each_new_publish(published, tmp_path):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    engine = _engine_for(published)
    with engine.connect() as con, pytest.raises(DBAPIError, match="read-only"):
        con.execute(text("create table marts.scribble (x int)"))
    with engine.connect() as con:
        before = con.execute(text("select count(*) from marts.fct_events")).scalar()

    build = prepare_build(published, tmp_path / "builds", "next-day")
    import duckdb

    db = duckdb.connect(str(build))
    db.execute("delete from marts.fct_events where event_date < date '2020-06-01'")
    db.close()
    publish(build, published)
    with engine.connect() as con:
        after = con.execute(text("select count(*) from marts.fct_events")).scalar()
    assert after < before
    engine.dispose()


def test_bundle_provisions_the_same_connection_and_queries(monkeypatch):
    env = _superset()["environment"]
    monkeypatch.setenv("SITREP_BI_SQLALCHEMY_URI", env["SITREP_BI_SQLALCHEMY_URI"])
    monkeypatch.setenv("SITREP_BI_CONNECT_ARGS", env["SITREP_BI_CONNECT_ARGS"])
    bundle = _bundle_module()
    files = bundle.build(REPO / "bi")
    database = next(v for k, v in files.items() if k.startswith("databases/"))
    assert database["sqlalchemy_uri"] == env["SITREP_BI_SQLALCHEMY_URI"]
    assert database["extra"]["engine_params"]["connect_args"] == json.loads(
        env["SITREP_BI_CONNECT_ARGS"]
    )
    datasets = {v["uuid"]: v for k, v in files.items() if k.startswith("datasets/")}
    spec = bundle.load_spec(REPO / "bi")
    for ds in datasets.values():
        assert ds["sql"] == bundle.dataset_sql(spec, ds["table_name"], REPO / "bi")
    charts = [v for k, v in files.items() if k.startswith("charts/")]
    names = {c["slice_name"] for c in charts}
    assert {"Map of events", "Events per day by type", "Deaths by area (top 15)"} <= names
    assert any("actors" in n.lower() for n in names)
    dashboard = files["dashboards/sitrep.yaml"]
    placed = {
        node["meta"]["uuid"]
        for node in dashboard["position"].values()
        if isinstance(node, dict) and node.get("type") == "CHART"
    }
    for chart in charts:
        assert chart["dataset_uuid"] in datasets
        assert chart["uuid"] in placed
        columns = {c["column_name"] for c in datasets[chart["dataset_uuid"]]["columns"]}
        params = chart["params"]
        for key in ("x_axis", "dimension"):
            if key in params:
                assert params[key] in columns, (chart["slice_name"], params[key])
        for col in params.get("groupby", []) + params.get("all_columns", []):
            assert col in columns, (chart["slice_name"], col)


def test_superset_alone_needs_no_airflow_secrets_and_is_the_same_service(tmp_path):
    only_superset = tmp_path / "superset.env"
    only_superset.write_text("SUPERSET_SECRET_KEY=s3cret\nSUPERSET_ADMIN_PASSWORD=pw\n")
    alone = subprocess.run(
        [
            _compose_bin(),
            "--project-directory",
            str(REPO),
            "-f",
            str(REPO / "docker" / "superset.compose.yml"),
            "--env-file",
            str(only_superset),
            "config",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin"},
        cwd=REPO,
    )
    assert alone.returncode == 0, alone.stderr
    full = _compose_config("--env-file", str(only_superset), "--profile", "bi")
    assert full.returncode != 0  # the full file wants Airflow's secrets too
    example = _compose_config("--env-file", str(REPO / ".env.example"), "--profile", "bi")
    assert example.returncode == 0, example.stderr
    standalone = yaml.safe_load(alone.stdout)["services"]["superset"]
    in_profile = yaml.safe_load(example.stdout)["services"]["superset"]
    in_profile.pop("profiles", None)
    for service in (standalone, in_profile):
        service["environment"].pop("SUPERSET_SECRET_KEY")
        service["environment"].pop("SUPERSET_ADMIN_PASSWORD")
    assert standalone == in_profile
    assert "MAPBOX_API_KEY" in standalone["environment"]  # passed through to Superset


def test_superset_image_installs_the_lock_the_tests_install():
    dockerfile = (REPO / "bi" / "superset" / "Dockerfile").read_text()
    assert "--require-hashes -r /app/requirements.lock" in dockerfile
    assert "COPY requirements.lock" in dockerfile
    assert "$(SUPERSET_VENV)" in (REPO / "Makefile").read_text()
    lock = (REPO / "bi" / "superset" / "requirements.lock").read_text()
    compose_tag = _superset()["image"].split(":")[1]
    for pin in (
        f"apache-superset=={compose_tag}",
        "marshmallow==3.26.1",
        "marshmallow-sqlalchemy==1.4.0",
        "duckdb-cli==1.5.6",
    ):
        assert f"\n{pin} " in lock, pin
    main_duckdb = re.search(r"\nduckdb==(\S+) ", (REPO / "requirements.lock").read_text())[1]
    assert f"\nduckdb=={main_duckdb} " in lock  # one DuckDB for the pipeline and for BI
