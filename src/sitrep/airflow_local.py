"""Run Sitrep's DAG through a real, local Airflow (SQLite metadata under ``.airflow/``)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sitrep.config import Settings, settings_env

DAG_ID = "sitrep_daily"
_LOG_LINE = re.compile(
    r"^\S+T(?P<time>\d\d:\d\d:\d\d)\S*\s+\[(?P<level>\w+)\s*\]\s+(?P<msg>.*?)\s+\[(?P<logger>[\w.]+)\]"
)
_TASK = re.compile(
    r"\[DAG TEST\] (?P<what>starting|end task) task_id=(?P<task>\w+) map_index=(?P<i>-?\d+)"
)


def progress_line(line: str) -> str | None:
    """The part of an ``airflow dags test`` log line worth showing a person, if any."""
    m = _LOG_LINE.match(line)
    if not m:
        return None
    time_, level, msg, logger = m["time"], m["level"], m["msg"], m["logger"]
    if task := _TASK.search(msg):
        name = task["task"] + (f"[{task['i']}]" if task["i"] != "-1" else "")
        return f"{time_}  {'▶' if task['what'] == 'starting' else '✓'} {name}"
    if logger.startswith("sitrep") and level in ("info", "warning", "error"):
        return f"{time_}      {msg[:200]}"
    if level in ("error", "critical"):
        return f"{time_}  !! {msg[:200]}"
    return None


def airflow_env(settings: Settings, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for the airflow CLI: local metadata DB, our DAG folder, no examples."""
    home = Path(os.environ.get("AIRFLOW_HOME") or settings.home / ".airflow")
    env = dict(os.environ)
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(settings.home / "dags"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT": "120",
            "AIRFLOW__LOGGING__LOGGING_LEVEL": env.get("AIRFLOW__LOGGING__LOGGING_LEVEL", "INFO"),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        }
    )
    env.update(settings_env(settings))  # the settings this process read, handed to every task
    env.update(extra or {})
    return env


def _airflow(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "airflow"), *args]


def migrate(env: dict[str, str]) -> None:
    """Create or upgrade the local metadata database (idempotent)."""
    Path(env["AIRFLOW_HOME"]).mkdir(parents=True, exist_ok=True)
    subprocess.run(_airflow("db", "migrate"), env=env, check=True, capture_output=True)


def dags_test(
    day: date,
    env: dict[str, str],
    *,
    conf: str | None = None,
    on_line: Callable[[str], None] | None = None,
) -> tuple[int, Path]:
    """``airflow dags test sitrep_daily DAY``; returns the exit code and the full log's path."""
    log_path = Path(env["AIRFLOW_HOME"]) / f"dags-test-{day.isoformat()}.log"
    cmd = _airflow("dags", "test", DAG_ID, day.isoformat())
    if conf:
        cmd += ["--conf", conf]
    with (
        log_path.open("w") as log,
        subprocess.Popen(
            cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        ) as proc,
    ):
        assert proc.stdout is not None
        for line in proc.stdout:
            log.write(line)
            shown = progress_line(line) if on_line else None
            if on_line and shown:
                on_line(shown)
        code = proc.wait()
    return code, log_path
