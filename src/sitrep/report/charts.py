"""Small SVG charts drawn in Python, so the report carries no charting library or script."""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import Any

from sitrep.ontology import PLOVER_TYPES

# violent types warm, verbal cool
_PALETTE = {
    "ASSAULT": "#c0392b",
    "COERCE": "#e67e22",
    "THREATEN": "#d35400",
    "MOBILIZE": "#8e44ad",
    "PROTEST": "#f1c40f",
    "SANCTION": "#7f8c8d",
    "REJECT": "#95a5a6",
    "ACCUSE": "#b07aa1",
    "REQUEST": "#5dade2",
    "RETREAT": "#16a085",
    "AID": "#27ae60",
    "COOPERATE": "#2ecc71",
    "CONCEDE": "#48c9b0",
    "SUPPORT": "#2980b9",
    "CONSULT": "#3498db",
    "AGREE": "#1abc9c",
}
# one colour per PLOVER type, in the ontology's order (a type without one fails at import)
TYPE_COLORS = {kind: _PALETTE[kind] for kind in PLOVER_TYPES}
OTHER = "#555555"


def color(kind: str | None) -> str:
    return TYPE_COLORS.get(kind or "", OTHER)


def timeline_svg(rows: list[dict[str, Any]], end: date, days: int, width: int = 900) -> str:
    """Stacked bars of events per day by type, for the ``days`` days ending on ``end``."""
    start = end - timedelta(days=days - 1)
    per_day: dict[date, dict[str, int]] = {start + timedelta(days=i): {} for i in range(days)}
    for r in rows:
        day = r["day"]
        if day in per_day:
            per_day[day][r["event_type"] or "?"] = int(r["events"])
    peak = max((sum(v.values()) for v in per_day.values()), default=0) or 1
    height, top, bottom, left = 180, 10, 30, 30
    plot_h = height - top - bottom
    bar_w = (width - left) / days
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="timeline" viewBox="0 0 {width} {height}"'
        ' width="100%" role="img" aria-label="Events per day by type">',
        f'<text x="2" y="{top + 8}" class="axis">{peak}</text>',
        f'<text x="2" y="{top + plot_h}" class="axis">0</text>',
    ]
    for i, (day, counts) in enumerate(sorted(per_day.items())):
        x = left + i * bar_w
        y = top + plot_h
        for kind, n in sorted(counts.items()):
            h = plot_h * n / peak
            y -= h
            parts.append(
                f'<rect class="bar" x="{x + 1:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}"'
                f' height="{h:.1f}" fill="{color(kind)}"><title>{day} {html.escape(kind)}:'
                f" {n}</title></rect>"
            )
        if day == end or i % 7 == (days - 1) % 7:
            cls, anchor = ("axis today", "end") if day == end else ("axis", "middle")
            parts.append(
                f'<text x="{x + bar_w / 2 if anchor == "middle" else width:.1f}"'
                f' y="{height - 12}" class="{cls}" text-anchor="{anchor}">{day:%d %b}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def change(this_week: int | None, last_week: int | None) -> str:
    """'+40%', '-10%', 'new' or '='."""
    now, before = int(this_week or 0), int(last_week or 0)
    if before == 0:
        return "new" if now else "="
    pct = round(100 * (now - before) / before)
    return "=" if pct == 0 else f"{pct:+d}%"
