"""A real multi-process Airflow on this machine: scheduler, dag-processor, api-server and
Celery workers as separate processes, PostgreSQL metadata and a Redis broker.

This is what the ``celery`` profile of ``docker-compose.yml`` runs, without Docker: the tests use
it to prove a distributed run publishes the same warehouse as a local one, the benchmark to use
both cores. ``LocalExecutor`` is supported too (no workers, parallel task processes).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sitrep.airflow_local import DAG_ID, airflow_env
from sitrep.config import Settings


def _free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worker_hostname() -> str:
    """Airflow ``hostname_callable``: tells Celery workers on one machine apart in task records."""
    name = os.environ.get("SITREP_WORKER_NAME")
    return f"{socket.gethostname()}:{name}" if name else socket.gethostname()


def service_reachable(host: str, port: int, timeout: float = 1.0) -> bool:
    """True when something accepts TCP connections at host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


@dataclass
class LocalAirflowCluster:
    """Start, use and stop a multi-process Airflow deployment (context manager)."""

    settings: Settings
    home: Path
    pg_dsn: str = "postgresql+psycopg2://postgres@127.0.0.1:5432/{db}"
    database: str = "sitrep_airflow"
    redis_url: str = "redis://127.0.0.1:6379/7"
    executor: str = "CeleryExecutor"
    workers: int = 2
    parallelism: int = 2
    extra_env: dict[str, str] = field(default_factory=dict)
    _procs: list[subprocess.Popen] = field(default_factory=list, init=False)
    _unpaused: bool = field(default=False, init=False)
    last_run_id: str | None = field(default=None, init=False)

    @property
    def sql_conn(self) -> str:
        return self.pg_dsn.format(db=self.database)

    def env(self) -> dict[str, str]:
        port = self.extra_env.get("_API_PORT") or str(_free_port())
        self.extra_env["_API_PORT"] = port
        conn = self.sql_conn
        env = airflow_env(self.settings, self.extra_env)
        env.update(
            {
                "AIRFLOW_HOME": str(self.home),
                "AIRFLOW__CORE__EXECUTOR": self.executor,
                "AIRFLOW__CORE__PARALLELISM": str(self.parallelism),
                "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
                # runs are triggered for the day under test: no scheduled run may compete
                "SITREP_SCHEDULE": "none",
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": conn,
                "AIRFLOW__CELERY__BROKER_URL": self.redis_url,
                "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + conn,
                "AIRFLOW__CELERY__WORKER_CONCURRENCY": "1",
                "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
                "AIRFLOW__API__PORT": port,
                "AIRFLOW__API_AUTH__JWT_SECRET": self.extra_env.get("_JWT")
                or secrets.token_hex(16),
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
                "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
                "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
                "AIRFLOW__CORE__HOSTNAME_CALLABLE": "sitrep.airflow_cluster.worker_hostname",
            }
        )
        self.extra_env["_JWT"] = env["AIRFLOW__API_AUTH__JWT_SECRET"]
        return env

    # -- lifecycle ---------------------------------------------------------------------------

    def _airflow(self, *args: str) -> list[str]:
        return [str(Path(sys.executable).parent / "airflow"), *args]

    def _spawn(self, name: str, *args: str) -> None:
        log = (self.home / f"{name}.log").open("w")
        proc = subprocess.Popen(
            self._airflow(*args),
            env={**self._env, "SITREP_WORKER_NAME": name},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._procs.append(proc)

    def _reset_database(self) -> None:
        import psycopg2

        admin = psycopg2.connect(self.pg_dsn.format(db="postgres").replace("+psycopg2", ""))
        admin.autocommit = True
        with admin.cursor() as cur:
            cur.execute(f'drop database if exists "{self.database}" with (force)')
            cur.execute(f'create database "{self.database}"')
        admin.close()

    def __enter__(self) -> LocalAirflowCluster:
        self.home.mkdir(parents=True, exist_ok=True)
        self._procs = []
        self._unpaused = False  # a fresh metadata database: the DAG starts paused again
        self._env = self.env()
        self._reset_database()
        subprocess.run(
            self._airflow("db", "migrate"), env=self._env, check=True, capture_output=True
        )
        self._spawn("api-server", "api-server", "--port", self._env["AIRFLOW__API__PORT"])
        self._spawn("dag-processor", "dag-processor")
        self._spawn("scheduler", "scheduler")
        if self.executor == "CeleryExecutor":
            for n in range(1, self.workers + 1):
                self._spawn(
                    f"worker-{n}",
                    "celery",
                    "worker",
                    "--concurrency",
                    "1",
                    "--celery-hostname",
                    f"sitrep-worker-{n}@%h",
                )
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in self._procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        for proc in self._procs:
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    # -- use ---------------------------------------------------------------------------------

    def _query(self, sql: str, *params: object) -> list[tuple]:
        import psycopg2

        dsn = self.sql_conn.replace("+psycopg2", "")
        with closing(psycopg2.connect(dsn)) as con, con.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall() if cur.description else []

    def wait_for_dag(self, timeout: float = 180) -> None:
        """Until the dag-processor has parsed and stored the DAG."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._query("select 1 from dag where dag_id = %s", DAG_ID):
                return
            self._check_alive()
            time.sleep(2)
        raise TimeoutError(f"{DAG_ID} was not parsed within {timeout}s (see {self.home})")

    def ready(self) -> None:
        """Until the DAG is parsed, then unpause it (once per deployment start)."""
        if self._unpaused:
            return
        self.wait_for_dag()
        subprocess.run(
            self._airflow("dags", "unpause", DAG_ID), env=self._env, check=True, capture_output=True
        )
        self._unpaused = True

    def run_day(self, day: date, timeout: float = 1800) -> str:
        """Trigger the DAG for a day and wait for the run to finish; returns its final state
        (the run's id is kept in ``last_run_id``)."""
        self.ready()
        run_id = f"sitrep__{day.isoformat()}__{secrets.token_hex(3)}"
        self.last_run_id = run_id
        subprocess.run(
            self._airflow(
                "dags",
                "trigger",
                DAG_ID,
                "--run-id",
                run_id,
                "--logical-date",
                f"{day.isoformat()}T00:00:00+00:00",
            ),
            env=self._env,
            check=True,
            capture_output=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            rows = self._query("select state from dag_run where run_id = %s", run_id)
            if rows and rows[0][0] in ("success", "failed"):
                return rows[0][0]
            self._check_alive()
            time.sleep(3)
        raise TimeoutError(f"run {run_id} did not finish within {timeout}s (see {self.home})")

    def run_span(self) -> tuple[float, float]:
        """When the last ``run_day`` run was queued and when it ended (epoch seconds), as
        Airflow recorded them: the run's own time, without the trigger command's start-up or
        our polling."""
        ((queued, ended),) = self._query(
            "select queued_at, end_date from dag_run where run_id = %s", self.last_run_id
        )
        return queued.timestamp(), ended.timestamp()

    def task_hosts(self) -> dict[str, set[str]]:
        """Which hosts (Celery workers) ran which tasks: proof that work was distributed."""
        rows = self._query("select task_id, hostname from task_instance where dag_id = %s", DAG_ID)
        hosts: dict[str, set[str]] = {}
        for task_id, host in rows:
            hosts.setdefault(task_id, set()).add(host or "")
        return hosts

    def _check_alive(self) -> None:
        for proc in self._procs:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"{proc.args[1:]} exited with {proc.returncode} (see {self.home})"
                )
