"""A realistic benchmark corpus of any size, served over loopback like real news sites.

Pages are real pages (the readability fixtures: real sites' HTML with their navigation,
widgets and comments) whose article paragraphs are refilled with real news sentences (the
PLOVER gold sentences and the fixtures' own text), so that every generated article is
distinct (no de-duplication shortcut) while keeping real markup and real language. Pages are
made from their number, deterministically: on request, or rendered to files beforehand
(:func:`render`) so that serving costs the benchmarked machine no more than a real site's
answer would (making a page takes ~6 ms of CPU).
"""

from __future__ import annotations

import gzip
import json
import random
import re
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import lxml.html

SHARED = Path(__file__).resolve().parents[2] / "shared"
_MIN_PARAGRAPH = 80


@cache
def templates() -> list[str]:
    """Real pages with at least three article paragraphs to refill."""
    found = []
    for page in sorted((SHARED / "fixtures" / "readability").glob("*/source.html*")):
        raw = gzip.decompress(page.read_bytes()) if page.suffix == ".gz" else page.read_bytes()
        html = raw.decode("utf-8", errors="replace")
        tree = lxml.html.fromstring(html)
        if sum(1 for p in tree.iter("p") if len(p.text_content()) >= _MIN_PARAGRAPH) >= 3:
            found.append(html)
    if not found:
        raise FileNotFoundError(f"no template pages under {SHARED}/fixtures: is shared/ beside it?")
    return found


@cache
def sentences() -> list[str]:
    """Real news sentences: PLOVER gold records and the sample corpus' article text."""
    pool = [
        r["text"].strip()
        for r in json.loads((SHARED / "gold" / "plover_gsr.json").read_text())
        if r.get("text")
    ]
    seed = (SHARED / "seed" / "southfront-deir-ezzor-reinforcements.txt").read_text()
    pool += [s for s in re.split(r"(?<=[.!?])\s+", seed) if 40 < len(s) < 400]
    return pool


def page(n: int, day: date) -> str:
    """The n-th generated article page (deterministic)."""
    rng = random.Random(n)
    tree = lxml.html.fromstring(templates()[n % len(templates())])
    pool = sentences()
    for p in tree.iter("p"):
        if len(p.text_content()) >= _MIN_PARAGRAPH:
            for child in list(p):
                p.remove(child)
            p.text = " ".join(rng.sample(pool, rng.randint(2, 4)))
    for title in tree.iter("title"):
        title.text = f"{rng.choice(pool)[:70]} ({n})"
    # the template's own address would make every page of a template "the same article"
    for link in tree.xpath('//link[@rel="canonical"] | //meta[@property="og:url"]'):
        link.getparent().remove(link)
    html = lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")
    meta = f'<meta property="article:published_time" content="{day.isoformat()}T08:00:00Z">'
    return html.replace("<head>", "<head>" + meta, 1)


def feed(count: int, day: date, base: str) -> str:
    """An RSS feed listing every page of the corpus."""
    items = "".join(
        f"<item><title>Article {n}</title><link>{base}/a/{n}.html</link>"
        f"<pubDate>{day:%a, %d %b %Y} 08:00:00 +0000</pubDate></item>"
        for n in range(count)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>bench</title><link>{base}/</link><description>bench</description>"
        f"{items}</channel></rss>"
    )


def _render_share(folder: Path, day: date, numbers: range) -> None:
    for n in numbers:
        (folder / f"{n}.html").write_bytes(page(n, day).encode())


def render(count: int, day: date, root: Path, workers: int = 2) -> Path:
    """The corpus' pages as files ``<root>/<day>/<n>.html``, made once on ``workers`` processes
    and kept: a later run of the same day and size reuses them."""
    folder = root / day.isoformat()
    done = folder / f".rendered-{count}"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(workers) as pool:
        shares = [range(k, count, workers) for k in range(workers)]
        list(pool.map(_render_share, [folder] * workers, [day] * workers, shares))
    done.touch()
    return folder


@contextmanager
def serve(count: int, day: date, rendered: Path | None = None) -> Iterator[str]:
    """Serve a corpus of ``count`` pages and its feed on 127.0.0.1; yields the base URL.

    ``rendered``: a folder from :func:`render`, whose files are served as they are; without it
    each page is made on request."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/feed.xml":
                body, ctype = feed(count, day, base).encode(), "application/rss+xml"
            elif (m := re.fullmatch(r"/a/(\d+)\.html", self.path)) and int(m.group(1)) < count:
                n = int(m.group(1))
                body = (rendered / f"{n}.html").read_bytes() if rendered else page(n, day).encode()
                ctype = "text/html; charset=utf-8"
            elif self.path == "/robots.txt":
                body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
