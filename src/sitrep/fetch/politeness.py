"""Per-host politeness: a minimum delay between the starts of two requests to one host.

A turn is only the start time: nothing is held while a request waits for its answer, so a host
that hangs delays none of the requests queued behind it beyond the delay (the fetch threads
bound how many requests one host can have open at once).

With a shared state folder the delay holds across processes too (parallel Airflow workers
fetching from one site): the next free time slot per host is reserved in SQLite. With a shared
Redis (``SITREP_REDIS_URL``) it holds across machines: the slot is reserved by one atomic Lua
script on Redis's own clock, so workers whose clocks disagree still keep the delay.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from sitrep.fetch.redis_store import RedisStore

_SCHEMA = "create table if not exists host_pacing (host text primary key, next_at real)"

# KEYS[1]: the host's next free time (ms on Redis's clock); ARGV[1]: the delay (ms).
# Books the slot and returns how long the caller waits for it (ms). The key outlives the slot
# by a minute, then goes: nothing accumulates per host.
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local start = math.max(now, tonumber(redis.call('GET', KEYS[1]) or 0))
local after = start + tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%.0f', after), 'PX', after - now + 60000)
return start - now
"""


class HostPacer:
    """Paces requests per host, ``delay`` seconds apart (across processes when ``shared_dir``
    is given, across machines when ``shared`` is). Thread-safe."""

    def __init__(
        self,
        default_delay: float = 1.0,
        shared_dir: Path | None = None,
        shared: RedisStore | None = None,
    ) -> None:
        self.default_delay = default_delay
        self._lock = threading.Lock()
        self._next_at: dict[str, float] = {}
        self._delays: dict[str, float] = {}
        self._shared = shared
        self._script = shared.client.register_script(_RESERVE) if shared else None
        self._db = shared_dir / "host_pacing.sqlite" if shared_dir and not shared else None
        if self._db:
            self._db.parent.mkdir(parents=True, exist_ok=True)
            with sqlite3.connect(self._db, timeout=30) as con:
                con.execute(_SCHEMA)

    def set_delay(self, host: str, delay: float) -> None:
        """A host's own delay (source rate limit, robots.txt Crawl-delay): the largest wins."""
        with self._lock:
            self._delays[host] = max(delay, self._delays.get(host, 0.0))

    def delay(self, host: str) -> float:
        with self._lock:
            return self._delays.get(host, self.default_delay)

    def _reserve(self, host: str, delay: float) -> float:
        """Seconds to wait before this request may start; books the host's next slot."""
        if self._shared and self._script and delay > 0:
            key = self._shared.key("pace", host)
            return int(self._script(keys=[key], args=[round(delay * 1000)])) / 1000
        now = time.time()
        if self._db is None or delay <= 0:
            with self._lock:
                start = max(now, self._next_at.get(host, now))
                self._next_at[host] = start + delay
            return start - now
        con = sqlite3.connect(self._db, timeout=30, isolation_level=None)
        try:
            # a slot lost to a power cut costs nothing: no fsync per request (15 ms -> 0.25 ms)
            con.execute("pragma synchronous=off")
            con.execute("begin immediate")  # one writer at a time, across processes
            row = con.execute("select next_at from host_pacing where host = ?", (host,)).fetchone()
            start = max(now, row[0] if row else now)
            con.execute(
                "insert or replace into host_pacing(host, next_at) values (?, ?)",
                (host, start + delay),
            )
            con.execute("commit")
        finally:
            con.close()
        return start - now

    def wait_turn(self, host: str) -> float:
        """Book ``host``'s next start time and sleep until it; returns the seconds waited."""
        wait = self._reserve(host, self.delay(host))
        if wait > 0:
            time.sleep(wait)
        return max(0.0, wait)
