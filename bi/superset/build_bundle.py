"""Build Superset's import bundle (a zip of YAML files) from bi/dashboard.yaml.

Runs at Superset's start-up (bootstrap.sh, through import_bundle.py), and in tests/bi. Needs only
Python and PyYAML: the connection comes from the environment docker-compose.yml sets
(SITREP_BI_SQLALCHEMY_URI, SITREP_BI_CONNECT_ARGS), the SQL from bi/queries/.

What Superset 5.0's importer needs beyond its own exports' shape: every chart in the dashboard's
layout carries a placeholder ``meta.chartId`` (else ``KeyError: 'chartId'``), and every chart a
saved ``query_context`` (else its data API answers 400 "Chart has no query context saved").

    python bi/superset/build_bundle.py OUT.zip      # for Superset's UI: Dashboards > Import
"""

from __future__ import annotations

import io
import json
import os
import sys
import uuid
import zipfile
from pathlib import Path
from typing import Any

import yaml

BI_DIR = Path(os.environ.get("SITREP_BI_DIR", Path(__file__).resolve().parents[1]))
NAMESPACE = uuid.UUID("6f1d5c9e-2f4b-4d0e-9a57-5b1f3e2c7a10")  # stable ids: re-import updates
EXPORT_VERSION = "1.0.0"
TEMPORAL = {"DATE", "TIMESTAMP", "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE"}
NUMERIC = {"BIGINT", "HUGEINT", "INTEGER", "DOUBLE", "FLOAT", "DECIMAL"}


def _uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def connection() -> tuple[str, dict[str, Any]]:
    """The SQLAlchemy URI and connect args Superset uses (from docker-compose.yml's env)."""
    uri = os.environ.get("SITREP_BI_SQLALCHEMY_URI", "duckdb:////warehouse/sitrep.duckdb")
    args = json.loads(os.environ.get("SITREP_BI_CONNECT_ARGS", '{"read_only": true}'))
    return uri, args


def load_spec(bi_dir: Path = BI_DIR) -> dict[str, Any]:
    return yaml.safe_load((bi_dir / "dashboard.yaml").read_text())


def dataset_sql(spec: dict[str, Any], name: str, bi_dir: Path = BI_DIR) -> str:
    """A dataset's SQL as Superset stores it (comments kept, no trailing semicolon)."""
    return (bi_dir / spec["datasets"][name]["query"]).read_text().strip().rstrip(";")


