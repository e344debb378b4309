"""The dyad chart: events per period stacked by quad class, and the Goldstein sum."""

from __future__ import annotations

from tacitus.reference import QUAD_CLASS

from collections import defaultdict
from typing import Any

QUAD_OF = QUAD_CLASS  # one source of truth: tacitus.reference
QUAD_LABELS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
QUAD_COLOURS = {1: "#7fbf7f", 2: "#2e8b57", 3: "#f4a460", 4: "#b22222"}


def plot_dyad(rows: list[dict[str, Any]], path: str, title: str, by: str) -> None:
    """Write the chart of `dyad` rows to `path` (PNG, SVG or PDF by extension)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    periods = sorted({r["period"] for r in rows if r["period"] is not None})
    counts: dict[int, dict[Any, int]] = defaultdict(lambda: defaultdict(int))
    goldstein: dict[Any, float] = defaultdict(float)
    for r in rows:
        if r["period"] is None:
            continue
        counts[QUAD_OF.get(r["event_type"], 3)][r["period"]] += r["events"]
        goldstein[r["period"]] += r["goldstein"] or 0.0
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6), sharex=True, height_ratios=[2, 1])
    x = list(range(len(periods)))
    base = [0] * len(periods)
    for quad in (1, 2, 3, 4):
        values = [counts[quad].get(p, 0) for p in periods]
        top.bar(x, values, bottom=base, color=QUAD_COLOURS[quad], label=QUAD_LABELS[quad])
        base = [b + v for b, v in zip(base, values)]
    top.set_ylabel("events")
    top.set_title(f"{title}: events per {by}")
    top.legend(loc="upper left", fontsize="small")
    bottom.bar(
        x,
        [goldstein[p] for p in periods],
        color=["#2e8b57" if goldstein[p] >= 0 else "#b22222" for p in periods],
    )
    bottom.axhline(0, color="black", linewidth=0.5)
    bottom.set_ylabel("Goldstein sum")
    bottom.set_xticks(x, [str(p) for p in periods], rotation=45, ha="right", fontsize="small")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
