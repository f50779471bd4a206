"""Small, consistent warehouses built with plain SQL, for gate, publish, report and BI tests.

The columns follow the marts' contract (issue 2 and 8); the content is synthetic but shaped like
a real day: events in Syria and Iraq with actors, places, mentions, articles from a few sources.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb

PLACES = [
    # location_id, name, admin1, country, lat, lon
    (170794, "Deir ez-Zor", "Deir ez-Zor", "SYR", 35.336, 40.141),
    (169113, "Al Mayadin", "Deir ez-Zor", "SYR", 35.020, 40.452),
    (173096, "Albu Kamal", "Deir ez-Zor", "SYR", 34.453, 40.918),
    (98182, "Baghdad", "Baghdad", "IRQ", 33.341, 44.401),
    (99072, "Mosul", "Nineveh", "IRQ", 36.335, 43.119),
    (163345, "Raqqa", "Raqqa", "SYR", 35.952, 39.009),
]
ACTORS = [
    ("SYRMIL", "Syrian Arab Army", "military", "SYR"),
    ("IRNIRGC", "Islamic Revolutionary Guard Corps", "military", "IRN"),
    ("USAMIL", "US forces", "military", "USA"),
    ("ISIS", "Islamic State", "rebel", None),
    ("SYRSDF", "Syrian Democratic Forces", "rebel", "SYR"),
]
TYPES = [
    ("ASSAULT", "Battles", "Armed clash"),
    ("MOBILIZE", "Strategic developments", "Headquarters or base established"),
    ("COERCE", "Strategic developments", "Arrests"),
    ("ASSAULT", "Explosions/Remote violence", "Air/drone strike"),
    ("PROTEST", "Protests", "Peaceful protest"),
]
DOMAINS = ["southfront.example", "sana.example", "syriahr.example"]


def build_marts(path: Path, days: list[date], events_per_day: int = 6) -> Path:
    """Write a consistent warehouse with ``events_per_day`` events on each day to ``path``."""
    con = duckdb.connect(str(path))
    try:
        _create(con)
        for day in days:
            _add_day(con, day, events_per_day)
        _aggregate(con)
        con.execute("checkpoint")
    finally:
        con.close()
    return path


def _create(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists marts")
    con.execute(
        """
        create table marts.dim_actors as
        select * from (values
          ('SYRMIL', 'Syrian Arab Army', 'military', 'SYR'),
          ('IRNIRGC', 'Islamic Revolutionary Guard Corps', 'military', 'IRN'),
          ('USAMIL', 'US forces', 'military', 'USA'),
          ('ISIS', 'Islamic State', 'rebel', null),
          ('SYRSDF', 'Syrian Democratic Forces', 'rebel', 'SYR')
        ) t(actor_id, actor_name, actor_type, country_code)
        """
    )
    con.execute(  # keyed like the dbt mart: actor_key, one current version per actor
        "alter table marts.dim_actors add column actor_key varchar;"
        " update marts.dim_actors set actor_key = actor_id;"
        " alter table marts.dim_actors add column is_current boolean default true;"
        " update marts.dim_actors set is_current = true;"
    )
    con.execute(
        "create table marts.dim_locations (location_id bigint, location_name varchar,"
        " admin1 varchar, country_code varchar, latitude double, longitude double)"
    )
    con.executemany("insert into marts.dim_locations values (?, ?, ?, ?, ?, ?)", PLACES)
    con.execute(
        "create table marts.dim_articles (article_id varchar, url varchar, domain varchar,"
        " title varchar, published date, source_id varchar,"
        " partition_date date generated always as (published) virtual)"
    )
    con.execute(
        """
        create table marts.fct_events (
          event_id varchar, event_date date, date_start date, date_end date,
          date_precision varchar, event_type varchar, event_mode varchar,
          acled_event_type varchar, acled_sub_event_type varchar, cameo_root varchar,
          actor1_id varchar, actor1_name varchar, actor2_id varchar, actor2_name varchar,
          location_id bigint, location_name varchar, admin1 varchar, country_code varchar,
          latitude double, longitude double, geo_precision integer,
          fatalities_low integer, fatalities_best integer, fatalities_high integer,
          source_original varchar, modality varchar, num_mentions integer,
          num_articles integer, num_sources integer, first_reported_at timestamptz,
          confidence double, is_deleted boolean, deleted_at timestamptz
        )
        """
    )
    con.execute(
        "create table marts.fct_event_mentions (event_id varchar, event_mention_id varchar,"
        ' article_id varchar, sentence varchar, start integer, "end" integer,'
        " sentence_index integer)"
    )
    con.execute(
        "create table marts.fct_actor_mentions (mention_id varchar, actor_id varchar,"
        " surface varchar, article_id varchar, sentence_index integer,"
        ' start integer, "end" integer,'
        " role varchar, day date, domain varchar,"
        " actor_key varchar generated always as (actor_id) virtual,"
        " is_deleted boolean generated always as (false) virtual)"
    )
    con.execute(
        "create table marts.fct_location_mentions (mention_id varchar, location_id bigint,"
        " surface varchar, article_id varchar, sentence_index integer,"
        ' start integer, "end" integer,'
        " latitude double, longitude double, geo_precision integer, day date,"
        " domain varchar, is_deleted boolean generated always as (false) virtual)"
    )
    con.execute(
        "create table marts.dim_date as select d::date as date_day, year(d) as year,"
        " month(d) as month from range(date '2020-01-01', date '2021-01-01', interval 1 day) t(d)"
    )


def _add_day(con: duckdb.DuckDBPyConnection, day: date, n: int) -> None:
    iso = day.isoformat()
    for k in range(n):
        domain = DOMAINS[k % len(DOMAINS)]
        art = f"a{iso}-{k}"
        con.execute(
            "insert into marts.dim_articles values (?, ?, ?, ?, ?, ?)",
            [art, f"https://{domain}/{iso}/{k}", domain, f"Report {k} of {iso}", day, domain],
        )
        place = PLACES[(k + day.day) % len(PLACES)]
        a1 = ACTORS[k % len(ACTORS)]
        a2 = ACTORS[(k + 1) % len(ACTORS)]
        etype, acled, sub = TYPES[k % len(TYPES)]
        deaths = (k * 3) % 7
        eid = f"e{iso}-{k}"
        sentence = f"{a1[1]} attacked {a2[1]} near {place[1]}, killing {deaths}."
        con.execute(
            "insert into marts.fct_events values (?, ?, ?, ?, 'day', ?, 'verbal', ?, ?, '19',"
            " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, 'SOHR', 'asserted', 1, 1, 1,"
            " ?::timestamptz, 0.8, false, null)",
            [
                eid,
                day,
                day,
                day,
                etype,
                acled,
                sub,
                a1[0],
                a1[1],
                a2[0],
                a2[1],
                place[0],
                place[1],
                place[2],
                place[3],
                place[4],
                place[5],
                deaths,
                deaths,
                deaths + 2,
                f"{iso} 12:00:00+00",
            ],
        )
        con.execute(
            "insert into marts.fct_event_mentions values (?, ?, ?, ?, 0, ?, 0)",
            [eid, f"m{eid}", art, sentence, len(sentence)],
        )
        for j, actor in enumerate((a1, a2)):
            con.execute(
                "insert into marts.fct_actor_mentions values (?, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
                [
                    f"am{eid}-{j}",
                    actor[0],
                    actor[1],
                    art,
                    j * 10,
                    j * 10 + 5,
                    "actor1",
                    day,
                    domain,
                ],
            )
        con.execute(
            "insert into marts.fct_location_mentions values (?, ?, ?, ?, 0, 30, 40, ?, ?, 1, ?, ?)",
            [f"lm{eid}", place[0], place[1], art, place[4], place[5], day, domain],
        )


def _aggregate(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("drop table if exists marts.agg_actor_day")
    con.execute("drop table if exists marts.agg_location_day")
    con.execute(
        "create table marts.agg_actor_day as select actor_id as actor_key, actor_id, day,"
        " count(*) as mentions, count(distinct article_id) as articles"
        " from marts.fct_actor_mentions where actor_id is not null group by all"
    )
    con.execute(
        "create table marts.agg_location_day as select location_id, day,"
        " count(*) as mentions, count(distinct article_id) as articles"
        " from marts.fct_location_mentions where location_id is not null group by all"
    )


def week(end: date, n: int = 7) -> list[date]:
    """The ``n`` days ending on ``end``."""
    return [end - timedelta(days=i) for i in range(n - 1, -1, -1)]


RUN_DATE = date(2020, 6, 5)  # the day the tests treat as "today"
