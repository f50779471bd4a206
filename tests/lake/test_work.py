"""The day's run state: batch files that keep every extract slot busy, discovery remembered."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.lake.work import batch_sizes, read_batch, remember_discovered, write_batches
from sitrep.lake.zone import RawZone

DAY = date(2020, 6, 5)


@pytest.mark.parametrize(
    ("total", "cap", "sizes"),
    [
        (1000, 250, [250] * 4),
        (1100, 250, [184, 184, 183, 183, 183, 183]),  # six, not five: both slots busy to the end
        (3, 250, [2, 1]),  # a small day still uses both slots
        (1, 250, [1]),
        (0, 250, []),
    ],
)
def test_a_day_is_cut_into_even_batches_that_keep_every_extract_slot_busy(total, cap, sizes):
    assert batch_sizes(total, cap, slots=2) == sizes


def test_discovered_urls_are_written_once_each_in_their_batches(tmp_path):
    zone = RawZone.of(tmp_path / "raw")
    records = [{"url": f"https://example.org/{n}", "source_id": "s"} for n in range(7)]
    paths = write_batches(zone, DAY, records, batch_size=3, slots=2)
    batches = [read_batch(zone, path) for path in paths]
    assert [len(b) for b in batches] == [2, 2, 2, 1]
    assert [r["url"] for b in batches for r in b] == [r["url"] for r in records]


def test_a_rerun_of_the_day_sees_every_url_the_first_run_found(tmp_path):
    zone = RawZone.of(tmp_path / "raw")
    first = [
        {"url": "https://a.org/1", "source_id": "s"},
        {"url": "https://a.org/2", "source_id": "s"},
    ]
    remember_discovered(zone, DAY, first)
    again = remember_discovered(zone, DAY, [{"url": "https://a.org/3", "source_id": "s"}])
    assert [r["url"] for r in again] == ["https://a.org/1", "https://a.org/2", "https://a.org/3"]
