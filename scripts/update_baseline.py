"""Write tests/baseline.json from today's figures on the shared gold files.

Run after a change that improves extraction (`make baseline`); the quality gate in
tests/test_quality_gate.py then fails whenever a later change lowers any figure.
Refuses to lower a figure unless --allow-drop is given (and a reason is committed)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from tacitus.evaluate import evaluate
from tacitus.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
KEYS = ("precision", "recall", "f1", "factuality_accuracy", "date_accuracy", "location_accuracy",
        "attribution_accuracy", "actor_name_accuracy", "forbidden_hits", "overgeneration")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--allow-drop", action="store_true")
    args = ap.parse_args()
    path = ROOT / "tests" / "baseline.json"
    old = json.loads(path.read_text()) if path.exists() else {}
    ex = Extractor()
    new = {}
    for name, rel in (("example", "examples/kim-putin-2023.gold.jsonl"), ("dev", "eval/dev.jsonl")):
        res = evaluate(SHARED / rel, ex)
        new[name] = {k: res[k] for k in KEYS}
        for k in KEYS[:8]:
            before = old.get(name, {}).get(k)
            if before is not None and (res[k] or 0) < before and not args.allow_drop:
                raise SystemExit(f"{name} {k} would drop from {before} to {res[k]}; fix the regression instead")
    path.write_text(json.dumps(new, indent=2) + "\n")
    print(json.dumps(new, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
