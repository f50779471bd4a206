"""``make demo``: the daily DAG through real Airflow on the bundled sample corpus, then a look."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from sitrep.airflow_local import airflow_env, dags_test, migrate
from sitrep.config import Settings
from sitrep.sample_server import SAMPLE_PORT, port_is_free, serve_sample


def _say(message: str) -> None:
    print(message, flush=True)


def show_warehouse(warehouse: Path, day: date) -> None:
    """Print table sizes and a few events from the published warehouse (read-only)."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'marts' order by table_name"
        ).fetchall()
        _say("\nmarts tables (rows):")
        for (name,) in tables:
            (count,) = con.execute(f'select count(*) from marts."{name}"').fetchone()
            _say(f"  marts.{name:32} {count:>6}")
        rows = con.execute(
            """
            select event_date, event_type, acled_event_type, actor1_name, actor2_name,
                   location_name, fatalities_best, source_original, num_mentions
            from marts.fct_events
            order by actor1_name is null, num_articles desc, fatalities_best desc nulls last,
                event_date desc
            limit 12
            """
        ).fetchall()
        header = ("date", "type", "acled", "actor1", "actor2", "where", "killed", "per", "n")
        _say("\nmarts.fct_events (first rows):")
        _say("  " + " | ".join(header))
        for row in rows:
            _say("  " + " | ".join("" if v is None else " ".join(str(v).split())[:28] for v in row))


def run_demo(settings: Settings, day: date) -> int:
    started = time.monotonic()
    # a fixed port keeps the sample's URLs the same from run to run (re-runs replace the day)
    port = SAMPLE_PORT if port_is_free(SAMPLE_PORT) else 0
    with serve_sample(settings.home / "sample", port) as base:
        _say(f"[sitrep] sample corpus served at {base}/feed.xml")
        env = airflow_env(settings, {"SITREP_SAMPLE_BASE": base})
        _say(f"[sitrep] Airflow metadata database: {env['AIRFLOW_HOME']} (airflow db migrate)")
        migrate(env)
        _say(f"[sitrep] airflow dags test sitrep_daily {day} (progress below)")
        code, log_path = dags_test(day, env, on_line=lambda line: _say(f"  {line}"))
    if code != 0 or not settings.warehouse.exists():
        _say(f"[sitrep] the DAG run failed (exit {code}); full log: {log_path}")
        return code or 1
    _say(f"\n[sitrep] done in {time.monotonic() - started:.0f}s; full Airflow log: {log_path}")
    _say(f"[sitrep] published warehouse: {settings.warehouse}")
    show_warehouse(settings.warehouse, day)
    report = settings.reports_dir / f"sitrep-{day.isoformat()}.html"
    if report.exists():
        _say(f"\n[sitrep] report of the day (open in a browser): {report}")
    _say(
        f'\nQuery it yourself: .venv/bin/python -c "import duckdb; '
        f"print(duckdb.connect('{settings.warehouse}', read_only=True)"
        f".sql('select * from marts.fct_events'))\""
    )
    return 0


if __name__ == "__main__":
    from sitrep.config import load_settings

    day = date.fromisoformat(sys.argv[1]) if len(sys.argv) > 1 else date(2020, 6, 5)
    sys.exit(run_demo(load_settings(), day))
