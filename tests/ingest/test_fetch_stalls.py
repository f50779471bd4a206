"""Slow hosts cannot stall a day: one budget per URL for all its tries, nothing held while a
host hangs, results handed over as they arrive, and still exactly one outcome per URL."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest

from sitrep.fetch import Fetcher
from sitrep.sources import Source, discover
from tests.loopback import serve

BUDGET = 2.0
RELEASE = threading.Event()  # set at teardown so hung handlers end


class Slow(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    arrivals: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path
        self.arrivals.append(path)
        if path == "/feed.xml":
            body = (
                b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                b"<item><title>a</title><link>https://news.example/a</link></item>"
                b"</channel></rss>"
            )
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if path in ("/hang", "/hang-feed.xml"):  # accepts, never answers
            RELEASE.wait(30)
            return
        if path in ("/drip", "/trickle"):  # headers at once, then a byte now and then
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            pause = 0.2 if path == "/drip" else 4.0  # trickle: slower than the whole budget
            try:
                while not RELEASE.wait(pause):
                    self.wfile.write(b"<")
                    self.wfile.flush()
            except OSError:
                pass
            return
        if path == "/busy":
            body, status, extra = b"busy", 503, {"Retry-After": "60"}
        elif path == "/robots.txt":
            body, status, extra = b"", 404, {}
        else:
            body = b"<html><body><p>" + path.encode() * 50 + b"</p></body></html>"
            status, extra = 200, {}
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def host() -> Iterator[str]:
    RELEASE.clear()
    with serve(Slow) as base:
        yield base
        RELEASE.set()


@pytest.fixture(scope="module")
def other_host() -> Iterator[str]:
    with serve(Slow) as base:
        yield base.replace("127.0.0.1", "localhost")


def make(**kw: object) -> Fetcher:
    opts: dict[str, object] = {
        "user_agent": "SitrepTest/1.0",
        "default_delay": 0,
        "timeout": (1, 0.5),
        "total_timeout": BUDGET,
        "max_retries": 5,
        "backoff_base": 0.05,
    }
    opts.update(kw)
    return Fetcher(**opts)  # type: ignore[arg-type]


def test_a_hang_is_retried_only_within_its_budget(host):
    source = Source(id="s", kind="urls", allow_hosts=(host,))
    result = make().fetch(f"{host}/hang", policy=source.fetch_policy)
    assert result.outcome == "failed"
    assert "timeout" in result.reason and f"{BUDGET:g}s budget" in result.reason
    assert 2 <= result.attempts < 6  # tried again while the budget lasted, never all six


def test_a_retry_after_beyond_the_budget_fails_at_once(host):
    source = Source(id="s", kind="urls", allow_hosts=(host,))
    result = make(max_retry_wait=120).fetch(f"{host}/busy", policy=source.fetch_policy)
    assert result.outcome == "failed" and result.attempts == 1
    assert "HTTP 503" in result.reason and "no time left for another try" in result.reason


def test_slow_urls_hold_back_nothing_and_each_gets_one_outcome(host, other_host):
    mine = Source(id="s", kind="urls", allow_hosts=(host,)).fetch_policy
    theirs = Source(id="t", kind="urls", allow_hosts=(other_host,)).fetch_policy
    items = [
        ("hang", f"{host}/hang", mine),
        ("drip", f"{host}/drip", mine),
        *((f"a{n}", f"{host}/a{n}", mine) for n in range(4)),
        *((f"b{n}", f"{other_host}/b{n}", theirs) for n in range(4)),
    ]
    order = [key for key, _ in make().fetch_as_completed(items, workers=4)]
    assert sorted(order) == sorted(key for key, _, _ in items)  # one outcome each
    # the slow two come last: the host's other pages and the other host's went on meanwhile
    assert set(order[-2:]) == {"hang", "drip"}


def test_results_carry_the_outcome_of_each_slow_url(host):
    source = Source(id="s", kind="urls", allow_hosts=(host,))
    items = [(p, f"{host}/{p}", source.fetch_policy) for p in ("hang", "drip", "fine")]
    results = dict(make().fetch_as_completed(items, workers=3))
    assert results["fine"].outcome == "fetched"
    assert results["drip"].outcome == "failed" and "slow transfer" in results["drip"].reason
    assert results["drip"].attempts == 1
    assert results["hang"].outcome == "failed" and "timeout" in results["hang"].reason


def test_budget_bounds_each_url(host):
    """Stated budget: no URL takes much longer than its budget, whatever the host does."""
    source = Source(id="s", kind="urls", allow_hosts=(host,))
    started = time.monotonic()
    paths = ("hang", "drip", "trickle")
    fetcher = make(timeout=(1, 5))  # a socket read may wait longer than the budget...
    results = fetcher.fetch_many([(f"{host}/{p}", source.fetch_policy) for p in paths], workers=3)
    assert [r.outcome for r in results] == ["failed"] * 3
    assert "slow transfer" in results[2].reason
    assert all(r.elapsed_s < BUDGET + 1 for r in results)  # ... but never past the budget
    assert time.monotonic() - started < BUDGET + 3  # side by side, not one after the other


def test_a_hung_feed_does_not_hold_back_the_other_sources(host, tmp_path):
    hung = Source(id="hung", kind="feed", url=f"{host}/hang-feed.xml", allow_hosts=(host,))
    good = Source(id="good", kind="feed", url=f"{host}/feed.xml", allow_hosts=(host,))
    Slow.arrivals.clear()
    found, failures = discover(
        [hung, good], day=date(2020, 6, 5), state_dir=tmp_path, fetcher=make()
    )
    assert [d.url for d in found] == ["https://news.example/a"]
    assert [(f.source_id, f.outcome) for f in failures] == [("hung", "failed")]
    # the good feed was read while the hung one was still on its first try
    asked = [p for p in Slow.arrivals if p != "/robots.txt"]
    hang_tries = [n for n, p in enumerate(asked) if p == "/hang-feed.xml"]
    assert len(hang_tries) >= 2  # retried within its budget
    assert asked.index("/feed.xml") < hang_tries[1]
