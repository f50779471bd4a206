"""The real Superset on the demo day's warehouse, looked at as an analyst would.

Superset 5.0.0 (the version docker-compose.yml's image installs, from the same hashed lock, in
.venv-superset/) is initialised by bi/superset/bootstrap.sh, the script the container runs, with
the container's connection (docker-compose.yml's URI, mapped from /warehouse to the demo
warehouse's folder) and a throwaway home; it serves on a free loopback port. A headless Chromium
logs in and opens the starter dashboard; every chart must draw its data with no error tile, and
the chart data API must answer for every saved chart.

Screenshots go to SITREP_BI_SCREENSHOTS when set (docs/img/ holds the ones of a run).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from bi_browser import Browser

REPO = Path(__file__).resolve().parents[2]
BI = REPO / "bi"
SPEC = yaml.safe_load((BI / "dashboard.yaml").read_text())
START_TIMEOUT_S = 420  # db upgrade, init, import and gunicorn on a busy 2-core machine
# a chart holder is drawn when it shows an error, or its picture: canvas (deck.gl, ECharts),
# svg (world map) or table rows
CHART_STATES = """
Array.from(document.querySelectorAll('.dashboard-component-chart-holder')).map(h => ({
  title: h.innerText.split('\\n')[0].trim(),
  loading: h.querySelectorAll('.loading').length,
  error: Array.from(h.querySelectorAll(
      '[role=alert], .antd5-alert-error, .ant-alert-error, .alert-danger'))
    .map(e => e.innerText).join(' ').trim(),
  canvases: Array.from(h.querySelectorAll('canvas')).filter(c => c.width > 0).length,
  subunits: h.querySelectorAll('path.datamaps-subunit').length,
  bubbles: h.querySelectorAll('circle.datamaps-bubble').length,
  rows: Array.from(h.querySelectorAll('tbody tr')).map(r => r.innerText.split('\\t')[0].trim()),
  legend: Array.from(h.querySelectorAll('li')).map(li => li.innerText.trim()),
  legendClipped: Array.from(h.querySelectorAll('ul')).some(
    ul => ul.parentElement.scrollHeight > ul.parentElement.clientHeight + 1),
}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, token: str | None = None, timeout: float = 30) -> tuple[int, Any]:
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            body = resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")
    try:
        return status, json.loads(body)
    except ValueError:
        return status, body.decode(errors="replace")


@pytest.fixture(scope="module")
def superset(
    superset_venv: Path, demo_warehouse: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """bootstrap.sh on loopback; yields its URL and admin login. Stopped (its group) after."""
    home = tmp_path_factory.mktemp("superset-home")
    service = yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]["superset"]
    uri = service["environment"]["SITREP_BI_SQLALCHEMY_URI"]
    mount = next(v for v in service["volumes"] if v.endswith(":ro") and "warehouse" in v)
    container_dir = mount.split(":")[1]
    local_uri = uri.replace(f"duckdb:///{container_dir}/", f"duckdb:///{demo_warehouse.parent}/")
    assert local_uri != uri, "the URI does not point into the warehouse mount"
    login = {"username": "admin", "password": secrets.token_urlsafe(12)}
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}
    }
    env.update(
        {
            "PATH": f"{superset_venv / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}",
            "VIRTUAL_ENV": str(superset_venv),
            "SUPERSET_HOME": str(home),
            "SUPERSET_CONFIG_PATH": str(BI / "superset" / "superset_config.py"),
            "SUPERSET_SECRET_KEY": secrets.token_urlsafe(32),
            "SUPERSET_ADMIN_USER": login["username"],
            "SUPERSET_ADMIN_PASSWORD": login["password"],
            "SITREP_BI_DIR": str(BI),
            "SITREP_BI_BUNDLE": str(home / "sitrep-assets.zip"),
            "SITREP_BI_SQLALCHEMY_URI": local_uri,
            "SITREP_BI_CONNECT_ARGS": service["environment"]["SITREP_BI_CONNECT_ARGS"],
            "SUPERSET_BIND": f"127.0.0.1:{_free_port()}",
            "SUPERSET_WORKERS": "2",
        }
    )
    with _serving(env, home / "bootstrap.log") as base:
        yield {"base": base, **login, "env": env, "home": home}


