"""The warehouse: running the dbt project on a DuckDB file (``build``)."""

from sitrep.warehouse.build import BuildResult, build

__all__ = ["BuildResult", "build"]
