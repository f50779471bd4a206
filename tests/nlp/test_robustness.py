"""Bad input is an outcome, never a crash: empty, eventless, huge, malformed, odd numbers."""

from __future__ import annotations

import sitrep.nlp as nlp_stage


def test_empty_and_whitespace_text(extractor):
    assert extractor.extract("", "2024-01-01") == ([], [])
    assert extractor.extract("   \n\n ", None) == ([], [])


def test_text_without_events(code):
    assert code("The weather in Paris was mild and the museums were open.") == []


def test_malformed_unicode_keeps_offsets(extractor):
    text = "Gunmen killed 3 people in Kano.\ud800 Police arrested 2 suspects."
    mentions, events = extractor.extract(text, "2024-01-01")
    assert events
    for m in mentions:
        assert len(m.text) == m.end - m.start


def test_big_numbers_and_vague_quantities(code):
    ev = code("Clashes in Darfur killed 1,000 people.")[0]
    assert ev.fatalities_best == 1000
    ev = code("Thousands were killed in the offensive on Mariupol.")[0]
    assert ev.fatalities_best == 1000 and "thousands" in ev.fatalities_note


def test_long_text_is_chunked_with_offsets_preserved(extractor, monkeypatch):
    monkeypatch.setattr(nlp_stage, "CHUNK_CHARS", 400)
    para = "Police arrested 4 men in Lagos on Monday.\n\nThe weather was fine that day.\n\n"
    text = para * 12
    _mentions, events = extractor.extract(text, "2024-01-01")
    assert len([e for e in events if e.event_type == "COERCE"]) == 12
    for e in events:
        assert text[e.start : e.end] == e.sentence
    assert sorted({e.sentence_index for e in events}) == sorted(e.sentence_index for e in events)


def test_two_megabyte_text_splits_under_spacy_limit():
    text = ("A sentence about nothing in particular. " * 40 + "\n\n") * 1300
    assert len(text) > 2_000_000
    chunks = nlp_stage._chunks(text)
    assert all(len(c.text) <= nlp_stage.CHUNK_CHARS for c in chunks)
    assert "".join(c.text for c in chunks) == text
    assert all(text[c.offset : c.offset + len(c.text)] == c.text for c in chunks)


def test_extract_many_keeps_order(extractor):
    items = [
        ("Rebels attacked Goma.", "2024-01-01"),
        ("", None),
        ("Police arrested 3 in Lima.", None),
    ]
    results = list(extractor.extract_many(items, batch_size=2))
    assert len(results) == 3
    assert results[0][1][0].event_type == "ASSAULT"
    assert results[1] == ([], [])
    assert results[2][1][0].event_type == "COERCE"


def test_a_line_break_ends_a_sentence(extractor):
    """Headlines and datelines have no full stop: the parser must still not run them into the
    next line, however many newlines (or none) a text has."""
    text = "Rebels seize airport in Goma\nGOMA Jan 3 \n\n Rebels took the airport\non Monday"
    sentences = [s.text.strip() for s in extractor.nlp(text).sents]
    assert sentences[0] == "Rebels seize airport in Goma"
    assert all("\n" not in s for s in sentences)
    assert sentences[-1] == "on Monday"
    assert len(list(extractor.nlp("No break here, nor here.").sents)) == 1
    assert len(list(extractor.nlp("Trailing break\n").sents)) == 1
