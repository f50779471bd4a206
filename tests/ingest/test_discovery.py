"""Discovery over a real HTTP server: feeds, sitemaps, lists, folders, failures, state, backfill."""

from __future__ import annotations

from datetime import date

from sitrep.fetch import Fetcher
from sitrep.sources import Source, discover

DAY = date(2020, 6, 5)


def fetcher() -> Fetcher:
    return Fetcher(user_agent="SitrepTest/1.0", default_delay=0, backoff_base=0.01, max_retries=1)


def src(server: str, sid: str, kind: str, path: str | None = None, **kw) -> Source:
    url = f"{server}{path}" if path else None
    return Source(id=sid, kind=kind, url=url, allow_hosts=(server,), **kw)


def test_feed_sitemap_index_and_url_list(tmp_path, server):
    sources = [
        src(server, "feed", "feed", "/feed.xml"),
        src(server, "maps", "sitemap", "/sitemap-index.xml"),
        src(server, "list", "urls", "/urls.txt", urls=(f"{server}/page/cnn",)),
    ]
    found, failures = discover(sources, day=DAY, state_dir=tmp_path, fetcher=fetcher())
    by_source = {}
    for item in found:
        by_source.setdefault(item.source_id, []).append(item)
    assert len(by_source["feed"]) == 3
    assert by_source["feed"][0].published == DAY and by_source["feed"][0].title == "Item 0"
    assert [d.url.rsplit("/", 1)[1] for d in by_source["maps"]] == ["wapo-1", "ars-1"]
    assert by_source["maps"][0].published == DAY
    assert [d.url.rsplit("/", 1)[1] for d in by_source["list"]] == ["cnn", "nytimes-1"]
    assert len(failures) == 1 and "line 3: not an http(s) URL" in failures[0].reason


def test_only_new_urls_on_later_days_same_urls_on_a_rerun(tmp_path, server):
    sources = [src(server, "feed", "feed", "/feed.xml")]
    first, _ = discover(sources, day=DAY, state_dir=tmp_path, fetcher=fetcher())
    rerun, _ = discover(sources, day=DAY, state_dir=tmp_path, fetcher=fetcher())
    later, _ = discover(sources, day=date(2020, 6, 6), state_dir=tmp_path, fetcher=fetcher())
    assert len(first) == 3
    assert [d.url for d in rerun] == [d.url for d in first]
    assert later == []


def test_backfill_of_a_past_day_takes_that_days_items(tmp_path, server):
    sources = [src(server, "maps", "sitemap", "/sitemap.xml")]
    discover(sources, day=DAY, state_dir=tmp_path, fetcher=fetcher())  # both seen already
    past, _ = discover(
        sources, day=date(2020, 6, 4), state_dir=tmp_path, fetcher=fetcher(), backfill=True
    )
    assert [d.url.rsplit("/", 1)[1] for d in past] == ["ars-1"]  # lastmod 2020-06-04


def test_backfill_gives_every_url_its_publication_day_whatever_the_order(tmp_path, server):
    """A date from any source counts for all; undated URLs wait for the daily run."""
    listed = (f"{server}/page/ars-1", f"{server}/page/undated-1")  # ars-1: lastmod 2020-06-04
    sources = [
        src(server, "maps", "sitemap", "/sitemap.xml"),
        Source(id="list", kind="urls", urls=listed, allow_hosts=(server,)),
    ]

    def backfill(day: date, state) -> set[tuple[str, str, date | None]]:
        found, _ = discover(sources, day=day, state_dir=state, fetcher=fetcher(), backfill=True)
        return {(d.source_id, d.url.rsplit("/", 1)[1], d.published) for d in found}

    days = [date(2020, 6, 4), DAY]
    forward = [backfill(day, tmp_path / "fwd") for day in days]
    backward = [backfill(day, tmp_path / "bwd") for day in reversed(days)][::-1]
    assert forward == backward
    assert forward[0] == {("maps", "ars-1", days[0]), ("list", "ars-1", days[0])}
    assert "undated-1" not in {url for taken in forward for _, url, _ in taken}
    next_day = date(2020, 6, 6)
    daily, _ = discover(sources, day=next_day, state_dir=tmp_path / "fwd", fetcher=fetcher())
    assert [(d.source_id, d.url.rsplit("/", 1)[1]) for d in daily] == [("list", "undated-1")]


def test_unchanged_feed_reuses_remembered_entries(tmp_path, server, hits):
    sources = [src(server, "etag", "feed", "/etag")]
    state = tmp_path / "state"
    first, _ = discover(sources, day=DAY, state_dir=state, fetcher=fetcher_with_state(state))
    again, fails = discover(sources, day=DAY, state_dir=state, fetcher=fetcher_with_state(state))
    assert len(first) == 1 and [d.url for d in again] == [d.url for d in first] and not fails


