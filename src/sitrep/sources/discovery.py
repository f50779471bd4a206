"""Discovery: from the sources to the day's candidate URLs, with an outcome for every failure."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.fetch.result import FetchOutcome, utcnow
from sitrep.sources.config_file import Source
from sitrep.sources.listings import (
    Entry,
    ListingError,
    list_folder,
    parse_feed,
    parse_sitemap,
    parse_url_list,
)
from sitrep.sources.state import SourceState

if TYPE_CHECKING:
    from sitrep.fetch import Fetcher
    from sitrep.lake.zone import RawZone

MAX_CHILD_SITEMAPS = 50
DISCOVERY_THREADS = 4  # sources read at once
STATE_RETENTION = timedelta(days=180)  # seen-URL memory for URLs a source no longer lists


@dataclass
class Discovered:
    """A candidate article URL found by a source on a run."""

    url: str
    source_id: str
    source_kind: str
    discovered_at: datetime
    published: date | None
    title: str | None


class _Failures:
    """Collects discovery failures as ``fetch_outcomes`` rows."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.rows: list[FetchOutcome] = []

    def add(self, url: str, outcome: str, reason: str) -> None:
        self.rows.append(
            FetchOutcome(
                url=url, source_id=self.source.id, source_kind=self.source.kind,
                outcome=outcome, reason=reason, fetched_at=utcnow(),
            )
        )  # fmt: skip


def _read_document(
    url: str | None,
    path: str | None,
    source: Source,
    fetcher: Fetcher,
    failures: _Failures,
    state: SourceState,
) -> tuple[bytes | None, bool]:
    """(body, unchanged) of a feed/sitemap/list, by HTTP (conditional) or from a local file.

    The conditional GET is only sent when the entries of the last full answer are remembered.
    """
    if not url and path:
        try:
            return Path(path).read_bytes(), False
        except OSError as exc:
            failures.add(Path(path).as_uri(), "failed", f"cannot read {path}: {exc}")
            return None, False
    assert url is not None
    result = fetcher.fetch(
        url, policy=source.fetch_policy, conditional=url in state.cached, keep_validators=True
    )
    if result.outcome == "unchanged":
        return None, True
    if result.outcome != "fetched" or result.body is None:
        row = FetchOutcome.from_result(result, source.id, source.kind)
        row.reason = f"{source.kind} {url}: {row.reason}"
        failures.rows.append(row)
        return None, False
    return result.body, False


def _entries(
    source: Source, fetcher: Fetcher, state: SourceState, failures: _Failures
) -> list[Entry]:
    """Every entry the source lists right now (from its state when a document is unchanged)."""
    if source.kind == "folder":
        return list_folder(Path(source.path or "."))
    if source.kind == "urls":
        entries = [Entry(u) for u in source.urls]
        if source.url or source.path:
            body, unchanged = _read_document(
                source.url, source.path, source, fetcher, failures, state
            )
            doc = source.url or source.path or ""
            if unchanged:
                return entries + state.cached_entries(doc)
            if body is not None:
                listed, problems = parse_url_list(body.decode("utf-8", "replace"), source.url)
                for problem in problems:
                    failures.add(doc, "failed", f"URL list {doc}: {problem}")
                state.remember_entries(doc, listed)
                entries += listed
        return entries
    doc = source.url or source.path or ""
    body, unchanged = _read_document(source.url, source.path, source, fetcher, failures, state)
    if unchanged:
        return state.cached_entries(doc)
    if body is None:
        return []
    try:
        if source.kind == "feed":
            entries, problems = parse_feed(body, source.url)
            for problem in problems:
                failures.add(doc, "failed", f"feed {doc}: {problem}")
        else:
            entries, children = parse_sitemap(body, source.url)
            for child in children[:MAX_CHILD_SITEMAPS]:
                child_body, child_unchanged = _read_document(
                    child, None, source, fetcher, failures, state
                )
                if child_unchanged:
                    entries += state.cached_entries(child)
                    continue
                if child_body is None:
                    continue
                try:
                    child_entries, _ = parse_sitemap(child_body, child)
                except ListingError as exc:
                    failures.add(child, "failed", f"sitemap {child}: {exc}")
                    continue
                state.remember_entries(child, child_entries)
                entries += child_entries
    except ListingError as exc:
        failures.add(doc, "failed", f"{source.kind} {doc}: {exc}")
        return []
    state.remember_entries(doc, entries)
    return entries


