"""robots.txt, read once per host and applied to every URL (RFC 9309 semantics)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol
from urllib.robotparser import RobotFileParser


class RobotsStore(Protocol):
    """Where robots.txt answers are kept between fetchers (one per batch task) for a day."""

    def get_robots(self, origin: str) -> tuple[int, str | None] | None: ...

    def put_robots(self, origin: str, status: int, text: str | None) -> None: ...


class RobotsCache:
    """Answers "may our user agent fetch this URL?" per host, fetching robots.txt lazily.

    ``load(robots_url)`` returns ``(http_status, text)`` or ``(None, None)`` when the host could
    not be reached. A 4xx robots.txt allows everything, a 5xx or unreachable one disallows
    everything (RFC 9309 §2.3.1). One thread loads an origin's file while the others wait for
    it; answers (not failures to reach the host) are kept in ``store``, when given, so the
    fetchers of a day's batches read each file once.
    """

    def __init__(
        self,
        user_agent: str,
        load: Callable[[str], tuple[int | None, str | None]],
        store: RobotsStore | None = None,
    ):
        self.agent = user_agent.split("/")[0]
        self._load = load
        self._store = store
        self._parsers: dict[str, RobotFileParser | bool] = {}
        self._lock = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}

    def _parser(self, origin: str) -> RobotFileParser | bool:
        with self._lock:
            if origin in self._parsers:
                return self._parsers[origin]
            loading = self._loading.setdefault(origin, threading.Lock())
        with loading:
            with self._lock:
                if origin in self._parsers:
                    return self._parsers[origin]
            kept = self._store.get_robots(origin) if self._store else None
            if kept is not None:
                status, text = kept
            else:
                status, text = self._load(f"{origin}/robots.txt")
                if self._store and status is not None and status < 500:
                    self._store.put_robots(origin, status, text)
            parser: RobotFileParser | bool
            if status is not None and 200 <= status < 300 and text is not None:
                parser = RobotFileParser()
                parser.parse(text.splitlines())
            elif status is not None and 400 <= status < 500:
                parser = True  # no robots.txt: everything allowed
            else:
                parser = False  # server error or unreachable: assume complete disallow
            with self._lock:
                self._parsers[origin] = parser
            return parser

    def allowed(self, origin: str, url: str) -> bool:
        parser = self._parser(origin)
        if isinstance(parser, bool):
            return parser
        return parser.can_fetch(self.agent, url)

    def crawl_delay(self, origin: str) -> float | None:
        parser = self._parser(origin)
        if isinstance(parser, bool):
            return None
        delay = parser.crawl_delay(self.agent)
        return float(delay) if delay is not None else None
