"""The docs a newcomer reads are kept by hand and true: one text per shared column, no YAML
anchors, no paths outside the repository."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
MODELS = REPO / "dbt_project" / "models"


def _model_yaml() -> dict[Path, str]:
    return {p: p.read_text() for p in sorted(MODELS.rglob("*.yml"))}


def test_dbt_yaml_has_no_anchors_or_aliases():
    assert [p.name for p, text in _model_yaml().items() if re.search(r"[&*]id\d+", text)] == []


def test_every_doc_reference_has_one_block_and_every_block_is_used():
    blocks = Counter(
        re.findall(r"\{% docs (\w+) %\}", "".join(p.read_text() for p in MODELS.rglob("*.md")))
    )
    assert [name for name, n in blocks.items() if n > 1] == []
    used = set()
    for text in _model_yaml().values():
        used |= set(re.findall(r"doc\(\"(\w+)\"\)", text))
    assert used - set(blocks) == set()
    assert set(blocks) - used == set()


def test_no_column_description_is_written_out_twice():
    written = Counter()
    for text in _model_yaml().values():
        for model in (yaml.safe_load(text) or {}).get("models") or []:
            for column in model.get("columns") or []:
                description = " ".join(str(column.get("description", "")).split())
                if description and "doc(" not in description:
                    written[(column["name"], description)] += 1
    assert [key for key, n in written.items() if n > 1] == []


def test_no_doc_points_outside_the_repository():
    places = [REPO / "README.md", *(REPO / "docs").glob("*.md"), *MODELS.rglob("*.yml")]
    places += [*(REPO / "dbt_project" / "macros").glob("*.sql")]
    assert [p.name for p in places if "/work/" in p.read_text()] == []
