"""Geometry of the dyad chart: event counts per period stacked by quad class, with the
mean Goldstein score as a line on a -10..10 axis. Computed here, drawn as inline SVG
by the template (so no chart library, and every label goes through autoescape)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta

WIDTH, HEIGHT = 900.0, 320.0
LEFT, RIGHT, TOP, BOTTOM = 48.0, 48.0, 24.0, 40.0
MAX_FILLED = 400  # fill empty periods only while the axis stays readable
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    quad: int
    count: int
    period: str


@dataclass(frozen=True, slots=True)
class Tick:
    pos: float
    label: str


@dataclass
class Chart:
    width: float = WIDTH
    height: float = HEIGHT
    bars: list[Bar] = field(default_factory=list)
    line: str = ""  # SVG polyline points of the Goldstein line
    dots: list[tuple[float, float, str, float]] = field(default_factory=list)  # x, y, period, value
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    g_ticks: list[Tick] = field(default_factory=list)
    plot: tuple[float, float, float, float] = (LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM)


def _step(by: str) -> relativedelta:
    steps = {"day": relativedelta(days=1), "week": relativedelta(weeks=1), "month": relativedelta(months=1)}
    return steps[by]


def fill_periods(series: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    """The series with empty periods added between the first and the last."""
    if not series:
        return []
    have = {p["period"]: p for p in series}
    first, last = dt.date.fromisoformat(series[0]["period"]), dt.date.fromisoformat(series[-1]["period"])
    periods: list[str] = []
    day = first
    while day <= last and len(periods) <= MAX_FILLED:
        periods.append(day.isoformat())
        day += _step(by)
    if len(periods) > MAX_FILLED:
        return series
    empty = {"q1": 0, "q2": 0, "q3": 0, "q4": 0, "total": 0, "goldstein": None}
    return [have.get(p, {"period": p, **empty}) for p in periods]


def _nice_max(n: int) -> int:
    for m in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if n <= m:
            return m
    return n


def dyad_chart(series: list[dict[str, Any]], by: str) -> Chart:
    points = fill_periods(series, by)
    chart = Chart()
    if not points:
        return chart
    x0, y0, x1, y1 = chart.plot
    slot = (x1 - x0) / len(points)
    ymax = _nice_max(max(p["total"] for p in points))
    per = (y1 - y0) / ymax
    line = []
    for i, p in enumerate(points):
        x = x0 + i * slot
        base = y1
        for q in (1, 2, 3, 4):
            n = int(p[f"q{q}"])
            if n:
                h = n * per
                base -= h
                chart.bars.append(Bar(round(x + slot * 0.1, 1), round(base, 1), round(slot * 0.8, 1),
                                      round(h, 1), q, n, p["period"]))
        if p.get("goldstein") is not None:
            g = float(p["goldstein"])
            gx, gy = round(x + slot / 2, 1), round(y1 - (g + 10) / 20 * (y1 - y0), 1)
            line.append(f"{gx},{gy}")
            chart.dots.append((gx, gy, p["period"], g))
    chart.line = " ".join(line)
    every = max(1, len(points) // 8)
    chart.x_ticks = [Tick(round(x0 + i * slot + slot / 2, 1), p["period"])
                     for i, p in enumerate(points) if i % every == 0]
    chart.y_ticks = [Tick(round(y1 - v * per, 1), str(v)) for v in sorted({0, ymax // 2, ymax})]
    chart.g_ticks = [Tick(round(y1 - (g + 10) / 20 * (y1 - y0), 1), f"{g:+d}" if g else "0")
                     for g in (-10, 0, 10)]
    return chart
