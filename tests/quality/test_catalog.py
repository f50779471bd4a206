"""The committed GX file context is what the catalog generates, and every check has a severity."""

from __future__ import annotations

import filecmp
from pathlib import Path

from sitrep.quality.catalog import SUITES, load_suite_specs, suite_dir, write_suites

REPO = Path(__file__).resolve().parents[2]
EXPECTATIONS = REPO / "expectations"


def test_committed_suites_match_the_catalog(tmp_path):
    write_suites(tmp_path)
    fresh, committed = suite_dir(tmp_path), suite_dir(EXPECTATIONS)
    names = sorted(p.name for p in fresh.glob("*.json"))
    assert names == sorted(p.name for p in committed.glob("*.json"))
    _, mismatch, errors = filecmp.cmpfiles(fresh, committed, names, shallow=False)
    assert not mismatch and not errors, (
        f"suites changed in catalog.py but not regenerated: {mismatch}; run"
        " `.venv/bin/python -m sitrep.quality.catalog expectations`"
    )


def test_every_expectation_is_critical_or_warning_and_every_suite_says_what_it_reads():
    specs = load_suite_specs(EXPECTATIONS)
    assert {s["name"] for s in specs} == {s["name"] for s in SUITES}
    marts = {"fct_events", "fct_event_mentions", "dim_actors", "dim_locations", "dim_articles"}
    marts |= {"fct_actor_mentions", "fct_location_mentions", "agg_checks"}
    raw = {f"raw_{t}" for t in ("fetch_outcomes", "articles", "comments", "mentions", "events")}
    assert marts | raw <= {s["name"] for s in specs}
    for spec in specs:
        assert spec["meta"]["sitrep"]["query"], spec["name"]
        for exp in spec["expectations"]:
            assert exp["severity"] in {"critical", "warning"}, (spec["name"], exp["type"])
            assert exp["meta"]["severity"] == exp["severity"]
