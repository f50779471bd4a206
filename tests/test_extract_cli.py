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


# --------------------------------------------------------------------------- hostile input


def one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    """The command failed with a message, not a traceback, and wrote no document."""
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    return lines[-1]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("ls", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "binary content"),
        ("paper.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "binary"),
        ("data.txt", bytes(range(1, 32)) * 40, "binary content (control characters)"),
    ],
)
def test_binary_input_is_refused_as_the_fetcher_refuses_it(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    message = one_line_error(sitrep("extract", str(path)))
    assert f"{path}: not a text document: {reason}" in message


@pytest.mark.parametrize("which", ["missing", "folder"])
def test_a_missing_file_or_a_folder_is_a_one_line_error(tmp_path, which):
    path = tmp_path / "nothing-here.html" if which == "missing" else tmp_path
    assert str(path) in one_line_error(sitrep("extract", str(path)))
    assert str(path) in one_line_error(sitrep("extract", "--jsonl", str(path)))


@pytest.mark.parametrize("value", ["2025-02-30", "not-a-date", "2025-2-3", "05/06/2020", ""])
def test_published_must_be_a_real_iso_date(tmp_path, value):
    page = tmp_path / "page.txt"
    page.write_text("Seven soldiers were killed near Mosul on Sunday.")
    proc = sitrep("extract", str(page), "--published", value)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "--published" in proc.stderr and repr(value) in proc.stderr


def test_a_document_over_the_size_cap_is_refused_with_the_cap(tmp_path):
    page = tmp_path / "book.txt"
    page.write_text("Seven soldiers were killed near Mosul on Sunday. " * 100)
    message = one_line_error(sitrep("extract", str(page), "--max-bytes", "1000"))
    assert "too large: more than 1000 bytes" in message


def test_bad_jsonl_lines_are_reported_by_line_and_every_good_line_is_coded(tmp_path):
    good = "Seven soldiers were killed in an attack on a checkpoint near Mosul on Sunday."
    lines = [
        json.dumps({"id": "first", "text": good, "published": "2021-03-02"}),
        json.dumps([1, 2, 3]),
        json.dumps({"id": "number-text", "text": 42}),
        json.dumps({"id": "bad-date", "text": good, "published": "2025-02-30"}),
        "{not json",
        "",
        json.dumps({"id": "huge", "text": "word " * 1000}),
        json.dumps({"id": "nul", "text": "abc\u0000def" * 10}),
        json.dumps({"id": 7, "html": f"<html><body><p>{good}</p></body></html>"}),
        json.dumps({"id": "last", "text": good, "published": None}),
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n")
    proc = sitrep("extract", "--jsonl", str(src), "--max-bytes", "2000")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    rejected = {d["line"]: d for d in out if d["status"] == "rejected"}
    assert sorted(rejected) == [2, 3, 4, 5, 7, 8]  # line 6 is blank: nothing to code
    assert "a JSON object is expected" in rejected[2]["status_reason"]
    assert (
        rejected[3]["id"] == "number-text"
        and "text must be a string" in rejected[3]["status_reason"]
    )
    assert "published: not a calendar date" in rejected[4]["status_reason"]
    assert "not JSON" in rejected[5]["status_reason"]
    assert "too large: more than 2000 bytes" in rejected[7]["status_reason"]
    assert "binary content" in rejected[8]["status_reason"]
    for line in rejected:
        assert f"{src}:{line}: " in proc.stderr
    # every good document is there, in input order, each a whole document
    # (an oversized line is not parsed, so its id is not known)
    assert [d["id"] for d in out] == ["first", None, "number-text", "bad-date", None, None,
                                      "nul", "7", "last"]  # fmt: skip
    coded = [d for d in out if d["status"] != "rejected"]
    assert [d["id"] for d in coded] == ["first", "7", "last"]
    for d in out:
        assert set(d) >= DOC_KEYS
    assert coded[0]["published"] == "2021-03-02"
