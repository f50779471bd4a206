"""What analysts run on day one works on the demo day's warehouse, in the clients they install.

Every SQL example in README.md and docs/bi.md returns rows, through DuckDB 2.0 (the pipeline's)
and through the ``duckdb`` CLI 1.5.6 from the package index (``pip install duckdb-cli``), which
only opens the file because it is published in an older storage version; docs/bi.md's Python
examples run as written.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from sitrep.publish import prepare_build, publish
from sitrep.publish.compat import STORAGE_VERSION, ensure_storage_version, storage_number

REPO = Path(__file__).resolve().parents[2]
DOCS = {"README.md": REPO / "README.md", "docs/bi.md": REPO / "docs" / "bi.md"}


def _blocks(path: Path, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", path.read_text(), re.S | re.M)


def _statements(sql: str) -> list[str]:
    """The statements of a block (comments dropped: the CLI and the Python API both take them)."""
    out = []
    for part in sql.split(";"):
        code = "\n".join(line for line in part.splitlines() if not line.strip().startswith("--"))
        if code.strip():
            out.append(code.strip())
    return out


EXAMPLES = [
    pytest.param(stmt, id=f"{name}#{n}")
    for name, path in DOCS.items()
    for n, stmt in enumerate(s for block in _blocks(path, "sql") for s in _statements(block))
]


def test_the_docs_have_examples_to_run():
    assert len(EXAMPLES) >= 5
    readme_first = _statements(_blocks(DOCS["README.md"], "sql")[0])[0]
    assert "ilike 'Deir%'" in readme_first  # the spelling analysts type


@pytest.mark.parametrize("statement", EXAMPLES)
def test_every_example_query_returns_rows(demo_warehouse, duckdb_cli, statement):
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        rows = con.execute(statement).fetchall()
    assert rows, f"no rows from:\n{statement}"
    cli = subprocess.run(
        [str(duckdb_cli), "-readonly", "-csv", str(demo_warehouse), "-c", statement],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert cli.returncode == 0, cli.stderr
    assert len(cli.stdout.strip().splitlines()) == len(rows) + 1  # header + the same rows


def test_the_published_file_opens_in_the_cli_from_the_package_index(demo_warehouse, duckdb_cli):
    version = subprocess.run(
        [str(duckdb_cli), "--version"], capture_output=True, text=True, timeout=60
    )
    assert version.stdout.startswith("v1.5"), version.stdout  # the newest on the index
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        tables = con.execute(
            "select table_name, estimated_size from duckdb_tables() where schema_name = 'marts'"
        ).fetchall()
        events = con.execute("select count(*) from marts.fct_events").fetchone()[0]
    out = subprocess.run(
        [
            str(duckdb_cli),
            "-readonly",
            "-csv",
            "-noheader",
            str(demo_warehouse),
            "-c",
            "select count(*) from marts.fct_events",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) == events > 0
    assert len(tables) > 10


def test_publish_writes_the_older_storage_version_once(tmp_path):
    warehouse = tmp_path / "warehouse" / "sitrep.duckdb"
    fresh = tmp_path / "fresh.duckdb"
    with duckdb.connect(str(fresh)) as con:  # DuckDB 2.0's own format
        con.execute("create schema marts")
        con.execute("create table marts.t as select range as x from range(1000)")
        con.execute("create view marts.v as select count(*) as n from marts.t")
    native = storage_number(fresh)
    publish(fresh, warehouse)
    compat = storage_number(warehouse)
    assert compat != native and compat <= 68  # what DuckDB 1.2-1.5 read
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select n from marts.v").fetchone() == (1000,)
    # the next build is a copy of the published file: written to, it keeps the format
    build = prepare_build(warehouse, tmp_path / "builds", "next")
    with duckdb.connect(str(build)) as con:
        con.execute("insert into marts.t values (1000)")
    assert storage_number(build) == compat
    assert not ensure_storage_version(build, STORAGE_VERSION)  # nothing to rewrite
    publish(build, warehouse, storage_version=None)  # DuckDB's own, when asked
    assert storage_number(warehouse) == compat


@pytest.mark.parametrize("n", range(len(_blocks(DOCS["docs/bi.md"], "python"))))
def test_the_python_examples_in_the_docs_run(demo_warehouse, n, tmp_path):
    code = _blocks(DOCS["docs/bi.md"], "python")[n]
    script = tmp_path / "example.py"
    script.write_text(code)
    # the examples name the warehouse as `warehouse/sitrep.duckdb`, from the repository's root
    run = subprocess.run(
        [sys.executable, str(script)],
        cwd=demo_warehouse.parent.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip(), "the example printed nothing"
    assert not re.search(r"^0 events", run.stdout, re.M), "the example's day has no events"


def test_sources_are_never_event_actors(demo_warehouse):
    """Who reported an event (the Syrian Observatory, a news agency) is its source_original,
    never its actor1 or actor2."""
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        sources_as_actors = con.execute(
            """
            select e.event_id, a.actor_name
            from marts.fct_events as e
            join marts.dim_actors as a
                on a.actor_key in (e.actor1_key, e.actor2_key) and a.is_current
            where a.actor_type = 'media_monitor'
            """
        ).fetchall()
        reported_by_a_monitor = con.execute(
            "select count(*) from marts.fct_events where source_original ilike '%observatory%'"
        ).fetchone()[0]
    assert not sources_as_actors
    assert reported_by_a_monitor > 0  # the demo day has such reports: the check is not vacuous
