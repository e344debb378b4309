"""Ingest against extraction alone, interleaved on the same texts (issue 6: the database may
cost at most 15 % of the time, i.e. ingest >= 0.85 x the extraction rate).

    .venv/bin/python bench/ingest_ratio.py [--n 600] [--chunk 200] [--repeat 1]

Each chunk is extracted (results discarded) and ingested into one growing fresh database,
in alternating order; prints per-chunk ratios and their median."""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=HERE / "out" / "corpus-2000-0.jsonl")
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--chunk", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=1, help="passes over the articles (a fresh database each)")
    args = ap.parse_args(argv)
    from tacitus.ingest import read_path
    from tacitus.pipeline import Extractor
    from tacitus.records import Article
    from tacitus.store.writer import ingest_articles, open_store

    arts = [a for a in read_path(args.corpus) if isinstance(a, Article)][: args.n]
    ex = Extractor()
    ex.coder
    list(ex.pipe(arts[:10]))
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        for rep in range(args.repeat):
            store = open_store(Path(tmp) / f"r{rep}.duckdb")
            try:
                for i in range(0, len(arts), args.chunk):
                    chunk = arts[i:i + args.chunk]
                    secs = {}
                    order = ("extract", "ingest") if (i // args.chunk + rep) % 2 == 0 else ("ingest", "extract")
                    for which in order:
                        t0 = time.perf_counter()
                        if which == "extract":
                            for _ in ex.pipe(chunk):
                                pass
                        else:
                            ingest_articles(store, chunk, ex)
                        secs[which] = time.perf_counter() - t0
                    ratios.append(secs["extract"] / secs["ingest"])
                    print(f"chunk {i // args.chunk} pass {rep}: extract {secs['extract']:.2f} s, ingest "
                          f"{secs['ingest']:.2f} s, ingest/extract rate {ratios[-1]:.3f}", flush=True)
            finally:
                store.close()
    print(f"median ingest/extract rate: {statistics.median(ratios):.3f} over {len(ratios)} chunks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
