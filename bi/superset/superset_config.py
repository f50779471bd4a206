"""Superset settings for Sitrep's BI profile (read by SUPERSET_CONFIG_PATH).

Everything comes from the environment, so the container (docker-compose.yml) and the native test
(tests/bi/test_superset.py) use this one file.
"""

import os

SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]
# Superset's own metadata (users, charts, dashboards): SQLite in its home folder (a volume)
_HOME = os.environ.get("SUPERSET_HOME", "/app/superset_home")
SQLALCHEMY_DATABASE_URI = os.environ.get(
    "SUPERSET_METADATA_URI", f"sqlite:///{os.path.join(_HOME, 'superset.db')}"
)
# Street and terrain tiles under the deck.gl map (optional: without a key it draws its points
# alone; the world map and every other chart need no key and no network)
MAPBOX_API_KEY = os.environ.get("MAPBOX_API_KEY", "")
# Every query opens a new DuckDB connection (Superset's default NullPool), so a dashboard sees
# the newly published warehouse on its next query and never holds the old file for long.
FEATURE_FLAGS = {"DASHBOARD_RBAC": False}
PREVENT_UNSAFE_DB_CONNECTIONS = False
SQLLAB_TIMEOUT = 120
# No result cache: the warehouse changes once a day and queries on it take milliseconds
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
