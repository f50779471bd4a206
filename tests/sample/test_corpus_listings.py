"""The sample corpus is servable the way the demo uses it: every listed URL is a page that exists.

A feed item pointing at a missing file would make `make demo` fetch a 404 and silently lose an
article; a page missing from the feed would never be discovered.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import feedparser
import pytest
import requests

from sitrep.sample_server import PLACEHOLDER
from sitrep.sources.config_file import load_sources
from sitrep.sources.listings import parse_sitemap, parse_url_list

from .conftest import PAGES, SAMPLE

BASE = "http://127.0.0.1:9"  # what the server writes in place of the placeholder


def _served(name: str) -> str:
    """An index file as the loopback server serves it (placeholder replaced by its address)."""
    return (SAMPLE / name).read_text(encoding="utf-8").replace(PLACEHOLDER, BASE)


def _page_of(url: str) -> Path:
    assert url.startswith(f"{BASE}/pages/"), f"not a sample page URL: {url}"
    return SAMPLE / url[len(BASE) + 1 :]


def _feed_entries() -> list[feedparser.FeedParserDict]:
    parsed = feedparser.parse(_served("feed.xml"))
    assert not parsed.bozo, f"sample/feed.xml is not well-formed: {parsed.get('bozo_exception')}"
    return parsed.entries


def test_feed_lists_every_page_once_with_a_date_in_the_sample_window() -> None:
    entries = _feed_entries()
    links = [e.link for e in entries]
    assert len(links) == len(set(links)), "sample/feed.xml lists a page twice"
    for entry in entries:
        page = _page_of(entry.link)
        assert page.is_file(), f"sample/feed.xml: {entry.link} has no file {page}"
        assert entry.get("published_parsed"), f"sample/feed.xml: {entry.link} has no pubDate"
        published = date(*entry.published_parsed[:3])
        assert date(2020, 6, 1) <= published <= date(2020, 6, 5), f"{entry.link}: {published}"
    on_disk = {p.name for p in PAGES.iterdir() if p.is_file()}
    assert on_disk == {_page_of(link).name for link in links}, "pages missing from the feed"


def test_sitemap_and_url_list_name_existing_pages() -> None:
    entries, children = parse_sitemap(_served("sitemap.xml").encode(), f"{BASE}/sitemap.xml")
    assert not children, "sample/sitemap.xml is a page sitemap, not an index"
    url_entries, problems = parse_url_list(_served("urls.txt"))
    assert not problems, problems
    assert entries and url_entries
    for entry in [*entries, *url_entries]:
        assert _page_of(entry.url).is_file(), f"{entry.url} has no file"
    assert all(e.published is not None for e in entries), "news sitemap entries carry a date"


def test_sources_file_is_valid_and_points_at_the_listings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SITREP_SAMPLE_BASE", BASE)
    sources = load_sources(SAMPLE / "sources.yaml")
    assert {s.kind for s in sources} == {"feed", "sitemap", "urls"}
    for source in sources:
        assert source.allow_hosts == (BASE,), f"{source.id}: loopback needs allow_hosts: [{BASE}]"
        assert source.url and source.url.startswith(f"{BASE}/")
        assert (SAMPLE / source.url.rsplit("/", 1)[1]).is_file(), f"{source.id}: {source.url}"


def test_every_feed_item_is_served_over_loopback(sample_base: str) -> None:
    feed = requests.get(f"{sample_base}/feed.xml", timeout=10)
    assert feed.status_code == 200
    parsed = feedparser.parse(feed.content)
    assert parsed.entries and PLACEHOLDER not in feed.text
    for entry in parsed.entries:
        assert entry.link.startswith(f"{sample_base}/pages/")
        page = requests.get(entry.link, timeout=10)
        assert page.status_code == 200, f"{entry.link}: HTTP {page.status_code}"
        on_disk = PAGES / entry.link.rsplit("/", 1)[1]
        assert page.content == on_disk.read_bytes(), f"{entry.link} is not served byte for byte"
