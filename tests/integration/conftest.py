"""A day run through real Airflow, shared by the integration tests (it is the expensive part)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from sitrep.airflow_local import airflow_env, dags_test, migrate
from sitrep.config import env_for_root, load_settings

DAY = date(2020, 6, 5)
MARTS = (
    "fct_events",
    "fct_event_mentions",
    "dim_actors",
    "dim_locations",
    "dim_articles",
    "dim_date",
)


def snapshot(warehouse: Path) -> dict[str, object]:
    """What must be identical between two runs that saw the same input."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        counts = {
            name: con.execute(f"select count(*) from marts.{name}").fetchone()[0] for name in MARTS
        }
        events = con.execute(
            """
            select event_id, event_type, actor1_id, actor2_id, location_id, event_date,
                   fatalities_best, num_mentions, num_articles
            from marts.fct_events order by event_id
            """
        ).fetchall()
    return {"counts": counts, "events": [tuple(map(str, row)) for row in events]}


@pytest.fixture(scope="session")
def local_run(tmp_path_factory, sample_base):
    """`airflow dags test sitrep_daily 2020-06-05` on the sample corpus, in a private folder."""
    tmp = tmp_path_factory.mktemp("daily")
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env_for_root(tmp).items():
            mp.setenv(key, value)
        settings = load_settings()
        env = airflow_env(settings, {"SITREP_SAMPLE_BASE": sample_base})
        migrate(env)
        code, log = dags_test(DAY, env)
        yield {"code": code, "log": log, "settings": settings, "env": env, "tmp": tmp}


@pytest.fixture(scope="session")
def warehouse_snapshot():
    """The function that reduces a published warehouse to what two equal runs share."""
    return snapshot
