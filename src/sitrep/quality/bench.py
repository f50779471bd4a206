"""How long the gate takes on a big warehouse: generate N events in bulk SQL, time ``run_gate``.

    .venv/bin/python -m sitrep.quality.bench --events 1000000 [--days 365] [--dir /tmp/gate-bench]

Prints one JSON line (events, file size, gate seconds, peak RSS). The warehouse is synthetic
(events spread evenly over ``--days`` days ending on the run date, one mention, article, actor and
place mention each), with the marts' contract columns, so every suite runs on it.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from datetime import date
from pathlib import Path

import duckdb

RUN_DATE = date(2020, 6, 5)


def generate(path: Path, events: int, days: int) -> Path:
    """Write the synthetic warehouse (replacing ``path``)."""
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    day = f"(date '{RUN_DATE}' - cast(i % {days} as int))"
    con.execute("create schema marts")
    con.execute(
        f"""
        create table marts.dim_articles as
        select 'a' || i as article_id, 'https://s' || (i % 50) || '.example/' || i as url,
               's' || (i % 50) || '.example' as domain, 'Title ' || i as title,
               {day} as published, {day} as partition_date
        from range({events}) t(i)
        """
    )
    con.execute(
        f"""
        create table marts.fct_events as
        select 'e' || i as event_id, {day} as event_date, {day} as date_start, {day} as date_end,
               'day' as date_precision, 'ASSAULT' as event_type, 'armed' as event_mode,
               'Battles' as acled_event_type, 'Armed clash' as acled_sub_event_type,
               '19' as cameo_root, 'ISIS' as actor1_id, 'Islamic State' as actor1_name,
               'SYRMIL' as actor2_id, 'Syrian Arab Army' as actor2_name,
               170794 as location_id, 'Deir ez-Zor' as location_name, 'Deir ez-Zor' as admin1,
               'SYR' as country_code, 35.33 as latitude, 40.14 as longitude, 1 as geo_precision,
               1 as fatalities_low, 2 as fatalities_best, 3 as fatalities_high,
               'SOHR' as source_original, 'asserted' as modality, 1 as num_mentions,
               1 as num_articles, 1 as num_sources, cast({day} as timestamptz) as first_reported_at,
               0.8 as confidence, false as is_deleted, cast(null as timestamptz) as deleted_at
        from range({events}) t(i)
        """
    )
    con.execute(
        f"""
        create table marts.fct_event_mentions as
        select 'e' || i as event_id, 'm' || i as event_mention_id, 'a' || i as article_id,
               'A sentence.' as sentence, 0 as "start", 11 as "end", 0 as sentence_index
        from range({events}) t(i)
        """
    )
    for kind, key, value in (
        ("actor", "actor_key", "'ISIS'"),
        ("location", "location_id", "170794"),
    ):
        con.execute(
            f"""
            create table marts.fct_{kind}_mentions as
            select '{kind[0]}' || i as mention_id, 'a' || i as article_id, {value} as {key},
                   {value} as {"actor_id" if kind == "actor" else "geonames_id"},
                   0 as "start", 4 as "end", 35.33 as latitude, 40.14 as longitude,
                   {day} as "day", false as is_deleted
            from range({events}) t(i)
            """
        )
        con.execute(
            f"""create table marts.agg_{kind}_day as select {key}, "day", count(*) as mentions
            from marts.fct_{kind}_mentions group by all"""
        )
    con.execute(
        """create table marts.dim_actors as select * from (values
        ('ISIS', 'ISIS', 'Islamic State', 'rebel', null, true),
        ('SYRMIL', 'SYRMIL', 'Syrian Arab Army', 'military', 'SYR', true))
        t(actor_key, actor_id, actor_name, actor_type, country_code, is_current)"""
    )
    con.execute(
        """create table marts.dim_locations as select 170794 as location_id,
        'Deir ez-Zor' as location_name, 35.33 as latitude, 40.14 as longitude,
        'SYR' as country_code"""
    )
    con.execute("checkpoint")
    con.close()
    return path


def main(argv: list[str] | None = None) -> int:
    from sitrep.quality import run_gate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/sitrep-gate-bench"))
    parser.add_argument(
        "--expectations", type=Path, default=Path(__file__).parents[3] / "expectations"
    )
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    db = generate(args.dir / "bench.duckdb", args.events, args.days)
    started = time.perf_counter()
    result = run_gate(
        db,
        run_date=RUN_DATE,
        run_id="bench",
        expectations_dir=args.expectations,
        docs_dir=args.dir / "docs",
        raw_dir=args.dir / "no-raw",
    )
    elapsed = time.perf_counter() - started
    print(
        json.dumps(
            {
                "events": args.events,
                "events_on_run_date": -(-args.events // args.days),
                "file_mib": round(db.stat().st_size / 2**20, 1),
                "gate_s": round(elapsed, 1),
                "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "passed": result.passed,
                "critical_failures": result.critical_failures,
            }
        )
    )
    return 0 if result.passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