def build(bi_dir: Path = BI_DIR, kind: str = "Dashboard") -> dict[str, Any]:
    """The bundle's files as {path: YAML-ready dict}.

    ``kind`` "Dashboard" is the bundle Superset's UI and ``import-dashboards`` read; "assets" is
    the one import_bundle.py hands to the assets importer, which overwrites what exists.
    """
    spec = load_spec(bi_dir)
    uri, connect_args = connection()
    db_name = spec["database"]
    db_uuid = _uid("database", db_name)
    folder = db_name.replace(" ", "_")
    files: dict[str, Any] = {
        "metadata.yaml": {
            "version": EXPORT_VERSION,
            "type": kind,
            "timestamp": "2026-01-01T00:00:00+00:00",
        },
        f"databases/{folder}.yaml": {
            "database_name": db_name,
            "sqlalchemy_uri": uri,
            "cache_timeout": None,
            "expose_in_sqllab": True,
            "allow_run_async": False,
            "allow_ctas": False,
            "allow_cvas": False,
            "allow_dml": False,
            "allow_file_upload": False,
            "extra": {
                "engine_params": {"connect_args": connect_args},
                "metadata_params": {},
                "schemas_allowed_for_file_upload": [],
            },
            "uuid": db_uuid,
            "version": EXPORT_VERSION,
        },
    }
    for name, ds in spec["datasets"].items():
        files[f"datasets/{folder}/{name}.yaml"] = _dataset(spec, name, ds, db_uuid, bi_dir)
    positions: dict[str, Any] = {}
    row_ids: list[str] = []
    row: list[str] = []
    width_used = 0
    placeholder_ids: dict[str, int] = {}
    for n, chart in enumerate(spec["charts"]):
        chart_uuid = _uid("chart", chart["name"])
        placeholder_ids[chart["name"]] = n + 1
        params = {"viz_type": chart["viz_type"], **chart["params"]}
        files[f"charts/chart_{n}.yaml"] = {
            "slice_name": chart["name"],
            "description": chart.get("description"),
            "certified_by": None,
            "certification_details": None,
            "viz_type": chart["viz_type"],
            "params": params,
            # what the chart data API (GET /api/v1/chart/<id>/data/) runs; the importer points
            # its datasource at the imported dataset
            "query_context": json.dumps(query_context(chart, spec["datasets"][chart["dataset"]])),
            "cache_timeout": None,
            "uuid": chart_uuid,
            "version": EXPORT_VERSION,
            "dataset_uuid": _uid("dataset", chart["dataset"]),
        }
        width = int(chart.get("width", 6))
        if width_used + width > 12 and row:
            row_ids.append(_row(positions, len(row_ids), row))
            row, width_used = [], 0
        chart_id = f"CHART-{n}"
        positions[chart_id] = {
            "type": "CHART",
            "id": chart_id,
            "children": [],
            "meta": {
                "width": width,
                "height": int(chart.get("height", 50)),
                "sliceName": chart["name"],
                "uuid": chart_uuid,
                # a placeholder the importer maps to the imported chart's id (it must be there)
                "chartId": placeholder_ids[chart["name"]],
            },
        }
        row.append(chart_id)
        width_used += width
    if row:
        row_ids.append(_row(positions, len(row_ids), row))
    positions.update(
        {
            "DASHBOARD_VERSION_KEY": "v2",
            "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
            "GRID_ID": {
                "type": "GRID",
                "id": "GRID_ID",
                "children": row_ids,
                "parents": ["ROOT_ID"],
            },
            "HEADER_ID": {"id": "HEADER_ID", "type": "HEADER", "meta": {"text": spec["title"]}},
        }
    )
    for key, node in positions.items():
        if key.startswith("ROW-"):
            node["parents"] = ["ROOT_ID", "GRID_ID"]
            for child in node["children"]:
                positions[child]["parents"] = ["ROOT_ID", "GRID_ID", key]
    files["dashboards/sitrep.yaml"] = {
        "dashboard_title": spec["title"],
        "description": None,
        "css": spec.get("css", ""),
        "slug": spec["slug"],
        "certified_by": None,
        "certification_details": None,
        "published": True,
        "uuid": _uid("dashboard", spec["slug"]),
        "position": positions,
        "metadata": {
            "color_scheme": "",
            "refresh_frequency": 0,
            "expanded_slices": {},
            "label_colors": spec.get("label_colors", {}),
            "timed_refresh_immune_slices": [],
            "cross_filters_enabled": True,
            "default_filters": "{}",
            "chart_configuration": {},
            "native_filter_configuration": native_filters(spec, placeholder_ids),
        },
        "version": EXPORT_VERSION,
    }
    return files


def _metrics(params: dict[str, Any]) -> list[Any]:
    found = list(params.get("metrics", []))
    for key in ("metric", "secondary_metric", "size"):
        if params.get(key):
            found.append(params[key])
    return found


def _columns(chart: dict[str, Any], dataset: dict[str, Any]) -> list[Any]:
    params = chart["params"]
    kinds = dataset["columns"]
    columns: list[Any] = []
    if x_axis := params.get("x_axis"):
        if kinds.get(x_axis) in TEMPORAL:
            columns.append(
                {
                    "columnType": "BASE_AXIS",
                    "expressionType": "SQL",
                    "label": x_axis,
                    "sqlExpression": x_axis,
                    "timeGrain": params.get("time_grain_sqla", "P1D"),
                }
            )
        else:
            columns.append(x_axis)
    if spatial := params.get("spatial"):
        columns += [spatial["latCol"], spatial["lonCol"]]
    for key in ("entity", "dimension"):
        if params.get(key):
            columns.append(params[key])
    columns += params.get("groupby", []) + params.get("all_columns", [])
    return columns


def query_context(chart: dict[str, Any], dataset: dict[str, Any]) -> dict[str, Any]:
    """The saved query of a chart: the same columns, metrics, filters and limit it draws."""
    params = chart["params"]
    metrics = _metrics(params)
    if params.get("order_by_cols"):
        orderby = [json.loads(item) for item in params["order_by_cols"]]
    elif metrics:
        orderby = [[metrics[0], False]]
    else:
        orderby = []
    where = " AND ".join(
        f"({f['sqlExpression']})"
        for f in params.get("adhoc_filters", [])
        if f.get("expressionType") == "SQL" and f.get("clause", "WHERE") == "WHERE"
    )
    return {
        "datasource": {"id": 0, "type": "table"},
        "force": False,
        "queries": [
            {
                "filters": [],
                "extras": {"having": "", "where": where},
                "applied_time_extras": {},
                "columns": _columns(chart, dataset),
                "metrics": metrics,
                "orderby": orderby,
                "annotation_layers": [],
                "row_limit": int(params.get("row_limit", 10000)),
                "series_limit": 0,
                "order_desc": True,
                "url_params": {},
                "custom_params": {},
                "custom_form_data": {},
                "time_range": "No filter",
            }
        ],
        "form_data": {"viz_type": chart["viz_type"], **params},
        "result_format": "json",
        "result_type": "full",
    }


