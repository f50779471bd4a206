"""The warehouse: running the dbt project on a DuckDB file (``build``, ``unit_test``)."""

from sitrep.warehouse.build import BuildResult, build, unit_test

__all__ = ["BuildResult", "build", "unit_test"]
