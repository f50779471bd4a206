"""The raw zone on a local folder and on a real S3-compatible server: the same behaviour."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from sitrep.config import load_settings
from sitrep.fetch import FetchResult, archive_page, iter_archive, read_archived
from sitrep.lake import writer
from sitrep.lake.zone import RawZone, RawZoneError

DAY = date(2020, 6, 5)


def _article(article_id: str) -> dict:
    return {"article_id": article_id, "url": f"https://example.org/{article_id}", "title": "t"}


@pytest.fixture(params=["local", "s3"])
def zone(request: pytest.FixtureRequest, tmp_path: Path) -> RawZone:
    if request.param == "local":
        return RawZone.from_url(tmp_path / "raw")
    bucket = request.getfixturevalue("bucket")
    return RawZone.from_url(f"s3://{bucket}/lake/raw")


def test_parts_written_by_batches_read_back_as_one_day(zone):
    writer.write_part(zone, "articles", DAY, "batch-0000", [_article("a1"), _article("a2")])
    writer.write_part(zone, "articles", DAY, "batch-0001", [_article("a3")])
    writer.write_part(zone, "articles", date(2020, 6, 6), "batch-0000", [_article("x")])

    day = writer.read_day(zone, "articles", DAY)
    assert sorted(day.column("article_id").to_pylist()) == ["a1", "a2", "a3"]
    assert writer.part_keys(zone, "articles", DAY) == [
        "articles/dt=2020-06-05/part-batch-0000.parquet",
        "articles/dt=2020-06-05/part-batch-0001.parquet",
    ]
    assert writer.read_day(zone, "events", DAY).num_rows == 0  # nothing written: empty, no error


def test_replace_clear_and_ensure_day(zone):
    writer.write_part(zone, "articles", DAY, "batch-0000", [_article("a1")])
    writer.write_part(zone, "articles", DAY, "batch-0001", [_article("a2")])
    keep = pa.Table.from_pylist([_article("a2")], writer.TABLES["articles"])
    writer.replace_day(zone, "articles", DAY, keep)
    assert writer.part_keys(zone, "articles", DAY) == ["articles/dt=2020-06-05/part-day.parquet"]
    assert writer.read_day(zone, "articles", DAY).column("article_id").to_pylist() == ["a2"]

    writer.clear_day(zone, DAY)
    assert writer.part_keys(zone, "articles", DAY) == []
    writer.clear_day(zone, DAY)  # clearing an absent day is not an error

    writer.ensure_day(zone, DAY)
    for table in writer.TABLES:
        assert writer.part_keys(zone, table, DAY) == [f"{table}/dt=2020-06-05/part-empty.parquet"]


def test_a_failed_write_leaves_the_previous_file_whole(zone):
    zone.write_text("_work/state.json", '{"v": 1}')
    with pytest.raises(RuntimeError), zone.writer("_work/state.json") as fh:
        fh.write(b'{"v": 2, "trunc')
        raise RuntimeError("the task died mid-write")
    assert zone.read_text("_work/state.json") == '{"v": 1}'
    assert zone.glob("_work/*") == ["_work/state.json"]  # no temporary file left behind


def test_page_archive_round_trip(zone):
    page = FetchResult(
        url="https://example.org/news/1",
        final_url="https://example.org/news/1?amp=0",
        outcome="fetched",
        reason=None,
        attempts=1,
        http_status=200,
        content_type="text/html",
        encoding="utf-8",
        body=b"<html><p>Clashes near al-Mayadin.</p></html>",
    )
    key = archive_page(zone, DAY, page)
    assert key is not None and key.startswith("pages/dt=2020-06-05/")
    assert read_archived(zone, key).body == page.body
    (again,) = list(iter_archive(zone, DAY))
    assert (again.url, again.final_url, again.path) == (page.url, page.final_url, key)
    assert list(iter_archive(zone, date(2020, 6, 6))) == []


def test_duckdb_reads_the_zone_as_dbt_does(zone):
    """The staging sources' read_parquet glob over every day, with hive ``dt``."""
    writer.write_part(zone, "articles", DAY, "batch-0000", [_article("a1")])
    writer.write_part(zone, "articles", date(2020, 6, 6), "batch-0000", [_article("a2")])
    con = duckdb.connect()
    zone.register(con)
    zone.register(con)  # twice is harmless (dbt and the gate may share a connection)
    rows = con.execute(
        f"select article_id, dt from read_parquet('{zone.url}/articles/dt=*/part-*.parquet',"
        " hive_partitioning = true, union_by_name = true) order by 1"
    ).fetchall()
    assert rows == [("a1", DAY), ("a2", date(2020, 6, 6))]


