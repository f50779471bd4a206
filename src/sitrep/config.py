"""One place for configuration: every path and knob, read from the environment once.

Defaults are embedded so that a fresh checkout runs with no configuration at all:
the warehouse is a DuckDB file under ``warehouse/``, the raw zone a folder under
``data/raw`` (or object storage: ``SITREP_RAW_URL=s3://bucket/prefix``, see docs/scaling.md),
and the sources file the bundled sample corpus.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitrep.lake.zone import RawZone


def _repo_root() -> Path:
    """The checkout this package runs from (editable install), or SITREP_HOME."""
    env = os.environ.get("SITREP_HOME")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


def _path(env: str, default: Path) -> Path:
    value = os.environ.get(env)
    return Path(value).expanduser().resolve() if value else default


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
    # DuckDB memory for a build and for the gate's reads (past it a build spills to disk); the
    # dbt profile reads the same variable
    duckdb_memory_limit: str = "2GB"
    # storage format of the published file ("v1.2.0": DuckDB 1.2+ clients open it; "" keeps 2.0's)
    duckdb_storage_version: str = "v1.2.0"
    schedule: str = "0 1 * * *"  # cron for the daily DAG (UTC); "none" for triggered runs only
    user_agent: str = "SitrepBot/0.1 (+https://github.com/sitrep; event-data research)"
    extra: dict[str, str] = field(default_factory=dict)
    # run state shared by workers on several machines (docs/scaling.md, "Run state"): the
    # sources' discovery state (a folder or s3:// prefix; "" = state_dir) and, when set, the
    # Redis that holds per-host pacing and HTTP validators (else SQLite files in state_dir)
    state_url: str = ""
    redis_url: str | None = None
    # the operator's proxy settings (http/https/all proxy URLs, "no": hosts that bypass them)
    # and CA bundle, read here once: the fetcher applies them with its address checks intact
    proxies: dict[str, str] = field(default_factory=dict)
    ca_bundle: str | None = None
    fetch_budget_s: float = 30.0  # one URL's wall-clock budget across all its tries

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


def load_settings() -> Settings:
    """Read settings from the environment (``SITREP_*``), falling back to in-repo defaults."""
    home = _repo_root()
    warehouse = _path("SITREP_WAREHOUSE", home / "warehouse" / "sitrep.duckdb")
    raw = os.environ.get("SITREP_RAW_URL") or str(home / "data" / "raw")
    return Settings(
        home=home,
        warehouse=warehouse,
        build_dir=_path("SITREP_BUILD_DIR", warehouse.parent / "builds"),
        raw_url=raw,
        state_dir=_path("SITREP_STATE_DIR", home / "data" / "state"),
        sources_file=_path("SITREP_SOURCES", home / "sample" / "sources.yaml"),
        dbt_project_dir=_path("SITREP_DBT_PROJECT", home / "dbt_project"),
        expectations_dir=_path("SITREP_EXPECTATIONS", home / "expectations"),
        reports_dir=_path("SITREP_REPORTS", warehouse.parent / "reports"),
        batch_size=int(os.environ.get("SITREP_BATCH_SIZE", "250")),
        extract_slots=int(os.environ.get("SITREP_EXTRACT_SLOTS", "2")),
        gate_chunk_rows=int(os.environ.get("SITREP_GATE_CHUNK_ROWS", "1000000")),
        duckdb_memory_limit=os.environ.get("SITREP_DUCKDB_MEMORY_LIMIT") or "2GB",
        duckdb_storage_version=os.environ.get("SITREP_DUCKDB_STORAGE_VERSION", "v1.2.0"),
        schedule=os.environ.get("SITREP_SCHEDULE", "0 1 * * *"),
        state_url=os.environ.get("SITREP_STATE_URL", ""),
        redis_url=os.environ.get("SITREP_REDIS_URL") or None,
        proxies=_proxies(),
        ca_bundle=os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("SSL_CERT_FILE") or None,
        fetch_budget_s=float(os.environ.get("SITREP_FETCH_BUDGET_S", "30")),
    )


def _proxies() -> dict[str, str]:
    """HTTP(S)_PROXY, ALL_PROXY and NO_PROXY (either case), as the fetcher takes them."""
    import urllib.request

    found = urllib.request.getproxies_environment()
    return {k: v for k, v in found.items() if k in ("http", "https", "all", "no") and v}


def env_for_root(root: Path) -> dict[str, str]:
    """Environment that puts every Sitrep path (and Airflow's home) under one folder."""
    return {
        "SITREP_WAREHOUSE": str(root / "warehouse" / "sitrep.duckdb"),
        "SITREP_RAW_URL": str(root / "raw"),
        "SITREP_STATE_DIR": str(root / "state"),
        "SITREP_BUILD_DIR": str(root / "warehouse" / "builds"),
        "SITREP_REPORTS": str(root / "reports"),
        "AIRFLOW_HOME": str(root / "airflow"),
    }
