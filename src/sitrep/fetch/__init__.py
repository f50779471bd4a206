"""The fetch stage: polite, safe HTTP with one recorded outcome per URL, and the raw archive.

Public API: :class:`Fetcher`, :class:`FetchPolicy`, :class:`FetchResult`, :class:`FetchOutcome`,
:func:`archive_page`,
:func:`iter_archive`, :func:`read_archived`.
"""

from sitrep.fetch.archive import (
    ArchivedPage,
    archive_page,
    archived_path,
    iter_archive,
    read_archived,
)
from sitrep.fetch.fetcher import MAX_PAGE_BYTES, Fetcher, binary_reason, retry_after_seconds
from sitrep.fetch.guard import url_problem
from sitrep.fetch.policy import FetchPolicy
from sitrep.fetch.result import FetchOutcome, FetchResult

__all__ = [
    "MAX_PAGE_BYTES",
    "ArchivedPage",
    "FetchOutcome",
    "FetchPolicy",
    "FetchResult",
    "Fetcher",
    "archive_page",
    "archived_path",
    "binary_reason",
    "iter_archive",
    "read_archived",
    "retry_after_seconds",
    "url_problem",
]
