"""Expectation outcomes as rows: what is stored in ``marts.dq_results`` and said in the log."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

DDL = """
create schema if not exists marts;
create table if not exists marts.dq_results (
  run_id varchar not null,
  run_date date not null,
  suite varchar not null,
  expectation varchar not null,
  severity varchar not null,
  success boolean not null,
  observed_value varchar,
  checked_at timestamptz not null,
  column_name varchar,
  rows_checked bigint,
  why varchar,
  details varchar
);
"""


@dataclass
class Outcome:
    """One expectation's result (or a suite that could not run), as stored and reported."""

    suite: str
    expectation: str
    severity: str
    success: bool
    observed_value: str | None
    column_name: str | None = None
    rows_checked: int | None = None
    why: str | None = None
    details: str | None = None

    @property
    def label(self) -> str:
        return f"{self.suite}.{self.expectation}"


def describe_observed(result: dict[str, Any]) -> str | None:
    """GX's result dict in a few words: the observed value, or the unexpected count and examples."""
    if "observed_value" in result:
        return _short(result["observed_value"])
    if "unexpected_count" in result:
        count, total = result.get("unexpected_count"), result.get("element_count")
        examples = result.get("partial_unexpected_list") or []
        text = f"{count} of {total} rows unexpected"
        if count and any(e is not None for e in examples):
            text += f", e.g. {_short(examples[:5])}"
        return text
    return None


def _short(value: Any, limit: int = 300) -> str:
    text = json.dumps(value, default=str) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 1] + "…"


def expectation_label(kind: str, kwargs: dict[str, Any]) -> str:
    cols = [kwargs[k] for k in ("column", "column_A", "column_B") if kwargs.get(k)]
    if kwargs.get("column_list"):
        cols += list(kwargs["column_list"])
    return f"{kind}({', '.join(cols)})" if cols else kind


def store(
    db_path: Path, outcomes: list[Outcome], *, run_id: str, run_date: date, checked_at: datetime
) -> None:
    """Replace this run's rows in ``marts.dq_results`` (re-running the gate does not duplicate)."""
    con = duckdb.connect(str(db_path))
    try:
        con.execute(DDL)
        con.execute("begin")
        con.execute("delete from marts.dq_results where run_id = ?", [run_id])
        con.executemany(
            "insert into marts.dq_results values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    run_id,
                    run_date,
                    o.suite,
                    o.expectation,
                    o.severity,
                    o.success,
                    o.observed_value,
                    checked_at,
                    o.column_name,
                    o.rows_checked,
                    o.why,
                    o.details,
                ]
                for o in outcomes
            ],
        )
        con.execute("commit")
    finally:
        con.close()


def summarize(
    outcomes: list[Outcome],
    *,
    run_id: str,
    run_date: date,
    db_path: Path,
    docs_path: Path | None,
) -> tuple[bool, list[str], list[str], str]:
    """(passed, critical failures, warnings, the one log line saying what failed and where)."""
    critical = [_finding(o) for o in outcomes if not o.success and o.severity == "critical"]
    warnings = [_finding(o) for o in outcomes if not o.success and o.severity != "critical"]
    passed = not critical
    head = f"quality gate {'PASSED' if passed else 'FAILED'} for {run_date} (run {run_id}): "
    head += f"{len(outcomes)} checks, {len(critical)} critical failures, {len(warnings)} warnings"
    parts = [head]
    if critical:
        parts.append("critical: " + "; ".join(critical[:5]) + (" ..." if len(critical) > 5 else ""))
    if warnings:
        parts.append("warnings: " + "; ".join(warnings[:3]) + (" ..." if len(warnings) > 3 else ""))
    where = f"details: select * from marts.dq_results where run_id = '{run_id}' in {db_path}"
    if docs_path:
        where += f"; Data Docs: {docs_path}"
    parts.append(where)
    return passed, critical, warnings, " | ".join(parts)


def _finding(o: Outcome) -> str:
    return f"{o.label} observed {o.observed_value}" if o.observed_value else o.label
