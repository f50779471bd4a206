"""Sitrep: an open event-data warehouse built from the news."""

import os

# One process per core is how Sitrep uses a machine (Airflow tasks, bench workers). OpenBLAS'
# own thread pool (numpy, used by the language identifier) would spin idle threads after each
# call and take CPU from the other process: measured at +27 ms per article in the article stage.
# Set before numpy is first imported; an explicit setting in the environment wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
