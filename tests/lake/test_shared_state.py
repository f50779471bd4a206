"""Discovery state shared by workers on several machines (``SITREP_STATE_URL`` in a bucket).

Each "machine" has its own local state folder; what they share is the raw zone and the state
prefix in a bucket of a real S3-compatible server on loopback. The feed is a real HTTP server
on loopback whose listing grows from one day to the next, as a news feed's does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest

from sitrep import pipeline
from sitrep.config import Settings, load_settings
from sitrep.fetch import Fetcher
from sitrep.lake.zone import RawZone, RawZoneError
from sitrep.sources import discover, load_sources
from tests.loopback import serve

DAY1, DAY2 = date(2020, 6, 5), date(2020, 6, 6)


class FeedHandler(BaseHTTPRequestHandler):
    """An RSS feed listing ``items`` (path, pubDate) as the test sets them, with an ETag."""

    protocol_version = "HTTP/1.1"
    items: ClassVar[list[tuple[str, str]]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        base = f"http://{self.headers['Host']}"
        if self.path != "/feed.xml":
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
            f"<link>{base}/</link>"
            + "".join(
                f"<item><title>{p}</title><link>{base}/{p}</link><pubDate>{d}</pubDate></item>"
                for p, d in self.items
            )
            + "</channel></rss>"
        ).encode()
        etag = f'"{len(self.items)}"'
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


DAY1_ITEMS = [
    ("story-a", "Fri, 05 Jun 2020 08:00:00 GMT"),
    ("story-b", "Fri, 05 Jun 2020 09:00:00 GMT"),
]
DAY2_ITEMS = [("story-c", "Sat, 06 Jun 2020 07:00:00 GMT"), *DAY1_ITEMS]


@pytest.fixture
def feed_server() -> Iterator[str]:
    with serve(FeedHandler) as base:
        yield base


@pytest.fixture
def deployment(sitrep_env: Path, feed_server: str, bucket: str) -> Settings:
    """The deployment's settings: the raw zone in the bucket, one feed source."""
    sources = sitrep_env / "sources.yaml"
    sources.write_text(
        "sources:\n  - id: desk\n    kind: feed\n"
        f"    url: {feed_server}/feed.xml\n    allow_hosts: [{feed_server}]\n    rate_limit: 100\n"
    )
    return replace(load_settings(), sources_file=sources, raw_url=f"s3://{bucket}/raw")


def machine(settings: Settings, root: Path, state_url: str = "") -> Settings:
    """The same deployment as seen by one machine: its own local state folder."""
    return replace(settings, state_dir=root / "state", state_url=state_url)


def discovered(settings: Settings, day: date) -> list[str]:
    """What plan_day took for ``day``: the paths of the URLs in the day's discovered list."""
    pipeline.plan_day(settings, day)
    zone = settings.raw_zone
    records = json.loads(zone.read_text(f"_work/dt={day.isoformat()}/discovered.json"))
    return sorted(rec["url"].rsplit("/", 1)[1] for rec in records)


def test_another_machine_does_not_take_yesterdays_urls_again(deployment, bucket, sitrep_env):
    shared = f"s3://{bucket}/sitrep/state"
    one = machine(deployment, sitrep_env / "machine-1", shared)
    two = machine(deployment, sitrep_env / "machine-2", shared)

    FeedHandler.items = DAY1_ITEMS
    assert discovered(one, DAY1) == ["story-a", "story-b"]
    FeedHandler.items = DAY2_ITEMS  # the feed still lists yesterday's stories
    assert discovered(two, DAY2) == ["story-c"]

    # a re-run of day 1, on the second machine, takes the same URLs: from the shared state
    # itself (not only from the day's list in the raw zone)
    fetcher = Fetcher(user_agent="SitrepTest/1.0", default_delay=0, max_retries=0)
    sources = load_sources(deployment.sources_file)
    rerun, _ = discover(sources, day=DAY1, state_dir=two.state_zone, fetcher=fetcher)
    assert sorted(d.url.rsplit("/", 1)[1] for d in rerun) == ["story-a", "story-b"]
    assert discovered(two, DAY1) == ["story-a", "story-b"]

    # the state is in the bucket, one file per source, and on no machine's disk
    state = RawZone.from_url(shared)
    assert state.glob("sources/*") == ["sources/desk.json"]
    seen = json.loads(state.read_text("sources/desk.json"))["seen"]
    assert {url.rsplit("/", 1)[1]: day for url, day in seen.items()} == {
        "story-a": "2020-06-05", "story-b": "2020-06-05", "story-c": "2020-06-06"
    }  # fmt: skip
    for root in ("machine-1", "machine-2"):
        assert not (sitrep_env / root / "state" / "sources").exists()


def test_with_state_on_each_machine_the_second_day_takes_everything_again(deployment, sitrep_env):
    """Why the setting exists: two machines with local state duplicate yesterday's URLs."""
    one = machine(deployment, sitrep_env / "machine-1")
    two = machine(deployment, sitrep_env / "machine-2")
    FeedHandler.items = DAY1_ITEMS
    assert discovered(one, DAY1) == ["story-a", "story-b"]
    FeedHandler.items = DAY2_ITEMS
    assert discovered(two, DAY2) == ["story-a", "story-b", "story-c"]


def test_an_unreachable_shared_state_stops_the_run_before_discovery(deployment, sitrep_env):
    settings = machine(deployment, sitrep_env / "machine-1", "s3://no-such-state-bucket/state")
    FeedHandler.items = DAY1_ITEMS
    with pytest.raises(RawZoneError, match=r"^state s3://no-such-state-bucket/state: bucket"):
        pipeline.plan_day(settings, DAY1)
    assert not settings.raw_zone.glob("_work/*")  # nothing planned, nothing marked seen


def test_the_check_command_creates_and_checks_the_state_bucket_too(s3_env, bucket):
    import os
    import subprocess
    import sys

    state_bucket = f"{bucket}-state"
    env = {
        **os.environ, **s3_env.env,
        "SITREP_RAW_URL": f"s3://{bucket}/raw", "SITREP_STATE_URL": f"s3://{state_bucket}/state",
    }  # fmt: skip

    def check(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "sitrep.lake", "check", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)

    missing = check()
    assert missing.returncode == 1
    assert missing.stderr.startswith(f"state s3://{state_bucket}/state: bucket")
    done = check("--create-bucket")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"raw zone s3://{bucket}/raw: ok",
        f"state s3://{state_bucket}/state: ok",
    ]
