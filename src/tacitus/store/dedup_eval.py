"""Measure cross-article dedup on a duplicate corpus: ingest it with the real
extractor, label each stored mention with its true event, and count pairs.

    python -m tacitus.store.dedup_eval samples/duplicates.jsonl samples/duplicates.truth.json

The truth file maps true-event ids `e<n>-<ACTOR>-<RECIPIENT>-<TYPE>-<YYYY-MM-DD>` to
the articles reporting them. A mention is labelled with the true event of its
article whose type (or type family), actor and recipient codes it matches (either
order for symmetric types); mentions matching none (extraction noise) or several
are left out of the pairs and counted apart."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tacitus.store.dedup import DedupConfig, PairScores, pairwise_scores


@dataclass
class DedupEvaluation:
    """`scores`: pairs of mentions; `report_scores`: pairs of (article, true event) reports,
    predicted together when any of their mentions share an event (so an extractor that
    splits one event into several mentions in an article is not counted against dedup)."""

    scores: PairScores
    report_scores: PairScores
    mentions: int
    labelled: int
    events: int
    true_events: int


def _codes(actor: dict[str, Any] | None) -> set[str]:
    if not actor:
        return set()
    out = {actor.get("country") or "", actor.get("org_code") or "", (actor.get("cameo_code") or "")[:3]}
    name = (actor.get("name") or "").lower()
    if "european union" in name or (actor.get("cameo_code") or "").endswith("EEC"):
        out.add("EU")
    return out - {""}


def label(rec: dict[str, Any], truth_ids: list[str], config: DedupConfig | None = None) -> str | None:
    """The one true event (among its article's) this record reports, or None."""
    config = config or DedupConfig()
    hits = []
    for tid in truth_ids:
        parts = tid.split("-")
        actor, recipient, etype = parts[1], parts[2], parts[3]
        rtype = rec.get("event_type")
        if rtype != etype and frozenset({rtype, etype}) not in config.type_families:
            continue
        a, r = _codes(rec.get("actor")), _codes(rec.get("recipient"))
        straight = actor in a and (recipient in r or not r)
        swapped = etype in config.symmetric_types and recipient in a and (actor in r or not r)
        if straight or swapped:
            hits.append(tid)
    return hits[0] if len(hits) == 1 else None


def evaluate(
    corpus: Path, truth_path: Path, db: Path, config: DedupConfig | None = None, extractor: Any = None
) -> DedupEvaluation:
    from tacitus.ingest import read_articles
    from tacitus.store.api import open_db
    from tacitus.store.writer import ingest_articles, open_store

    truth: dict[str, list[str]] = json.loads(Path(truth_path).read_text())
    by_article: dict[str, list[str]] = {}
    for tid, arts in truth.items():
        for art in arts:
            by_article.setdefault(art, []).append(tid)
    with open_store(db, config) as store:
        ingest_articles(store, read_articles([corpus]), extractor)
    with open_db(db) as database:
        rows = database.query("SELECT article_id, event_id, record FROM mentions")
        events = database.stats()["events"]
    triples = []
    for row in rows:
        rec = json.loads(row["record"]) if isinstance(row["record"], str) else row["record"]
        true = label(rec, by_article.get(row["article_id"], []), config or DedupConfig())
        if true is not None:
            triples.append((row["article_id"], row["event_id"], true))
    return DedupEvaluation(
        pairwise_scores(triples), report_pairs(triples), len(rows), len(triples), events, len(truth)
    )


def report_pairs(triples: list[tuple[str, str, str]]) -> PairScores:
    """Pairwise scores over reports (article, true event) rather than mentions."""
    reports: dict[tuple[str, str], set[str]] = {}
    for article, event, true in triples:
        reports.setdefault((article, true), set()).add(event)
    items = list(reports.items())
    t = p = c = 0
    for i, ((art_i, true_i), ev_i) in enumerate(items):
        for (art_j, true_j), ev_j in items[i + 1 :]:
            if art_i == art_j:
                continue
            same_pred, same_true = bool(ev_i & ev_j), true_i == true_j
            t += same_true
            p += same_pred
            c += same_pred and same_true
    return PairScores(t, p, c)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("truth")
    ap.add_argument("--window", type=int, default=1, help="date window in days")
    ap.add_argument("--radius-km", type=float, default=150.0)
    ap.add_argument("--within-article", action="store_true", help="also merge mentions of one article")
    args = ap.parse_args(argv)
    config = DedupConfig(
        date_window_days=args.window, radius_km=args.radius_km, merge_within_article=args.within_article
    )
    with tempfile.TemporaryDirectory() as tmp:
        result = evaluate(Path(args.corpus), Path(args.truth), Path(tmp) / "dedup.duckdb", config)
    s = result.scores
    print(
        f"mentions {result.mentions}, labelled {result.labelled}; events {result.events} "
        f"(true events {result.true_events})"
    )
    print(f"mention pairs: true {s.true_pairs}, predicted {s.predicted_pairs}, correct {s.correct_pairs}")
    print(f"mention pairs: precision {s.precision:.3f}  recall {s.recall:.3f}")
    r = result.report_scores
    print(
        f"report pairs (article, true event): true {r.true_pairs}, predicted {r.predicted_pairs}, "
        f"correct {r.correct_pairs}; precision {r.precision:.3f}  recall {r.recall:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
