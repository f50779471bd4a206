"""Per-host politeness: a minimum delay between requests and a cap on concurrent requests."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager


class HostPacer:
    """Serialises requests per host: at most ``max_per_host`` at once, ``delay`` seconds apart.

    Thread-safe; one pacer per Fetcher. (Parallel worker processes each pace themselves.)
    """

    def __init__(self, default_delay: float = 1.0, max_per_host: int = 1) -> None:
        self.default_delay = default_delay
        self.max_per_host = max_per_host
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = defaultdict(
            lambda: threading.Semaphore(self.max_per_host)
        )
        self._next_at: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, host: str, delay: float) -> None:
        """A host's own delay (source rate limit, robots.txt Crawl-delay): the largest wins."""
        with self._lock:
            self._delays[host] = max(delay, self._delays.get(host, 0.0))

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold a request slot for ``host``, waiting for the delay since its last request."""
        with self._lock:
            sem = self._slots[host]
        with sem:
            with self._lock:
                delay = self._delays.get(host, self.default_delay)
                now = time.monotonic()
                start = max(now, self._next_at.get(host, now))
                self._next_at[host] = start + delay
            if start > now:
                time.sleep(start - now)
            yield
