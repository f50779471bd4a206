"""Fetch state shared by machines through the real Redis on 127.0.0.1:6379 (SITREP_REDIS_URL).

Each "machine" is a separate process with its own local state folder: with Redis they keep one
host's delay between all their requests together and send each other's validators; without it
each is polite on its own only. Every test writes its keys under its own prefix.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from itertools import pairwise
from pathlib import Path
from typing import ClassVar

import pytest
import redis

from sitrep.fetch import Fetcher
from sitrep.fetch.redis_store import SharedStateError
from sitrep.sources import Source
from tests.loopback import serve

REDIS_URL = os.environ.get("SITREP_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
DELAY = 0.25


class TimedHandler(BaseHTTPRequestHandler):
    """Records when each request arrives; ``/etag`` answers 304 to its own ETag."""

    protocol_version = "HTTP/1.1"
    arrivals: ClassVar[list[tuple[float, str]]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.arrivals.append((time.monotonic(), self.path))
        if self.path == "/robots.txt":
            status, body = 404, b""
        elif self.path == "/etag" and self.headers.get("If-None-Match") == '"v7"':
            status, body = 304, b""
        else:
            status, body = (
                200,
                b"<html><body><p>" + b"A page of news. " * 40 + b"</p></body></html>",
            )
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", '"v7"')
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site() -> Iterator[str]:
    TimedHandler.arrivals = []
    with serve(TimedHandler) as base:
        yield base


@pytest.fixture
def prefix() -> Iterator[str]:
    """A key prefix of this test's own on the real Redis; its keys are removed afterwards."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.skip(f"no Redis at {REDIS_URL} ({exc}); set SITREP_TEST_REDIS_URL to run these")
    name = f"sitrep-test-{uuid.uuid4().hex[:10]}:"
    try:
        yield name
    finally:
        keys = list(client.scan_iter(match=f"{name}*"))
        if keys:
            client.delete(*keys)


# One machine: build a fetcher, say ready, wait for "go", fetch four pages from the site.
MACHINE = """
import sys
from pathlib import Path
from sitrep.fetch import Fetcher
from sitrep.sources import Source

site, state_dir, redis_url, prefix, delay = sys.argv[1:6]
fetcher = Fetcher(
    user_agent="SitrepTest/1.0", state_dir=Path(state_dir),
    default_delay=float(delay), redis_url=redis_url or None, redis_prefix=prefix,
)
source = Source(id="local", kind="urls", allow_hosts=(site,))
print("ready", flush=True)
sys.stdin.readline()
for n in range(4):
    assert fetcher.fetch(f"{site}/page-{n}", policy=source.fetch_policy).outcome == "fetched"
"""


def _two_machines(site: str, tmp_path: Path, redis_url: str, prefix: str) -> list[float]:
    """Two processes, each with its own state folder, fetching from one host at once; returns
    the gaps between consecutive requests the host received."""
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                MACHINE,
                site,
                str(tmp_path / f"machine-{n}"),
                redis_url,
                prefix,
                str(DELAY),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        for proc in procs:  # both start together
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        for proc in procs:
            assert proc.wait(timeout=60) == 0
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    times = sorted(t for t, _ in TimedHandler.arrivals)
    pages = [p for _, p in TimedHandler.arrivals if p != "/robots.txt"]
    assert len(pages) == 8  # four pages from each machine
    # robots.txt: once per machine, or once for both when the second finds the first's copy
    assert 1 <= len(times) - len(pages) <= 2
    return [b - a for a, b in pairwise(times)]


def test_two_machines_keep_the_hosts_delay_between_all_their_requests(site, tmp_path, prefix):
    gaps = _two_machines(site, tmp_path, REDIS_URL, prefix)
    shown = [round(g, 3) for g in gaps]
    # n requests take n - 1 delays whoever sends them; a request a few ms late (a busy core)
    # shortens the gap after it by as much, never two requests together
    assert sum(gaps) >= len(gaps) * DELAY - 0.1, shown
    assert min(gaps) >= DELAY / 2, shown


def test_without_redis_each_machine_is_polite_on_its_own_only(site, tmp_path, prefix):
    """Why the setting exists: separate state folders keep the delay per machine only."""
    gaps = _two_machines(site, tmp_path, "", prefix)
    assert sum(gaps) < 6 * DELAY, [round(g, 3) for g in gaps]  # about four delays, not nine


def make(state_dir: Path, prefix: str | None) -> Fetcher:
    return Fetcher(
        user_agent="SitrepTest/1.0", state_dir=state_dir, default_delay=0, max_retries=0,
        redis_url=REDIS_URL if prefix else None, redis_prefix=prefix or "unused:",
    )  # fmt: skip


def test_a_machine_sends_the_validators_another_machine_received(site, tmp_path, prefix):
    LOCAL = Source(id="local", kind="urls", allow_hosts=(site,))
    # a feed's first fetch, as discovery makes it: its validators are kept for the next one
    first = make(tmp_path / "machine-1", prefix).fetch(
        f"{site}/etag", policy=LOCAL.fetch_policy, keep_validators=True
    )
    assert first.outcome == "fetched" and first.etag == '"v7"'

    again = make(tmp_path / "machine-2", prefix).fetch(
        f"{site}/etag", policy=LOCAL.fetch_policy, conditional=True
    )
    assert again.outcome == "unchanged" and again.body is None
    alone = make(tmp_path / "machine-2", None).fetch(
        f"{site}/etag", policy=LOCAL.fetch_policy, conditional=True
    )
    assert alone.outcome == "fetched"  # its own SQLite file knows nothing of machine 1's fetch

    # nothing is kept forever: validators expire, pacing slots outlive their delay briefly
    client = redis.Redis.from_url(REDIS_URL)
    keys = {k.decode() for k in client.scan_iter(match=f"{prefix}*")}
    assert f"{prefix}validators:{site}/etag" in keys
    assert all(client.ttl(k) > 0 for k in keys)
    assert not (tmp_path / "machine-1" / "http_validators.sqlite").exists()


def test_an_unreachable_redis_stops_at_once_with_one_clear_line(tmp_path):
    with pytest.raises(SharedStateError, match=r"^SITREP_REDIS_URL redis://:\*\*\*@127\.0\.0\.1:9"):
        Fetcher(
            user_agent="SitrepTest/1.0",
            state_dir=tmp_path,
            redis_url="redis://:s3cret@127.0.0.1:9/0",
        )