def native_filters(spec: dict[str, Any], chart_ids: dict[str, int]) -> list[dict[str, Any]]:
    """Dashboard filters; a filter leaves out the charts whose dataset lacks its column."""
    filters = []
    for item in spec.get("filters", []):
        excluded = [
            chart_ids[chart["name"]]
            for chart in spec["charts"]
            if chart["dataset"] != item["dataset"]
        ]
        is_time = item["type"] == "filter_time"
        target = (
            {}
            if is_time
            else {
                "datasetUuid": _uid("dataset", item["dataset"]),
                "column": {"name": item["column"]},
            }
        )
        controls = (
            {}
            if is_time
            else {
                "enableEmptyFilter": False,
                "defaultToFirstItem": False,
                "multiSelect": True,
                "searchAllOptions": False,
                "inverseSelection": False,
            }
        )
        filters.append(
            {
                "id": f"NATIVE_FILTER-{_uid('filter', item['name'])[:8]}",
                "name": item["name"],
                "filterType": item["type"],
                "type": "NATIVE_FILTER",
                "targets": [target],
                "controlValues": controls,
                "defaultDataMask": {"extraFormData": {}, "filterState": {}, "ownState": {}},
                "cascadeParentIds": [],
                "scope": {"rootPath": ["ROOT_ID"], "excluded": excluded},
                "description": "",
            }
        )
    return filters


def _row(positions: dict[str, Any], n: int, children: list[str]) -> str:
    row_id = f"ROW-{n}"
    positions[row_id] = {
        "type": "ROW",
        "id": row_id,
        "children": list(children),
        "meta": {"background": "BACKGROUND_TRANSPARENT"},
    }
    return row_id


def _dataset(
    spec: dict[str, Any], name: str, ds: dict[str, Any], db_uuid: str, bi_dir: Path
) -> dict[str, Any]:
    columns = [
        {
            "column_name": col,
            "verbose_name": ds.get("labels", {}).get(col),
            "is_dttm": kind in TEMPORAL,
            "is_active": True,
            "type": kind,
            "advanced_data_type": None,
            "groupby": kind not in NUMERIC,
            "filterable": True,
            "expression": None,
            "description": None,
            "python_date_format": None,
            "extra": {},
        }
        for col, kind in ds["columns"].items()
    ]
    return {
        "table_name": name,
        "main_dttm_col": ds.get("time_column"),
        "description": None,
        "default_endpoint": None,
        "offset": 0,
        "cache_timeout": None,
        "schema": "marts",
        "sql": dataset_sql(spec, name, bi_dir),
        "params": None,
        "template_params": None,
        "filter_select_enabled": True,
        "fetch_values_predicate": None,
        "extra": None,
        "normalize_columns": False,
        "always_filter_main_dttm": False,
        "uuid": _uid("dataset", name),
        "metrics": [
            {
                "metric_name": "count",
                "verbose_name": "COUNT(*)",
                "metric_type": "count",
                "expression": "COUNT(*)",
                "description": None,
                "d3format": None,
                "extra": {},
                "warning_text": None,
            }
        ],
        "columns": columns,
        "version": EXPORT_VERSION,
        "database_uuid": db_uuid,
    }


def write_zip(target: Path, bi_dir: Path = BI_DIR, kind: str = "Dashboard") -> Path:
    """Write the bundle as a zip Superset reads (files under one root folder)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path, content in build(bi_dir, kind).items():
            text = yaml.safe_dump(content, sort_keys=False, allow_unicode=True)
            bundle.writestr(f"sitrep_dashboard/{path}", text)
    target.write_bytes(buffer.getvalue())
    return target


if __name__ == "__main__":
    print(write_zip(Path(sys.argv[1] if len(sys.argv) > 1 else "sitrep-dashboard.zip")))
