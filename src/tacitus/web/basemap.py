"""The offline world basemap: Natural Earth 1:110m country polygons (the npm package
`world-atlas` 2.0.2, vendored as static/vendor/countries-110m.json, ISC licence, data
in the public domain) drawn as SVG paths in an equirectangular projection.

The TopoJSON is decoded here once per process (a few milliseconds) and cached, so no
map library or tile server is needed, in the browser or anywhere else."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

WIDTH = 960.0
LAT_TOP, LAT_BOTTOM = 84.0, -60.0  # Antarctica is left out; nothing happens there
SCALE = WIDTH / 360.0
HEIGHT = (LAT_TOP - LAT_BOTTOM) * SCALE


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    path: str  # SVG path data (numbers and commands only)


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular projection into the map's viewBox."""
    return round((lon + 180.0) * SCALE, 1), round((LAT_TOP - lat) * SCALE, 1)


def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Quantised, delta-encoded TopoJSON arcs to lon/lat lists."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])  # consecutive arcs share an end point
    return points


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Longitudes made continuous: a ring crossing the antimeridian runs past ±180."""
    out: list[tuple[float, float]] = []
    shift = 0.0
    for lon, lat in ring:
        if out and abs(lon + shift - out[-1][0]) > 180:
            shift += 360.0 if out[-1][0] > lon + shift else -360.0
        out.append((lon + shift, lat))
    return out


def _path(rings: list[list[tuple[float, float]]]) -> str:
    """SVG path data. A ring crossing the antimeridian (Russia, Fiji) is drawn whole and
    again one world-width over, so that each side shows its part (the SVG viewport clips)."""
    parts = []
    for ring in rings:
        ring = _unwrap(ring)
        west, east = min(p[0] for p in ring), max(p[0] for p in ring)
        for offset in (0.0, -360.0 if east > 180 else 360.0 if west < -180 else None):
            if offset is None:
                continue
            xy = [project(lon + offset, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in xy) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country of the vendored basemap as an SVG path."""
    raw = resources.files("tacitus.web").joinpath("static/vendor/countries-110m.json").read_text("utf-8")
    topo = json.loads(raw)
    arcs = _decode_arcs(topo)
    out = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("type") == "Polygon":
            polygons = [geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        rings = [_ring(arcs, ring) for polygon in polygons for ring in polygon]
        out.append(Country(str(geom.get("properties", {}).get("name", "")), _path(rings)))
    return tuple(out)
