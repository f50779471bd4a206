"""A hostile news site on loopback, run through the real ``sitrep run`` with every socket connect
of the run observed (an audit hook installed by ``sitecustomize`` in the child process).

Asserted: each URL's one outcome and its reason, no connection to anything but the one origin
the sources file names (the links and redirects to 169.254.169.254, 10.0.0.1, fd00::1 and an
internal service on another loopback port are refused before connecting), and the day's
fetching within its stated budget: with a per-URL budget of ``BUDGET_S``, the drip and the hang
cost one budget side by side, so every URL has its outcome within ``DAY_BUDGET_S`` of discovery.
"""

from __future__ import annotations

import ast
import gzip
import json
import os
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pyarrow.parquet as pq
import pytest

from sitrep.config import env_for_root
from tests.ingest.conftest import FIXTURES, PNG
from tests.loopback import QuietHandler, serve, stream_unsized

DAY = date(2020, 6, 5)
BUDGET_S = 6  # SITREP_FETCH_BUDGET_S for the run: one URL's budget for all its tries
DAY_BUDGET_S = 3 * BUDGET_S  # the drip and the hang run side by side, the rest around them
RELEASE = threading.Event()

HOOK = """
import os, sys
_LOG = os.environ.get("SITREP_TEST_CONNECT_LOG")
if _LOG:
    def _connects(event, args):
        if event == "socket.connect" and isinstance(args[1], tuple):
            with open(_LOG, "a") as out:
                out.write(repr((str(args[1][0]), int(args[1][1]))) + "\\n")
    sys.addaudithook(_connects)
"""


def _page(name: str) -> bytes:
    return gzip.decompress((FIXTURES / "readability" / name / "source.html.gz").read_bytes())


