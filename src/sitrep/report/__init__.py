"""The self-contained HTML report of a day: one file, no server, no CDN, no script needed."""

from sitrep.report.render import write_report

__all__ = ["write_report"]
