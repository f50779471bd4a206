"""The evaluation harness scores real extractions and writes its report."""

from __future__ import annotations

import json
import shutil

from sitrep.distance import haversine_km
from sitrep.evaluation import main
from sitrep.evaluation.metrics import FieldScore


def test_field_score_arithmetic():
    s = FieldScore(tp=3, fp=1, fn=2)
    assert (round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)) == (0.75, 0.6, 0.667)
    assert FieldScore().f1 is None


def test_haversine_al_mayadin_to_abu_kamal():
    km = haversine_km((35.01982, 40.45154), (34.45226, 40.91854))
    assert 70 < km < 80


def test_main_writes_report_for_seed_and_project_pages(tmp_path, shared):
    fake_shared = tmp_path / "shared"
    (fake_shared / "gold").mkdir(parents=True)
    (fake_shared / "seed").mkdir()
    shutil.copy(shared / "gold" / "seed.json", fake_shared / "gold" / "seed.json")
    shutil.copy(shared / "seed" / "southfront-deir-ezzor-reinforcements.txt", fake_shared / "seed")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(
        "Rebels attacked the town of Goma on Tuesday, killing 5 soldiers, officials said.\n",
        encoding="utf-8",
    )
    gold = {
        "input": "a.txt",
        "published": "2024-03-15",
        "events_required": [
            {
                "what": "rebel attack on Goma",
                "event_type": "ASSAULT",
                "fatalities_best": 5,
                "date_start": "2024-03-12",
                "date_precision": "day",
            },
            {"what": "an event the text does not have", "event_type": "PROTEST"},
        ],
    }
    (pages / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    out = tmp_path / "report.md"
    # the event-resolution set is exercised in test_clusters.py (it builds the warehouse)
    args = ["--shared", str(fake_shared), "--pages", str(pages), "--out", str(out)]
    code = main([*args, "--clusters", str(tmp_path / "no-cluster-gold")])
    report = out.read_text(encoding="utf-8")
    assert code == 0  # the reference page's musts hold
    assert "required events right: **3/3**" in report
    assert "## a.json" in report and "required events right: **1/2**" in report
    assert "plover_gsr.json" in report  # listed under "Not evaluated"
