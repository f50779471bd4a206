"""The evaluation harness (``make eval`` / ``sitrep eval``): precision, recall and F1 per field.

Gold: the reference page (``../shared/gold/seed.json``), the PLOVER gold-standard sentences
(``../shared/gold/plover_gsr.json``), the project's gold pages (``gold/pages/*.json``) and the
event-resolution set (``gold/clusters/``: extraction, landing and dbt, scored by clustering).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sitrep.evaluation.report import render_report, run_all

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run every gold set, print the report, write it to ``eval/report.md``; 1 if a must fails."""
    from sitrep.config import load_settings

    settings = load_settings()
    parser = argparse.ArgumentParser(prog="sitrep eval", description=__doc__)
    parser.add_argument(
        "--shared",
        type=Path,
        default=settings.home.parent / "shared",
        help="folder holding gold/seed.json and gold/plover_gsr.json",
    )
    parser.add_argument(
        "--pages",
        type=Path,
        default=settings.home / "gold" / "pages",
        help="folder of project gold pages in the seed.json format",
    )
    parser.add_argument(
        "--clusters",
        type=Path,
        default=settings.home / "gold" / "clusters",
        help="event-resolution gold folder (gold.json + articles/)",
    )
    parser.add_argument(
        "--no-clusters", action="store_true", help="skip the event-resolution evaluation"
    )
    parser.add_argument("--out", type=Path, default=settings.home / "eval" / "report.md")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = run_all(args.shared, args.pages, settings.home)
    if not args.no_clusters and (args.clusters / "gold.json").exists():
        from sitrep.evaluation.clusters import run_clusters

        results.clusters = run_clusters(args.clusters)
    report = render_report(results, time.perf_counter() - started)
    print(report)
    if not args.no_write:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report, encoding="utf-8")
        print(f"\nwritten to {args.out}", file=sys.stderr)
    return 0 if results.musts_ok else 1
