"""The day's HTML report: self-contained, and rendered by a real headless browser."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "quality"))

import factory

from sitrep.quality.results import Outcome, store
from sitrep.report import write_report

DAY = date(2020, 6, 5)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = factory.build_marts(tmp_path_factory.mktemp("wh") / "sitrep.duckdb", factory.week(DAY, 14))
    outcomes = [
        Outcome(
            "fct_events", "expect_column_values_to_not_be_null(event_id)", "critical", True, ""
        ),
        Outcome("trends", "expect_column_values_to_be_between(x)", "warning", False, "14.2"),
    ]
    store(db, outcomes, run_id="r-1", run_date=DAY, checked_at=datetime.now(UTC))
    return db


@pytest.fixture(scope="module")
def report(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(warehouse, DAY, tmp_path_factory.mktemp("reports"))


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no chromium binary: `apt-get install -y chromium` to run the browser check")


def test_report_is_self_contained(report):
    html = report.read_text()
    assert report.name == "sitrep-2020-06-05.html"
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert "url(" not in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert "Top actors: this week vs last week" in html
    assert "14.2" in html  # the warning from the quality results


def test_report_sections_hold_the_days_numbers(report, warehouse):
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    located = con.execute(
        "select count(*) from marts.fct_events where event_date = ? and latitude is not null",
        [DAY],
    ).fetchone()[0]
    top = con.execute(
        "select d.actor_name from marts.agg_actor_day a join marts.dim_actors d using (actor_id)"
        " where day between ? - interval 6 day and ? group by all"
        " order by sum(mentions) desc, 1 limit 1",
        [DAY, DAY],
    ).fetchone()[0]
    con.close()
    html = report.read_text()
    assert html.count('class="event-marker"') == located
    assert html.index(top) < html.index("Places: this week")


def test_browser_renders_the_map_with_the_days_events(report, warehouse, tmp_path):
    import duckdb

    browser = _chromium()
    dom = subprocess.run(
        [browser, *CHROMIUM_FLAGS, "--dump-dom", report.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    con = duckdb.connect(str(warehouse), read_only=True)
    ids = {
        r[0]
        for r in con.execute(
            "select event_id from marts.fct_events where event_date = ? and latitude is not null",
            [DAY],
        ).fetchall()
    }
    con.close()
    markers = re.findall(r'<circle class="event-marker" data-event-id="([^"]+)"', dom.stdout)
    assert set(markers) == ids and len(markers) == len(ids)
    assert len(re.findall(r'<path class="land', dom.stdout)) >= 3  # outlines were drawn
    assert len(re.findall(r'<rect class="bar"', dom.stdout)) >= 14  # the timeline

    shot = tmp_path / "report.png"
    subprocess.run(
        [
            browser,
            *CHROMIUM_FLAGS,
            f"--screenshot={shot}",
            "--window-size=1200,1600",
            report.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 20_000  # a picture, not a blank page


def test_a_day_without_events_is_still_a_report(warehouse, tmp_path):
    path = write_report(warehouse, date(2019, 1, 1), tmp_path)
    html = path.read_text()
    assert 'class="event-marker"' not in html
    assert "no events on this day" in html
    assert "<svg" in html  # the world map is still drawn
