"""The reference page: its three required events come out right and nothing forbidden does."""

from __future__ import annotations

from sitrep.evaluation.seed_format import clean_page, load_gold, score_page


def test_reference_page_required_events(shared, extractor):
    gold = load_gold(shared / "gold" / "seed.json")
    page = shared / gold["input"]
    cleaned = clean_page(page, gold["published"])
    _, events = extractor.extract(cleaned.text, gold["published"])
    result = score_page(gold, "seed.json", cleaned, events, extractor.dictionary)
    failures = [(what, failed) for what, ok, failed in result.required if not ok]
    assert failures == []
    assert result.forbidden == []
    for what, verdict in result.flagged:
        assert verdict == "ok", what


def test_reference_page_mentions_have_offsets_into_text(shared, extractor):
    gold = load_gold(shared / "gold" / "seed.json")
    cleaned = clean_page(shared / gold["input"], gold["published"])
    mentions, events = extractor.extract(cleaned.text, gold["published"])
    assert any(m.kind == "location" and m.resolved for m in mentions)
    assert any(m.kind == "actor" and m.actor_id == "liwa_fatemiyoun" for m in mentions)
    for m in mentions:
        assert cleaned.text[m.start : m.end] == m.text
        assert m.sentence_start <= m.start < m.end <= m.sentence_end
    for e in events:
        assert cleaned.text[e.start : e.end] == e.sentence
