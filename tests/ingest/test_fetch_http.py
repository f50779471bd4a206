"""The fetcher against a real HTTP server on loopback: every misbehaviour has its outcome."""

from __future__ import annotations

import sys
import time

import pytest
import requests

from sitrep.article import parse_article
from sitrep.fetch import Fetcher
from sitrep.sources import Source

_CONNECTS: list[object] = []


def _audit(event: str, args: tuple) -> None:
    if event == "socket.connect":
        _CONNECTS.append(args[1])


sys.addaudithook(_audit)  # records every socket connection this process makes


def make_fetcher(tmp_path=None, **kw) -> Fetcher:
    opts = {
        "user_agent": "SitrepTest/1.0",
        "timeout": (2, 2),
        "total_timeout": 3,
        "default_delay": 0,
        "backoff_base": 0.01,
        "max_retries": 2,
        "state_dir": tmp_path,
    }
    opts.update(kw)
    return Fetcher(**opts)


@pytest.fixture(scope="module")
def fetcher() -> Fetcher:
    return make_fetcher()


@pytest.fixture(scope="module")
def local(server) -> Source:
    """The test site's own origin, named as the one private origin its source may reach."""
    return Source(id="local", kind="urls", allow_hosts=(server,))


def test_real_page_is_fetched_and_parses(fetcher, server, local):
    result = fetcher.fetch(f"{server}/page/bbc-1", policy=local.fetch_policy)
    assert result.outcome == "fetched", result.reason
    assert result.http_status == 200 and result.attempts == 1
    page = parse_article(result.body, url=result.final_url, content_type=result.content_type,
                         encoding=result.encoding)  # fmt: skip
    assert page.is_article and "Obama" in page.title


def test_loopback_is_refused_without_allowance(fetcher, server):
    result = fetcher.fetch(f"{server}/page/bbc-1")
    assert result.outcome == "refused"
    assert "loopback" in result.reason


def test_metadata_address_is_refused_without_connecting(fetcher):
    before = len(_CONNECTS)
    result = fetcher.fetch("http://169.254.169.254/latest/meta-data/")
    assert result.outcome == "refused" and "link-local" in result.reason
    assert len(_CONNECTS) == before  # not even a robots.txt request


def test_redirect_to_private_address_is_refused_at_the_hop(server, local):
    # loopback is allowed for this source; link-local (cloud metadata) never is
    fetcher = make_fetcher()
    before = len(_CONNECTS)
    result = fetcher.fetch(f"{server}/redirect-private", policy=local.fetch_policy)
    assert result.outcome == "refused"
    assert "link-local address 169.254.169.254" in result.reason
    assert not any("169.254" in str(addr) for addr in _CONNECTS[before:])


def test_redirect_is_followed(fetcher, server, local):
    result = fetcher.fetch(f"{server}/redirect-ok", policy=local.fetch_policy)
    assert result.outcome == "fetched"
    assert result.final_url.endswith("/page/bbc-1")


def test_redirect_loop_fails(fetcher, server, local):
    result = fetcher.fetch(f"{server}/loop-a", policy=local.fetch_policy)
    assert result.outcome == "failed" and "redirect loop" in result.reason


def test_500_then_success_is_retried(fetcher, server, local):
    result = fetcher.fetch(f"{server}/flaky", policy=local.fetch_policy)
    assert result.outcome == "fetched" and result.attempts == 2


def test_persistent_5xx_fails_after_all_tries(fetcher, server, local):
    result = fetcher.fetch(f"{server}/always-500", policy=local.fetch_policy)
    assert result.outcome == "failed" and result.attempts == 3
    assert "HTTP 503" in result.reason and "3 tries" in result.reason


def test_429_waits_for_retry_after(fetcher, server, local):
    started = time.monotonic()
    result = fetcher.fetch(f"{server}/ratelimited", policy=local.fetch_policy)
    assert result.outcome == "fetched" and result.attempts == 2
    assert time.monotonic() - started >= 1.0  # Retry-After: 1


def test_retry_after_beyond_our_patience_fails_fast(server, local):
    fetcher = make_fetcher(max_retry_wait=5)
    started = time.monotonic()
    result = fetcher.fetch(f"{server}/ratelimited-long", policy=local.fetch_policy)
    assert result.outcome == "failed" and "Retry-After" in result.reason
    assert time.monotonic() - started < 3


def test_slow_drip_is_cut_by_the_budget_and_not_tried_again(server, local):
    fetcher = make_fetcher(total_timeout=0.5, max_retries=3)
    result = fetcher.fetch(f"{server}/slow", policy=local.fetch_policy)
    assert result.outcome == "failed" and "slow transfer" in result.reason
    assert result.attempts == 1  # another try would only spend the budget again


def test_gzip_bomb_is_stopped_by_the_size_cap(fetcher, server, local):
    result = fetcher.fetch(f"{server}/bomb", policy=local.fetch_policy)
    assert result.outcome == "refused" and "too large" in result.reason
    assert "decompression" in result.reason


def test_50mb_page_is_stopped_while_streaming(fetcher, server, local):
    started = time.monotonic()
    result = fetcher.fetch(f"{server}/huge", policy=local.fetch_policy)
    assert result.outcome == "refused" and "too large" in result.reason
    assert time.monotonic() - started < 10


