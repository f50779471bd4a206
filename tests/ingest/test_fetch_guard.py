"""The address guard under a hostile feed: only the named origin is reachable, proxies are used
without opening anything, and every refusal happens before a connection (observed by an audit
hook on every socket connect of this process). Only loopback is ever contacted."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest
import requests

from sitrep.fetch import Fetcher
from sitrep.fetch.guard import origin_of
from sitrep.fetch.pinned import allowing, public_only_session
from sitrep.sources import Source
from tests.loopback import serve

_CONNECTS: list[tuple[str, int]] = []
_LOCK = threading.Lock()


def _audit(event: str, args: tuple) -> None:
    if event == "socket.connect" and isinstance(args[1], tuple):
        with _LOCK:
            _CONNECTS.append((str(args[1][0]), int(args[1][1])))


sys.addaudithook(_audit)


class Site(BaseHTTPRequestHandler):
    """A news site that links and redirects to places it should not."""

    protocol_version = "HTTP/1.1"
    other = ""  # another loopback server: an "internal" service nobody named
    seen: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.seen.append(self.path)
        if self.path == "/robots.txt":
            self._send(404)
        elif self.path == "/article":
            self._send(200, b"<html><body><p>" + b"A real article. " * 40 + b"</p></body></html>")
        elif self.path == "/to-internal":
            self._send(302, Location=f"{self.other}/admin")
        elif self.path == "/to-ula":
            self._send(302, Location="http://[fd00::1]/")
        elif self.path == "/to-ten":
            self._send(301, Location="http://10.0.0.1/")
        else:
            self._send(404)


class Internal(Site):
    """The internal service: every request it receives is a breach."""

    seen: ClassVar[list[str]] = []


class Proxy(BaseHTTPRequestHandler):
    """A forward proxy on loopback: answers for any absolute URL, records what it was asked."""

    protocol_version = "HTTP/1.1"
    asked: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.asked.append(self.path)
        body = b"<html><body><p>" + b"Through the proxy. " * 40 + b"</p></body></html>"
        if self.path.endswith("/robots.txt"):
            body = b""
            self.send_response(404)
        else:
            self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def internal() -> Iterator[str]:
    with serve(Internal) as base:
        yield base


@pytest.fixture(scope="module")
def site(internal: str) -> Iterator[str]:
    Site.other = internal
    with serve(Site) as base:
        yield base


@pytest.fixture(scope="module")
def proxy() -> Iterator[str]:
    with serve(Proxy) as base:
        yield base


def fetcher(**kw: object) -> Fetcher:
    opts: dict[str, object] = {
        "user_agent": "SitrepTest/1.0",
        "default_delay": 0,
        "max_retries": 1,
        "backoff_base": 0.01,
    }
    opts.update(kw)
    return Fetcher(**opts)  # type: ignore[arg-type]


def connects_during(action) -> tuple[object, list[tuple[str, int]]]:
    with _LOCK:
        before = len(_CONNECTS)
    result = action()
    with _LOCK:
        return result, _CONNECTS[before:]


HOSTILE = [
    "http://10.0.0.1/",
    "http://10.0.0.1:80/admin",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "http://[fd00::1]:80/",
    "http://[::ffff:10.0.0.1]/",
    "http://[64:ff9b::a00:1]/",
    "http://[2002:a00:1::]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://2852039166/",
    "http://0xa9fea9fe/",
    "http://169.254.169.254./",
    "http://[fe80::1]/",
    "http://0.0.0.0:80/",
    "http://224.0.0.1/",
    "http://100.64.0.1/",
    "http://localhost/",
    "http://127.1/",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_private_addresses_are_refused_before_any_connection(site, url):
    source = Source(id="news", kind="feed", allow_hosts=(site,))  # loopback *is* named
    result, connects = connects_during(lambda: fetcher().fetch(url, policy=source.fetch_policy))
    assert result.outcome == "refused", result.reason
    assert "address" in result.reason or "host" in result.reason
    assert connects == []  # not the target, not its robots.txt


def test_the_named_origin_and_only_it_is_reachable(site, internal):
    source = Source(id="news", kind="feed", allow_hosts=(site,))
    f = fetcher()
    ok, connects = connects_during(lambda: f.fetch(f"{site}/article", policy=source.fetch_policy))
    assert ok.outcome == "fetched"
    port = origin_of(site).port
    assert connects and all(c == ("127.0.0.1", port) for c in connects)
    # another port on the same loopback address is another origin
    hit, connects = connects_during(
        lambda: f.fetch(f"{internal}/admin", policy=source.fetch_policy)
    )
    assert hit.outcome == "refused" and "loopback address 127.0.0.1" in hit.reason
    assert connects == [] and Internal.seen == []
    # the same origin spelt another way is not the named one either
    other_name = f"http://localhost:{port}/article"
    hit, connects = connects_during(lambda: f.fetch(other_name, policy=source.fetch_policy))
    assert hit.outcome == "refused" and connects == []


def test_another_source_does_not_inherit_an_allowance(site):
    named = Source(id="news", kind="feed", allow_hosts=(site,))
    other = Source(id="wire", kind="feed")
    f = fetcher()
    assert f.fetch(f"{site}/article", policy=named.fetch_policy).outcome == "fetched"
    result, connects = connects_during(
        lambda: f.fetch(f"{site}/article", policy=other.fetch_policy)
    )
    assert result.outcome == "refused" and connects == []


@pytest.mark.parametrize(
    ("path", "where"),
    [("/to-internal", "loopback address 127.0.0.1"), ("/to-ula", "fd00::1"), ("/to-ten", "10.")],
)
def test_a_redirect_off_the_named_origin_is_refused_at_the_hop(site, path, where):
    source = Source(id="news", kind="feed", allow_hosts=(site,))
    result, connects = connects_during(
        lambda: fetcher().fetch(f"{site}{path}", policy=source.fetch_policy)
    )
    assert result.outcome == "refused" and where in result.reason
    port = origin_of(site).port
    assert all(c == ("127.0.0.1", port) for c in connects)  # the site itself, nothing else
    assert Internal.seen == []


def test_connection_is_checked_against_the_origin_it_was_opened_for(site):
    # DNS rebinding: the name check passed, the connection lands on a private address; it is
    # allowed only when the connection's own origin (scheme, host, port) is the named one
    port = origin_of(site).port
    session = public_only_session()
    with pytest.raises(requests.exceptions.ConnectionError, match="address guard"):
        session.get(f"{site}/article", timeout=2)
    with (
        allowing({origin_of(f"http://localhost:{port}")}),
        pytest.raises(requests.exceptions.ConnectionError, match="address guard"),
    ):
        session.get(f"{site}/article", timeout=2)  # 127.0.0.1 is not "localhost"
    with allowing({origin_of(site)}):
        assert session.get(f"{site}/article", timeout=2).status_code == 200


def test_proxy_is_used_for_public_targets_and_the_guard_still_applies(site, proxy):
    proxies = {"http": proxy, "https": proxy}
    source = Source(id="news", kind="feed", allow_hosts=(site,))
    f = fetcher(proxies=proxies)
    Proxy.asked.clear()
    proxy_port = origin_of(proxy).port
    # a public target goes through the proxy: the only connection is to the proxy
    public = "http://93.184.216.34/world/story"
    result, connects = connects_during(lambda: f.fetch(public, policy=source.fetch_policy))
    assert result.outcome == "fetched" and b"Through the proxy" in result.body
    assert Proxy.asked[-1] == public
    assert connects and all(c == ("127.0.0.1", proxy_port) for c in connects)
    # a private target is refused before the proxy is asked
    asked = len(Proxy.asked)
    for url in ("http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/"):
        result, connects = connects_during(lambda u=url: f.fetch(u, policy=source.fetch_policy))
        assert result.outcome == "refused" and connects == []
    assert len(Proxy.asked) == asked
    # the named loopback origin is reached directly: a proxy cannot reach our loopback
    result, connects = connects_during(
        lambda: f.fetch(f"{site}/article", policy=source.fetch_policy)
    )
    assert result.outcome == "fetched" and len(Proxy.asked) == asked
    assert all(c[1] == origin_of(site).port for c in connects)


def test_no_proxy_hosts_bypass_the_proxy_but_not_the_guard(proxy):
    f = fetcher(proxies={"http": proxy, "no": "10.0.0.1,internal.example"})
    result, connects = connects_during(lambda: f.fetch("http://10.0.0.1/"))
    assert result.outcome == "refused" and connects == []


def test_a_source_with_a_malformed_allowance_fails_its_urls_and_opens_nothing(site):
    # built by hand (the sources file would refuse it): still one outcome per URL, no connect
    broken = Source(id="hand-made", kind="urls", allow_hosts=("127.0.0.1",))
    results, connects = connects_during(
        lambda: fetcher().fetch_many([(f"{site}/article", broken.fetch_policy)] * 2)
    )
    assert [r.outcome for r in results] == ["failed", "failed"]
    assert "not an http(s) origin" in results[0].reason
    assert connects == []


def test_the_operators_proxy_variables_reach_the_pipelines_fetcher(proxy, monkeypatch, tmp_path):
    from sitrep import pipeline
    from sitrep.config import load_settings

    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", proxy)
    monkeypatch.setenv("NO_PROXY", "intranet.example")
    monkeypatch.setenv("SITREP_STATE_DIR", str(tmp_path / "state"))
    settings = load_settings()
    assert settings.proxies == {"http": proxy, "no": "intranet.example"}
    f = pipeline._fetcher(settings)
    Proxy.asked.clear()
    public = "http://93.184.216.34/world/other-story"
    result, connects = connects_during(lambda: f.fetch(public))
    assert result.outcome == "fetched" and Proxy.asked[-1] == public
    assert {c[1] for c in connects} == {origin_of(proxy).port}
