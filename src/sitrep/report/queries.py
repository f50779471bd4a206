"""What the report shows, read from the published warehouse in a few DuckDB queries.

Every section degrades to "no data" rather than failing: a report of a day with no events, or
of a warehouse that predates a mart, is still a report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import duckdb

TIMELINE_DAYS = 30


@dataclass
class DayData:
    run_date: date
    events: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)  # day, event_type, events
    actors: list[dict[str, Any]] = field(default_factory=list)  # name, this_week, last_week
    actors_basis: str = ""
    places: list[dict[str, Any]] = field(default_factory=list)
    quality: dict[str, Any] = field(default_factory=dict)
    totals: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    schema, name = table.split(".")
    rows = con.execute(
        "select column_name from information_schema.columns"
        " where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, name],
    ).fetchall()
    return [r[0] for r in rows]


def _pick(cols: list[str], *names: str) -> str | None:
    return next((n for n in names if n in cols), None)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def read_day(con: duckdb.DuckDBPyConnection, run_date: date) -> DayData:
    """Everything the report of ``run_date`` shows."""
    data = DayData(run_date)
    ev_cols = _columns(con, "marts.fct_events")
    if not ev_cols:
        data.notes.append("the warehouse has no marts.fct_events table")
        return data
    live = "not coalesce(is_deleted, false)" if "is_deleted" in ev_cols else "true"
    data.events = _day_events(con, run_date, ev_cols, live)
    start = run_date - timedelta(days=TIMELINE_DAYS - 1)
    data.timeline = _rows(
        con,
        f"select event_date as day, event_type, count(*) as events from marts.fct_events"
        f" where event_date between ? and ? and {live} group by all order by all",
        [start, run_date],
    )
    data.actors, data.actors_basis = _top_actors(con, run_date, live)
    data.places = _rows(
        con,
        f"""
        select location_name as name, admin1, country_code,
               count(*) filter (where event_date > ? - interval 7 day) as this_week,
               count(*) filter (where event_date <= ? - interval 7 day) as last_week,
               sum(coalesce(fatalities_best, 0))
                 filter (where event_date > ? - interval 7 day) as fatalities
        from marts.fct_events
        where event_date between ? - interval 13 day and ? and location_name is not null
          and {live}
        group by all order by this_week desc, fatalities desc, name limit 12
        """,
        [run_date] * 5,
    )
    data.quality = _quality(con, run_date)
    data.totals = {
        "events": len(data.events),
        "fatalities": sum(e.get("fatalities_best") or 0 for e in data.events),
        "located": sum(1 for e in data.events if e.get("latitude") is not None),
        "articles": _day_articles(con, run_date),
    }
    return data


def _day_events(
    con: duckdb.DuckDBPyConnection, run_date: date, cols: list[str], live: str
) -> list[dict[str, Any]]:
    wanted = [
        "event_id",
        "event_type",
        "acled_event_type",
        "actor1_name",
        "actor2_name",
        "location_name",
        "admin1",
        "country_code",
        "latitude",
        "longitude",
        "fatalities_best",
        "source_original",
        "num_articles",
    ]
    select = ", ".join(f"e.{c}" if c in cols else f"null as {c}" for c in wanted)
    has_mentions = bool(_columns(con, "marts.fct_event_mentions"))
    sentence = (
        "(select min(m.sentence) from marts.fct_event_mentions m where m.event_id = e.event_id)"
        if has_mentions
        else "null"
    )
    # the day's events: those the day's articles report (mostly dated earlier), and those dated
    # on the day
    art_cols = _columns(con, "marts.dim_articles")
    landed = _pick(art_cols, "partition_date", "published", "published_date")
    reported = (
        f" or e.event_id in (select m.event_id from marts.fct_event_mentions m"
        f" join marts.dim_articles a using (article_id) where a.{landed} = ?)"
        if has_mentions and landed
        else ""
    )
    params = [run_date, run_date] if reported else [run_date]
    return _rows(
        con,
        f"select {select}, {sentence} as sentence from marts.fct_events e"
        f" where (e.event_date = ?{reported}) and {live}"
        " order by e.fatalities_best desc nulls last, e.event_id",
        params,
    )


def _top_actors(
    con: duckdb.DuckDBPyConnection, run_date: date, live: str
) -> tuple[list[dict[str, Any]], str]:
    """Mentions per actor this week vs last week (agg_actor_day), else events as actor1/2."""
    agg = _columns(con, "marts.agg_actor_day")
    day_col = _pick(agg, "day", "date_day", "mention_date", "article_date", "date")
    count_col = _pick(agg, "mentions", "num_mentions", "mention_count", "n_mentions")
    key = _pick(agg, "actor_key", "actor_id")
    if agg and day_col and count_col and key:
        dim = _columns(con, "marts.dim_actors")
        name_col = _pick(dim, "actor_name", "name", "canonical_name", "label")
        current = " and d.is_current" if "is_current" in dim else ""
        join = (
            f"left join marts.dim_actors d on d.{key} = w.{key}{current}"
            if name_col and key in dim
            else ""
        )
        name = f"coalesce(d.{name_col}, w.{key})" if join else f"w.{key}"
        # named actors (in the dictionary); unresolved surface forms are not a ranking
        named = " and actor_id is not null" if "actor_id" in agg else ""
        rows = _rows(
            con,
            f"""
            with w as (
              select {key},
                     sum({count_col}) filter (where {day_col} > ? - interval 7 day) as this_week,
                     sum({count_col}) filter (where {day_col} <= ? - interval 7 day) as last_week
              from marts.agg_actor_day
              where {day_col} between ? - interval 13 day and ? and {key} is not null{named}
              group by all
            )
            select {name} as name, w.this_week, w.last_week
            from w {join}
            where w.this_week > 0
            order by w.this_week desc, name limit 12
            """,
            [run_date] * 4,
        )
        return rows, "mentions in articles (marts.agg_actor_day)"
    rows = _rows(
        con,
        f"""
        with roles as (
          select event_date, actor1_name as name from marts.fct_events where {live}
          union all
          select event_date, actor2_name from marts.fct_events where {live}
        )
        select name,
               count(*) filter (where event_date > ? - interval 7 day) as this_week,
               count(*) filter (where event_date <= ? - interval 7 day) as last_week
        from roles where name is not null and event_date between ? - interval 13 day and ?
        group by all having this_week > 0 order by this_week desc, name limit 12
        """,
        [run_date] * 4,
    )
    return rows, "events as actor1 or actor2 (marts.fct_events)"


def _quality(con: duckdb.DuckDBPyConnection, run_date: date) -> dict[str, Any]:
    if not _columns(con, "marts.dq_results"):
        return {}
    latest = con.execute(
        "select run_id from marts.dq_results where run_date = ? order by checked_at desc limit 1",
        [run_date],
    ).fetchone()
    if not latest:
        return {}
    run_id = latest[0]
    counts = _rows(
        con,
        "select severity, success, count(*) as n from marts.dq_results where run_id = ?"
        " group by all",
        [run_id],
    )
    failed = _rows(
        con,
        "select suite, expectation, severity, observed_value from marts.dq_results"
        " where run_id = ? and not success order by severity, suite, expectation",
        [run_id],
    )
    total = sum(c["n"] for c in counts)
    passed = sum(c["n"] for c in counts if c["success"])
    return {"run_id": run_id, "total": total, "passed": passed, "failed": failed}


def _day_articles(con: duckdb.DuckDBPyConnection, run_date: date) -> int | None:
    cols = _columns(con, "marts.dim_articles")
    published = _pick(cols, "partition_date", "published", "published_date")
    if not published:
        return None
    sql = f"select count(*) from marts.dim_articles where {published} = ?"
    return con.execute(sql, [run_date]).fetchone()[0]
