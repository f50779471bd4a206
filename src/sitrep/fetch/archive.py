"""The raw page archive: every fetched body, gzip-compressed, under the day it was fetched.

Layout ``<raw>/pages/dt=YYYY-MM-DD/<sha256(url)[:16]>.json.gz``: one JSON document per page with
the body (base64) and the fetch metadata, so a newer extractor can re-process a past day without
refetching (:func:`iter_archive`).

The raw zone is given as a :class:`~sitrep.lake.zone.RawZone` or as the local folder or URL it
is built from; pages are read and written through it, so the archive works the same on a local
folder and on object storage.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sitrep.fetch.result import FetchResult
from sitrep.lake.zone import RawZone

ARCHIVE_TABLE = "pages"

Zone = RawZone | str | os.PathLike[str]


@dataclass
class ArchivedPage:
    """A page read back from the archive: what the extractor needs, and where it came from."""

    url: str
    final_url: str | None
    content_type: str | None
    encoding: str | None
    http_status: int | None
    fetched_at: datetime
    body: bytes
    path: str


def archive_key(day: date, url: str | None = None) -> str:
    """The day's archive folder, or the page of ``url`` in it, relative to the raw zone."""
    folder = f"{ARCHIVE_TABLE}/dt={day.isoformat()}"
    if url is None:
        return folder
    return f"{folder}/{hashlib.sha256(url.encode('utf-8')).hexdigest()[:16]}.json.gz"


def archive_dir(raw_dir: Path, day: date) -> Path:
    """The day's archive folder of a local raw zone."""
    return Path(raw_dir) / archive_key(day)


def archived_path(raw: Zone, day: date, url: str) -> Path | str:
    """Where the page fetched from ``url`` on ``day`` is (or would be) archived.

    A ``Path`` for a local zone, the object's ``s3://`` URL otherwise.
    """
    zone = RawZone.of(raw)
    location = zone.location(archive_key(day, url))
    return Path(location) if zone.is_local else location


def archive_page(raw: Zone, day: date, result: FetchResult) -> str | None:
    """Write the fetched body, compressed; returns its path relative to the raw zone.

    ``None`` when there is no body to keep. Written atomically (whole file or nothing), so a
    reader never sees half a page and re-running a day overwrites the same file.
    """
    if result.body is None:
        return None
    key = archive_key(day, result.url)
    record = {
        "url": result.url,
        "final_url": result.final_url,
        "content_type": result.content_type,
        "encoding": result.encoding,
        "http_status": result.http_status,
        "fetched_at": result.fetched_at.isoformat(),
        "body_b64": base64.b64encode(result.body).decode("ascii"),
    }
    with (
        RawZone.of(raw).writer(key) as raw_fh,
        gzip.GzipFile(fileobj=raw_fh, mode="wb", compresslevel=6, mtime=0) as gz,
    ):
        gz.write(json.dumps(record).encode("utf-8"))
    return key


def read_archived(raw: Zone, relative_path: str) -> ArchivedPage:
    """One archived page by the path :func:`archive_page` returned."""
    rec = json.loads(gzip.decompress(RawZone.of(raw).read_bytes(relative_path)))
    return ArchivedPage(
        url=rec["url"],
        final_url=rec.get("final_url"),
        content_type=rec.get("content_type"),
        encoding=rec.get("encoding"),
        http_status=rec.get("http_status"),
        fetched_at=datetime.fromisoformat(rec["fetched_at"]),
        body=base64.b64decode(rec["body_b64"]),
        path=relative_path,
    )


def archived_keys(raw: Zone, day: date) -> list[str]:
    """The keys of every page archived for ``day``, sorted."""
    return RawZone.of(raw).glob(f"{archive_key(day)}/*.json.gz")


def iter_archive(raw: Zone, day: date) -> Iterator[ArchivedPage]:
    """Every page archived for ``day``, in a stable order (for re-processing a past day)."""
    zone = RawZone.of(raw)
    for key in archived_keys(zone, day):
        yield read_archived(zone, key)


def as_fetched(raw: Zone, relative_path: str) -> FetchResult:
    """An archived page as the fetch result it was, to code again without fetching."""
    page = read_archived(raw, relative_path)
    return FetchResult(
        url=page.url,
        final_url=page.final_url,
        outcome="fetched",
        reason="re-processed from the raw archive",
        http_status=page.http_status,
        attempts=0,
        content_type=page.content_type,
        body=page.body,
        encoding=page.encoding,
        fetched_at=page.fetched_at,
    )


def archived_today(raw: Zone, day: date, result: FetchResult) -> FetchResult:
    """A 304 (``unchanged``) of a page this very day archived (a re-run): the archived page,
    to code again; else the 304 as it is (stored on an earlier day: nothing new to code)."""
    key = archive_key(day, result.url)
    if not RawZone.of(raw).exists(key):
        return result
    return as_fetched(raw, key)