def fetcher_with_state(state) -> Fetcher:
    return Fetcher(user_agent="SitrepTest/1.0", default_delay=0, state_dir=state)


def test_malformed_feed_is_a_recorded_failure(tmp_path, server):
    found, failures = discover(
        [src(server, "bad", "feed", "/feed-bad.xml")], day=DAY, state_dir=tmp_path,
        fetcher=fetcher(),
    )  # fmt: skip
    assert found == []
    assert len(failures) == 1
    row = failures[0]
    assert row.outcome == "failed" and "malformed feed XML" in row.reason
    assert row.source_id == "bad" and row.url.endswith("/feed-bad.xml")


def test_a_feed_cut_off_part_way_gives_its_entries_and_a_recorded_failure(tmp_path):
    items = "".join(
        f"<item><title>{n}</title><link>https://news.example/{n}</link>"
        "<pubDate>Fri, 05 Jun 2020 08:00:00 GMT</pubDate></item>"
        for n in ("one", "two")
    )
    feed = tmp_path / "cut.xml"
    whole = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}'
    feed.write_text(whole + "<item><title>three</title><link>https://news.exa")  # cut off
    source = Source(id="cut", kind="feed", path=str(feed))
    found, failures = discover([source], day=DAY, state_dir=tmp_path / "state", fetcher=fetcher())
    assert [d.url for d in found] == ["https://news.example/one", "https://news.example/two"]
    (row,) = failures
    assert row.outcome == "failed" and row.source_id == "cut"
    assert "malformed feed XML after 2 entries (they are used)" in row.reason


def test_unreachable_and_refused_feeds_are_recorded(tmp_path, server):
    sources = [
        Source(id="meta", kind="feed", url="http://169.254.169.254/feed"),
        src(server, "gone", "feed", "/no-such-feed.xml"),
    ]
    found, failures = discover(sources, day=DAY, state_dir=tmp_path, fetcher=fetcher())
    assert found == []
    outcomes = {f.source_id: (f.outcome, f.reason) for f in failures}
    assert outcomes["meta"][0] == "refused" and "link-local" in outcomes["meta"][1]
    assert outcomes["gone"][0] == "failed" and "HTTP 404" in outcomes["gone"][1]


def test_feed_linking_to_a_private_address_is_refused_at_fetch(tmp_path, server):
    source = src(server, "feed", "feed", "/feed-private.xml")
    found, _ = discover([source], day=DAY, state_dir=tmp_path, fetcher=fetcher())
    results = {d.url: fetcher().fetch(d.url, policy=source.fetch_policy) for d in found}
    meta = results["http://169.254.169.254/latest/meta-data/"]
    assert meta.outcome == "refused" and "link-local" in meta.reason
    assert results[f"{server}/page/bbc-1"].outcome == "fetched"


def test_folder_of_saved_pages(tmp_path, fixtures):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "a.txt").write_bytes(
        (fixtures / "southfront-deir-ezzor-reinforcements.txt").read_bytes()
    )
    (folder / "image.png").write_bytes(b"\x89PNG")
    source = Source(id="saved", kind="folder", path=str(folder))
    found, failures = discover([source], day=DAY, state_dir=tmp_path / "s", fetcher=fetcher())
    assert [d.url.rsplit("/", 1)[1] for d in found] == ["a.txt"] and not failures
    result = fetcher().fetch(found[0].url, policy=source.fetch_policy)
    assert result.outcome == "fetched" and result.content_type == "text/plain"
    outside = fetcher().fetch((tmp_path / "s").as_uri(), policy=source.fetch_policy)
    assert outside.outcome == "refused"


def test_gzipped_sitemap_file(tmp_path, server):
    found, failures = discover(
        [src(server, "gz", "sitemap", "/sitemap.xml.gz")], day=DAY, state_dir=tmp_path,
        fetcher=fetcher(),
    )  # fmt: skip
    assert not failures
    assert [d.url.rsplit("/", 1)[1] for d in found] == ["cnn"]


def test_state_forgets_old_urls_no_longer_listed(tmp_path, server):
    from sitrep.sources.state import SourceState

    sources = [src(server, "feed", "feed", "/feed.xml")]
    state = SourceState(tmp_path, "feed")
    state.mark("https://gone.example/old-story", date(2019, 1, 1))
    state.mark("https://gone.example/recent-story", date(2020, 5, 1))
    state.save()
    discover(sources, day=DAY, state_dir=tmp_path, fetcher=fetcher())
    seen = SourceState(tmp_path, "feed").seen
    assert "https://gone.example/old-story" not in seen
    assert "https://gone.example/recent-story" in seen
    assert len(seen) == 4  # the 3 listed items and the recent one
