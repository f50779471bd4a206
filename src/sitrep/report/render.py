"""Render a day's report from the published warehouse into one HTML file."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import jinja2

from sitrep.report.charts import TYPE_COLORS, change, color, timeline_svg
from sitrep.report.queries import TIMELINE_DAYS, DayData, read_day
from sitrep.report.worldmap import MapPoint, render_map

# a busy day (tens of thousands of events) must still open quickly: the table lists the deadliest
# events and the map the first MAX_MARKERS by deaths; the counts say how many there are in all
MAX_ROWS = 200
MAX_MARKERS = 5000

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=jinja2.select_autoescape(["html", "j2"]),
)


def write_report(db_path: Path, run_date: date, out_dir: Path) -> Path:
    """Write ``sitrep-<date>.html`` to ``out_dir`` and return its path.

    Opens the warehouse read-only, so it can run beside BI readers and the next build.
    """
    db_path, out_dir = Path(db_path), Path(out_dir)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        data = read_day(con, run_date)
    finally:
        con.close()
    html = render_html(data, source=db_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"sitrep-{run_date.isoformat()}.html"
    partial = target.with_name(f".{target.name}.tmp")
    partial.write_text(html, encoding="utf-8")
    os.replace(partial, target)  # a browser never opens half a report
    return target


def render_html(data: DayData, *, source: Path | str = "") -> str:
    """The report's HTML for already-read data (pure: no I/O)."""
    points = [
        MapPoint(
            latitude=float(e["latitude"]),
            longitude=float(e["longitude"]),
            kind=e["event_type"] or "?",
            label=_label(e),
            event_id=str(e["event_id"]),
            weight=float(e.get("fatalities_best") or 0),
        )
        for e in data.events
        if e.get("latitude") is not None and e.get("longitude") is not None
    ][:MAX_MARKERS]
    kinds = sorted({p.kind for p in points})
    highlight = {e["country_code"] for e in data.events if e.get("country_code")}
    actors = [
        {**a, "change": change(a["this_week"], a["last_week"]), "trend": _trend(a)}
        for a in data.actors
    ]
    q = data.quality
    failed_critical = any(f["severity"] == "critical" for f in q.get("failed", []))
    if not q:
        quality_label, quality_class = "n/a", "muted"
    elif failed_critical:
        quality_label, quality_class = "failed", "bad"
    elif q.get("failed"):
        quality_label, quality_class = "passed*", "warn"
    else:
        quality_label, quality_class = "passed", "ok"
    return _ENV.get_template("report.html.j2").render(
        day=data.run_date.isoformat(),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        warehouse=str(source),
        totals=data.totals,
        notes=data.notes,
        map_svg=render_map(points, colors=TYPE_COLORS, highlight=highlight),
        legend=[(k, color(k)) for k in kinds],
        timeline_svg=timeline_svg(data.timeline, data.run_date, TIMELINE_DAYS),
        timeline_days=TIMELINE_DAYS,
        actors=actors,
        actors_basis=data.actors_basis,
        places=data.places,
        events=data.events[:MAX_ROWS],
        events_total=len(data.events),
        max_markers=MAX_MARKERS,
        quality=q,
        quality_label=quality_label,
        quality_class=quality_class,
    )


def _label(e: dict) -> str:
    who = e.get("actor1_name") or "?"
    if e.get("actor2_name"):
        who += f" → {e['actor2_name']}"
    where = e.get("location_name") or "?"
    deaths = e.get("fatalities_best")
    tail = f", {deaths} killed" if deaths else ""
    return f"{e.get('event_type')}: {who} at {where}{tail}"


def _trend(a: dict) -> str:
    now, before = int(a.get("this_week") or 0), int(a.get("last_week") or 0)
    return "up" if now > before else "down" if now < before else ""
