#!/usr/bin/env bash
# Start Superset for Sitrep: metadata DB, admin user, the DuckDB connection and the starter
# dashboard (provisioned from the files in SITREP_BI_DIR), then the web server.
#
# The container runs it as is (docker-compose.yml); tests/bi/test_superset.py runs the same file
# natively, with the paths and the bind address from the environment:
#   SITREP_BI_DIR        the repository's bi/ folder           (default /app/sitrep-bi)
#   SITREP_BI_BUNDLE     where the import bundle is written     (default /tmp/sitrep-assets.zip)
#   SUPERSET_BIND        address:port gunicorn listens on       (default 0.0.0.0:8088)
#   SUPERSET_WORKERS     gunicorn workers                       (default 2)
#   SUPERSET_ADMIN_USER, SUPERSET_ADMIN_PASSWORD, SUPERSET_CONFIG_PATH (superset_config.py)
# A step that fails stops the script with its message (set -e): no web server on a half set-up.
set -euo pipefail

export FLASK_APP="${FLASK_APP:-superset}"  # the image sets it; a native install does not
bi_dir="${SITREP_BI_DIR:-/app/sitrep-bi}"
bundle="${SITREP_BI_BUNDLE:-/tmp/sitrep-assets.zip}"

superset db upgrade
# the admin exists from an earlier start: keep it (its password may have been changed in the UI)
users="$(superset fab list-users 2>/dev/null || true)"
if ! grep -q "username:${SUPERSET_ADMIN_USER} " <<< "${users}"; then
  superset fab create-admin \
    --username "${SUPERSET_ADMIN_USER}" --password "${SUPERSET_ADMIN_PASSWORD}" \
    --firstname Sitrep --lastname Admin --email "${SUPERSET_ADMIN_USER}@sitrep.local"
fi
superset init

# connection, datasets, charts and dashboard from the repository's bi/ folder, replacing what an
# earlier start imported (stable uuids), so an edited dashboard.yaml shows after a restart
SITREP_BI_DIR="${bi_dir}" python "${bi_dir}/superset/import_bundle.py" "${bundle}"

exec gunicorn --bind "${SUPERSET_BIND:-0.0.0.0:8088}" --workers "${SUPERSET_WORKERS:-2}" \
  --timeout 120 --limit-request-line 0 --limit-request-field_size 0 \
  "superset.app:create_app()"
