"""The codes have one home, ``sitrep.ontology``: the data files that repeat them agree with it."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, get_args

import yaml

from sitrep import contract, ontology
from sitrep.quality import catalog
from sitrep.report.charts import TYPE_COLORS

DBT = Path(__file__).resolve().parents[1] / "dbt_project"

# the columns whose dbt accepted values are an ontology list
ONTOLOGY_COLUMNS = {
    "event_type": set(ontology.PLOVER_TYPES),
    "acled_event_type": set(ontology.ACLED_EVENT_TYPES),
    "date_precision": set(ontology.DATE_PRECISIONS),
    "geo_precision": set(ontology.GEO_PRECISIONS),
    "modality": set(ontology.MODALITIES),
}


def _accepted_values() -> list[tuple[str, str, set[Any]]]:
    found = []
    for path in sorted([*DBT.glob("models/**/*.yml"), *DBT.glob("seeds/*.yml")]):
        data = yaml.safe_load(path.read_text()) or {}
        for node in (data.get("models") or []) + (data.get("seeds") or []):
            for column in node.get("columns", []):
                for test in column.get("data_tests") or []:
                    if isinstance(test, dict) and "accepted_values" in test:
                        spec = test["accepted_values"]
                        values = (spec.get("arguments") or spec)["values"]
                        found.append((node["name"], column["name"], set(values)))
    return found


def test_dbt_accepted_values_are_the_ontology_lists():
    checked = 0
    for model, column, values in _accepted_values():
        if column in ONTOLOGY_COLUMNS:
            checked += 1
            assert values <= ONTOLOGY_COLUMNS[column], (model, column)
            if column != "modality":  # fct_events keeps asserted events only
                assert values == ONTOLOGY_COLUMNS[column], (model, column)
    assert checked >= 8


def test_crosswalk_seed_speaks_the_ontology():
    with (DBT / "seeds" / "plover_crosswalk.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        assert row["event_type"] in ontology.PLOVER_TYPES, row
        if row["event_mode"]:
            assert row["event_mode"] in ontology.PLOVER_MODES[row["event_type"]], row
        if row["acled_sub_event_type"]:
            assert ontology.ACLED_EVENT_OF[row["acled_sub_event_type"]] == row["acled_event_type"]
        elif row["acled_event_type"]:
            assert row["acled_event_type"] in ontology.ACLED_EVENT_TYPES, row
    assert {r["event_type"] for r in rows} == set(ontology.PLOVER_TYPES)


def test_clustering_folds_ontology_types_only():
    project = yaml.safe_load((DBT / "dbt_project.yml").read_text())
    families = project["vars"]["cluster_event_families"] or {}
    assert set(families) | set(families.values()) <= set(ontology.PLOVER_TYPES)


def test_gate_contract_and_report_take_their_codes_from_the_ontology():
    assert list(ontology.PLOVER_TYPES) == catalog.PLOVER_TYPES
    assert list(ontology.ACLED_EVENT_TYPES) == catalog.ACLED_TYPES
    assert set(TYPE_COLORS) == set(ontology.PLOVER_TYPES)
    assert get_args(contract.Modality) == ontology.MODALITIES
    assert get_args(contract.DatePrecision) == ontology.DATE_PRECISIONS


def test_the_shipped_event_model_knows_only_ontology_labels():
    from sitrep.nlp.event_model import NONE, load_default

    model = load_default()
    assert model is not None
    assert set(model.classes) <= set(ontology.ACLED_SUB_EVENT_TYPES) | {NONE}


def test_no_retired_type_is_left_in_the_dbt_project():
    texts = [p.read_text() for p in DBT.glob("models/**/*") if p.is_file()]
    texts += [p.read_text() for p in DBT.glob("macros/*.sql")]
    texts.append((DBT / "dbt_project.yml").read_text())
    assert not [t for t in texts if "FIGHT" in t]
