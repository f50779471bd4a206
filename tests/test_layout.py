"""The house's import arrows: configuration comes in from the edge, stages import forwards only."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sitrep"
STAGES = ("sources", "fetch", "article", "nlp", "geo", "actors", "lake", "warehouse", "quality")
STAGES += ("publish", "report")
# a stage module's command line (an edge of its own) may read the settings
EDGES = {"lake/__main__.py", "geo/devsets.py", "geo/train_ranker.py"}


def _modules(stage: str) -> list[Path]:
    return sorted((PACKAGE / stage).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def test_no_stage_reads_the_settings_itself():
    readers = [
        str(path.relative_to(PACKAGE))
        for stage in STAGES
        for path in _modules(stage)
        if str(path.relative_to(PACKAGE)) not in EDGES
        and "sitrep.config.load_settings" in _imports(path)
    ]
    assert readers == []


def test_fetch_does_not_know_the_sources_file():
    knowing = [
        str(p.relative_to(PACKAGE))
        for p in _modules("fetch")
        if any(i == "sitrep.sources" or i.startswith("sitrep.sources.") for i in _imports(p))
    ]
    assert knowing == []