def _wanted(published: date | None, first_seen: date | None, day: date, backfill: bool) -> bool:
    """Is this entry part of ``day``'s run?

    A daily run takes what is new (never seen, or first seen on this very day, so a re-run sees
    the same URLs), except what was published after the day. A backfill takes what was published
    on the day, whatever was seen: the day's items do not depend on the order days are run in.
    An undated entry has no day a backfill could give it, so a backfill takes it only when an
    earlier run of this day already did; the next daily run takes the others.
    """
    if backfill:
        if published is not None:
            return published == day
        return first_seen == day
    if published is not None and published > day:
        return False  # published after the day being run: it belongs to a later day
    return first_seen is None or first_seen == day


def discover(
    sources: list[Source],
    *,
    day: date,
    state_dir: Path | RawZone | str,
    fetcher: Fetcher,
    backfill: bool = False,
) -> tuple[list[Discovered], list[FetchOutcome]]:
    """The day's new candidate URLs from every source, and an outcome for every failure.

    Only URLs not given by the source on an earlier day are returned (re-running a day returns
    the same URLs). ``backfill=True`` ignores what was seen and takes the entries published on
    ``day``. A date any source gives a URL (a feed's pubDate) counts for every source that lists
    it (an undated URL list naming the same page). ``state_dir``: where the sources' state
    is kept (a folder, or a ``RawZone``/URL shared by workers on several machines).
    """

    def read(source: Source) -> tuple[Source, SourceState, list[Entry], list[FetchOutcome]]:
        failures = _Failures(source)
        state = SourceState(state_dir, source.id)
        try:
            entries = _entries(source, fetcher, state, failures)
        except Exception as exc:  # one broken source must not end the day's run
            where = source.url or source.path or source.id
            failures.add(where, "failed", f"discovery of {source.id} crashed: {exc!r}")
            entries = []
        return source, state, entries, failures.rows

    # sources are read side by side: a feed that hangs costs its own budget, not everyone's
    with ThreadPoolExecutor(max_workers=DISCOVERY_THREADS) as pool:
        read_all = list(pool.map(read, sources))
    listed = [(source, state, entries) for source, state, entries, _ in read_all]
    outcomes = [row for *_, rows in read_all for row in rows]
    dates = _known_dates(entries for _, _, entries in listed)

    found: list[Discovered] = []
    failed_sources = {row.source_id for row in outcomes}
    for source, state, entries in listed:
        now = utcnow()
        taken = 0
        seen_here: set[str] = set()
        for entry in entries:
            if entry.url in seen_here:
                continue
            seen_here.add(entry.url)
            published = entry.published or dates.get(entry.url)
            if not _wanted(published, state.first_seen(entry.url), day, backfill):
                continue
            if source.max_items is not None and taken >= source.max_items:
                break
            taken += 1
            state.mark(entry.url, day)
            found.append(Discovered(entry.url, source.id, source.kind, now, published, entry.title))
        # a failed listing says nothing about what is gone
        if not backfill and source.id not in failed_sources:
            state.prune(seen_here, day - STATE_RETENTION)
        state.save()
    return found, outcomes


def _known_dates(listings: Iterable[list[Entry]]) -> dict[str, date]:
    """The earliest publication date any listing gives each URL."""
    dates: dict[str, date] = {}
    for entries in listings:
        for entry in entries:
            if entry.published is not None:
                known = dates.get(entry.url)
                dates[entry.url] = min(known, entry.published) if known else entry.published
    return dates
