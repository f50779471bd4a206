"""The sources file: a user edits YAML; every mistake is reported with its line and field."""

from __future__ import annotations

import os
import subprocess
import sys
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
    assert wire.allow_hosts == ()


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


def test_private_origins_are_named_exactly_per_source(tmp_path):
    path = write(
        tmp_path,
        """sources:
  - id: local
    kind: urls
    url: http://127.0.0.1:8765/urls.txt
    allow_hosts: [http://127.0.0.1:8765, "HTTP://Intranet.Example:80/", "https://[::1]"]
""",
    )
    (source,) = load_sources(path)
    assert source.allow_hosts == (
        "http://127.0.0.1:8765",
        "http://intranet.example:80",
        "https://[::1]:443",
    )


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("allow_private: true", "allow_private: removed"),
        ("allow_hosts: [http://127.0.0.1:8765/feed.xml]", "scheme://host[:port] only"),
        ("allow_hosts: [127.0.0.1]", "not an http(s) origin"),
        ("allow_hosts: [http://169.254.169.254]", "link-local address 169.254.169.254 is never"),
        ("allow_hosts: [http://0.0.0.0:8765]", "this-network address 0.0.0.0 is never"),
        ("allow_hosts: true", "a list of origins"),
    ],
)
def test_blanket_or_malformed_allowances_are_refused(tmp_path, entry, expected):
    path = write(
        tmp_path,
        f"sources:\n  - id: s\n    kind: feed\n    url: https://example.com/f\n    {entry}\n",
    )
    with pytest.raises(SourcesFileError, match=r":5: (allow_private|allow_hosts): ") as err:
        load_sources(path)
    assert expected in str(err.value)


@pytest.mark.parametrize("key", ["allow_hosts: [http://127.0.0.1:8765]", "allow_private: true"])
def test_defaults_cannot_grant_private_access(tmp_path, key):
    path = write(
        tmp_path,
        f"defaults:\n  {key}\nsources:\n  - {{id: s, kind: feed, url: https://example.com/f}}\n",
    )
    with pytest.raises(SourcesFileError, match=r":2: defaults: allow_"):
        load_sources(path)


def test_urls_that_can_never_be_fetched_are_reported_with_their_line(tmp_path):
    path = write(
        tmp_path,
        """sources:
  - id: picks
    kind: urls
    urls:
      - https://example.com/fine
      - http://169.254.169.254/latest/meta-data/
      - http://10.0.0.1/admin
      - http://[fd00::1]:80/
      - http://user:secret@example.com/a
  - id: meta
    kind: feed
    url: http://2852039166/feed
  - id: local
    kind: urls
    urls: [http://127.0.0.1:9000/a, http://127.0.0.1:9001/b]
    allow_hosts: [http://127.0.0.1:9000]
""",
    )
    with pytest.raises(SourcesFileError) as err:
        load_sources(path)
    message = str(err.value)
    assert "169.254.169.254/latest/meta-data/: link-local address" in message
    assert "http://10.0.0.1/admin is a private address" in message
    assert "http://[fd00::1]:80/ is a private address" in message
    assert "credentials in the URL" in message
    assert "http://2852039166/feed: link-local address 169.254.169.254" in message
    assert "http://127.0.0.1:9001/b is a loopback address" in message
    assert "127.0.0.1:9000/a" not in message  # the named origin
    assert "example.com/fine" not in message


def _sitrep(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "sitrep"
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, **(env or {})},
    )


BROKEN = """defaults:
  allow_private: true
sources:
  - id: wire
    kind: feed
    url: https://example.com/rss
  - id: picks
    kind: urls
    urls: [https://example.com/a, http://169.254.169.254/latest/meta-data/]
"""


def test_run_with_a_bad_sources_file_says_what_is_wrong_without_a_traceback(tmp_path):
    from sitrep.config import env_for_root

    path = write(tmp_path, BROKEN)
    env = {**env_for_root(tmp_path / "root"), "SITREP_SOURCES": str(path)}
    proc = _sitrep("run", "--date", "2020-06-05", env=env)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{path}:2: defaults: allow_private: removed" in proc.stderr
    assert f"{path}:9: urls: http://169.254.169.254/latest/meta-data/: link-local" in proc.stderr
    assert not (tmp_path / "root" / "raw").exists()  # nothing was started


def test_sources_check_covers_inline_urls_and_names_the_allowed_origins(tmp_path):
    proc = _sitrep("sources", "check", str(write(tmp_path, BROKEN)))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert ":9: urls: http://169.254.169.254/latest/meta-data/: link-local" in proc.stderr
    good = write(
        tmp_path,
        "sources:\n  - id: local\n    kind: urls\n    urls: [http://127.0.0.1:9/a]\n"
        "    allow_hosts: [http://127.0.0.1:9]\n",
    )
    proc = _sitrep("sources", "check", str(good))
    assert proc.returncode == 0, proc.stderr
    assert "may reach the private origin http://127.0.0.1:9" in proc.stdout