def test_a_file_another_machine_wrote_is_seen_at_once(bucket, s3_env):
    """Workers share the bucket: listings are never served from a stale cache."""
    import boto3

    zone = RawZone.from_url(f"s3://{bucket}/raw")
    writer.write_part(zone, "events", DAY, "batch-0007", [])
    assert len(writer.part_keys(zone, "events", DAY)) == 1
    boto3.client("s3", endpoint_url=s3_env.endpoint).put_object(
        Bucket=bucket, Key="raw/events/dt=2020-06-05/part-batch-0008.parquet", Body=b"x"
    )
    assert [k.rsplit("/", 1)[1] for k in writer.part_keys(zone, "events", DAY)] == [
        "part-batch-0007.parquet",
        "part-batch-0008.parquet",
    ]


def test_settings_name_the_zone_from_the_url(sitrep_env, monkeypatch):
    monkeypatch.setenv("SITREP_RAW_URL", f"file://{sitrep_env}/raw")
    assert load_settings().raw_zone.local_dir == sitrep_env / "raw"
    monkeypatch.setenv("SITREP_RAW_URL", "s3://news-lake/raw/")
    settings = load_settings()
    assert (settings.raw_zone.url, settings.raw_zone.local_dir) == ("s3://news-lake/raw", None)
    with pytest.raises(ValueError, match="not a local folder"):
        _ = settings.raw_dir
    for bad in ("gs://news-lake/raw", "s3://"):
        monkeypatch.setenv("SITREP_RAW_URL", bad)
        with pytest.raises(RawZoneError, match="raw zone"):
            _ = load_settings().raw_zone


def test_an_unreachable_endpoint_is_one_clear_error(monkeypatch):
    import socket

    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "k")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "s")
    started = time.perf_counter()
    with pytest.raises(RawZoneError) as caught:
        RawZone.from_url("s3://news-lake/raw").check()
    message = str(caught.value)
    assert "s3://news-lake/raw is unreachable" in message
    assert f"127.0.0.1:{port}" in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert time.perf_counter() - started < 30


def test_a_missing_bucket_is_one_clear_error(s3_env):
    with pytest.raises(RawZoneError, match="bucket 'no-such-bucket' does not exist"):
        RawZone.from_url("s3://no-such-bucket/raw").check()


def test_a_day_cannot_start_on_a_missing_bucket(sitrep_env, s3_env, monkeypatch):
    """The daily run stops at planning, before fetching anything, with the zone's error."""
    from sitrep import pipeline

    monkeypatch.setenv("SITREP_RAW_URL", "s3://no-such-bucket/raw")
    with pytest.raises(RawZoneError, match="does not exist"):
        pipeline.plan_day(load_settings(), DAY)


def _check_command(env: dict[str, str], *args: str):
    import os
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "sitrep.lake", "check", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def test_the_check_command_creates_the_bucket_or_says_why_not(s3_env):
    import boto3

    env = {**s3_env.env, "SITREP_RAW_URL": "s3://fresh-minio-bucket/raw"}
    assert _check_command(env).returncode == 1  # no bucket yet
    done = _check_command(env, "--create-bucket")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "raw zone s3://fresh-minio-bucket/raw: ok"
    client = boto3.client("s3", endpoint_url=s3_env.endpoint)
    assert "fresh-minio-bucket" in {b["Name"] for b in client.list_buckets()["Buckets"]}

    down = _check_command({**env, "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9"})
    assert down.returncode == 1
    assert down.stderr.startswith("raw zone s3://fresh-minio-bucket/raw is unreachable at")
    assert "Traceback" not in down.stderr and len(down.stderr.strip().splitlines()) == 1
