"""Sitrep: an open event-data warehouse built from the news."""

__version__ = "0.1.0"
