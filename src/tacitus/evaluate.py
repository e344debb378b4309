"""`tacitus eval`: extract events from a gold file and score them with the project's
scorer (shared/eval/score.py, vendored as tacitus.scoring), plus a by-type report."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import click

from tacitus import scoring
from tacitus.ingest import read_articles
from tacitus.records import Article, to_json


def predict(gold_path: str | Path, extractor=None) -> list[dict]:
    from tacitus.pipeline import Extractor

    extractor = extractor or Extractor()
    articles = [a for a in read_articles([gold_path]) if isinstance(a, Article)]
    return [to_json(ev) for res in extractor.pipe(articles) for ev in res.events]


def evaluate(gold_path: str | Path, extractor=None) -> dict:
    gold = scoring.read_jsonl(str(gold_path))
    preds = predict(gold_path, extractor)
    result = scoring.score(gold, preds)
    result["_preds"] = preds
    result["_gold"] = gold
    return result


def type_report(result: dict) -> dict[str, dict[str, int]]:
    """Per PLOVER type: gold events, matched, missed, extra predictions."""
    table: dict[str, Counter] = defaultdict(Counter)
    for art in result["_gold"]:
        for g in art.get("events") or []:
            if not g.get("optional"):
                table[g["event_type"]]["gold"] += 1
    for e in result["_errors"]:
        if "missed" in e:
            table[e["missed"]["event_type"]]["missed"] += 1
        elif "extra" in e:
            table[e["extra"]["event_type"]]["extra"] += 1
    for t, c in table.items():
        c["matched"] = c["gold"] - c["missed"]
    return {t: dict(c) for t, c in sorted(table.items())}


def print_report(result: dict, *, show_errors: bool = False, as_json: bool = False,
                 by_type: bool = False) -> None:
    errors = result.get("_errors", [])
    metrics = {k: v for k, v in result.items() if not k.startswith("_")}
    if show_errors:
        for e in errors:
            click.echo(json.dumps(e, ensure_ascii=False))
    if as_json:
        click.echo(json.dumps(metrics))
    else:
        for k, v in metrics.items():
            click.echo(f"{k:>22}: {v}")
    if by_type:
        click.echo("\n  type        gold matched missed extra")
        for t, c in type_report(result).items():
            click.echo(f"  {t:<11} {c.get('gold',0):>4} {c.get('matched',0):>7} {c.get('missed',0):>6} {c.get('extra',0):>5}")
