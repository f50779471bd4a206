"""Polite, safe HTTP fetching with ``requests``: one :class:`FetchResult` per URL, no exceptions.

Each hop is checked (scheme, SSRF guard, robots.txt) before any connection; bodies are read in
a stream with a size cap (after decompression, so a gzip bomb stops early) and a total deadline
(so a slow drip cannot hold a worker); 429/5xx and network errors are retried with exponential
backoff and jitter, honouring ``Retry-After``.
"""

from __future__ import annotations

import mimetypes
import random
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

import requests

from sitrep.fetch.charset import resolve_encoding
from sitrep.fetch.guard import url_problem
from sitrep.fetch.http_state import HttpState
from sitrep.fetch.pinned import GUARD_MARK, public_only_session
from sitrep.fetch.politeness import HostPacer
from sitrep.fetch.redis_store import DEFAULT_PREFIX, RedisStore
from sitrep.fetch.result import FetchResult, utcnow
from sitrep.fetch.robots import RobotsCache

if TYPE_CHECKING:
    from sitrep.sources import Source

TEXT_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "text/xml",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/feed+json",
        "application/json",
        "text/markdown",
    }
)
SNIFF_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
GZIP_TYPES = frozenset({"application/gzip", "application/x-gzip", "application/x-gunzip"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


class _Retry(Exception):
    """A transient failure: try again after ``wait`` seconds (``None``: normal backoff)."""

    def __init__(self, reason: str, status: int | None = None, wait: float | None = None):
        super().__init__(reason)
        self.reason, self.status, self.wait = reason, status, wait


class _Stop(Exception):
    """A final answer for this URL (refused or failed), no retry."""

    def __init__(self, outcome: str, reason: str, status: int | None = None, **extra: object):
        super().__init__(reason)
        self.outcome, self.reason, self.status, self.extra = outcome, reason, status, extra


def _mime(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def _looks_binary(head: bytes) -> bool:
    """NUL bytes or a known binary signature in the first bytes: not a text page."""
    signatures = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")
    return b"\x00" in head[:1024] or head.startswith(signatures)


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds (delta-seconds or an HTTP date), ``None`` if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - utcnow()).total_seconds())


class Fetcher:
    """Fetches pages politely and safely; see the module docstring for what it guarantees.

    ``max_retries`` is the number of retries after the first try. ``default_delay`` is the gap
    between two requests to one host when neither the source (``rate_limit``) nor robots.txt
    (``Crawl-delay``) says otherwise. ``backoff_base``/``max_retry_wait`` shape retry waits (a
    ``Retry-After`` longer than ``max_retry_wait`` fails the URL instead of stalling the run).
    ``redis_url`` keeps the per-host pacing and the validators in Redis (shared by machines)
    instead of SQLite files in ``state_dir``; keys start with ``redis_prefix``.
    """

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: tuple[float, float] = (5, 20),
        max_bytes: int = 10_000_000,
        max_retries: int = 3,
        state_dir: Path | None = None,
        max_redirects: int = 5,
        total_timeout: float = 60.0,
        backoff_base: float = 1.0,
        max_retry_wait: float = 120.0,
        default_delay: float = 1.0,
        max_per_host: int = 1,
        obey_robots: bool = True,
        allow_private: bool = False,
        allowed_types: Iterable[str] = TEXT_TYPES,
        sleep: Callable[[float], None] = time.sleep,
        redis_url: str | None = None,
        redis_prefix: str = DEFAULT_PREFIX,
    ) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_retries = max_retries
        self.max_redirects = max_redirects
        self.total_timeout = total_timeout
        self.backoff_base = backoff_base
        self.max_retry_wait = max_retry_wait
        self.obey_robots = obey_robots
        self.allow_private = allow_private
        self.allowed_types = frozenset(allowed_types)
        self.sleep = sleep
        shared = RedisStore.connect(redis_url, redis_prefix) if redis_url else None
        self.state = HttpState(state_dir, shared)
        self.pacer = HostPacer(default_delay, max_per_host, state_dir, shared)
        headers = {
            "User-Agent": user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,"
            "text/plain;q=0.8,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        }
        # public sources go through a session that re-checks the connected address (DNS
        # rebinding); sources allowed private addresses use a plain one
        self.session = public_only_session()
        self.private_session = requests.Session()
        for session in (self.session, self.private_session):
            session.headers.update(headers)
            session.trust_env = False  # no proxy from the environment can bypass the guard
        self._robots = RobotsCache(user_agent, self._load_robots)
        self._robots_private: set[str] = set()

    # ------------------------------------------------------------------ public

    def fetch(
        self,
        url: str,
        *,
        source: Source | None = None,
        conditional: bool = False,
        keep_validators: bool | None = None,
    ) -> FetchResult:
        """Fetch one URL; the result's ``outcome`` says what happened and ``reason`` why.

        ``conditional=True`` sends the ETag/Last-Modified remembered from the last fetch and
        answers ``unchanged`` on 304 (discovery documents use it; article pages are fetched once
        per discovery, and a re-run of a day must get their body again). The answer's
        validators are remembered when ``keep_validators`` (default: ``conditional``) is true:
        article pages never send them, so they are not written for every article.
        """
        started = time.monotonic()
        allow_private = self.allow_private or bool(source and source.allow_private)
        if source is not None and source.rate_limit:
            host = urlsplit(url).netloc.lower()
            self.pacer.set_delay(host, 1.0 / source.rate_limit)
        if url.startswith("file:"):
            result = self._fetch_file(url, source)
        else:
            result = self._fetch_http(url, allow_private, conditional)
            if result.outcome == "fetched" and (
                conditional if keep_validators is None else keep_validators
            ):
                self.state.put(url, result.etag, result.last_modified)
        result.elapsed_s = time.monotonic() - started
        return result

    def fetch_many(
        self, items: Iterable[tuple[str, Source | None]], *, workers: int = 4
    ) -> list[FetchResult]:
        """Fetch many URLs with ``workers`` threads; per-host pacing still applies. Order kept."""
        items = list(items)
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            return list(pool.map(lambda item: self.fetch(item[0], source=item[1]), items))

    def fetch_ahead(
        self, items: Iterable[tuple[str, Source | None]], *, workers: int = 4, ahead: int = 16
    ) -> Iterator[FetchResult]:
        """Results in input order, fetched on ``workers`` threads at most ``ahead`` URLs before
        the one the caller is at: network waits overlap the caller's work, and only ``ahead``
        bodies are held however long ``items`` is. Per-host pacing still applies."""
        pending: deque[Future[FetchResult]] = deque()
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            for url, source in items:
                pending.append(pool.submit(self.fetch, url, source=source))
                if len(pending) >= max(1, ahead):
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()

    def close(self) -> None:
        self.session.close()
        self.private_session.close()

    # ------------------------------------------------------------------ files

    def _fetch_file(self, url: str, source: Source | None) -> FetchResult:
        """A saved page of a ``folder`` source: only files inside that source's folder."""

        def result(outcome: str, reason: str | None, **kw: object) -> FetchResult:
            base = {"final_url": url, "http_status": None, "content_type": None}
            base.update(kw)
            return FetchResult(
                url=url, outcome=outcome, reason=reason, attempts=1, body=None, encoding=None,
                **base,  # type: ignore[arg-type]
            )  # fmt: skip

        if source is None or source.kind != "folder" or not source.path:
            return result("refused", "file URL outside a folder source")
        path = Path(unquote(urlsplit(url).path)).resolve()
        root = Path(source.path).resolve()
        if not path.is_relative_to(root):
            return result("refused", f"file {path} is outside the source folder {root}")
        if not path.is_file():
            return result("failed", f"file not found: {path}")
        size = path.stat().st_size
        if size > self.max_bytes:
            return result("refused", f"too large: {size} bytes > {self.max_bytes}")
        body = path.read_bytes()
        ctype = mimetypes.guess_type(path.name)[0] or "text/html"
        if _looks_binary(body[:2048]) or ctype not in self.allowed_types:
            return result("refused", f"not a text page ({ctype})", content_type=ctype)
        encoding, declared = resolve_encoding(ctype, body)
        res = result("fetched", None, content_type=ctype)
        res.body, res.encoding, res.declared_encoding = body, encoding, declared
        return res

    # ------------------------------------------------------------------ http

    def _fetch_http(self, url: str, allow_private: bool, conditional: bool) -> FetchResult:
        attempts = 0
        last: _Retry | None = None
        while attempts <= self.max_retries:
            attempts += 1
            try:
                return self._attempt(url, allow_private, conditional, attempts)
            except _Stop as stop:
                return FetchResult(
                    url=url,
                    final_url=stop.extra.get("final_url"),  # type: ignore[arg-type]
                    outcome=stop.outcome,
                    reason=stop.reason,
                    http_status=stop.status,
                    attempts=attempts,
                    content_type=stop.extra.get("content_type"),  # type: ignore[arg-type]
                    body=None,
                    encoding=None,
                )
            except _Retry as retry:
                last = retry
                if attempts > self.max_retries:
                    break
                wait = self.backoff_base * 2 ** (attempts - 1) * (0.5 + random.random())
                if retry.wait is not None:
                    if retry.wait > self.max_retry_wait:
                        last = _Retry(
                            f"{retry.reason}; Retry-After {retry.wait:.0f}s exceeds the "
                            f"{self.max_retry_wait:.0f}s we wait",
                            retry.status,
                        )
                        break
                    wait = max(wait, retry.wait)
                self.sleep(min(wait, self.max_retry_wait))
        assert last is not None
        return FetchResult(
            url=url,
            final_url=None,
            outcome="failed",
            reason=f"failed after {attempts} tries: {last.reason}",
            http_status=last.status,
            attempts=attempts,
            content_type=None,
            body=None,
            encoding=None,
        )

    def _check_hop(self, url: str, allow_private: bool) -> None:
        problem = url_problem(url, allow_private=allow_private)
        if problem:
            outcome = "failed" if problem.startswith("DNS lookup failed") else "refused"
            raise _Stop(outcome, f"{problem}: {url}", final_url=url)
        if self.obey_robots:
            parts = urlsplit(url)
            origin = f"{parts.scheme}://{parts.netloc}"
            if allow_private:
                self._robots_private.add(origin)
            if not self._robots.allowed(origin, url):
                raise _Stop("refused", f"robots.txt disallows {url}", final_url=url)
            delay = self._robots.crawl_delay(origin)
            if delay:
                self.pacer.set_delay(parts.netloc.lower(), delay)

    def _attempt(self, url: str, allow_private: bool, conditional: bool, n: int) -> FetchResult:
        redirects: list[str] = []
        current = url
        headers: dict[str, str] = {}
        if conditional:
            etag, modified = self.state.get(url)
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        deadline = time.monotonic() + self.total_timeout
        while True:
            self._check_hop(current, allow_private)
            host = urlsplit(current).netloc.lower()
            with self.pacer.slot(host):
                resp = self._get(current, headers, allow_private)
            with resp:
                status = resp.status_code
                if status in REDIRECTS and resp.headers.get("Location"):
                    nxt = urljoin(current, resp.headers["Location"])
                    if nxt in (current, url) or nxt in redirects:
                        raise _Stop("failed", f"redirect loop at {nxt}", status, final_url=nxt)
                    redirects.append(nxt)
                    if len(redirects) > self.max_redirects:
                        raise _Stop(
                            "failed",
                            f"too many redirects (more than {self.max_redirects})",
                            status,
                            final_url=nxt,
                        )
                    current = nxt
                    continue
                return self._response(url, current, resp, redirects, deadline, n)

    def _get(self, url: str, headers: dict[str, str], allow_private: bool) -> requests.Response:
        session = self.private_session if allow_private else self.session
        try:
            return session.get(
                url, headers=headers, timeout=self.timeout, stream=True, allow_redirects=False
            )
        except requests.exceptions.Timeout as exc:
            raise _Retry(f"timeout ({type(exc).__name__}) on {url}") from exc
        except requests.exceptions.ConnectionError as exc:
            if GUARD_MARK in str(exc):
                raise _Stop("refused", f"{_short(exc)}: {url}", final_url=url) from exc
            raise _Retry(f"connection error on {url}: {_short(exc)}") from exc
        except requests.exceptions.RequestException as exc:
            raise _Stop("failed", f"bad request for {url}: {_short(exc)}", final_url=url) from exc

    def _response(
        self,
        url: str,
        final: str,
        resp: requests.Response,
        redirects: list[str],
        deadline: float,
        attempts: int,
    ) -> FetchResult:
        status = resp.status_code
        ctype = resp.headers.get("Content-Type")
        if status == 304:
            return FetchResult(
                url=url, final_url=final, outcome="unchanged", reason="not modified (HTTP 304)",
                http_status=status, attempts=attempts, content_type=ctype, body=None,
                encoding=None, redirects=redirects,
            )  # fmt: skip
        if status == 429 or status >= 500:
            wait = retry_after_seconds(resp.headers.get("Retry-After"))
            raise _Retry(f"HTTP {status} from {final}", status, wait)
        if status >= 400:
            raise _Stop("failed", f"HTTP {status} from {final}", status, final_url=final)
        if status != 200 and status not in (203,):
            raise _Stop("failed", f"unexpected HTTP {status}", status, final_url=final)
        mime = _mime(ctype)
        gzipped_file = mime in GZIP_TYPES or urlsplit(final).path.endswith(".gz")
        if mime not in self.allowed_types and mime not in SNIFF_TYPES and not gzipped_file:
            raise _Stop(
                "refused", f"content type {mime} is not a text page", status,
                final_url=final, content_type=ctype,
            )  # fmt: skip
        length = resp.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            raise _Stop(
                "refused", f"too large: Content-Length {length} > {self.max_bytes} bytes", status,
                final_url=final, content_type=ctype,
            )  # fmt: skip
        body = self._read_body(resp, final, deadline, ctype)
        if gzipped_file and body.startswith(b"\x1f\x8b"):
            body = self._gunzip(body, final, status, ctype)  # sitemap.xml.gz and the like
        if not body.strip():
            raise _Stop(
                "failed", f"empty body (HTTP {status})", status, final_url=final, content_type=ctype
            )
        if _looks_binary(body[:2048]):
            raise _Stop(
                "refused", f"binary content (declared {mime or 'no type'})", status,
                final_url=final, content_type=ctype,
            )  # fmt: skip
        encoding, declared = resolve_encoding(ctype, body)
        etag, modified = resp.headers.get("ETag"), resp.headers.get("Last-Modified")
        return FetchResult(
            url=url, final_url=final, outcome="fetched", reason=None, http_status=status,
            attempts=attempts, content_type=ctype, body=body, encoding=encoding, etag=etag,
            last_modified=modified, redirects=redirects, declared_encoding=declared,
        )  # fmt: skip

    def _read_body(
        self, resp: requests.Response, url: str, deadline: float, ctype: str | None
    ) -> bytes:
        """Stream the body, decompressed, stopping at the size cap and the total deadline."""
        chunks: list[bytes] = []
        size = 0
        raw = resp.raw
        try:
            while True:
                if time.monotonic() > deadline:
                    raise _Retry(f"slow transfer: no complete body within {self.total_timeout}s")
                data = raw.read1(_CHUNK, decode_content=True)
                if not data:
                    break
                size += len(data)
                if size > self.max_bytes:
                    raise _Stop(
                        "refused",
                        f"too large: more than {self.max_bytes} bytes (after decompression)",
                        resp.status_code,
                        final_url=url,
                        content_type=ctype,
                    )
                chunks.append(data)
        except (_Retry, _Stop):
            raise
        except Exception as exc:  # urllib3/socket errors mid-body: transient
            raise _Retry(f"error reading body of {url}: {_short(exc)}") from exc
        return b"".join(chunks)

    def _gunzip(self, body: bytes, url: str, status: int, ctype: str | None) -> bytes:
        """A gzip *file* (not transfer encoding), decompressed under the same size cap."""
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            data = inflater.decompress(body, self.max_bytes + 1)
        except zlib.error as exc:
            raise _Stop("failed", f"corrupt gzip file: {exc}", status, final_url=url) from exc
        if len(data) > self.max_bytes:
            raise _Stop(
                "refused", f"too large: more than {self.max_bytes} bytes (after decompression)",
                status, final_url=url, content_type=ctype,
            )  # fmt: skip
        return data

    def _load_robots(self, robots_url: str) -> tuple[int | None, str | None]:
        """Fetch robots.txt through the same guard (one try, small cap, no robots recursion)."""
        parts = urlsplit(robots_url)
        allow_private = f"{parts.scheme}://{parts.netloc}" in self._robots_private
        current = robots_url
        for _ in range(self.max_redirects + 1):
            if url_problem(current, allow_private=allow_private):
                return None, None
            try:
                with self.pacer.slot(urlsplit(current).netloc.lower()):
                    resp = self._get(current, {}, allow_private)
            except (_Retry, _Stop):
                return None, None
            with resp:
                if resp.status_code in REDIRECTS and resp.headers.get("Location"):
                    current = urljoin(current, resp.headers["Location"])
                    continue
                if resp.status_code != 200:
                    return resp.status_code, None
                try:
                    body = self._read_body(resp, current, time.monotonic() + 10, None)
                except (_Retry, _Stop):
                    return None, None
                return 200, body[:500_000].decode("utf-8", errors="replace")
        return None, None


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 300 else text[:297] + "..."
