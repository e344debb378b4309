"""The quality gate: the scorer's figures on the shared gold files may only go up.

`tests/baseline.json` holds the last accepted figures; a change that lowers any of
them fails here. Raise the baseline when a change improves a figure; never lower it to
pass."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacitus.evaluate import evaluate

BASELINE = json.loads((Path(__file__).parent / "baseline.json").read_text())
HIGHER_IS_BETTER = ("precision", "recall", "f1", "factuality_accuracy", "date_accuracy", "location_accuracy",
                    "attribution_accuracy", "actor_name_accuracy")
TOLERANCE = 1e-4


@pytest.fixture(scope="module")
def results(extractor, shared):
    return {name: evaluate(shared / rel, extractor) for name, rel in
            (("example", "examples/kim-putin-2023.gold.jsonl"), ("dev", "eval/dev.jsonl"))}


@pytest.mark.parametrize("name", ["example", "dev"])
def test_no_figure_drops_below_baseline(results, name):
    got, base = results[name], BASELINE[name]
    print(f"\n{name}: " + ", ".join(f"{k}={got[k]}" for k in HIGHER_IS_BETTER + ("forbidden_hits", "overgeneration")))
    drops = {k: (got[k], base[k]) for k in HIGHER_IS_BETTER
             if base.get(k) is not None and (got[k] or 0) < base[k] - TOLERANCE}
    assert not drops, f"figures below baseline (got, baseline): {drops}"
    assert got["forbidden_hits"] <= base["forbidden_hits"], "more forbidden hits than the baseline"


def test_example_article_required_events_all_found(results):
    assert results["example"]["recall"] == 1.0
    assert results["example"]["forbidden_hits"] == 0
