"""Settings are read once, at the edge, through one map of variable names, and handed down."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from sitrep.airflow_local import airflow_env
from sitrep.config import ENV, env_for_root, load_settings, settings_env

REPO = Path(__file__).resolve().parents[1]


def test_the_environment_handed_to_tasks_reads_back_as_the_same_settings(tmp_path):
    settings = load_settings(
        {
            **env_for_root(tmp_path),
            "SITREP_REDIS_URL": "redis://cache:6379/0",
            "SITREP_DUCKDB_STORAGE_VERSION": "",  # "": keep DuckDB 2.0's format
            "SITREP_SCHEDULE": "none",
            "SITREP_BATCH_SIZE": "40",
            "SITREP_DUCKDB_MEMORY_LIMIT": "512MB",
        }
    )
    assert settings.warehouse == tmp_path / "warehouse" / "sitrep.duckdb"
    assert settings.reports_dir == tmp_path / "reports"
    assert settings.batch_size == 40 and settings.duckdb_storage_version == ""
    again = load_settings(settings_env(settings))
    assert again == replace(settings, proxies={}, ca_bundle=None)


def test_airflow_tasks_get_every_setting_of_the_process_that_starts_them(tmp_path):
    settings = replace(load_settings({}), batch_size=7, duckdb_memory_limit="1GB")
    env = airflow_env(settings)
    assert set(ENV.values()) <= set(env)
    assert env["SITREP_BATCH_SIZE"] == "7" and env["SITREP_DUCKDB_MEMORY_LIMIT"] == "1GB"


def test_an_empty_variable_is_unset_and_a_bad_number_names_its_variable():
    settings = load_settings({"SITREP_WAREHOUSE": "", "SITREP_REDIS_URL": ""})
    assert settings.warehouse == settings.home / "warehouse" / "sitrep.duckdb"
    assert settings.redis_url is None
    with pytest.raises(ValueError, match="SITREP_BATCH_SIZE"):
        load_settings({"SITREP_BATCH_SIZE": "many"})


def test_dbt_profile_reads_settings_by_their_mapped_names():
    profile = (REPO / "dbt_project" / "profiles.yml").read_text()
    used = set(re.findall(r"env_var\('(SITREP_\w+)'", profile))
    build_only = {"SITREP_DBT_DB"}  # the working copy a build writes: not a setting
    assert used - build_only <= set(ENV.values())
    assert {ENV["duckdb_memory_limit"], ENV["dbt_threads"]} <= used
