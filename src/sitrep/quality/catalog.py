"""The expectation suites, written as code so they review as diffs; ``write_suites`` saves them.

The committed GX file context under ``expectations/gx`` is generated from this module
(``python -m sitrep.quality.catalog``); ``tests/quality`` fails if the two drift apart.

Every expectation has a severity (GX's own ``severity`` field, mirrored in ``meta``):
``critical`` blocks publication, ``warning`` is reported. Every suite carries
``meta.sitrep``: how to read the frame it validates out of the build (``query``, DuckDB SQL
with ``$run_date``; ``{raw}`` stands for the raw zone folder), the tables it ``requires``, and
the severity of a missing table.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pycountry

from sitrep import ontology

PLOVER_TYPES = list(ontology.PLOVER_TYPES)
ACLED_TYPES = list(ontology.ACLED_EVENT_TYPES)
DATE_PRECISIONS = list(ontology.DATE_PRECISIONS)
MODALITIES = list(ontology.MODALITIES)
GEO_PRECISION_RANGE = (min(ontology.GEO_PRECISIONS), max(ontology.GEO_PRECISIONS))
FETCH_OUTCOMES = ["stored", "unchanged", "duplicate", "not_article", "refused", "failed"]
MENTION_KINDS = ["actor", "location"]
# ISO 3166-1 alpha-3 plus XKX (Kosovo, user-assigned but used by ACLED, UCDP and GeoNames)
COUNTRY_CODES = sorted({c.alpha_3 for c in pycountry.countries} | {"XKX"})

CRITICAL, WARNING = "critical", "warning"


def _e(kind: str, severity: str, why: str, **kwargs: Any) -> dict[str, Any]:
    return {"type": kind, "kwargs": kwargs, "meta": {"severity": severity, "why": why}}


def crit(kind: str, why: str, **kwargs: Any) -> dict[str, Any]:
    """A critical expectation: failing it blocks publication."""
    return _e(kind, CRITICAL, why, **kwargs)


def warn(kind: str, why: str, **kwargs: Any) -> dict[str, Any]:
    """A warning: reported in the log, the report and ``marts.dq_results``; publishes anyway."""
    return _e(kind, WARNING, why, **kwargs)


def columns(required: list[str]) -> dict[str, Any]:
    return crit(
        "expect_table_columns_to_match_set",
        "the marts' column contract (extra columns allowed)",
        column_set=required,
        exact_match=False,
    )


def not_null(col: str, why: str = "provenance and keys are never missing", sev: str = CRITICAL):
    return _e("expect_column_values_to_not_be_null", sev, why, column=col)


def unique(col: str) -> dict[str, Any]:
    return crit("expect_column_values_to_be_unique", "keys are unique", column=col)


def in_set(col: str, values: list[Any], why: str, sev: str = CRITICAL) -> dict[str, Any]:
    return _e("expect_column_values_to_be_in_set", sev, why, column=col, value_set=values)


def between(col: str, lo: float | None, hi: float | None, why: str, sev: str = CRITICAL):
    return _e(
        "expect_column_values_to_be_between", sev, why, column=col, min_value=lo, max_value=hi
    )


def a_ge_b(a: str, b: str, why: str, sev: str = CRITICAL) -> dict[str, Any]:
    return _e(
        "expect_column_pair_values_a_to_be_greater_than_b",
        sev,
        why,
        column_A=a,
        column_B=b,
        or_equal=True,
        ignore_row_if="either_value_is_missing",
    )


def zero(col: str, why: str, sev: str = CRITICAL) -> dict[str, Any]:
    """An integrity count computed in DuckDB must be 0 (observed value: the count)."""
    return _e("expect_column_max_to_be_between", sev, why, column=col, max_value=0)


def at_most(col: str, hi: float, why: str, sev: str = WARNING) -> dict[str, Any]:
    """A ratio or jump that may be null (too little history): nulls are not judged."""
    return _e("expect_column_values_to_be_between", sev, why, column=col, max_value=hi)


def suite(
    name: str,
    query: str,
    expectations: list[dict[str, Any]],
    *,
    requires: list[str],
    missing: str = CRITICAL,
    notes: str = "",
) -> dict[str, Any]:
    return {
        "name": name,
        "expectations": expectations,
        "meta": {
            "sitrep": {"query": query.strip(), "requires": requires, "missing": missing},
            "notes": notes,
        },
    }


# The day's slice is what the run's landing partition brought: its articles, their mentions, and
# the events those mentions support (an article published today reports events of past days).
_DAY_ARTICLES = "select article_id from marts.dim_articles where partition_date = $run_date"
_DAY_EVENTS = f"select event_id from marts.fct_event_mentions where article_id in ({_DAY_ARTICLES})"

FCT_EVENTS = suite(
    "fct_events",
    f"""
    select
      e.*,
      cast(e.first_reported_at as date) as first_reported_date,
      (select min(a.published)
         from marts.fct_event_mentions m join marts.dim_articles a using (article_id)
        where m.event_id = e.event_id) as first_published
    from marts.fct_events e
    where e.event_id in ({_DAY_EVENTS}) or e.event_date = $run_date
    """,
    [
        columns(
            [
                "event_id",
                "event_date",
                "date_start",
                "date_end",
                "date_precision",
                "event_type",
                "acled_event_type",
                "actor1_id",
                "actor2_id",
                "location_id",
                "country_code",
                "latitude",
                "longitude",
                "geo_precision",
                "fatalities_low",
                "fatalities_best",
                "fatalities_high",
                "source_original",
                "num_mentions",
                "num_articles",
                "first_reported_at",
                "confidence",
            ]
        ),
        not_null("event_id"),
        unique("event_id"),
        not_null("event_date"),
        not_null("event_type"),
        in_set("event_type", PLOVER_TYPES, "PLOVER event types only"),
        in_set("acled_event_type", ACLED_TYPES, "ACLED's six event types only"),
        in_set("date_precision", DATE_PRECISIONS, "the contract's date precision codes"),
        between("geo_precision", *GEO_PRECISION_RANGE, "Sitrep's location precision codes 1-7"),
        in_set("country_code", COUNTRY_CODES, "ISO 3166-1 alpha-3 country codes"),
        between("latitude", -90, 90, "a latitude"),
        between("longitude", -180, 180, "a longitude"),
        between("fatalities_low", 0, None, "no negative deaths"),
        between(
            "fatalities_best",
            None,
            1000,
            "over 1,000 deaths in one event is usually a cumulative toll, not an event",
            WARNING,
        ),
        a_ge_b("fatalities_best", "fatalities_low", "fatalities low <= best"),
        a_ge_b("fatalities_high", "fatalities_best", "fatalities best <= high"),
        a_ge_b("date_end", "date_start", "date_start <= date_end"),
        a_ge_b("first_published", "date_start", "no event dated after its first report"),
        a_ge_b("first_reported_date", "date_start", "no event dated after it was first seen"),
        between("num_mentions", 1, None, "every event has at least one mention"),
        between("num_articles", 1, None, "every event has at least one article"),
        between("confidence", 0, 1, "confidence is a probability"),
        not_null("location_id", "events without a resolved place", WARNING),
        not_null("actor1_id", "events without a resolved actor1", WARNING),
    ],
    requires=["marts.fct_events"],
    notes="The day's slice: events the run date's articles report, and events dated on it.",
)

FCT_EVENT_MENTIONS = suite(
    "fct_event_mentions",
    f"""
    select * from marts.fct_event_mentions
    where article_id in ({_DAY_ARTICLES})
    """,
    [
        columns(["event_id", "event_mention_id", "article_id", "sentence", "start", "end"]),
        not_null("event_mention_id"),
        unique("event_mention_id"),
        not_null("event_id"),
        not_null("article_id"),
        not_null("sentence"),
        not_null("start"),
        not_null("end"),
        between("start", 0, None, "offsets index the article text"),
        a_ge_b("end", "start", "a mention's span is not reversed"),
    ],
    requires=["marts.fct_event_mentions", "marts.fct_events", "marts.dim_articles"],
)

DIM_ARTICLES = suite(
    "dim_articles",
    "select * from marts.dim_articles where partition_date = $run_date",
    [
        columns(["article_id", "url", "domain", "title", "published"]),
        not_null("article_id"),
        unique("article_id"),
        not_null("url"),
        not_null("published"),
        not_null("domain", "articles without a source domain", WARNING),
        not_null("title", "articles without a title", WARNING),
    ],
    requires=["marts.dim_articles"],
)

DIM_ACTORS = suite(
    "dim_actors",
    "select * from marts.dim_actors where is_current",
    [
        columns(["actor_id", "actor_name", "actor_type"]),
        not_null("actor_key"),
        unique("actor_key"),
        not_null("actor_name"),
        in_set("country_code", COUNTRY_CODES, "ISO 3166-1 alpha-3 country codes"),
    ],
    requires=["marts.dim_actors"],
    notes="Current rows of the whole dimension: it grows with the dictionary, not the days.",
)

DIM_LOCATIONS = suite(
    "dim_locations",
    "select * from marts.dim_locations",
    [
        columns(["location_id", "latitude", "longitude", "country_code"]),
        not_null("location_id"),
        unique("location_id"),
        between("latitude", -90, 90, "a latitude"),
        between("longitude", -180, 180, "a longitude"),
        in_set("country_code", COUNTRY_CODES, "ISO 3166-1 alpha-3 country codes"),
    ],
    requires=["marts.dim_locations"],
    notes="Whole dimension: places ever mentioned, bounded by the gazetteer.",
)


def _mention_suite(table: str, key_cols: list[str], extra: list[dict[str, Any]]) -> dict:
    return suite(
        table,
        f"select * from marts.{table} where article_id in ({_DAY_ARTICLES})",
        [
            columns(["article_id", "start", "end", *key_cols]),
            not_null("article_id"),
            not_null("start"),
            not_null("end"),
            between("start", 0, None, "offsets index the article text"),
            a_ge_b("end", "start", "a mention's span is not reversed"),
            *extra,
        ],
        requires=[f"marts.{table}", "marts.dim_articles"],
        missing=WARNING,
    )


FCT_ACTOR_MENTIONS = _mention_suite("fct_actor_mentions", [], [])
FCT_LOCATION_MENTIONS = _mention_suite(
    "fct_location_mentions",
    ["latitude", "longitude"],
    [
        between("latitude", -90, 90, "a latitude"),
        between("longitude", -180, 180, "a longitude"),
    ],
)

PROVENANCE = suite(
    "provenance",
    """
    select
      (select count(*) from marts.fct_events e
        where not coalesce(e.is_deleted, false) and not exists (
          select 1 from marts.fct_event_mentions m where m.event_id = e.event_id))
        as events_without_mention,
      (select count(*) from marts.fct_event_mentions m
        where not exists (select 1 from marts.dim_articles a where a.article_id = m.article_id))
        as event_mentions_without_article,
      (select count(*) from marts.fct_event_mentions m
        where m.start is null or m."end" is null or m.sentence is null)
        as event_mentions_without_offsets,
      (select count(*) - count(distinct event_id) from marts.fct_events) as duplicate_event_ids,
      (select count(*) - count(distinct article_id) from marts.dim_articles)
        as duplicate_article_ids
    """,
    [
        zero("events_without_mention", "every event traces to a sentence"),
        zero("event_mentions_without_article", "every mention traces to an article"),
        zero("event_mentions_without_offsets", "every mention has its sentence and offsets"),
        zero("duplicate_event_ids", "event ids unique over the whole warehouse"),
        zero("duplicate_article_ids", "article ids unique over the whole warehouse"),
    ],
    requires=["marts.fct_events", "marts.fct_event_mentions", "marts.dim_articles"],
    notes="Cross-table checks over the whole warehouse, computed in DuckDB (one row of counts).",
)

MENTION_PROVENANCE = suite(
    "mention_provenance",
    """
    select
      (select count(*) from marts.fct_actor_mentions m
        where not exists (select 1 from marts.dim_articles a where a.article_id = m.article_id))
        as actor_mentions_without_article,
      (select count(*) from marts.fct_location_mentions m
        where not exists (select 1 from marts.dim_articles a where a.article_id = m.article_id))
        as location_mentions_without_article
    """,
    [
        zero("actor_mentions_without_article", "every actor mention points at an article"),
        zero("location_mentions_without_article", "every place mention points at an article"),
    ],
    requires=["marts.fct_actor_mentions", "marts.fct_location_mentions", "marts.dim_articles"],
    missing=WARNING,
)

AGG_CHECKS = suite(
    "agg_checks",
    """
    with actor_facts as (
      select actor_key, count(*) as mentions
      from marts.fct_actor_mentions
      where "day" = $run_date and not coalesce(is_deleted, false)
        and actor_key is not null and actor_key <> 'unknown'
      group by all
    ),
    actor_aggs as (
      select actor_key, sum(mentions) as mentions
      from marts.agg_actor_day where "day" = $run_date group by all
    ),
    place_facts as (
      select location_id, count(*) as mentions
      from marts.fct_location_mentions
      where "day" = $run_date and not coalesce(is_deleted, false) and location_id is not null
      group by all
    ),
    place_aggs as (
      select location_id, sum(mentions) as mentions
      from marts.agg_location_day where "day" = $run_date group by all
    )
    select
      (select count(*) from actor_facts f full join actor_aggs g using (actor_key)
        where coalesce(f.mentions, 0) <> coalesce(g.mentions, 0)) as actor_day_mismatches,
      (select count(*) from place_facts f full join place_aggs g using (location_id)
        where coalesce(f.mentions, 0) <> coalesce(g.mentions, 0)) as location_day_mismatches
    """,
    [
        zero("actor_day_mismatches", "agg_actor_day adds up to fct_actor_mentions"),
        zero("location_day_mismatches", "agg_location_day adds up to fct_location_mentions"),
    ],
    requires=[
        "marts.fct_actor_mentions",
        "marts.fct_location_mentions",
        "marts.agg_actor_day",
        "marts.agg_location_day",
        "marts.dim_articles",
    ],
    missing=WARNING,
    notes="Aggregates add up to their mentions, for the run date, computed in DuckDB.",
)

TRENDS = suite(
    "trends",
    """
    with per_day as (
      select a.partition_date as day, count(distinct m.event_id) as events
      from marts.fct_event_mentions m join marts.dim_articles a using (article_id)
      where a.partition_date between $run_date - interval 28 day and $run_date
      group by all
    ),
    baseline as (
      select avg(events) filter (where day < $run_date) as mean_events,
             count(*) filter (where day < $run_date) as baseline_days,
             max(events) filter (where day = $run_date) as events_today
      from per_day
    )
    select
      events_today,
      baseline_days,
      case when baseline_days >= 7 and mean_events > 0
           then coalesce(events_today, 0) / mean_events end as events_vs_baseline
    from baseline
    """,
    [
        at_most("events_vs_baseline", 10, "a day with ten times the trailing 4-week mean"),
        warn(
            "expect_column_values_to_be_between",
            "a day with no events after a baseline of events",
            column="events_vs_baseline",
            min_value=0.0001,
        ),
    ],
    requires=["marts.fct_event_mentions", "marts.dim_articles"],
    missing=WARNING,
    notes="Distribution against the trailing 4 weeks (needs 7 days of history); warnings only.",
)

RESOLUTION_TRENDS = suite(
    "resolution_trends",
    """
    with place as (
      select a.partition_date as day,
             avg(case when m.location_id is null then 1 else 0 end) as share
      from marts.fct_location_mentions m join marts.dim_articles a using (article_id)
      where a.partition_date between $run_date - interval 28 day and $run_date group by all
    ),
    actor as (
      select a.partition_date as day,
             avg(case when m.actor_id is null then 1 else 0 end) as share
      from marts.fct_actor_mentions m join marts.dim_articles a using (article_id)
      where a.partition_date between $run_date - interval 28 day and $run_date group by all
    ),
    jumps as (
      select
        (select max(share) filter (where day = $run_date)
           - avg(share) filter (where day < $run_date) from place) as unresolved_place_jump,
        (select count(*) filter (where day < $run_date) from place) as place_days,
        (select max(share) filter (where day = $run_date)
           - avg(share) filter (where day < $run_date) from actor) as unknown_actor_jump,
        (select count(*) filter (where day < $run_date) from actor) as actor_days
    )
    select
      case when place_days >= 7 then unresolved_place_jump end as unresolved_place_jump,
      case when actor_days >= 7 then unknown_actor_jump end as unknown_actor_jump
    from jumps
    """,
    [
        at_most("unresolved_place_jump", 0.2, "share of unresolved places up 20 points or more"),
        at_most("unknown_actor_jump", 0.2, "share of unknown actors up 20 points or more"),
    ],
    requires=["marts.fct_location_mentions", "marts.fct_actor_mentions", "marts.dim_articles"],
    missing=WARNING,
    notes="Against the trailing 4 weeks' mean share (needs 7 days of history); warnings only.",
)

SILENT_SOURCES = suite(
    "silent_sources",
    """
    with recent as (
      select domain, count(distinct partition_date) as active_days
      from marts.dim_articles
      where partition_date between $run_date - interval 14 day and $run_date - interval 1 day
      group by all
    ),
    today as (
      select distinct domain from marts.dim_articles where partition_date = $run_date
    )
    select r.domain as silent_source, r.active_days
    from recent r where r.active_days >= 7 and r.domain not in (select domain from today)
    """,
    [
        warn(
            "expect_column_values_to_be_in_set",
            "a source that published on 7+ of the last 14 days went silent",
            column="silent_source",
            value_set=[],
        ),
    ],
    requires=["marts.dim_articles"],
    missing=WARNING,
)


def _raw(
    table: str, expectations: list[dict[str, Any]], key: str, *, key_unique: bool = True
) -> dict[str, Any]:
    from sitrep.lake.schema import TABLES

    keys = [columns(list(TABLES[table].names)), not_null(key)]
    keys += [unique(key)] if key_unique else []
    return suite(
        f"raw_{table}",
        f"select * from read_parquet('{{raw}}/{table}/dt={{day}}/part-*.parquet',"
        " union_by_name=true)",
        [*keys, *expectations],
        requires=[],
        missing=WARNING,
        notes=f"The run date's landing partition of raw table {table!r}.",
    )


RAW = [
    _raw(
        "fetch_outcomes",
        [
            not_null("outcome"),
            in_set("outcome", FETCH_OUTCOMES, "one of the recorded fetch outcomes"),
        ],
        "url",
        key_unique=False,  # discovery failures and fetches of one URL may both be recorded
    ),
    _raw(
        "articles",
        [not_null("text"), not_null("canonical_url"), not_null("content_hash")],
        "article_id",
    ),
    _raw("comments", [not_null("article_id")], "comment_id"),
    _raw(
        "mentions",
        [
            not_null("article_id"),
            in_set("kind", MENTION_KINDS, "actor or location"),
            a_ge_b("end", "start", "a mention's span is not reversed"),
            between("latitude", -90, 90, "a latitude"),
            between("longitude", -180, 180, "a longitude"),
        ],
        "mention_id",
    ),
    _raw(
        "events",
        [
            not_null("article_id"),
            not_null("sentence"),
            in_set("event_type", PLOVER_TYPES, "PLOVER event types only"),
            in_set("modality", MODALITIES, "the contract's modalities"),
            a_ge_b("end", "start", "an event's span is not reversed"),
            between("confidence", 0, 1, "confidence is a probability"),
        ],
        "event_mention_id",
    ),
]

SUITES: list[dict[str, Any]] = [
    FCT_EVENTS,
    FCT_EVENT_MENTIONS,
    DIM_ARTICLES,
    DIM_ACTORS,
    DIM_LOCATIONS,
    FCT_ACTOR_MENTIONS,
    FCT_LOCATION_MENTIONS,
    PROVENANCE,
    MENTION_PROVENANCE,
    AGG_CHECKS,
    TRENDS,
    RESOLUTION_TRENDS,
    SILENT_SOURCES,
    *RAW,
]


def suite_dir(expectations_dir: Path) -> Path:
    """Where the GX file context keeps its suites."""
    return Path(expectations_dir) / "gx" / "expectations"


def write_suites(expectations_dir: Path) -> list[Path]:
    """Save every suite into the GX file context at ``expectations_dir`` (creating it)."""
    import great_expectations as gx

    context = gx.get_context(mode="file", project_root_dir=str(expectations_dir))
    written = []
    for spec in SUITES:
        existing = {s.name for s in context.suites.all()}
        if spec["name"] in existing:
            context.suites.delete(spec["name"])
        gx_suite = gx.ExpectationSuite(name=spec["name"], meta=spec["meta"])
        context.suites.add(gx_suite)
        for exp in spec["expectations"]:
            gx_suite.add_expectation(_expectation(exp))
        gx_suite.save()
        path = suite_dir(expectations_dir) / f"{spec['name']}.json"
        _stable_ids(path)
        written.append(path)
    return written


def _stable_ids(path: Path) -> None:
    """Replace GX's random ids with ones derived from the content, so regenerating is a no-op."""
    data = json.loads(path.read_text())
    data["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"sitrep/suite/{data['name']}"))
    for exp in data["expectations"]:
        key = json.dumps([data["name"], exp["type"], exp["kwargs"]], sort_keys=True)
        exp["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"sitrep/expectation/{key}"))
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def _expectation(spec: dict[str, Any]) -> Any:
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    config = ExpectationConfiguration(
        type=spec["type"],
        kwargs=spec["kwargs"],
        meta=spec["meta"],
        severity=spec["meta"]["severity"],  # GX's own field; meta keeps it readable in docs
    )
    return config.to_domain_obj()


def load_suite_specs(expectations_dir: Path) -> list[dict[str, Any]]:
    """The committed suites, read as plain JSON (what the gate runs)."""
    specs = []
    for path in sorted(suite_dir(expectations_dir).glob("*.json")):
        data = json.loads(path.read_text())
        data["path"] = str(path)
        specs.append(data)
    return specs


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[3] / "expectations"
    for p in write_suites(target):
        print(p)
