"""The daily run with its raw zone in a bucket of a real S3-compatible server on loopback.

Workers on different machines share the raw zone only if it lives in object storage: the same
steps (plan, extract batches, land, dbt build, quality gate, publish), with the raw zone at
``s3://…``, must publish the same warehouse as with a local folder, re-runs included.
"""

from __future__ import annotations

from datetime import date

import pytest

from sitrep import pipeline
from sitrep.config import env_for_root, load_settings

DAY = date(2020, 6, 5)


@pytest.mark.integration
def test_a_day_on_object_storage_publishes_the_same_warehouse(
    sitrep_env, sample_base, bucket, s3_env, published, monkeypatch
):
    import boto3

    monkeypatch.setenv("SITREP_SAMPLE_BASE", sample_base)
    local = pipeline.run_day(load_settings(), DAY, run_id="local")
    expected = published(load_settings().warehouse, "local")
    assert all(expected.values())
    assert local["articles"] >= 3 and local["quality"]["passed"]

    # a second deployment: its own warehouse and state, its raw zone in the bucket
    root = sitrep_env / "on-s3"
    for key, value in env_for_root(root).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("SITREP_RAW_URL", f"s3://{bucket}/sitrep/raw")
    settings = load_settings()

    first = pipeline.run_day(settings, DAY, run_id="s3-first")
    assert {k: first[k] for k in ("discovered", "outcomes", "articles", "clusters")} == {
        k: local[k] for k in ("discovered", "outcomes", "articles", "clusters")
    }
    assert published(settings.warehouse, "s3-first") == expected
    assert not (root / "raw").exists()  # nothing of the raw zone landed on local disk

    listed = boto3.client("s3", endpoint_url=s3_env.endpoint).list_objects_v2(
        Bucket=bucket, Prefix="sitrep/raw/"
    )
    keys = {obj["Key"].removeprefix("sitrep/raw/") for obj in listed.get("Contents", [])}
    for table in ("fetch_outcomes", "articles", "comments", "mentions", "events"):
        # landed in place: the bucket holds the very part files the local run's zone holds
        local_parts = (sitrep_env / "raw" / table / "dt=2020-06-05").glob("part-*.parquet")
        assert {k for k in keys if k.startswith(f"{table}/dt=2020-06-05/")} == {
            f"{table}/dt=2020-06-05/{p.name}" for p in local_parts
        }
    local_pages = sitrep_env / "raw" / "pages" / "dt=2020-06-05"
    assert {k for k in keys if k.startswith("pages/")} == {
        f"pages/dt=2020-06-05/{p.name}" for p in local_pages.iterdir()
    }

    # the gate's raw-zone suites read the bucket: they ran, on the rows the local run had
    raw_suites = [row for row in expected["gate"] if row[0].startswith("raw_")]
    assert raw_suites and all(row[1] != "suite_can_run" for row in raw_suites)

    pipeline.run_day(settings, DAY, run_id="s3-rerun")  # a re-run replaces the day
    assert published(settings.warehouse, "s3-rerun") == expected
    pipeline.run_day(settings, DAY, run_id="s3-reprocess", reprocess=True)  # from the archive
    assert published(settings.warehouse, "s3-reprocess") == expected
