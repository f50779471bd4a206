"""What analysts and the pipeline rely on in the built marts."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from itertools import combinations
from pathlib import Path

import duckdb

from sitrep.reference import CHECKOUT
from sitrep.warehouse import build, unit_test
from tests.warehouse.conftest import DAYS

FCT_EVENTS_CONTRACT = [
    "event_id",
    "event_date",
    "date_start",
    "date_end",
    "date_precision",
    "event_type",
    "event_mode",
    "acled_event_type",
    "acled_sub_event_type",
    "cameo_root",
    "actor1_id",
    "actor1_name",
    "actor2_id",
    "actor2_name",
    "location_id",
    "location_name",
    "admin1",
    "country_code",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "source_original",
    "modality",
    "num_mentions",
    "num_articles",
    "num_sources",
    "first_reported_at",
    "confidence",
    "is_deleted",
    "deleted_at",
]


def test_fct_events_carries_the_contract_columns(incremental_db: Path) -> None:
    with duckdb.connect(str(incremental_db), read_only=True) as con:
        cols = {
            name
            for (name,) in con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'marts' and table_name = 'fct_events'"
            ).fetchall()
        }
        modalities = con.execute("select distinct modality from marts.fct_events").fetchall()
    assert set(FCT_EVENTS_CONTRACT) <= cols
    assert modalities == [("asserted",)]


def test_contract_fields_the_lake_keeps_reach_the_marts(incremental_db: Path) -> None:
    """The trigger word, destination and fatality note of an event mention, and how an
    article's date was found and who wrote it, are queryable in the marts."""
    with duckdb.connect(str(incremental_db), read_only=True) as con:
        triggers = con.execute("select distinct trigger from marts.fct_event_mentions").fetchall()
        con.execute(
            "select destination_location_id, destination_location_name, destination_admin1,"
            " destination_country_code, destination_latitude, destination_longitude,"
            " destination_geo_precision, fatalities_note from marts.fct_event_mentions limit 1"
        )
        articles = con.execute(
            "select distinct published_source, authors from marts.dim_articles"
        ).fetchall()
    assert triggers == [("attacked",)]
    assert articles == [("given", ["Staff reporter"])]


def test_every_mention_counts_once_and_traces_to_its_sentence(incremental_db: Path) -> None:
    with duckdb.connect(str(incremental_db), read_only=True) as con:
        live, counted = con.execute(
            """
            select
              (select count(*) from marts.fct_event_mentions where not is_deleted),
              (select sum(num_mentions) from marts.fct_events_all where not is_deleted)
            """
        ).fetchone()
        mismatched = con.execute(
            """
            select count(*) from marts.fct_event_mentions m
            join marts.dim_articles a using (article_id)
            where substring(a.article_text, m.start + 1, m."end" - m.start) <> m.sentence
            """
        ).fetchone()[0]
        # actor and place mentions carry the sentence extraction stored with them
        sentences = con.execute(
            """
            select count(*), count(*) filter (
                where m.sentence is distinct from
                    substring(a.article_text, m.start + 1, m."end" - m.start)
            )
            from (
                select article_id, sentence, sentence_start as start, sentence_end as "end"
                from intermediate.int_mentions
            ) m
            join marts.dim_articles a using (article_id)
            """
        ).fetchone()
    assert live == counted > 0
    assert mismatched == 0
    assert sentences[0] > 0 and sentences[1] == 0, sentences


def _mention_sentences(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            """
            select mention_id, sentence, event_role from marts.fct_actor_mentions
            union all
            select mention_id, sentence, event_role from marts.fct_location_mentions
            order by 1
            """
        ).fetchall()


def test_mentions_from_older_parts_get_their_sentence_from_the_article(
    warehouse_root: Path, full_refresh_db: Path, tmp_path: Path
) -> None:
    """Parts written before mentions carried their sentence (no such column) build the same
    mention facts: the sentence is sliced from the article's text."""
    import pyarrow.parquet as pq

    raw = tmp_path / "raw"
    shutil.copytree(warehouse_root / "raw", raw)
    older = list((raw / "mentions" / f"dt={DAYS[0].isoformat()}").glob("part-*.parquet"))
    for part in older:
        table = pq.read_table(part)
        assert table.column("sentence").null_count < table.num_rows
        pq.write_table(table.drop_columns(["sentence"]), part)
    db = tmp_path / "older.duckdb"
    result = build(
        db,
        run_date=DAYS[-1],
        raw_url=str(raw),
        project_dir=CHECKOUT.dbt_project_dir,
        run_root=tmp_path,
        full_refresh=True,
    )
    assert result.success, result.failures
    assert older and _mention_sentences(db) == _mention_sentences(full_refresh_db)


