"""Polite, safe HTTP fetching with ``requests``: one :class:`FetchResult` per URL, no exceptions.

Each hop is checked (scheme, SSRF guard, robots.txt) before any connection, and each connection
checks the address it reached; bodies are read in a stream with a size cap (after decompression,
so a gzip bomb stops early); 429/5xx and network errors are retried with exponential backoff and
jitter, honouring ``Retry-After``. Every URL has one wall-clock budget for all its tries and
waits, so a drip or a hang costs at most that budget, and never holds back other URLs.
"""

from __future__ import annotations

import logging
import mimetypes
import random
import sqlite3
import time
import urllib.request
import zlib
from collections import Counter, deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote, urljoin, urlsplit

import requests

from sitrep.fetch.charset import resolve_encoding
from sitrep.fetch.guard import Origin, origin_of, parse_origin, url_problem
from sitrep.fetch.http_state import HttpState
from sitrep.fetch.pinned import GUARD_MARK, allowing, current_allowance, public_only_session
from sitrep.fetch.policy import FetchPolicy
from sitrep.fetch.politeness import HostPacer
from sitrep.fetch.redis_store import DEFAULT_PREFIX, RedisStore, SharedStateError
from sitrep.fetch.result import FetchResult, utcnow
from sitrep.fetch.robots import RobotsCache

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
MAX_PAGE_BYTES = 10_000_000  # the most one page (one document) may weigh, decompressed
_CHUNK = 64 * 1024


K = TypeVar("K", bound=Hashable)
log = logging.getLogger("sitrep.fetch")


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


_BINARY_SIGNATURES = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF",
    b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"\x00asm", b"BZh", b"\xfd7zXZ",
)  # fmt: skip


_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")  # whitespace, and ESC of ISO-2022 text


def binary_reason(head: bytes) -> str | None:
    """Why the first bytes of a document are not text (a file signature, NUL bytes), or
    ``None``. The one test of "is this a text page" for the fetcher and ``sitrep extract``."""
    for signature in _BINARY_SIGNATURES:
        if head.startswith(signature):
            return f"binary content (starts like {signature[:4]!r})"
    if b"\x00" in head[:1024]:
        return "binary content (NUL bytes)"
    controls = sum(1 for byte in head[:1024] if byte < 0x20 and byte not in _TEXT_CONTROLS)
    if controls * 10 > len(head[:1024]):
        return "binary content (control characters)"
    return None


def _looks_binary(head: bytes) -> bool:
    return binary_reason(head) is not None


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


