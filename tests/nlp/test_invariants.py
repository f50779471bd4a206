"""What every coded event must satisfy, whatever the text: the warehouse's tests rely on it."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def coded(extractor, shared):
    """Every PLOVER gold sentence, coded as one short article each."""
    records = [
        r for r in json.loads((shared / "gold" / "plover_gsr.json").read_text()) if r.get("text")
    ]
    texts = [(r["text"], r.get("date")) for r in records]
    return list(zip(texts, extractor.extract_many(texts), strict=True))


def test_fatality_counts_are_ordered(coded):
    for (text, _), (_, events) in coded:
        for ev in events:
            values = [
                v
                for v in (ev.fatalities_low, ev.fatalities_best, ev.fatalities_high)
                if v is not None
            ]
            assert values == sorted(values), (
                text,
                ev.fatalities_low,
                ev.fatalities_best,
                ev.fatalities_high,
            )
            assert all(v >= 0 for v in values), text


def test_dates_are_ordered_and_evidence_is_in_the_text(coded):
    for (text, _), (mentions, events) in coded:
        for ev in events:
            if ev.date_start and ev.date_end:
                assert ev.date_start <= ev.date_end, (text, ev.date_start, ev.date_end)
            assert text[ev.start : ev.end] == ev.sentence
            assert 0.0 <= ev.confidence <= 1.0
        for m in mentions:
            assert text[m.start : m.end] == m.text
