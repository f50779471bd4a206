"""Fixtures for the ingest tests: paths to the copied real pages."""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from tests.loopback import QuietHandler, serve, stream_unsized

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


def readability_page(name: str) -> tuple[bytes, dict]:
    """A saved real page and its expected metadata."""
    folder = FIXTURES / "readability" / name
    html = gzip.decompress((folder / "source.html.gz").read_bytes())
    meta = json.loads((folder / "expected-metadata.json").read_text())
    return html, meta


# --------------------------------------------------------------------------- a real HTTP server


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
CAFE = (
    "<html><head><title>Caf\u00e9</title></head><body>"
    "<p>Le caf\u00e9 \u00e0 Gen\u00e8ve co\u00fbte cher, na\u00efvement.</p></body></html>"
)


def _rss(base: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Item {n}</title><link>{link}</link>"
        f"<pubDate>Fri, 05 Jun 2020 0{n % 10}:00:00 GMT</pubDate></item>"
        for n, link in enumerate(links)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


class MisbehavingHandler(QuietHandler):
    """Real pages plus every way a server lets a crawler down."""

    protocol_version = "HTTP/1.1"
    hits: ClassVar[Counter] = Counter()
    bomb = b""

    def do_GET(self) -> None:  # one branch per misbehaviour
        path = self.path.split("?")[0]
        key = f"{self.path}|{self.headers.get('X-Test-Key', '')}"
        self.hits[path] += 1
        base = f"http://{self.headers['Host']}"
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path.startswith("/page/"):
            html = gzip.decompress(
                (FIXTURES / "readability" / path.split("/")[2] / "source.html.gz").read_bytes()
            )
            self._send(200, html)
        elif path == "/private/secret":
            self._send(200, b"<html><body><p>secret</p></body></html>")
        elif path == "/flaky":
            self.hits[key] += 1
            if self.hits[key] % 2 == 1:
                self._send(500, b"oops")
            else:
                self._send(
                    200, b"<html><body><p>" + b"Back up and running. " * 30 + b"</p></body></html>"
                )
        elif path == "/always-500":
            self._send(503, b"down")
        elif path == "/ratelimited":
            self.hits[key] += 1
            if self.hits[key] % 2 == 1:
                self._send(429, b"slow down", "text/plain", Retry_After="1")
            else:
                self._send(200, b"<html><body><p>Thanks for waiting.</p></body></html>")
        elif path == "/ratelimited-long":
            self._send(429, b"come back tomorrow", "text/plain", Retry_After="86400")
        elif path == "/loop-a":
            self._send(302, b"", Location="/loop-b")
        elif path == "/loop-b":
            self._send(302, b"", Location="/loop-a")
        elif path == "/redirect-private":
            self._send(302, b"", Location="http://169.254.169.254/latest/meta-data/")
        elif path == "/redirect-ok":
            self._send(301, b"", Location="/page/bbc-1")
        elif path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"<p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif path == "/bomb":
            self._send(200, self.bomb, Content_Encoding="gzip")
        elif path == "/huge":
            stream_unsized(self, 50_000_000)  # 50 MB, no Content-Length
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50_000_000))
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
        elif path == "/binary":
            self._send(200, PNG, "image/png")
        elif path == "/binary-as-html":
            self._send(200, PNG, "text/html")
        elif path == "/wrong-charset":  # says latin-1, sends UTF-8
            self._send(200, CAFE.encode("utf-8"), "text/html; charset=iso-8859-1")
        elif path == "/wrong-charset-utf8":  # says UTF-8, sends windows-1252
            self._send(200, CAFE.encode("cp1252"), "text/html; charset=utf-8")
        elif path == "/empty":
            self._send(200, b"")
        elif path == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                self._send(304, b"", ETag='"v1"')
            else:
                self._send(
                    200, _rss(base, [f"{base}/page/bbc-1"]), "application/rss+xml", ETag='"v1"'
                )
        elif path == "/feed.xml":
            links = [f"{base}/page/{p}?utm_source=rss" for p in ("bbc-1", "guardian-1", "cnn")]
            self._send(200, _rss(base, links), "application/rss+xml")
        elif path == "/feed-private.xml":
            self._send(
                200,
                _rss(base, ["http://169.254.169.254/latest/meta-data/", f"{base}/page/bbc-1"]),
                "application/rss+xml",
            )
        elif path == "/feed-bad.xml":
            self._send(
                200,
                b"<?xml version='1.0'?><rss><channel><item><title>broken",
                "application/rss+xml",
            )
        elif path == "/sitemap.xml":
            body = (
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
                ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                f"<url><loc>{base}/page/wapo-1</loc><news:news><news:publication_date>"
                "2020-06-05T10:00:00Z</news:publication_date><news:title>W</news:title>"
                "</news:news></url>"
                f"<url><loc>{base}/page/ars-1</loc><lastmod>2020-06-04</lastmod></url>"
                "</urlset>"
            ).encode()
            self._send(200, body, "application/xml")
        elif path == "/sitemap.xml.gz":
            plain = (
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<url><loc>{base}/page/cnn</loc><lastmod>2020-06-05</lastmod></url></urlset>"
            ).encode()
            self._send(200, gzip.compress(plain), "application/x-gzip")
        elif path == "/sitemap-index.xml":
            body = (
                '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{base}/sitemap.xml</loc></sitemap></sitemapindex>"
            ).encode()
            self._send(200, body, "application/xml")
        elif path == "/urls.txt":
            self._send(200, f"# list\n{base}/page/nytimes-1\nnot a url\n".encode(), "text/plain")
        else:
            self._send(404, b"not found", "text/plain")


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up on purpose (size caps, deadlines) are not errors here


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving real pages and misbehaving endpoints."""
    MisbehavingHandler.bomb = gzip.compress(b"<html><body>" + b"a" * 60_000_000, 6)
    with serve(MisbehavingHandler, _QuietServer) as base:
        yield base


@pytest.fixture(scope="session")
def hits() -> Counter:
    return MisbehavingHandler.hits