class _Budget:
    """One URL's wall-clock budget for all its tries and waits, started at its first request
    (waiting for the host's first turn is politeness, not the URL's fault)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline: float | None = None

    def start(self) -> None:
        if self.deadline is None:
            self.deadline = time.monotonic() + self.seconds

    def left(self) -> float:
        return self.seconds if self.deadline is None else self.deadline - time.monotonic()


class Fetcher:
    """Fetches pages politely and safely; see the module docstring for what it guarantees.

    ``max_retries`` is the number of retries after the first try. ``total_timeout`` is one
    URL's wall-clock budget across all its tries, redirects and retry waits; ``timeout`` the
    (connect, read) timeout of one socket operation within it. A body still arriving when the
    budget runs out fails the URL (``slow transfer``) and is not tried again. ``default_delay``
    is the gap between the starts of two requests to one host when neither the source
    (``rate_limit``) nor robots.txt (``Crawl-delay``) says otherwise. ``backoff_base``/
    ``max_retry_wait`` shape retry waits (a ``Retry-After`` longer than ``max_retry_wait``, or
    than the budget left, fails the URL instead of stalling the run).

    ``allow_hosts``: origins (``http://127.0.0.1:8765``) every fetch may reach on a loopback or
    private address; a source adds its own ``allow_hosts``. ``proxies``: the operator's proxy
    settings (``{"http": ..., "https": ..., "no": "host,.domain"}``, see
    :func:`sitrep.config.load_settings`); the guard judges every target before a proxy is used,
    and named private origins are always reached directly. ``ca_bundle``: a CA file for TLS.
    ``redis_url`` keeps the per-host pacing, the validators and robots.txt in Redis (shared by
    machines) instead of SQLite files in ``state_dir``; keys start with ``redis_prefix``.
    """

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: tuple[float, float] = (5, 15),
        max_bytes: int = MAX_PAGE_BYTES,
        max_retries: int = 3,
        state_dir: Path | None = None,
        max_redirects: int = 5,
        total_timeout: float = 30.0,
        backoff_base: float = 1.0,
        max_retry_wait: float = 120.0,
        default_delay: float = 1.0,
        obey_robots: bool = True,
        allow_hosts: Iterable[str] = (),
        proxies: Mapping[str, str] | None = None,
        ca_bundle: str | None = None,
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
        self.allow_hosts = frozenset(parse_origin(o) for o in allow_hosts)
        self.proxies = {k: v for k, v in (proxies or {}).items() if v}
        self.allowed_types = frozenset(allowed_types)
        self.sleep = sleep
        shared = RedisStore.connect(redis_url, redis_prefix) if redis_url else None
        self.state = HttpState(state_dir, shared)
        self.pacer = HostPacer(default_delay, state_dir, shared)
        self.session = public_only_session()
        self.session.headers.update(
            {
                "User-Agent": user_agent,
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,"
                "text/plain;q=0.8,*/*;q=0.5",
                "Accept-Encoding": "gzip, deflate",
            }
        )
        if ca_bundle:
            self.session.verify = ca_bundle
        self._robots = RobotsCache(user_agent, self._load_robots, self.state)
        self._named: dict[tuple[str, ...], frozenset[Origin]] = {}

    # ------------------------------------------------------------------ public

    def fetch(
        self,
        url: str,
        *,
        policy: FetchPolicy | None = None,
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
        if policy is not None and policy.rate_limit:
            host = urlsplit(url).netloc.lower()
            self.pacer.set_delay(host, 1.0 / policy.rate_limit)
        if url.startswith("file:"):
            result = self._fetch_file(url, policy)
        else:
            try:
                with allowing(self._allowed(policy)):
                    result = self._fetch_http(url, conditional)
            except Exception as exc:
                if _infrastructure(exc):
                    raise  # the run's own state is broken: fail the task, Airflow retries it
                log.exception("unexpected error fetching %s", url)
                result = FetchResult(
                    url=url, final_url=None, outcome="failed",
                    reason=f"unexpected error: {type(exc).__name__}: {_short(exc)}",
                    http_status=None, attempts=1, content_type=None, body=None, encoding=None,
                )  # fmt: skip
            if result.outcome == "fetched" and (
                conditional if keep_validators is None else keep_validators
            ):
                self.state.put(url, result.etag, result.last_modified)
        result.elapsed_s = time.monotonic() - started
        return result

    def fetch_many(
        self, items: Iterable[tuple[str, FetchPolicy | None]], *, workers: int = 4
    ) -> list[FetchResult]:
        """Fetch many URLs on ``workers`` threads, hosts interleaved; results in input order."""
        keyed = [(n, url, policy) for n, (url, policy) in enumerate(items)]
        results = dict(self.fetch_as_completed(keyed, workers=workers))
        return [results[n] for n in range(len(keyed))]

    def fetch_as_completed(
        self, items: Iterable[tuple[K, str, FetchPolicy | None]], *, workers: int = 4
    ) -> Iterator[tuple[K, FetchResult]]:
        """``(key, result)`` for every ``(key, url, policy)``, each as soon as it is fetched.

        At most ``workers`` requests are in flight (so at most that many bodies are held
        between the network and the caller). Hosts take turns: while another host has URLs
        waiting, one host uses at most half the threads, so a hung or slow host (or one with a
        long crawl delay) never holds back the others; a lone host may use them all.
        """
        workers = max(1, workers)
        share = max(1, workers // 2)
        queues: dict[str, deque[tuple[K, str, FetchPolicy | None]]] = {}
        for item in items:
            queues.setdefault(urlsplit(item[1]).netloc.lower(), deque()).append(item)
        busy: Counter[str] = Counter()
        running: dict[Future[FetchResult], tuple[K, str]] = {}

        def next_item() -> tuple[K, str, FetchPolicy | None] | None:
            waiting = [h for h, q in queues.items() if q]
            for host in sorted(waiting, key=lambda h: busy[h]):  # least busy host first
                if busy[host] < share or len(waiting) == 1:
                    return queues[host].popleft()
            return None

        with ThreadPoolExecutor(max_workers=workers) as pool:
            while True:
                while len(running) < workers and (item := next_item()) is not None:
                    key, url, policy = item
                    host = urlsplit(url).netloc.lower()
                    busy[host] += 1
                    running[pool.submit(self.fetch, url, policy=policy)] = (key, host)
                if not running:
                    return
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    key, host = running.pop(future)
                    busy[host] -= 1
                    yield key, future.result()

    def close(self) -> None:
        self.session.close()

    def _allowed(self, policy: FetchPolicy | None) -> frozenset[Origin]:
        """The origins this fetch may reach on a private address: the fetcher's and the
        policy's own ``allow_hosts``."""
        names = tuple(policy.allow_hosts) if policy is not None else ()
        if names not in self._named:
            self._named[names] = self.allow_hosts | {parse_origin(o) for o in names}
        return self._named[names]

    # ------------------------------------------------------------------ files

    def _fetch_file(self, url: str, policy: FetchPolicy | None) -> FetchResult:
        """A saved page of a ``folder`` source: only files inside that source's folder."""

        def result(outcome: str, reason: str | None, **kw: object) -> FetchResult:
            base = {"final_url": url, "http_status": None, "content_type": None}
            base.update(kw)
            return FetchResult(
                url=url, outcome=outcome, reason=reason, attempts=1, body=None, encoding=None,
                **base,  # type: ignore[arg-type]
            )  # fmt: skip

        if policy is None or not policy.folder:
            return result("refused", "file URL outside a folder source")
        path = Path(unquote(urlsplit(url).path)).resolve()
        root = Path(policy.folder).resolve()
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

    def _fetch_http(self, url: str, conditional: bool) -> FetchResult:
        attempts = 0
        last: _Retry | None = None
        budget = _Budget(self.total_timeout)
        while attempts <= self.max_retries:
            attempts += 1
            try:
                return self._attempt(url, conditional, attempts, budget)
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
                pause = self.backoff_base * 2 ** (attempts - 1) * (0.5 + random.random())
                if retry.wait is not None:
                    if retry.wait > self.max_retry_wait:
                        last = _Retry(
                            f"{retry.reason}; Retry-After {retry.wait:.0f}s exceeds the "
                            f"{self.max_retry_wait:.0f}s we wait",
                            retry.status,
                        )
                        break
                    pause = max(pause, retry.wait)
                pause = min(pause, self.max_retry_wait)
                if pause >= budget.left():
                    last = _Retry(
                        f"{retry.reason}; no time left for another try within the "
                        f"{self.total_timeout:g}s budget",
                        retry.status,
                    )
                    break
                self.sleep(pause)
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

    def _check_hop(self, url: str) -> None:
        problem = url_problem(url, current_allowance())
        if problem:
            outcome = "failed" if problem.startswith("DNS lookup failed") else "refused"
            raise _Stop(outcome, f"{problem}: {url}", final_url=url)
        if self.obey_robots:
            parts = urlsplit(url)
            origin = f"{parts.scheme}://{parts.netloc}"
            if not self._robots.allowed(origin, url):
                raise _Stop("refused", f"robots.txt disallows {url}", final_url=url)
            delay = self._robots.crawl_delay(origin)
            if delay:
                self.pacer.set_delay(parts.netloc.lower(), delay)

    def _attempt(self, url: str, conditional: bool, n: int, budget: _Budget) -> FetchResult:
        redirects: list[str] = []
        current = url
        headers: dict[str, str] = {}
        if conditional:
            etag, modified = self.state.get(url)
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        while True:
            self._check_hop(current)
            self.pacer.wait_turn(urlsplit(current).netloc.lower())
            budget.start()
            resp = self._get(current, headers, budget)
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
                return self._response(url, current, resp, redirects, budget, n)

    def _proxies_for(self, url: str) -> dict[str, str | None]:
        """The proxy for one request: the operator's, unless the host is in ``no`` or is an
        origin named for a private address (reached directly: a proxy cannot reach our
        loopback). ``None`` values keep requests from looking anywhere else."""
        direct: dict[str, str | None] = {"http": None, "https": None, "all": None}
        if not self.proxies:
            return direct
        origin = origin_of(url)
        if origin is None or origin in current_allowance():
            return direct
        if self.proxies.get("no") and urllib.request.proxy_bypass_environment(
            origin.host, self.proxies
        ):
            return direct
        proxy = self.proxies.get(origin.scheme) or self.proxies.get("all")
        return {**direct, origin.scheme: proxy} if proxy else direct

    def _get(self, url: str, headers: dict[str, str], budget: _Budget) -> requests.Response:
        left = budget.left()
        if left <= 0:
            raise _Retry(f"no time left within the {self.total_timeout:g}s budget for {url}")
        timeout = (min(self.timeout[0], left), min(self.timeout[1], left))
        try:
            return self.session.get(
                url,
                headers=headers,
                timeout=timeout,
                stream=True,
                allow_redirects=False,
                proxies=self._proxies_for(url),  # type: ignore[arg-type]
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
        budget: _Budget,
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
            wait_s = retry_after_seconds(resp.headers.get("Retry-After"))
            raise _Retry(f"HTTP {status} from {final}", status, wait_s)
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
        body = self._read_body(resp, final, budget, ctype)
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
        self, resp: requests.Response, url: str, budget: _Budget, ctype: str | None
    ) -> bytes:
        """Stream the body, decompressed, stopping at the size cap and at the end of the budget
        (a transfer that slow is not tried again: it would only spend the budget once more)."""
        chunks: list[bytes] = []
        size = 0
        raw = resp.raw

        def too_slow() -> _Stop:
            return _Stop(
                "failed",
                f"slow transfer: {size} bytes and no complete body within the "
                f"{self.total_timeout:g}s budget",
                resp.status_code,
                final_url=url,
                content_type=ctype,
            )

        try:
            while True:
                left = budget.left()
                if left <= 0:
                    raise too_slow()
                _limit_wait(raw, min(self.timeout[1], left))
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
        except Exception as exc:  # urllib3/socket errors mid-body: transient, unless out of time
            if budget.left() <= 0:
                raise too_slow() from exc
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
        """Fetch robots.txt through the same guard (one try, small cap, its own short budget,
        no robots recursion); runs inside the fetch that needs it, with its allowance."""
        current = robots_url
        budget = _Budget(min(10.0, self.total_timeout))
        for _ in range(self.max_redirects + 1):
            if url_problem(current, current_allowance()):
                return None, None
            try:
                self.pacer.wait_turn(urlsplit(current).netloc.lower())
                budget.start()
                resp = self._get(current, {}, budget)
            except (_Retry, _Stop):
                return None, None
            with resp:
                if resp.status_code in REDIRECTS and resp.headers.get("Location"):
                    current = urljoin(current, resp.headers["Location"])
                    continue
                if resp.status_code != 200:
                    return resp.status_code, None
                try:
                    body = self._read_body(resp, current, budget, None)
                except (_Retry, _Stop):
                    return None, None
                return 200, body[:500_000].decode("utf-8", errors="replace")
        return None, None


def _limit_wait(raw: object, seconds: float) -> None:
    """Wait at most ``seconds`` for the next bytes of a body: no single read outlasts the URL's
    budget (the socket's timeout was set for the whole request when it started)."""
    sock = getattr(getattr(raw, "connection", None), "sock", None)
    if sock is not None and seconds > 0:
        sock.settimeout(max(0.05, seconds))


def _infrastructure(exc: BaseException) -> bool:
    """A failure of the run's own state (SQLite, Redis), not of the URL being fetched."""
    return isinstance(exc, SharedStateError | sqlite3.Error) or type(exc).__module__.startswith(
        "redis"
    )


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 300 else text[:297] + "..."
