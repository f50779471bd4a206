"""A real S3-compatible server on loopback (moto's S3 behind its HTTP server) for the raw zone."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class S3Server:
    """Where the loopback S3 server listens, and the AWS environment that points at it."""

    endpoint: str

    @property
    def env(self) -> dict[str, str]:
        return {
            "AWS_ENDPOINT_URL_S3": self.endpoint,
            "AWS_ACCESS_KEY_ID": "sitrep-test",
            "AWS_SECRET_ACCESS_KEY": "sitrep-test-secret",
            "AWS_DEFAULT_REGION": "us-east-1",
        }


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    """moto's threaded S3 server on 127.0.0.1 (a free port); skipped when it cannot start."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError as exc:
        pytest.skip(f"moto[s3] and flask are needed for the S3 server ({exc})")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not one log line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    try:
        server.start()
        host, port = server.get_host_and_port()
    except Exception as exc:  # any failure to bind or start is a skip, with the reason
        pytest.skip(f"could not start the loopback S3 server: {exc!r}")
    try:
        yield S3Server(endpoint=f"http://{host}:{port}")
    finally:
        server.stop()


@pytest.fixture
def s3_env(s3_server: S3Server, monkeypatch: pytest.MonkeyPatch) -> S3Server:
    """This test's process points at the loopback S3 server (standard AWS variables)."""
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    for key, value in s3_server.env.items():
        monkeypatch.setenv(key, value)
    return s3_server


@pytest.fixture
def bucket(s3_env: S3Server) -> str:
    """A fresh, empty bucket on the loopback server."""
    import boto3

    name = f"sitrep-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=s3_env.endpoint).create_bucket(Bucket=name)
    return name


def published_rows(path: Path, run_id: str | None = None) -> dict[str, list]:
    """What a user reads (the marts, less fetch times), and the gate's results for ``run_id``."""
    import duckdb

    queries = {
        "events": "select event_id, event_type, event_date, location_id, actor1_key, actor2_key,"
        " fatalities_best, num_mentions, num_articles, num_sources from marts.fct_events",
        "mentions": "select event_mention_id, event_id, article_id, event_type, actor1_key,"
        " actor2_key, location_id, event_date, fatalities_best, confidence"
        " from marts.fct_event_mentions",
        "outcomes": "select url, outcome, duplicate_of_article_id, bytes, raw_path"
        " from marts.fct_fetch_outcomes",
    }
    if run_id is not None:
        queries["gate"] = (
            "select suite, expectation, severity, success, rows_checked"
            f" from marts.dq_results where run_id = '{run_id}'"
        )
    with duckdb.connect(str(path), read_only=True) as con:
        return {name: con.execute(f"{q} order by all").fetchall() for name, q in queries.items()}


@pytest.fixture
def published() -> Callable[..., dict[str, list]]:
    """:func:`published_rows`: what two runs that saw the same input must share."""
    return published_rows


@pytest.fixture
def local_reference(tmp_path: Path, sample_base: str, monkeypatch: pytest.MonkeyPatch):
    """For the distributed runs: skip without PostgreSQL and Redis on loopback; else run the sample
    day with local paths (batches of 4, several mapped tasks to share out) and return what it
    published, leaving the environment pointed at ``tmp_path / "celery"`` for the run under test."""
    from datetime import date

    from sitrep import pipeline
    from sitrep.airflow_cluster import service_reachable
    from sitrep.config import env_for_root, load_settings

    for name, port in (("PostgreSQL", 5432), ("Redis", 6379)):
        if not service_reachable("127.0.0.1", port):
            pytest.skip(f"{name} is not listening on 127.0.0.1:{port}: no distributed run here")
    monkeypatch.setenv("SITREP_BATCH_SIZE", "4")
    monkeypatch.setenv("SITREP_SAMPLE_BASE", sample_base)
    for key, value in env_for_root(tmp_path / "local").items():
        monkeypatch.setenv(key, value)
    pipeline.run_day(load_settings(), date(2020, 6, 5))
    expected = published_rows(load_settings().warehouse)
    for key, value in env_for_root(tmp_path / "celery").items():
        monkeypatch.setenv(key, value)
    return expected
