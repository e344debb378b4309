"""Storage cost alone: replay cached extraction results through `ingest_articles` into a
fresh DuckDB, chunk by chunk, and time each chunk (no parse, so the database's share of an
ingest can be measured precisely on a noisy machine).

    .venv/bin/python bench/store_bench.py cache --corpus bench/out/corpus-2000-0.jsonl --out RESULTS.pkl
    .venv/bin/python bench/store_bench.py time RESULTS.pkl [--chunk 500] [--db PATH]

`cache` extracts the corpus once and pickles (article, events) pairs plus the extraction
time; `time` prints one JSON line: seconds per chunk of storage (the `classify` calls an
ingest makes before extraction included), and the database's counts."""
from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


class Replay:
    """An extractor that hands back cached results for the articles it is given."""

    def __init__(self, results: dict[str, Any]) -> None:
        self.results = results

    def pipe(self, articles: Any) -> Any:
        from tacitus.pipeline import ArticleResult

        for a in articles:
            yield ArticleResult(a, list(self.results[a.id]))


def cache(corpus: Path, out: Path, n: int | None) -> None:
    from tacitus.ingest import read_path
    from tacitus.pipeline import Extractor
    from tacitus.records import Article

    arts = [a for a in read_path(corpus) if isinstance(a, Article)][:n]
    ex = Extractor()
    ex.coder
    list(ex.pipe(arts[:10]))
    t0 = time.perf_counter()
    res = [(r.article, r.events) for r in ex.pipe(arts)]
    secs = time.perf_counter() - t0
    out.write_bytes(pickle.dumps({"results": res, "extract_seconds": secs}))
    print(json.dumps({"articles": len(res), "events": sum(len(e) for _, e in res), "extract_seconds": secs}))


def replay(path: Path, chunk: int, db: Path | None) -> dict[str, Any]:
    from tacitus.store.writer import ingest_articles, open_store

    data = pickle.loads(path.read_bytes())
    res = data["results"]
    ex = Replay({a.id: evs for a, evs in res})
    arts = [a for a, _ in res]
    with tempfile.TemporaryDirectory() as tmp:
        target = db or Path(tmp) / "bench.duckdb"
        secs = []
        t_open = time.perf_counter()
        store = open_store(target)
        opened = time.perf_counter() - t_open
        try:
            for i in range(0, len(arts), chunk):
                t0 = time.perf_counter()
                ingest_articles(store, arts[i:i + chunk], ex)
                secs.append(round(time.perf_counter() - t0, 3))
            t0 = time.perf_counter()
            again = ingest_articles(store, arts[:chunk], ex)  # idempotent re-ingest
            reingest = round(time.perf_counter() - t0, 3)
            counts = {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                      for t in ("articles", "events", "mentions", "actors")}
        finally:
            store.close()
    return {"chunks": secs, "total": round(sum(secs), 3), "open": round(opened, 3), "reingest": reingest,
            "reingest_unchanged": again.unchanged, "counts": counts,
            "extract_seconds": data.get("extract_seconds")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("cache")
    c.add_argument("--corpus", type=Path, required=True)
    c.add_argument("--out", type=Path, required=True)
    c.add_argument("--n", type=int)
    t = sub.add_parser("time")
    t.add_argument("results", type=Path)
    t.add_argument("--chunk", type=int, default=500)
    t.add_argument("--db", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "cache":
        cache(args.corpus, args.out, args.n)
    else:
        print(json.dumps(replay(args.results, args.chunk, args.db)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