class Hostile(QuietHandler):
    """Every path is one way a site (or a feed's author) can try to hurt a crawler."""

    protocol_version = "HTTP/1.1"
    internal = ""  # another loopback service: every request it gets is a breach
    hits: ClassVar[Counter[str]] = Counter()
    bomb = b""

    default_ctype = "text/html"

    def do_GET(self) -> None:
        path = self.path
        self.hits[path] += 1
        base = f"http://{self.headers['Host']}"
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path == "/feed.xml":
            self._send(200, _feed(base, self.internal), "application/rss+xml")
        elif path.startswith("/page/"):
            self._send(200, _page(path.split("/")[2]), "text/html; charset=utf-8")
        elif path == "/copy/bbc-1":  # syndicated: the same article at another address
            self._send(200, _page("bbc-1"), "text/html; charset=utf-8")
        elif path == "/flaky":  # 500, then the page
            if self.hits[path] == 1:
                self._send(500, b"oops", "text/plain")
            else:
                self._send(200, _page("wapo-1"), "text/html; charset=utf-8")
        elif path == "/ratelimited":  # 429 with Retry-After, then the page
            if self.hits[path] == 1:
                self._send(429, b"slow down", "text/plain", Retry_After="1")
            else:
                self._send(200, _page("ars-1"), "text/html; charset=utf-8")
        elif path == "/lying-charset":  # says latin-1, sends UTF-8
            self._send(200, _page("nytimes-1"), "text/html; charset=iso-8859-1")
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                while not RELEASE.wait(0.5):
                    self.wfile.write(b"<")
                    self.wfile.flush()
            except OSError:
                pass
        elif path == "/hang":
            RELEASE.wait(120)
        elif path == "/loop-a":
            self._send(302, Location="/loop-b")
        elif path == "/loop-b":
            self._send(302, Location="/loop-a")
        elif path == "/bomb":
            self._send(200, self.bomb, Content_Encoding="gzip")
        elif path == "/huge":
            stream_unsized(self, 12_000_000)  # 12 MB, no Content-Length
        elif path == "/png-as-html":
            self._send(200, PNG)
        elif path == "/pdf-as-html":
            self._send(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n" * 50)
        elif path == "/empty":
            self._send(200)
        elif path == "/gone":
            self._send(410, b"gone", "text/plain")
        elif path == "/private/secret":
            self._send(200, _page("guardian-1"))
        elif path == "/to-ten":
            self._send(302, Location="http://10.0.0.1/admin")
        elif path == "/to-metadata":
            self._send(301, Location="http://169.254.169.254/latest/meta-data/")
        else:
            self._send(404, b"not found", "text/plain")


class Internal(Hostile):
    hits: ClassVar[Counter[str]] = Counter()


def _expected(site: str, internal: str) -> dict[str, tuple[str, str]]:
    """Every URL the feed lists -> (outcome, words its reason must contain)."""
    return {
        f"{site}/page/bbc-1": ("stored", ""),
        f"{site}/page/guardian-1": ("stored", ""),
        f"{site}/copy/bbc-1": ("duplicate", "same text"),
        f"{site}/flaky": ("stored", ""),
        f"{site}/ratelimited": ("stored", ""),
        f"{site}/lying-charset": ("stored", ""),
        f"{site}/drip": ("failed", "slow transfer"),
        f"{site}/hang": ("failed", "timeout"),
        f"{site}/loop-a": ("failed", "redirect loop"),
        f"{site}/bomb": ("refused", "after decompression"),
        f"{site}/huge": ("refused", "too large"),
        f"{site}/png-as-html": ("refused", "binary content"),
        f"{site}/pdf-as-html": ("refused", "binary content"),
        f"{site}/empty": ("failed", "empty body"),
        f"{site}/gone": ("failed", "HTTP 410"),
        f"{site}/missing": ("failed", "HTTP 404"),
        f"{site}/private/secret": ("refused", "robots.txt disallows"),
        f"{site}/to-ten": ("refused", "private address 10.0.0.1"),
        f"{site}/to-metadata": ("refused", "link-local address 169.254.169.254"),
        "http://169.254.169.254/latest/meta-data/": ("refused", "link-local address"),
        "http://2852039166/latest/meta-data/": ("refused", "link-local address"),
        "http://10.0.0.1/": ("refused", "private address 10.0.0.1"),
        "http://[fd00::1]:80/": ("refused", "private address fd00::1"),
        f"{internal}/admin": ("refused", "loopback address 127.0.0.1"),
    }


def _feed(base: str, internal: str) -> bytes:
    items = "".join(
        f"<item><title>Item {n}</title><link>{url}</link>"
        "<pubDate>Fri, 05 Jun 2020 08:00:00 GMT</pubDate></item>"
        for n, url in enumerate(_expected(base, internal))
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


class _Quiet(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture(scope="module")
def sites() -> Iterator[tuple[str, str]]:
    Hostile.bomb = gzip.compress(b"<html><body>" + b"a" * 60_000_000, 6)
    RELEASE.clear()
    with serve(Internal, _Quiet) as internal:
        Hostile.internal = internal
        with serve(Hostile, _Quiet) as site:
            yield site, internal
            RELEASE.set()


def _table(root: Path, name: str) -> list[dict]:
    folder = root / "raw" / name / f"dt={DAY.isoformat()}"
    return [
        row for part in sorted(folder.glob("*.parquet")) for row in pq.read_table(part).to_pylist()
    ]


def test_hostile_site_through_sitrep_run(sites, tmp_path):
    site, internal = sites
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "sources:\n  - id: hostile\n    kind: feed\n"
        f"    url: {site}/feed.xml\n    allow_hosts: [{site}]\n    rate_limit: 50\n"
    )
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(HOOK)
    connects = tmp_path / "connects.log"
    root = tmp_path / "root"
    env = {
        **os.environ,
        **env_for_root(root),
        "SITREP_SOURCES": str(sources),
        "SITREP_FETCH_BUDGET_S": str(BUDGET_S),
        "SITREP_TEST_CONNECT_LOG": str(connects),
        "PYTHONPATH": os.pathsep.join([str(hook), os.environ.get("PYTHONPATH", "")]),
    }
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        env.pop(name, None)
    exe = Path(sys.executable).parent / "sitrep"
    proc = subprocess.run(
        [str(exe), "run", "--date", DAY.isoformat()],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]

    # every URL has exactly one outcome, the right one, with its reason
    expected = _expected(site, internal)
    outcomes = _table(root, "fetch_outcomes")
    assert Counter(r["url"] for r in outcomes) == Counter(list(expected))
    wrong = {
        r["url"]: (r["outcome"], r["reason"])
        for r in outcomes
        if r["outcome"] != expected[r["url"]][0] or expected[r["url"]][1] not in (r["reason"] or "")
    }
    assert wrong == {}
    stored = {r["url"] for r in _table(root, "articles")}
    assert stored == {u for u, (o, _) in expected.items() if o == "stored"}

    # nothing but the named origin was ever contacted: not even a robots.txt elsewhere
    port = int(site.rsplit(":", 1)[1])
    reached = {ast.literal_eval(line) for line in connects.read_text().splitlines()}
    assert reached == {("127.0.0.1", port)}, reached
    assert sum(Internal.hits.values()) == 0

    # the day's fetching: every outcome within the stated budget of discovery
    started = min(_when(r["discovered_at"]) for r in outcomes)
    finished = max(_when(r["fetched_at"]) for r in outcomes if r["fetched_at"] is not None)
    assert (finished - started).total_seconds() < DAY_BUDGET_S
    summary = json.loads(proc.stdout)
    assert summary["outcomes"]["stored"] == 5

    # the run says what it did, not what its libraries registered; it leaves no working copy
    logged = [line for line in proc.stderr.splitlines() if " INFO " in line]
    assert logged and all(" INFO sitrep." in line for line in logged)
    assert not list((root / "warehouse" / "builds").glob("build-*"))


def _when(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)