@contextlib.contextmanager
def _serving(env: dict[str, str], log_path: Path) -> Iterator[str]:
    """Run bootstrap.sh until Superset answers /health; yields its URL; stops its group after."""
    started = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            ["bash", str(BI / "superset" / "bootstrap.sh")],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: gunicorn's workers stop with it
        )
    base = f"http://{env['SUPERSET_BIND']}"
    try:
        while True:
            if proc.poll() is not None:
                tail = log_path.read_text(errors="replace")[-4000:]
                pytest.fail(f"bootstrap.sh exited with {proc.returncode}:\n{tail}")
            try:
                if _get(f"{base}/health", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() - started > START_TIMEOUT_S:
                tail = log_path.read_text(errors="replace")[-4000:]
                pytest.fail(f"Superset not up within {START_TIMEOUT_S} s:\n{tail}")
            time.sleep(2)
        print(f"Superset up in {time.monotonic() - started:.0f} s at {base}")
        yield base
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


def _token(superset: dict[str, Any]) -> str:
    body = json.dumps(
        {"username": superset["username"], "password": superset["password"], "provider": "db"}
    ).encode()
    request = urllib.request.Request(
        f"{superset['base']}/api/v1/security/login",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as resp:
        return json.load(resp)["access_token"]


def _expected(warehouse: Path) -> dict[str, Any]:
    """What the charts must show, straight from the warehouse with the dashboard's own SQL."""
    events_sql = (BI / "queries" / "events.sql").read_text()
    actors_sql = (BI / "queries" / "top_actors.sql").read_text()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        countries = con.execute(
            f"select count(distinct country_code) from ({events_sql}) as e"
            " where country_code is not null"
        ).fetchone()[0]
        types = con.execute(
            f"select count(distinct event_type) from ({events_sql}) as e where latitude is not null"
        ).fetchone()[0]
        actors = [
            row[0]
            for row in con.execute(
                f"select actor_name from ({actors_sql}) as a"
                " order by this_week desc, actor_name limit 15"
            ).fetchall()
        ]
        sources = {
            row[0]
            for row in con.execute(
                "select actor_name from marts.dim_actors where actor_type = 'media_monitor'"
            ).fetchall()
        }
    return {"countries": countries, "types": types, "actors": actors, "sources": sources}


def test_the_chart_data_api_answers_for_every_saved_chart(superset):
    token = _token(superset)
    status, body = _get(f"{superset['base']}/api/v1/dashboard/{SPEC['slug']}/charts", token)
    assert status == 200, body
    charts = {c["slice_name"]: c["id"] for c in body["result"]}
    assert set(charts) == {c["name"] for c in SPEC["charts"]}
    status, body = _get(f"{superset['base']}/api/v1/dashboard/{SPEC['slug']}", token)
    assert status == 200, body
    filters = json.loads(body["result"]["json_metadata"])["native_filter_configuration"]
    assert [f["name"] for f in filters] == [f["name"] for f in SPEC["filters"]]
    status, body = _get(f"{superset['base']}/api/v1/dataset/?q=(page_size:100)", token)
    datasets = {d["id"] for d in body["result"]}
    for native in filters:  # each filter points at an imported dataset (ids remapped on import)
        assert all(t.get("datasetId", min(datasets)) in datasets for t in native["targets"])
    for name, chart_id in charts.items():
        status, body = _get(f"{superset['base']}/api/v1/chart/{chart_id}/data/", token)
        assert status == 200, (name, body)
        result = body["result"][0]
        assert not result.get("error"), (name, result["error"])
        assert result["rowcount"] > 0 and result["data"], f"{name}: no rows"


def test_the_dashboard_draws_every_chart_in_a_browser(superset, chromium, demo_warehouse, tmp_path):
    expected = _expected(demo_warehouse)
    names = [c["name"] for c in SPEC["charts"]]
    shots = Path(os.environ.get("SITREP_BI_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    with Browser(chromium, width=1600, height=2000) as page:
        page.goto(f"{superset['base']}/login/")
        page.evaluate(
            f"""(() => {{
              document.getElementById('username').value = {json.dumps(superset["username"])};
              document.getElementById('password').value = {json.dumps(superset["password"])};
              document.forms['login'].submit(); return true; }})()"""
        )
        page.wait_for("!location.pathname.startsWith('/login')", 60, "logging in")
        page.goto(f"{superset['base']}/superset/dashboard/{SPEC['slug']}/")
        page.wait_for(
            "document.querySelectorAll('.dashboard-component-chart-holder').length"
            f" === {len(names)}",
            120,
            f"the dashboard's {len(names)} chart holders",
        )
        page.wait_for(
            f"({CHART_STATES}).every(c => !c.loading && (c.error || c.canvases || c.subunits"
            " || c.rows.length))",
            180,
            "every chart drawn",
        )
        # what loads after a chart's query: the bubbles, the legend, the rows (bounded waits;
        # the assertions below say what is missing if one never comes)
        for title, check in (
            ("Events and deaths by country", f"c.bubbles === {expected['countries']}"),
            ("Map of events", f"c.legend.length === {expected['types']}"),
            ("Top actors, this week vs last week", f"c.rows.length === {len(expected['actors'])}"),
        ):
            with contextlib.suppress(TimeoutError):
                page.wait_for(
                    f"({CHART_STATES}).some(c => c.title === {json.dumps(title)} && {check})",
                    60,
                    title,
                )
        time.sleep(2)  # the last animation frames, for the screenshot
        states = {c["title"]: c for c in page.evaluate(CHART_STATES)}
        page.screenshot(shots / "superset-dashboard.png")

    assert list(states) == names
    for name, state in states.items():
        assert not state["error"], f"{name}: {state['error']}"

    world = states["Events and deaths by country"]
    assert world["subunits"] > 150  # the shipped world outlines: a base map with no network
    assert world["bubbles"] == expected["countries"]

    scatter = states["Map of events"]
    assert scatter["canvases"] >= 1
    assert len(scatter["legend"]) == expected["types"]  # every type in the legend...
    assert not scatter["legendClipped"]  # ...and every one visible

    actors = states["Top actors, this week vs last week"]
    assert actors["rows"] == expected["actors"]
    assert not set(actors["rows"]) & expected["sources"]  # sources are never actors

    for name in ("Events per day by type", "Deaths by area (top 15)"):
        assert states[name]["canvases"] >= 1, name
    assert (shots / "superset-dashboard.png").stat().st_size > 50_000


def test_a_restart_keeps_the_admin_and_brings_an_edited_dashboard(superset, tmp_path):
    """The container restarts with its home volume: bootstrap.sh runs again on it, keeps the
    admin, and replaces charts and dashboard with what bi/ now says (Superset's own
    import-dashboards would keep the old charts)."""
    edited = tmp_path / "bi"
    shutil.copytree(BI, edited)
    spec_path = edited / "dashboard.yaml"
    spec = yaml.safe_load(spec_path.read_text())
    spec["charts"][0]["name"] = "Renamed on restart"
    spec_path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))
    env = {
        **superset["env"],
        "SITREP_BI_DIR": str(edited),
        "SITREP_BI_BUNDLE": str(tmp_path / "assets.zip"),
        "SUPERSET_BIND": f"127.0.0.1:{_free_port()}",
        "SUPERSET_WORKERS": "1",
    }
    with _serving(env, tmp_path / "restart.log") as base:
        restarted = {**superset, "base": base}
        status, body = _get(f"{base}/api/v1/dashboard/{SPEC['slug']}/charts", _token(restarted))
    assert status == 200, body
    names = {c["slice_name"] for c in body["result"]}
    assert "Renamed on restart" in names
    assert SPEC["charts"][0]["name"] not in names
    assert len(names) == len(SPEC["charts"])
