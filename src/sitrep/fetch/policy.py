"""What one source allows the fetcher, as a small value the fetch stage is handed.

Built from a :class:`~sitrep.sources.Source` by ``sources`` (``Source.fetch_policy``) and
carried in the day's batch files as JSON, so an extract task never reads the sources file and
``fetch`` never imports ``sources``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class FetchPolicy:
    """``rate_limit``: requests per second to the URL's host (None: the default pacing).
    ``allow_hosts``: origins (``http://127.0.0.1:8765``) that may be reached on a loopback or
    private address. ``folder``: for saved pages on disk, the folder ``file:`` URLs must be in
    (None: no file URL is fetched)."""

    rate_limit: float | None = None
    allow_hosts: tuple[str, ...] = ()
    folder: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> FetchPolicy | None:
        if data is None:
            return None
        return cls(
            rate_limit=data.get("rate_limit"),
            allow_hosts=tuple(data.get("allow_hosts") or ()),
            folder=data.get("folder"),
        )
