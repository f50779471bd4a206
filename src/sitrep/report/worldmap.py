"""An offline SVG map: Natural Earth country outlines (shipped in ``data/``) and event points.

Drawn server-side into plain SVG so the report needs no tile server, CDN or script. The
projection is equirectangular scaled by cos(latitude) at the view's centre, which keeps a
region's shapes right at the scale of a day's events.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pycountry

TOPOLOGY = Path(__file__).with_name("data") / "countries-50m.topo.json"
Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Country:
    name: str
    alpha3: str | None
    polygons: list[list[Ring]]  # polygon -> rings -> (lon, lat)
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


@dataclass(frozen=True)
class MapPoint:
    """One event to draw: where, what, and the text of its tooltip."""

    latitude: float
    longitude: float
    kind: str
    label: str
    event_id: str
    weight: float = 1.0


@cache
def countries() -> tuple[Country, ...]:
    """Decode the TopoJSON once per process (quantized, delta-encoded arcs)."""
    topo = json.loads(TOPOLOGY.read_text())
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices: list[int]) -> Ring:
        out: Ring = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    numeric = {c.numeric: c.alpha_3 for c in pycountry.countries}
    result = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("type") == "Polygon":
            polys = [[ring(r) for r in geom["arcs"]]]
        elif geom.get("type") == "MultiPolygon":
            polys = [[ring(r) for r in poly] for poly in geom["arcs"]]
        else:
            continue
        lons = [p[0] for poly in polys for r in poly for p in r]
        lats = [p[1] for poly in polys for r in poly for p in r]
        name = (geom.get("properties") or {}).get("name", "")
        alpha3 = numeric.get(str(geom.get("id", "")).zfill(3))
        result.append(Country(name, alpha3, polys, (min(lons), min(lats), max(lons), max(lats))))
    return tuple(result)


def view_for(points: list[MapPoint], *, min_span: float = 8.0, pad: float = 0.25):
    """The lon/lat box to show: the events plus a margin, never narrower than ``min_span``."""
    if not points:
        return (-180.0, -60.0, 180.0, 80.0)
    lons = [p.longitude for p in points]
    lats = [p.latitude for p in points]
    lo_x, hi_x, lo_y, hi_y = min(lons), max(lons), min(lats), max(lats)
    span = max(hi_x - lo_x, hi_y - lo_y, min_span) * (1 + 2 * pad)
    cx, cy = (lo_x + hi_x) / 2, (lo_y + hi_y) / 2
    half = span / 2
    return (
        max(cx - half, -180.0),
        max(cy - half * 0.7, -85.0),
        min(cx + half, 180.0),
        min(cy + half * 0.7, 85.0),
    )


def render_map(
    points: list[MapPoint],
    *,
    colors: dict[str, str],
    highlight: set[str] = frozenset(),
    width: int = 900,
) -> str:
    """SVG markup: countries (those in ``highlight`` shaded), then one circle per event."""
    x0, y0, x1, y1 = view_for(points)
    k = math.cos(math.radians((y0 + y1) / 2))
    scale = width / ((x1 - x0) * k)
    height = max(200, round((y1 - y0) * scale))

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - x0) * k * scale, (y1 - lat) * scale

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="event-map" viewBox="0 0 {width} {height}"'
        f' width="100%" role="img" aria-label="Map of the day\'s events">',
        f'<rect width="{width}" height="{height}" class="sea"/>',
    ]
    for country in countries():
        bx0, by0, bx1, by1 = country.bbox
        if bx1 < x0 - 1 or bx0 > x1 + 1 or by1 < y0 - 1 or by0 > y1 + 1:
            continue
        d = _path(country.polygons, xy)
        if not d:
            continue
        cls = "land hit" if country.alpha3 in highlight else "land"
        parts.append(
            f'<path class="{cls}" d="{d}"><title>{html.escape(country.name)}</title></path>'
        )
    for p in sorted(points, key=lambda q: -q.weight):
        cx, cy = xy(p.longitude, p.latitude)
        r = 4 + 3 * math.log10(1 + max(p.weight, 0))  # log: one 100,000 toll must not hide a map
        parts.append(
            f'<circle class="event-marker" data-event-id="{html.escape(p.event_id)}"'
            f' data-kind="{html.escape(p.kind)}" cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}"'
            f' fill="{colors.get(p.kind, "#555")}"><title>{html.escape(p.label)}</title></circle>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _path(polygons: list[list[Ring]], xy: Any, tolerance: float = 0.6) -> str:
    """SVG path data, dropping points closer than ``tolerance`` px to the last one kept."""
    out = []
    for poly in polygons:
        for ring in poly:
            pieces: list[list[tuple[float, float]]] = [[]]
            last_lon = None
            for lon, lat in ring:
                if last_lon is not None and abs(lon - last_lon) > 180:
                    pieces.append([])  # crossing the antimeridian: don't draw across the map
                last_lon = lon
                x, y = xy(lon, lat)
                kept = pieces[-1]
                if kept and abs(x - kept[-1][0]) < tolerance and abs(y - kept[-1][1]) < tolerance:
                    continue
                kept.append((x, y))
            closed = "Z" if len(pieces) == 1 else ""
            for kept in pieces:
                if len(kept) >= 3:
                    out.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + closed)
    return "".join(out)
