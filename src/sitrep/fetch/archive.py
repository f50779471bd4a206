"""The raw page archive: every fetched body, gzip-compressed, under the day it was fetched.

Layout ``<raw>/pages/dt=YYYY-MM-DD/<sha256(url)[:16]>.json.gz``: one JSON document per page with
the body (base64) and the fetch metadata, so a newer extractor can re-process a past day without
refetching (:func:`iter_archive`).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sitrep.fetch.result import FetchResult

ARCHIVE_TABLE = "pages"


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


def archive_dir(raw_dir: Path, day: date) -> Path:
    return raw_dir / ARCHIVE_TABLE / f"dt={day.isoformat()}"


def archived_path(raw_dir: Path, day: date, url: str) -> Path:
    """Where the page fetched from ``url`` on ``day`` is (or would be) archived."""
    return archive_dir(raw_dir, day) / (
        hashlib.sha256(url.encode("utf-8")).hexdigest()[:16] + ".json.gz"
    )


def archive_page(raw_dir: Path, day: date, result: FetchResult) -> str | None:
    """Write the fetched body, compressed; returns its path relative to ``raw_dir``.

    ``None`` when there is no body to keep. Written atomically (temp file, rename), so a reader
    never sees half a page and re-running a day overwrites the same file.
    """
    if result.body is None:
        return None
    target = archived_path(raw_dir, day, result.url)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    record = {
        "url": result.url,
        "final_url": result.final_url,
        "content_type": result.content_type,
        "encoding": result.encoding,
        "http_status": result.http_status,
        "fetched_at": result.fetched_at.isoformat(),
        "body_b64": base64.b64encode(result.body).decode("ascii"),
    }
    tmp = folder / f".tmp-{uuid.uuid4().hex}"
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=6) as fh:
        json.dump(record, fh)
    os.replace(tmp, target)
    return str(target.relative_to(raw_dir))


def read_archived(raw_dir: Path, relative_path: str) -> ArchivedPage:
    """One archived page by the path :func:`archive_page` returned."""
    path = raw_dir / relative_path
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rec = json.load(fh)
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


def iter_archive(raw_dir: Path, day: date) -> Iterator[ArchivedPage]:
    """Every page archived for ``day``, in a stable order (for re-processing a past day)."""
    folder = archive_dir(raw_dir, day)
    for path in sorted(folder.glob("*.json.gz")):
        yield read_archived(raw_dir, str(path.relative_to(raw_dir)))
