"""Fetch state shared by workers on several machines: a Redis connection and its key prefix.

Celery deployments already run Redis (the broker), so when ``SITREP_REDIS_URL`` is set the
per-host politeness slots (:mod:`sitrep.fetch.politeness`) and the HTTP validators
(:mod:`sitrep.fetch.http_state`) live there instead of in SQLite files of one machine.
"""

from __future__ import annotations

from dataclasses import dataclass

import redis

DEFAULT_PREFIX = "sitrep:"


class SharedStateError(RuntimeError):
    """The configured Redis cannot be used (unreachable, refused, bad URL)."""


@dataclass(frozen=True)
class RedisStore:
    """A Redis client (thread-safe, pooled) and the prefix of every key Sitrep writes."""

    client: redis.Redis
    prefix: str = DEFAULT_PREFIX

    @classmethod
    def connect(cls, url: str, prefix: str = DEFAULT_PREFIX) -> RedisStore:
        """Connect and check at once, so a wrong URL stops the task with one clear line."""
        where = _redacted(url)
        try:
            client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=10)
            client.ping()
        except (redis.RedisError, ValueError) as exc:
            raise SharedStateError(f"SITREP_REDIS_URL {where} cannot be used: {exc}") from None
        return cls(client, prefix)

    def key(self, *parts: str) -> str:
        return self.prefix + ":".join(parts)


def _redacted(url: str) -> str:
    """The URL without its password, for messages."""
    scheme, sep, rest = url.partition("://")
    if sep and "@" in rest:
        auth, _, host = rest.rpartition("@")
        user = auth.split(":", 1)[0]
        return f"{scheme}://{user + ':' if user else ':'}***@{host}"
    return url