def test_clustering_against_generated_truth(incremental_db: Path, warehouse_root: Path) -> None:
    """Pairwise precision and recall of event resolution on the generator's known events."""
    truth = dict(
        line.split("\t") for line in (warehouse_root / "truth.tsv").read_text().splitlines()
    )
    with duckdb.connect(str(incremental_db), read_only=True) as con:
        assigned = dict(
            con.execute(
                "select event_mention_id, event_id from marts.fct_event_mentions"
            ).fetchall()
        )
    pairs_true = pairs_found = pairs_both = 0
    for a, b in combinations(sorted(assigned), 2):
        same_truth, same_found = truth[a] == truth[b], assigned[a] == assigned[b]
        pairs_true += same_truth
        pairs_found += same_found
        pairs_both += same_truth and same_found
    recall = pairs_both / pairs_true
    precision = pairs_both / pairs_found
    # reports of one event are always merged; over-merging is bounded by the generator's
    # deliberately small world (few places and actors, so distinct events do collide)
    assert recall > 0.85, recall
    assert precision > 0.3, precision


def test_views_survive_renaming_the_file(incremental_db: Path, tmp_path: Path) -> None:
    """The publish step renames the working copy: views must not name the old catalog."""
    published = tmp_path / "sitrep.duckdb"
    shutil.copy(incremental_db, published)
    with duckdb.connect(str(published), read_only=True) as con:
        views = [
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'marts' and table_type = 'VIEW'"
            ).fetchall()
        ]
        assert "fct_events" in views
        for view in views:
            con.execute(f"select count(*) from marts.{view}").fetchall()


def test_aggregates_add_up_to_their_mentions(incremental_db: Path) -> None:
    with duckdb.connect(str(incremental_db), read_only=True) as con:
        facts = Counter(
            dict(
                con.execute(
                    "select actor_key, count(*) from marts.fct_actor_mentions "
                    "where not is_deleted and actor_key <> 'unknown' group by 1"
                ).fetchall()
            )
        )
        aggs = Counter(
            dict(
                con.execute(
                    "select actor_key, sum(mentions) from marts.agg_actor_day group by 1 "
                    "having sum(mentions) > 0"
                ).fetchall()
            )
        )
    assert facts == aggs and facts


def test_failing_test_is_reported_not_raised(warehouse_root: Path, tmp_path: Path) -> None:
    """A broken raw day gives success=False naming the failing dbt test; nothing raises."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    raw = tmp_path / "raw"
    shutil.copytree(warehouse_root / "raw", raw)
    part = next((raw / "events" / f"dt={DAYS[0].isoformat()}").glob("part-*.parquet"))
    table = pq.read_table(part)
    nulls = pa.nulls(len(table), pa.string())
    pq.write_table(
        table.set_column(table.schema.get_field_index("event_type"), "event_type", nulls), part
    )

    result = build(
        tmp_path / "broken.duckdb",
        run_date=DAYS[0],
        raw_url=str(raw),
        full_refresh=True,
        select="stg_raw__events",
        project_dir=CHECKOUT.dbt_project_dir,
        run_root=tmp_path / "runs",
    )
    assert not result.success
    assert any("not_null_stg_raw__events_event_type" in failure for failure in result.failures)
    assert result.log_path.exists()


def test_dbt_unit_tests_pass(incremental_db: Path, tmp_path: Path) -> None:
    """The dbt unit tests (clustering, incremental id stability, best-supported values, SCD2)."""
    db = tmp_path / "unit.duckdb"
    shutil.copy(incremental_db, db)
    result = unit_test(
        db,
        raw_url=str(incremental_db.parent / "raw"),
        project_dir=CHECKOUT.dbt_project_dir,
        run_root=tmp_path / "runs",
    )
    assert result.success, result.failures
    results = json.loads((result.run_dir / "target" / "run_results.json").read_text())["results"]
    assert len([r for r in results if r["unique_id"].startswith("unit_test.")]) >= 4
