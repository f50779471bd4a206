"""What a fetch (or a failed discovery) records: one outcome per URL, with the reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


def utcnow() -> datetime:
    """Timestamps are timezone-aware UTC everywhere in the raw zone."""
    return datetime.now(UTC)


@dataclass
class FetchResult:
    """One URL's fetch: ``outcome`` is ``fetched``, ``unchanged`` (304), ``refused`` or ``failed``.

    ``refused`` means we chose not to fetch or keep it (robots.txt, private address, too large,
    wrong content type, bad scheme); ``failed`` means the server or network let us down, after
    ``attempts`` tries, with the last error in ``reason``.
    """

    url: str
    final_url: str | None
    outcome: str
    reason: str | None
    http_status: int | None
    attempts: int
    content_type: str | None
    body: bytes | None
    encoding: str | None
    fetched_at: datetime = field(default_factory=utcnow)
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)
    declared_encoding: str | None = None
    elapsed_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.outcome == "fetched" and self.body is not None


@dataclass
class FetchOutcome:
    """A ``fetch_outcomes`` raw-zone row for a URL that never became a page (discovery failures).

    Field names follow ``sitrep.lake.schema.FETCH_OUTCOMES``.
    """

    url: str
    source_id: str
    source_kind: str
    outcome: str
    reason: str | None
    final_url: str | None = None
    discovered_at: datetime = field(default_factory=utcnow)
    fetched_at: datetime | None = None
    http_status: int | None = None
    attempts: int = 0
    content_type: str | None = None
    bytes: int | None = None
    article_id: str | None = None
    duplicate_of: str | None = None
    raw_path: str | None = None

    @classmethod
    def from_result(
        cls, result: FetchResult, source_id: str, source_kind: str, reason: str | None = None
    ) -> FetchOutcome:
        """A discovery document (feed, sitemap, list) that could not be used."""
        outcome = result.outcome if result.outcome in ("refused", "failed") else "failed"
        return cls(
            url=result.url,
            source_id=source_id,
            source_kind=source_kind,
            outcome=outcome,
            reason=reason or result.reason,
            final_url=result.final_url,
            fetched_at=result.fetched_at,
            http_status=result.http_status,
            attempts=result.attempts,
            content_type=result.content_type,
            bytes=len(result.body) if result.body is not None else None,
        )
