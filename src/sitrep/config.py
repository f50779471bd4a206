"""One place for configuration: every path and knob, read from the environment once, at the edge.

The CLI and the DAG call :func:`load_settings` and hand the :class:`Settings` down; no stage
reads the environment itself. ``ENV`` is the one map from a setting to its environment variable:
reading (:func:`load_settings`) and writing (:func:`settings_env`, the environment Airflow's
tasks and dbt's ``profiles.yml`` get) both go through it.

Defaults are embedded so that a fresh checkout runs with no configuration at all: the warehouse
is a DuckDB file under ``warehouse/``, the raw zone a folder under ``data/raw`` (or object
storage: ``SITREP_RAW_URL=s3://bucket/prefix``, see docs/scaling.md), and the sources file the
bundled sample corpus.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from sitrep.reference import ReferenceFiles

if TYPE_CHECKING:
    from sitrep.lake.zone import RawZone

# setting -> environment variable; the only place these names are written
ENV: dict[str, str] = {
    "home": "SITREP_HOME",
    "warehouse": "SITREP_WAREHOUSE",
    "build_dir": "SITREP_BUILD_DIR",
    "raw_url": "SITREP_RAW_URL",
    "state_dir": "SITREP_STATE_DIR",
    "sources_file": "SITREP_SOURCES",
    "dbt_project_dir": "SITREP_DBT_PROJECT",
    "expectations_dir": "SITREP_EXPECTATIONS",
    "reports_dir": "SITREP_REPORTS",
    "batch_size": "SITREP_BATCH_SIZE",
    "extract_slots": "SITREP_EXTRACT_SLOTS",
    "gate_chunk_rows": "SITREP_GATE_CHUNK_ROWS",
    "duckdb_memory_limit": "SITREP_DUCKDB_MEMORY_LIMIT",
    "duckdb_storage_version": "SITREP_DUCKDB_STORAGE_VERSION",
    "dbt_threads": "SITREP_DBT_THREADS",
    "schedule": "SITREP_SCHEDULE",
    "user_agent": "SITREP_USER_AGENT",
    "state_url": "SITREP_STATE_URL",
    "redis_url": "SITREP_REDIS_URL",
    "fetch_budget_s": "SITREP_FETCH_BUDGET_S",
}


# settings where an empty variable says something ("" keeps DuckDB 2.0's storage; no schedule);
# any other empty variable is unset
_EMPTY_IS_A_VALUE = frozenset({"duckdb_storage_version", "schedule", "state_url"})


def _repo_root() -> Path:
    """The checkout this package runs from (editable install)."""
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Settings:
    """Paths and knobs for one Sitrep deployment."""

    home: Path
    warehouse: Path
    build_dir: Path
    raw_url: str
    state_dir: Path
    sources_file: Path
    dbt_project_dir: Path
    expectations_dir: Path
    reports_dir: Path
    batch_size: int = 250  # the most articles in one extract task
    extract_slots: int = 2  # extract tasks a day's run runs at once (one per core here)
    gate_chunk_rows: int = 1_000_000  # rows the quality gate validates at once
    # DuckDB memory for a build (dbt's profile) and for the gate's reads; past it a build
    # spills to disk
    duckdb_memory_limit: str = "2GB"
    # storage format of the published file ("v1.2.0": DuckDB 1.2+ clients open it; "" keeps 2.0's)
    duckdb_storage_version: str = "v1.2.0"
    dbt_threads: int = 2  # dbt's threads for a build
    schedule: str = "0 1 * * *"  # cron for the daily DAG (UTC); "none" for triggered runs only
    user_agent: str = "SitrepBot/0.1 (+https://github.com/sitrep; event-data research)"
    # run state shared by workers on several machines (docs/scaling.md, "Run state"): the
    # sources' discovery state (a folder or s3:// prefix; "" = state_dir) and, when set, the
    # Redis that holds per-host pacing and HTTP validators (else SQLite files in state_dir)
    state_url: str = ""
    redis_url: str | None = None
    fetch_budget_s: float = 30.0  # one URL's wall-clock budget across all its tries
    # the operator's proxy settings (http/https/all proxy URLs, "no": hosts that bypass them)
    # and CA bundle, from the standard variables (HTTP_PROXY, REQUESTS_CA_BUNDLE...): the
    # fetcher applies them with its address checks intact
    proxies: dict[str, str] = field(default_factory=dict)
    ca_bundle: str | None = None

    @property
    def state_zone(self) -> RawZone:
        """Where the sources' discovery state lives: ``state_url``, else the state folder."""
        from sitrep.lake.zone import RawZone

        return RawZone.from_url(self.state_url or self.state_dir, label="state")

    @property
    def raw_zone(self) -> RawZone:
        """The raw zone: a local folder, or S3-compatible object storage (``s3://``)."""
        from sitrep.lake.zone import RawZone

        return RawZone.from_url(self.raw_url)

    @property
    def raw_dir(self) -> Path:
        """The raw zone as a local folder, for code that needs one (``raw_zone`` otherwise)."""
        url = self.raw_url
        if url.startswith("file://"):
            return Path(url.removeprefix("file://"))
        if "://" in url:
            raise ValueError(f"raw zone {url!r} is not a local folder (use Settings.raw_zone)")
        return Path(url)

    @property
    def reference(self) -> ReferenceFiles:
        """The reference data files (dbt seeds, the gazetteer cache) this deployment reads."""
        return ReferenceFiles(self.dbt_project_dir, self.home / "data" / "cache")


