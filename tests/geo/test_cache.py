"""The gazetteer cache: built once, then read back whole by every later process."""

from __future__ import annotations

import shutil

from sitrep.config import load_settings
from sitrep.geo.gazetteer import _read, cache_path, load_cached


def test_cached_gazetteer_is_read_back(geo, tmp_path):
    # copy the session's cache rather than rebuild (a build takes about 40 s)
    shutil.copy(cache_path(load_settings().home / "data" / "cache"), cache_path(tmp_path))
    gaz = load_cached(tmp_path)
    assert any(gaz.place(m.index).geonames_id == 173480 for m in gaz.lookup("al-Mayadin"))


def test_unreadable_cache_is_a_miss_not_a_crash(tmp_path):
    path = cache_path(tmp_path)
    path.write_bytes(b"not a pickle")
    assert _read(path) is None
