#!/usr/bin/env bash
# Start Superset for Sitrep: metadata DB, admin user, the DuckDB connection and the starter
# dashboard (provisioned from the files in /app/sitrep-bi), then the web server.
set -euo pipefail

superset db upgrade
superset fab create-admin \
  --username "${SUPERSET_ADMIN_USER}" --password "${SUPERSET_ADMIN_PASSWORD}" \
  --firstname Sitrep --lastname Admin --email "${SUPERSET_ADMIN_USER}@sitrep.local" || true
superset init

bundle=/tmp/sitrep-dashboard.zip
python /app/sitrep-bi/superset/build_bundle.py "${bundle}"
superset import-dashboards --path "${bundle}" --username "${SUPERSET_ADMIN_USER}"

exec gunicorn --bind 0.0.0.0:8088 --workers 2 --timeout 120 \
  "superset.app:create_app()"