def _alias(name: str) -> AliasChoices:
    return AliasChoices(ENV[name])


class _Environment(BaseModel):
    """The ``SITREP_*`` variables, typed (a malformed number fails here, naming its variable);
    unset ones are None and take :class:`Settings`' defaults, some derived from others.

    A plain model validated from the mapping :func:`load_settings` is given (``os.environ`` or
    a test's dict), so that mapping is the whole truth; ``ENV`` supplies the aliases.
    """

    model_config = ConfigDict(extra="ignore")

    home: Path | None = Field(None, validation_alias=_alias("home"))
    warehouse: Path | None = Field(None, validation_alias=_alias("warehouse"))
    build_dir: Path | None = Field(None, validation_alias=_alias("build_dir"))
    raw_url: str | None = Field(None, validation_alias=_alias("raw_url"))
    state_dir: Path | None = Field(None, validation_alias=_alias("state_dir"))
    sources_file: Path | None = Field(None, validation_alias=_alias("sources_file"))
    dbt_project_dir: Path | None = Field(None, validation_alias=_alias("dbt_project_dir"))
    expectations_dir: Path | None = Field(None, validation_alias=_alias("expectations_dir"))
    reports_dir: Path | None = Field(None, validation_alias=_alias("reports_dir"))
    batch_size: int | None = Field(None, validation_alias=_alias("batch_size"))
    extract_slots: int | None = Field(None, validation_alias=_alias("extract_slots"))
    gate_chunk_rows: int | None = Field(None, validation_alias=_alias("gate_chunk_rows"))
    duckdb_memory_limit: str | None = Field(None, validation_alias=_alias("duckdb_memory_limit"))
    duckdb_storage_version: str | None = Field(
        None, validation_alias=_alias("duckdb_storage_version")
    )
    dbt_threads: int | None = Field(None, validation_alias=_alias("dbt_threads"))
    schedule: str | None = Field(None, validation_alias=_alias("schedule"))
    user_agent: str | None = Field(None, validation_alias=_alias("user_agent"))
    state_url: str | None = Field(None, validation_alias=_alias("state_url"))
    redis_url: str | None = Field(None, validation_alias=_alias("redis_url"))
    fetch_budget_s: float | None = Field(None, validation_alias=_alias("fetch_budget_s"))


def _resolved(path: Path | None) -> Path | None:
    return path.expanduser().resolve() if path is not None else None


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read settings from the environment (``SITREP_*``, see ``ENV``), else in-repo defaults.

    Called at the edge (the CLI, the DAG file, a tool's ``main``); everything else is handed the
    result. ``SITREP_STATE_DIR``'s ``""`` is an unset variable, as for every other setting.
    """
    source = os.environ if environ is None else environ
    named = {var: name for name, var in ENV.items()}
    found = _Environment.model_validate(
        {
            var: value
            for var, value in source.items()
            if var in named and (value or named[var] in _EMPTY_IS_A_VALUE)
        }
    )
    given = {name: getattr(found, name) for name in ENV if getattr(found, name) is not None}
    for name, value in given.items():
        if isinstance(value, Path):
            given[name] = _resolved(value)
    home = given.pop("home", None) or _repo_root()
    warehouse = given.pop("warehouse", None) or home / "warehouse" / "sitrep.duckdb"
    defaults = {
        "build_dir": warehouse.parent / "builds",
        "raw_url": str(home / "data" / "raw"),
        "state_dir": home / "data" / "state",
        "sources_file": home / "sample" / "sources.yaml",
        "dbt_project_dir": home / "dbt_project",
        "expectations_dir": home / "expectations",
        "reports_dir": warehouse.parent / "reports",
    }
    return Settings(
        home=home,
        warehouse=warehouse,
        **{**defaults, **given},
        proxies=_proxies(environ),
        ca_bundle=source.get("REQUESTS_CA_BUNDLE") or source.get("SSL_CERT_FILE") or None,
    )


def _proxies(environ: Mapping[str, str] | None) -> dict[str, str]:
    """HTTP(S)_PROXY, ALL_PROXY and NO_PROXY (either case, lower case winning, as in urllib),
    as the fetcher takes them."""
    found: dict[str, str] = {}
    items = sorted(
        (os.environ if environ is None else environ).items(), key=lambda i: i[0].islower()
    )
    for name, value in items:
        kind = name.lower().removesuffix("_proxy")
        if value and name.lower().endswith("_proxy") and kind in ("http", "https", "all", "no"):
            found[kind] = value
    return found


def settings_env(settings: Settings) -> dict[str, str]:
    """The ``SITREP_*`` environment that reads back as ``settings``: what Airflow's tasks and
    dbt's profile are given (``None`` and ``""`` are written as ``""``, read back as unset)."""
    env = {}
    for f in fields(settings):
        if f.name in ENV:
            value = getattr(settings, f.name)
            env[ENV[f.name]] = "" if value is None else str(value)
    return env


def env_for_root(root: Path) -> dict[str, str]:
    """Environment that puts every Sitrep path (and Airflow's home) under one folder."""
    return {
        ENV["warehouse"]: str(root / "warehouse" / "sitrep.duckdb"),
        ENV["raw_url"]: str(root / "raw"),
        ENV["state_dir"]: str(root / "state"),
        ENV["build_dir"]: str(root / "warehouse" / "builds"),
        ENV["reports_dir"]: str(root / "reports"),
        "AIRFLOW_HOME": str(root / "airflow"),
    }
