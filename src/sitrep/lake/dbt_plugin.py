"""dbt-duckdb plugin: lets dbt's DuckDB read the raw zone wherever it is.

``dbt_project/profiles.yml`` loads it (``plugins: [{module: sitrep.lake.dbt_plugin}]``). When
``SITREP_RAW_URL`` is object storage, the zone's fsspec filesystem is registered on the
connection, so the staging sources' ``read_parquet('s3://…')`` works with no DuckDB extension
(httpfs would be downloaded at run time); for a local folder it does nothing.
"""

from __future__ import annotations

import os
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin

from sitrep.lake.zone import RawZone


class Plugin(BasePlugin):
    """Registers the raw zone's filesystem on every DuckDB connection dbt opens."""

    def configure_connection(self, conn: Any) -> None:
        url = os.environ.get("SITREP_RAW_URL")
        if url:
            RawZone.from_url(url).register(conn)
