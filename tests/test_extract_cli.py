"""The public `sitrep extract` contract, exercised through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DOC_KEYS = {"title", "published", "language", "text", "comments", "mentions", "events"}
MENTION_KEYS = {
    "text",
    "start",
    "end",
    "kind",
    "actor_id",
    "geonames_id",
    "latitude",
    "longitude",
    "country_code",
}
EVENT_KEYS = {
    "event_type",
    "acled_event_type",
    "acled_sub_event_type",
    "actor1",
    "actor2",
    "location",
    "origin",
    "date_start",
    "date_end",
    "date_precision",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "source_original",
    "sentence",
    "start",
    "end",
    "modality",
    "confidence",
}
ACTOR_KEYS = {"name", "actor_id", "actor_type", "country_code"}
LOCATION_KEYS = {
    "name",
    "geonames_id",
    "latitude",
    "longitude",
    "admin1",
    "country_code",
    "geo_precision",
}


def sitrep(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "sitrep"
    return subprocess.run(
        [str(exe), *args], input=stdin, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.fixture(scope="module")
def seed_doc(shared) -> dict:
    page = shared / "seed" / "southfront-deir-ezzor-reinforcements.txt"
    proc = sitrep("extract", str(page), "--published", "2020-06-05")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def test_document_has_every_field_nulls_not_absent(seed_doc):
    assert set(seed_doc) >= DOC_KEYS
    assert seed_doc["published"] == "2020-06-05"
    assert seed_doc["language"] == "en"
    for m in seed_doc["mentions"]:
        assert set(m) >= MENTION_KEYS
        assert m["kind"] in {"actor", "location"}
        assert seed_doc["text"][m["start"] : m["end"]] == m["text"]
    assert seed_doc["events"], "the reference page has events"
    for ev in seed_doc["events"]:
        assert set(ev) >= EVENT_KEYS
        assert seed_doc["text"][ev["start"] : ev["end"]] == ev["sentence"]
        for role in ("actor1", "actor2"):
            if ev[role] is not None:
                assert set(ev[role]) >= ACTOR_KEYS
        for role in ("location", "origin"):
            if ev[role] is not None:
                assert set(ev[role]) >= LOCATION_KEYS
                code = ev[role]["country_code"]
                assert code is None or (len(code) == 3 and code.isupper())


def test_clean_text_and_comments(seed_doc, shared):
    gold = json.loads((shared / "gold" / "seed.json").read_text())
    for snippet in gold["text_must_include"]:
        assert snippet in seed_doc["text"]
    for snippet in gold["text_must_exclude"]:
        assert snippet not in seed_doc["text"], snippet
    comments = " ".join(seed_doc["comments"])
    for snippet in gold["comments_must_include"]:
        assert snippet in comments


def test_no_event_from_reader_comments(seed_doc):
    for ev in seed_doc["events"]:
        for word in ("Hezbollah", "Nouri al-Maliki", "infected", "Turkey"):
            assert word not in ev["sentence"]


def test_jsonl_keeps_ids_and_order(tmp_path):
    lines = [
        {"id": "a1", "text": "Protesters gathered in Basra on Monday.", "published": "2021-03-02"},
        {"id": 7, "html": "<html><body><p></p></body></html>", "published": None, "url": None},
        {"id": "c3", "text": "", "published": "2021-03-02"},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    proc = sitrep("extract", "--jsonl", str(src))
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [d["id"] for d in out] == ["a1", "7", "c3"]
    for d in out:
        assert set(d) >= DOC_KEYS
    assert out[2]["events"] == [] and out[2]["status"] != "coded"


def test_stdin_plain_text():
    proc = sitrep(
        "extract",
        "-",
        "--published",
        "2021-03-02",
        stdin="Seven soldiers were killed in an attack on a checkpoint near Mosul on Sunday.",
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    doc = json.loads(proc.stdout)
    assert set(doc) >= DOC_KEYS
    assert "Mosul" in doc["text"]