def test_declared_50mb_page_is_refused_before_reading(fetcher, server, local):
    result = fetcher.fetch(f"{server}/huge-declared", policy=local.fetch_policy)
    assert result.outcome == "refused" and "Content-Length" in result.reason


@pytest.mark.parametrize("path", ["/binary", "/binary-as-html"])
def test_binary_content_is_refused(fetcher, server, path, local):
    result = fetcher.fetch(f"{server}{path}", policy=local.fetch_policy)
    assert result.outcome == "refused"
    assert result.body is None


@pytest.mark.parametrize("path", ["/wrong-charset", "/wrong-charset-utf8"])
def test_wrong_declared_charset_still_decodes(fetcher, server, path, local):
    result = fetcher.fetch(f"{server}{path}", policy=local.fetch_policy)
    assert result.outcome == "fetched"
    text = result.body.decode(result.encoding)
    assert "Le café à Genève coûte cher" in text


def test_empty_200_fails_with_reason(fetcher, server, local):
    result = fetcher.fetch(f"{server}/empty", policy=local.fetch_policy)
    assert result.outcome == "failed" and "empty body" in result.reason


def test_robots_disallow_is_refused(fetcher, server, hits, local):
    before = hits["/private/secret"]
    result = fetcher.fetch(f"{server}/private/secret", policy=local.fetch_policy)
    assert result.outcome == "refused" and "robots.txt" in result.reason
    assert hits["/private/secret"] == before


def test_conditional_get_answers_unchanged(tmp_path, server, local):
    fetcher = make_fetcher(tmp_path)
    first = fetcher.fetch(f"{server}/etag", policy=local.fetch_policy, conditional=True)
    again = make_fetcher(tmp_path).fetch(
        f"{server}/etag", policy=local.fetch_policy, conditional=True
    )
    assert first.outcome == "fetched" and first.etag == '"v1"'
    assert again.outcome == "unchanged" and again.body is None


def test_article_fetches_do_not_store_validators(tmp_path, server, local):
    # article pages are never fetched conditionally: a write per article would buy nothing
    make_fetcher(tmp_path).fetch(f"{server}/etag", policy=local.fetch_policy)
    later = make_fetcher(tmp_path).fetch(
        f"{server}/etag", policy=local.fetch_policy, conditional=True
    )
    assert later.outcome == "fetched" and later.body


def test_per_host_delay_spaces_requests(server, local):
    fetcher = make_fetcher(default_delay=0.3)
    started = time.monotonic()
    for _ in range(3):
        assert fetcher.fetch(f"{server}/page/cnn", policy=local.fetch_policy).outcome == "fetched"
    assert time.monotonic() - started >= 0.6  # robots.txt + 3 pages, 0.3 s apart


def test_non_http_scheme_is_refused(fetcher):
    assert fetcher.fetch("ftp://example.org/file").outcome == "refused"
    assert fetcher.fetch("file:///etc/passwd").outcome == "refused"


def test_connected_address_is_checked_again_dns_rebinding(server):
    # the name check passed earlier; a connection that lands on a private address is refused
    # at connect time, before the request is sent
    from sitrep.fetch.pinned import public_only_session

    with pytest.raises(requests.exceptions.ConnectionError, match="address guard"):
        public_only_session().get(f"{server}/page/bbc-1", timeout=2)


def test_delay_holds_across_fetchers_sharing_a_state_folder(tmp_path, server, local):
    # two workers (as two Airflow tasks would be) fetching from one host keep its delay
    import threading

    starts: list[float] = []

    def worker() -> None:
        fetcher = make_fetcher(tmp_path, default_delay=0.3, obey_robots=False)
        for _ in range(2):
            assert (
                fetcher.fetch(f"{server}/page/cnn", policy=local.fetch_policy).outcome == "fetched"
            )
            starts.append(time.monotonic())

    threads = [threading.Thread(target=worker) for _ in range(2)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(starts) == 4
    assert max(starts) - began >= 0.9  # four requests, 0.3 s apart, whoever sends them


def test_fetch_many_keeps_input_order(server, local):
    paths = ["/page/cnn", "/empty", "/page/bbc-1", "/binary"]
    results = make_fetcher().fetch_many(
        [(f"{server}{p}", local.fetch_policy) for p in paths], workers=3
    )
    assert [r.url for r in results] == [f"{server}{p}" for p in paths]
    assert [r.outcome for r in results] == ["fetched", "failed", "fetched", "refused"]


def test_robots_txt_is_read_once_for_all_threads_and_fetchers_of_a_state(tmp_path, server, hits):
    # a day's batch tasks are separate fetchers sharing the state folder; each has threads
    before = hits["/robots.txt"]
    source = Source(id="local", kind="urls", allow_hosts=(server,))
    pages = [
        (f"{server}/page/{name}", source.fetch_policy)
        for name in ("bbc-1", "cnn", "ars-1", "wapo-1")
    ]
    for _ in range(2):
        results = make_fetcher(tmp_path).fetch_many(pages, workers=4)
        assert [r.outcome for r in results] == ["fetched"] * 4
    assert hits["/robots.txt"] - before == 1
