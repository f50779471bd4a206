"""robots.txt, read once per host and applied to every URL (RFC 9309 semantics)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.robotparser import RobotFileParser


class RobotsCache:
    """Answers "may our user agent fetch this URL?" per host, fetching robots.txt lazily.

    ``load(robots_url)`` returns ``(http_status, text)`` or ``(None, None)`` when the host could
    not be reached. A 4xx robots.txt allows everything, a 5xx or unreachable one disallows
    everything (RFC 9309 §2.3.1).
    """

    def __init__(self, user_agent: str, load: Callable[[str], tuple[int | None, str | None]]):
        self.agent = user_agent.split("/")[0]
        self._load = load
        self._parsers: dict[str, RobotFileParser | bool] = {}
        self._lock = threading.Lock()

    def _parser(self, origin: str) -> RobotFileParser | bool:
        with self._lock:
            if origin in self._parsers:
                return self._parsers[origin]
        status, text = self._load(f"{origin}/robots.txt")
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
