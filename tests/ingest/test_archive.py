"""The raw page archive: what was fetched on a day can be re-read, byte for byte, later."""

from __future__ import annotations

import gzip
from datetime import date

from sitrep.article import parse_article
from sitrep.fetch import Fetcher, archive_page, archived_path, iter_archive
from sitrep.sources import Source

DAY = date(2020, 6, 5)


def test_archived_pages_come_back_for_reprocessing(tmp_path, server):
    LOCAL = Source(id="local", kind="urls", allow_hosts=(server,))
    fetcher = Fetcher(user_agent="SitrepTest/1.0", default_delay=0)
    results = [
        fetcher.fetch(f"{server}/page/{n}", policy=LOCAL.fetch_policy) for n in ("bbc-1", "cnn")
    ]
    paths = [archive_page(tmp_path, DAY, r) for r in results]
    assert all(p and p.startswith("pages/dt=2020-06-05/") for p in paths)
    assert (
        archive_page(tmp_path, DAY, fetcher.fetch(f"{server}/empty", policy=LOCAL.fetch_policy))
        is None
    )
    assert all(
        (tmp_path / p).stat().st_size < len(r.body) for p, r in zip(paths, results, strict=True)
    )
    with gzip.open(tmp_path / paths[0]) as fh:
        assert fh.read(1) == b"{"  # gzip-compressed JSON

    assert archived_path(tmp_path, DAY, results[0].url) == tmp_path / paths[0]
    pages = {p.url: p for p in iter_archive(tmp_path, DAY)}
    assert set(pages) == {r.url for r in results}
    for result in results:
        page = pages[result.url]
        assert page.body == result.body and page.encoding == result.encoding
        assert page.content_type == result.content_type
    again = parse_article(pages[results[0].url].body, content_type="text/html")
    assert again.title and "Obama" in again.title
    assert list(iter_archive(tmp_path, date(2020, 6, 6))) == []


def test_a_page_archived_today_is_coded_again_on_a_304(tmp_path, server):
    """A re-run's 304 of a page this very day archived reads the archive; a 304 of a page
    archived on another day has nothing new to code."""
    from dataclasses import replace

    from sitrep.fetch.archive import archived_today, as_fetched

    local = Source(id="local", kind="urls", allow_hosts=(server,)).fetch_policy
    fetched = Fetcher(user_agent="SitrepTest/1.0", default_delay=0).fetch(
        f"{server}/page/bbc-1", policy=local
    )
    key = archive_page(tmp_path, DAY, fetched)
    again = as_fetched(tmp_path, key)
    assert (again.outcome, again.body, again.url) == ("fetched", fetched.body, fetched.url)
    unchanged = replace(fetched, outcome="unchanged", body=None)
    assert archived_today(tmp_path, DAY, unchanged).body == fetched.body
    assert archived_today(tmp_path, date(2020, 6, 6), unchanged) is unchanged
