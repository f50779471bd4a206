"""Superset settings for Sitrep's BI profile (read by SUPERSET_CONFIG_PATH)."""

import os

SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]
SQLALCHEMY_DATABASE_URI = "sqlite:////app/superset_home/superset.db"
# Every query opens a new DuckDB connection (Superset's default NullPool), so a dashboard sees
# the newly published warehouse on its next query and never holds the old file for long.
FEATURE_FLAGS = {"DASHBOARD_RBAC": False}
PREVENT_UNSAFE_DB_CONNECTIONS = False
SQLLAB_TIMEOUT = 120
