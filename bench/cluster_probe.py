"""Where a `--cluster local:N` ingest spends its time: cluster start-up, each part's worker
time (model load included), the client's merges, and the wall clock, against a one-process
ingest of the same articles run right before or after (interleaved over repeats).

    .venv/bin/python bench/cluster_probe.py [--n 600] [--partition 100] [--repeat 2] [--skip-1p]

Prints one JSON line per run and a summary of medians."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
HERE = Path(__file__).resolve().parent


def one_process(arts, ex, tmp: Path) -> float:
    from tacitus.store.writer import ingest_articles

    db = tmp / "one.duckdb"
    db.unlink(missing_ok=True)
    t0, c0 = time.perf_counter(), time.process_time()
    ingest_articles(db, arts, ex)
    return time.perf_counter() - t0, time.process_time() - c0


def cluster(arts, tmp: Path, workers: int, partition: int, **kw) -> dict:
    from tacitus.cluster import run_cluster_ingest

    db, ds = tmp / "c.duckdb", tmp / "c.parts"
    db.unlink(missing_ok=True)
    shutil.rmtree(ds, ignore_errors=True)
    sys.path.insert(0, str(HERE))
    from run import PeakRSS

    parts = []
    t0, w0, c0 = time.perf_counter(), time.time(), time.process_time()
    on_part = lambda i: parts.append((i.index, i.pid, round(getattr(i, "started", w0) - w0, 2),  # noqa: E731
                                      round(time.perf_counter() - t0, 2), round(i.seconds, 2),
                                      round(getattr(i, "load_seconds", 0.0), 2),
                                      round(getattr(i, "cpu_seconds", 0.0), 2)))
    with PeakRSS() as rss:
        s = run_cluster_ingest(None, db, f"local:{workers}", articles=arts, dataset=ds, partition_size=partition,
                               on_part=on_part, **kw)
    wall, client_cpu = time.perf_counter() - t0, time.process_time() - c0
    worker_cpu = sum(p[-1] for p in parts)
    return {"wall": round(wall, 2), "connect": round(getattr(s, "seconds_connect", 0.0), 2), "merge": round(s.seconds_merge, 2),
            "client_cpu": round(client_cpu, 2), "worker_cpu": round(worker_cpu, 2),
            "rss_top2_children_mb": rss.as_dict()["top2_children_mb"],
            "parts (index, pid, started, done, seconds, load, cpu)": parts, "events": s.events}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=HERE / "out" / "corpus-2000-0.jsonl")
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--partition", type=int, default=100)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--skip-1p", action="store_true")
    args = ap.parse_args(argv)
    from tacitus.ingest import read_path
    from tacitus.records import Article

    arts = [a for a in read_path(args.corpus) if isinstance(a, Article)][: args.n]
    ex = None
    if not args.skip_1p:
        from tacitus.pipeline import Extractor

        ex = Extractor()
        ex.coder
        list(ex.pipe(arts[:10]))
    ratios, walls = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for rep in range(args.repeat):
            order = ("1p", "cluster") if rep % 2 == 0 else ("cluster", "1p")
            out: dict = {}
            for which in order:
                if which == "1p" and ex is not None:
                    secs, cpu = one_process(arts, ex, Path(tmp))
                    out["one_process"], out["one_process_cpu"] = round(secs, 2), round(cpu, 2)
                elif which == "cluster":
                    out.update(cluster(arts, Path(tmp), args.workers, args.partition))
            walls.append(out["wall"])
            if "one_process" in out:
                out["ratio"] = round(out["one_process"] / out["wall"], 3)
                ratios.append(out["ratio"])
            print(json.dumps(out), flush=True)
    print(json.dumps({"median_cluster_wall": statistics.median(walls),
                      "median_ratio": statistics.median(ratios) if ratios else None,
                      "articles_s": round(len(arts) / statistics.median(walls), 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
