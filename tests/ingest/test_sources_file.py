"""The sources file: a user edits YAML; every mistake is reported with its line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.sources import SourcesFileError, load_sources


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text)
    return path


def test_valid_file_with_defaults_and_env(tmp_path, monkeypatch):
    (tmp_path / "saved").mkdir()
    monkeypatch.setenv("NEWS_HOST", "news.example.org")
    path = write(
        tmp_path,
        """
defaults:
  language: en
  rate_limit: 0.5
sources:
  - id: wire
    kind: feed
    url: https://${NEWS_HOST}/rss
    tags: [world, wire]
  - id: sitemap
    kind: sitemap
    url: ${SITEMAP_URL:-https://example.com/news-sitemap.xml}
    rate_limit: 2
  - id: saved
    kind: folder
    path: saved
  - {id: picks, kind: urls, urls: [https://example.com/a, https://example.com/b]}
  - {id: off, kind: feed, url: https://example.com/off, enabled: false}
""",
    )
    sources = load_sources(path)
    assert [s.id for s in sources] == ["wire", "sitemap", "saved", "picks"]
    wire, sitemap, saved, picks = sources
    assert wire.url == "https://news.example.org/rss" and wire.tags == ("world", "wire")
    assert wire.language == "en" and wire.rate_limit == 0.5
    assert sitemap.url == "https://example.com/news-sitemap.xml" and sitemap.rate_limit == 2
    assert saved.path == str((tmp_path / "saved").resolve())
    assert picks.urls == ("https://example.com/a", "https://example.com/b")
    assert not wire.allow_private


def test_every_problem_is_listed_with_its_line(tmp_path):
    path = write(
        tmp_path,
        """sources:
  - id: a
    kind: rss
    url: https://example.com/feed
  - id: b
    kind: feed
    url: not-a-url
    rate_limit: -1
  - id: a
    kind: feed
    url: https://example.com/other
    colour: blue
  - id: c
    kind: folder
    path: missing-folder
  - id: d
    kind: feed
    url: ${UNSET_SITREP_TEST_VAR}
""",
    )
    with pytest.raises(SourcesFileError) as err:
        load_sources(path)
    message = str(err.value)
    assert f"{path}:3: kind: must be one of" in message
    assert f"{path}:7: url: must be an http(s) URL" in message
    assert f"{path}:8: rate_limit" in message
    assert f"{path}:12: unknown field 'colour'" in message
    assert f"{path}:15: path: folder not found" in message
    assert f"{path}:18: url: environment variable ${{UNSET_SITREP_TEST_VAR}} is not set" in message


def test_duplicate_ids_are_reported(tmp_path):
    path = write(
        tmp_path,
        "sources:\n  - {id: x, kind: feed, url: https://a.org/f}\n"
        "  - {id: x, kind: feed, url: https://b.org/f}\n",
    )
    with pytest.raises(SourcesFileError, match=r":3: id: 'x' already used on line 2"):
        load_sources(path)


def test_broken_yaml_names_the_line(tmp_path):
    path = write(tmp_path, "sources:\n  - id: x\n    kind: [feed\n")
    with pytest.raises(SourcesFileError, match="not valid YAML"):
        load_sources(path)
