"""`make bench`: how fast Tacitus is against the bare spaCy parse, in one and two processes.

    .venv/bin/python bench/run.py --out bench/report.md [--n 2000] [--chunk 500] [--skip-cluster]

Generates a corpus with bench/corpus.py (``--n`` articles, default 2,000), then measures on
the same texts, same model, same settings (batch size, thinc ops):

* bare ``nlp.pipe`` and Tacitus ``Extractor.pipe``, 1 process and ``n_process=2``: the corpus
  is cut into chunks of ``--chunk`` articles and each chunk runs bare then Tacitus (alternating
  which goes first), so each ratio is a median of per-chunk ratios taken seconds apart on
  the same texts (robust to a noisy machine);
* ``ingest`` into a fresh DuckDB, 1 process and ``--workers 2`` (``n_process=2``), per chunk;
* ``--cluster local:2`` (tacitus.cluster), one run over the whole corpus;
* peak RSS (psutil: this process plus all its children, sampled every 0.1 s);
* the time share of every stage (parse / code from the pipeline's own timers; within the
  coding, actors / events / time / place / merge via bench/stages.py, on a subset);
* actor resolution per 1,000 mentions against the parse;
* thinc's blis against numpy's BLAS (what nlp.choose_ops probes, and the real parse speed);
* a cProfile of the pipeline on a subset: the top costs outside the parse;
* the web API's latency on a 100,000-event database (bench/api_latency.py; ``--skip api``).

Writes the Markdown report and a JSON file beside it (same name, .json)."""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one BLAS thread per process, before numpy loads

import psutil  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

TARGETS = {"extract_vs_bare_1p": 0.8, "extract_2p_vs_1p": 1.6, "workers2_vs_1p_ingest": 1.7,
           "cluster2_vs_1p_ingest": 1.7, "rss_2_workers_mb": 1500}


# -- measuring helpers ------------------------------------------------------------------------------

class PeakRSS:
    """Peak resident memory of this process, of its children (recursive) and of both, in MB."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.self_mb = self.children_mb = self.total_mb = self.top2_children_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        me = psutil.Process()
        own = me.memory_info().rss
        sizes = []
        for child in me.children(recursive=True):
            try:
                sizes.append(child.memory_info().rss)
            except psutil.Error:
                pass
        kids = sum(sizes)
        mb = 1024 * 1024
        self.top2_children_mb = max(self.top2_children_mb, sum(sorted(sizes)[-2:]) / mb)
        self.self_mb = max(self.self_mb, own / mb)
        self.children_mb = max(self.children_mb, kids / mb)
        self.total_mb = max(self.total_mb, (own + kids) / mb)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> PeakRSS:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def as_dict(self) -> dict[str, float]:
        return {"self_mb": round(self.self_mb), "children_mb": round(self.children_mb),
                "total_mb": round(self.total_mb), "top2_children_mb": round(self.top2_children_mb)}


def words_of(articles: Sequence[Any]) -> int:
    return sum(len(a.text.split()) + len((a.title or "").split()) for a in articles)


def chunks_of(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def rate(n_articles: int, n_words: int, seconds: float) -> dict[str, float]:
    return {"articles": n_articles, "words": n_words, "seconds": round(seconds, 3),
            "articles_s": round(n_articles / seconds, 3), "words_s": round(n_words / seconds, 1)}


def med(values: Sequence[float]) -> float:
    return round(statistics.median(values), 3) if values else float("nan")


LOAD: dict[str, float] = {}  # 1-minute load average when each phase started


def log(msg: str) -> None:
    if not msg.startswith(" "):
        LOAD[msg] = round(os.getloadavg()[0], 2)
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {msg}\n")
    sys.stderr.flush()


# -- the measures ---------------------------------------------------------------------------------

def bare_texts(articles: Sequence[Any], max_chars: int) -> list[str]:
    """Exactly the texts Extractor.pipe hands to nlp.pipe."""
    from tacitus.pipeline import _chunks

    out: list[str] = []
    for a in articles:
        out.extend(_chunks(a.text, max_chars))
        if a.title:
            out.append(a.title)
    return out


def cpu_seconds() -> float:
    """CPU time of this process and of its finished (reaped) children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def time_bare(nlp: Any, articles: Sequence[Any], batch_size: int, max_chars: int, n_process: int) -> float:
    texts = bare_texts(articles, max_chars)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - t0


def time_extract(ex: Any, articles: Sequence[Any], n_process: int) -> tuple[float, dict[str, float], int]:
    before = dict(ex.timings)
    t0 = time.perf_counter()
    events = 0
    for res in ex.pipe(articles, n_process=n_process):
        events += len(res.events)
    secs = time.perf_counter() - t0
    return secs, {k: ex.timings[k] - before.get(k, 0.0) for k in ex.timings}, events


VARIANTS = ("bare1", "tac1", "bare2", "tac2", "whole2")


def run_variant(ex: Any, which: str, chunk: Sequence[Any]) -> tuple[float, dict[str, float], int]:
    """(wall seconds, pipeline stage seconds, events) of one variant on one chunk."""
    s = ex.settings
    if which.startswith("bare"):
        return time_bare(ex.nlp, chunk, s.batch_size, s.max_chars, int(which[-1])), {}, 0
    if which == "whole2":
        from tacitus.cluster import pipe_processes

        t0 = time.perf_counter()
        events = sum(len(r.events) for r in pipe_processes(chunk, 2, extractor=ex))
        return time.perf_counter() - t0, {}, events
    return time_extract(ex, chunk, int(which[-1]))


def interleaved(ex: Any, chunks: list[Sequence[Any]], variants: Sequence[str]) -> dict[str, Any]:
    """Every variant on each chunk, one after the other, rotating the order from chunk to
    chunk; ratios are taken per chunk (runs seconds apart on the same texts), then the median."""
    runs: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
    cpu: dict[str, list[float]] = {v: [] for v in variants}
    rss: dict[str, dict[str, float]] = {}
    stages: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
    for i, chunk in enumerate(chunks):
        w = words_of(chunk)
        order = list(variants[i % len(variants):]) + list(variants[:i % len(variants)])
        for which in order:
            c0 = cpu_seconds()
            with PeakRSS() as peak:
                secs, st, _ = run_variant(ex, which, chunk)
            cpu[which].append(cpu_seconds() - c0)
            runs[which].append(rate(len(chunk), w, secs))
            if st:
                stages[which].append({**st, "wall": secs})
            old = rss.get(which, {})
            rss[which] = {k: max(v, old.get(k, 0)) for k, v in peak.as_dict().items()}
        log(f"  chunk {i + 1}/{len(chunks)}: " + ", ".join(f"{v} {runs[v][-1]['articles_s']:.2f}" for v in variants)
            + " art/s")
    out: dict[str, Any] = {"chunks": len(chunks)}
    for v in variants:
        out[v] = {"runs": runs[v], "articles_s": med([r["articles_s"] for r in runs[v]]),
                  "words_s": med([r["words_s"] for r in runs[v]]), "rss": rss[v],
                  "cpu_seconds": round(sum(cpu[v]), 2)}
        if stages[v]:
            out[v]["stage_share"] = {k: med([st[k] / st["wall"] for st in stages[v]]) for k in ("parse", "code")}

    def per_chunk(a: str, b: str, use_cpu: bool = False) -> list[float]:
        if a not in runs or b not in runs:
            return []
        if use_cpu:
            return [round(y / x, 3) for x, y in zip(cpu[a], cpu[b])]  # speed ratio a/b = cpu b / cpu a
        return [round(x["articles_s"] / y["articles_s"], 3) for x, y in zip(runs[a], runs[b])]

    out["per_chunk"] = {"tac1/bare1": per_chunk("tac1", "bare1"), "tac1/bare1 cpu": per_chunk("tac1", "bare1", True),
                        "tac2/bare2": per_chunk("tac2", "bare2"), "tac2/tac1": per_chunk("tac2", "tac1"),
                        "bare2/bare1": per_chunk("bare2", "bare1"), "whole2/tac1": per_chunk("whole2", "tac1"),
                        "whole2/bare2": per_chunk("whole2", "bare2")}
    out["ratio"] = {k: med(v) for k, v in out["per_chunk"].items() if v}
    return out


def measure_ingest(ex: Any, chunks: list[Sequence[Any]], db: Path, n_process: int) -> dict[str, Any]:
    try:
        from tacitus.store.writer import ingest_articles, open_store
    except ImportError as err:
        return {"measured": False, "why": f"store not importable: {err}"}
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    runs = []
    with PeakRSS() as rss:
        store = open_store(db)
        try:
            for i, chunk in enumerate(chunks):
                t0 = time.perf_counter()
                summary = ingest_articles(store, list(chunk), ex, n_process=n_process)
                runs.append({**rate(len(chunk), words_of(chunk), time.perf_counter() - t0),
                             "events": summary.events, "new": summary.new})
                log(f"  ingest n_process={n_process} chunk {i + 1}/{len(chunks)}: {runs[-1]['articles_s']:.2f} art/s")
        finally:
            store.close()
    return {"measured": True, "n_process": n_process, "runs": runs,
            "articles_s": med([r["articles_s"] for r in runs]), "words_s": med([r["words_s"] for r in runs]),
            "rss": rss.as_dict()}


def measure_cluster(articles: Sequence[Any], out: Path, workers: int, partition: int) -> dict[str, Any]:
    try:
        from tacitus.cluster import run_cluster_ingest
    except ImportError as err:
        return {"measured": False, "why": f"tacitus.cluster not importable: {err}"}
    db, dataset = out / "cluster.duckdb", out / "cluster.parts"
    db.unlink(missing_ok=True)
    shutil.rmtree(dataset, ignore_errors=True)
    done: list[tuple[float, int, float]] = []  # (wall clock, articles, worker seconds)
    t0 = time.perf_counter()
    with PeakRSS() as rss:
        summary = run_cluster_ingest(None, db, f"local:{workers}", articles=list(articles), dataset=dataset,
                                     partition_size=partition,
                                     on_part=lambda info: done.append((time.perf_counter(), info.articles,
                                                                       info.seconds)))
    wall = time.perf_counter() - t0
    done.sort()
    # steady state: from the first finished part (workers warm) to the last
    after = sum(n for _, n, _ in done[1:])
    steady = after / (done[-1][0] - done[0][0]) if len(done) > 1 and done[-1][0] > done[0][0] else float("nan")
    per_part = [n / s for _, n, s in done if s > 0]
    w = words_of(articles)
    return {"measured": True, "workers": workers, "partition_size": partition, "parts": summary.parts,
            "wall": rate(len(articles), w, wall), "articles_s": round(len(articles) / wall, 3),
            "steady_articles_s": round(steady, 3),
            "median_part_articles_s_per_worker": med(per_part),
            "merge_seconds": round(summary.seconds_merge, 2), "events": summary.events,
            "rss": rss.as_dict()}


def measure_stages(ex: Any, articles: Sequence[Any]) -> dict[str, Any]:
    from stages import StageTimer

    before = dict(ex.timings)
    with StageTimer() as st:
        t0 = time.perf_counter()
        for _ in ex.pipe(articles):
            pass
        wall = time.perf_counter() - t0
    parse = ex.timings["parse"] - before["parse"]
    code = ex.timings["code"] - before["code"]
    secs = {"parse": parse, **{k: v for k, v in st.seconds.items()}}
    secs["pipeline (chunking, batching, generator)"] = max(0.0, wall - parse - code)
    mentions = st.calls.get("tacitus.actors.resolve:ActorResolver._resolve", 0)
    resolve_s = st.inclusive.get("tacitus.actors.resolve:ActorResolver._resolve", 0.0)
    return {
        "articles": len(articles), "wall": round(wall, 3),
        "share": {k: round(v / wall, 4) for k, v in sorted(secs.items(), key=lambda kv: -kv[1])},
        "seconds": {k: round(v, 3) for k, v in secs.items()},
        "actor_mentions": mentions,
        "actor_resolve_ms_per_1000": round(1000 * resolve_s / mentions * 1000, 1) if mentions else None,
        "parse_ms_per_1000_mentions": round(1000 * parse / mentions * 1000, 1) if mentions else None,
        "actor_resolve_share_of_parse": round(resolve_s / parse, 4) if parse else None,
        "calls": dict(st.calls),
    }


def profile(ex: Any, articles: Sequence[Any], top: int = 15) -> dict[str, Any]:
    prof = cProfile.Profile()
    prof.enable()
    for _ in ex.pipe(articles):
        pass
    prof.disable()
    stats = pstats.Stats(prof)
    rows = []
    for (fname, line, func), (cc, nc, tt, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"where": f"{_short(fname)}:{line}({func})", "calls": nc, "tottime": tt, "cumtime": ct,
                     "ours": "/tacitus/" in fname})
    total = sum(r["tottime"] for r in rows)
    ours = [r for r in rows if r["ours"]]
    by_tot = sorted(ours, key=lambda r: -r["tottime"])[:top]
    by_cum = sorted((r for r in ours if "pipeline.py" not in r["where"] or "pipe" not in r["where"]),
                    key=lambda r: -r["cumtime"])[:top]
    nonparse_builtin = sorted((r for r in rows if r["where"].startswith("~") and "spacy" not in r["where"]),
                              key=lambda r: -r["tottime"])[:8]
    fmt = lambda rs: [{**r, "tottime": round(r["tottime"], 3), "cumtime": round(r["cumtime"], 3),  # noqa: E731
                       "share": round(r["tottime"] / total, 4)} for r in rs]
    return {"articles": len(articles), "profiled_seconds": round(total, 2), "top_tottime": fmt(by_tot),
            "top_cumtime": fmt(by_cum), "builtins": fmt(nonparse_builtin)}


def _short(fname: str) -> str:
    for marker in ("/src/tacitus/", "/site-packages/"):
        if marker in fname:
            return fname.split(marker, 1)[1]
    return fname


_OPS_PROBE = r"""
import json, os, statistics, sys, time
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
from tacitus.nlp import choose_ops, load_model
from tacitus.ingest import read_path
choice = choose_ops()
nlp = load_model(sys.argv[2])
texts = [a.text for a in read_path(sys.argv[1])][: int(sys.argv[3])]
for _ in nlp.pipe(texts[:5], batch_size=8): pass
rates = []
for part in range(3):
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=8): pass
    rates.append(sum(len(t.split()) for t in texts) / (time.perf_counter() - t0))
print(json.dumps({"choice": choice, "words_s": statistics.median(rates), "runs": rates}))
"""


def measure_ops(corpus: Path, model: str, n: int) -> dict[str, Any]:
    """Real parse speed under each thinc backend (a subprocess each: ops are process-wide)."""
    out: dict[str, Any] = {}
    for label, env in (("auto", None), ("numpy", "0"), ("blis", "1")):
        environ = dict(os.environ)
        environ.pop("TACITUS_BLIS", None)
        if env is not None:
            environ["TACITUS_BLIS"] = env
        proc = subprocess.run([sys.executable, "-c", _OPS_PROBE, str(corpus), model, str(n)],
                              capture_output=True, text=True, env=environ, timeout=600)
        if proc.returncode != 0:
            out[label] = {"error": proc.stderr.strip().splitlines()[-1:]}
            continue
        out[label] = json.loads(proc.stdout.strip().splitlines()[-1])
        log(f"  ops {label}: {out[label]['words_s']:.0f} words/s ({out[label]['choice']['ops']})")
    try:
        out["blis_vs_numpy"] = round(out["blis"]["words_s"] / out["numpy"]["words_s"], 3)
        faster = "blis" if out["blis"]["words_s"] > out["numpy"]["words_s"] else "numpy"
        out["probe_agrees"] = out["auto"]["choice"]["ops"] == faster
    except (KeyError, TypeError):
        pass
    return out


# -- the report ---------------------------------------------------------------------------------

def verdict(value: float, target: float, higher: bool = True) -> str:
    if value != value:  # nan
        return "not measured"
    ok = value >= target if higher else value <= target
    return "**met**" if ok else "**not met**"


def write_report(r: dict[str, Any], out: Path) -> None:
    m = r["main"]
    rt = r["ratios"]
    i1, i2, cl = r.get("ingest_1p", {}), r.get("ingest_2p", {}), r.get("cluster", {})
    nan = float("nan")
    fmt = lambda xs: ", ".join(f"{x:.2f}" for x in xs)  # noqa: E731
    lines = [
        "# Tacitus benchmark", "",
        f"Generated {r['when']} by `bench/run.py` on {r['machine']}. Corpus: {r['n']} articles "
        f"({r['words']:,} words, {r['words'] // max(1, r['n'])} per article) from `bench/corpus.py` "
        f"(seed {r['seed']}). Model `{r['model']}`, batch size {r['batch_size']}, thinc ops "
        f"**{r['ops']['ops']}** (probe: {r['ops'].get('probe_ms')} ms). Total bench time {r['bench_seconds']:.0f} s.",
        "",
        f"Method: the corpus is cut into {m['chunks']} chunks of {r['chunk']} articles; on each chunk every "
        "extraction variant runs once, one after the other (the order rotates from chunk to chunk). Rates are "
        "medians over the chunks; ratios are medians of per-chunk ratios, so both sides of a ratio ran seconds "
        "apart on the same texts. Ingest runs chunk by chunk into one fresh database per variant; the cluster "
        "is one run over the whole corpus.", "",
        "1-minute load average when each phase started (this machine has 2 cores; above ~2 means other work "
        "shared the CPUs and the wall-clock figures, the two-process ones most, are pessimistic): "
        + "; ".join(f"{k}: {v}" for k, v in r.get("load_average", {}).items() if not k.startswith("wrote")) + ".", "",
        "## Targets", "",
        "| target | measured | |", "|---|---|---|",
        f"| extract ≥ 0.8 × bare parse, 1 process (issue 10) | {rt['extract_vs_bare_1p']:.2f} × wall, "
        f"{rt.get('extract_vs_bare_1p_cpu', nan):.2f} × CPU time | {verdict(rt['extract_vs_bare_1p'], 0.8)} |",
        f"| extract 2 processes ≥ 1.6 × 1 process (issue 10): `Extractor.pipe(n_process=2)` | "
        f"{rt.get('extract_2p_vs_1p', nan):.2f} × | {verdict(rt.get('extract_2p_vs_1p', nan), 1.6)} |",
        f"| … the same, whole pipeline per process (`tacitus.cluster.pipe_processes`) | "
        f"{rt.get('whole_2p_vs_1p', nan):.2f} × | {verdict(rt.get('whole_2p_vs_1p', nan), 1.6)} |",
        f"| ingest --workers 2 ≥ 1.7 × ingest 1 process (issue 8) | {rt.get('ingest_2p_vs_1p', nan):.2f} × | "
        f"{verdict(rt.get('ingest_2p_vs_1p', nan), 1.7)} |",
        f"| ingest --cluster local:2 ≥ 1.7 × ingest 1 process (issue 8) | "
        f"{rt.get('cluster_vs_ingest_1p', nan):.2f} × wall incl. start-up, "
        f"{rt.get('cluster_steady_vs_ingest_1p', nan):.2f} × steady state | "
        f"{verdict(rt.get('cluster_steady_vs_ingest_1p', nan), 1.7)} |",
        f"| 2 workers < 1.5 GB RSS together (issue 10) | {r['rss_2_workers_mb']:.0f} MB | "
        f"{verdict(r['rss_2_workers_mb'], 1500, higher=False)} |",
        "",
        f"The hardware ceiling: bare parse with 2 processes runs {rt.get('bare_2p_vs_1p', nan):.2f} × bare parse "
        f"with 1 (per chunk: {fmt(m['per_chunk']['bare2/bare1'])}); 2-process Tacitus reaches "
        f"{rt.get('extract_2p_vs_bare_2p', nan):.2f} × (spaCy `n_process`) and "
        f"{rt.get('whole_2p_vs_bare_2p', nan):.2f} × (whole pipeline per process) of the 2-process bare parse.", "",
        "## Throughput", "",
        "| run | processes | articles/s | words/s | vs bare 1p | peak RSS MB: all (two largest children) |",
        "|---|---|---|---|---|---|",
    ]
    b1 = m["bare1"]["articles_s"]

    def row(name: str, procs: str, d: dict[str, Any], rss: dict[str, Any] | None) -> str:
        if not d or d.get("articles_s") is None:
            return f"| {name} | {procs} | not measured | | | |"
        rss_s = f"{rss['total_mb']} ({rss['top2_children_mb']})" if rss else ""
        return (f"| {name} | {procs} | {d['articles_s']:.2f} | {d['words_s']:,.0f} | "
                f"{d['articles_s'] / b1:.2f} × | {rss_s} |")

    names = {"bare1": ("bare `nlp.pipe`", "1"), "tac1": ("Tacitus `Extractor.pipe`", "1"),
             "bare2": ("bare `nlp.pipe(n_process=2)`", "2"),
             "tac2": ("Tacitus `Extractor.pipe(n_process=2)` (spaCy children parse, parent codes)", "2 + parent"),
             "whole2": ("Tacitus, whole pipeline in each of 2 processes (`pipe_processes`)", "2")}
    for v in VARIANTS:
        if v in m:
            lines.append(row(*names[v], m[v], m[v]["rss"]))
    for name, procs, d in (("`ingest` (fresh DuckDB)", "1", i1), ("`ingest --workers 2` (`n_process=2`)", "2 + parent", i2)):
        if d.get("measured"):
            lines.append(row(name, procs, d, d["rss"]))
        elif d:
            lines.append(f"| {name} | {procs} | not measured: {d.get('why')} | | | |")
    if cl.get("measured"):
        lines.append(row(f"`ingest --cluster local:{cl['workers']}` (one run, wall incl. cluster start-up)",
                         str(cl["workers"]), {"articles_s": cl["articles_s"], "words_s": cl["wall"]["words_s"]},
                         cl["rss"]))
        lines.append(f"| … same, steady state (first to last finished part) | {cl['workers']} | "
                     f"{cl['steady_articles_s']:.2f} | | {cl['steady_articles_s'] / b1:.2f} × | |")
    elif cl:
        lines.append(f"| `ingest --cluster local:2` | 2 | not measured: {cl.get('why')} | | | |")
    lines += ["", "Per-chunk ratios: " + "; ".join(f"{k}: {fmt(v)}" for k, v in m["per_chunk"].items() if v) + ".",
              "", "CPU time (process plus reaped children) is far less sensitive to other load than wall time: "
              f"Tacitus used {m['tac1']['cpu_seconds']:.0f} CPU s where the bare parse used "
              f"{m['bare1']['cpu_seconds']:.0f} (1 process, whole corpus).", "",
              "RSS is resident memory sampled every 0.1 s. Forked children share the parent's model pages "
              "copy-on-write, so sums over-count. The two-worker figure is the largest of the two-process runs' "
              "two biggest children (Dask workers for the cluster).", ""]
    ingest_share = (1 - i1["articles_s"] / m["tac1"]["articles_s"]) if i1.get("measured") else None
    if ingest_share is not None:
        lines += [f"Storage (`ingest` over `extract`, 1 process): ingest runs at {i1['articles_s'] / m['tac1']['articles_s']:.2f} × "
                  "the extraction rate (records, dedup and DuckDB writes).", ""]

    st = r.get("stages", {})
    share = m["tac1"]["stage_share"]
    lines += ["## Where the time goes", "",
              f"Stage shares of wall time, 1 process (median over chunks): parse "
              f"{share['parse']:.1%}, coding {share['code']:.1%}, rest "
              f"{1 - share['parse'] - share['code']:.1%}.", ""]
    if st:
        lines += [f"Every stage, on the first {st['articles']} articles (one instrumented run, bench/stages.py; "
                  "exclusive time, so a place lookup made while resolving an actor counts as place):", "",
                  "| stage | seconds | share of wall |", "|---|---|---|"]
        for k, v in st["share"].items():
            lines.append(f"| {k} | {st['seconds'][k]:.2f} | {v:.1%} |")
        lines += ["", f"Actor resolution: {st['actor_mentions']} mentions resolved, "
                  f"{st['actor_resolve_ms_per_1000']} ms per 1,000 mentions (inclusive of place look-ups it "
                  f"makes), against {st['parse_ms_per_1000_mentions']} ms of parse for the text that holds them: "
                  f"{st['actor_resolve_share_of_parse']:.1%} of the parse.", ""]
    ops = r.get("ops_measured", {})
    if ops:
        lines += ["## thinc ops: blis or numpy", "",
                  "`tacitus.nlp.choose_ops()` times the model's typical matrix product with both backends at the "
                  "first load in each process (a few ms) and keeps the faster; `TACITUS_BLIS=0|1` forces it. "
                  f"Real parse speed on {r['ops_n']} articles (median of 3, one process each):", "",
                  "| ops | words/s | probe numpy / blis ms |", "|---|---|---|"]
        for label in ("auto", "numpy", "blis"):
            d = ops.get(label, {})
            if "words_s" in d:
                pm = d["choice"].get("probe_ms") or {}
                probe = f"{pm.get('numpy', '')} / {pm.get('blis', '')}" if pm else "forced"
                lines.append(f"| {label} ({d['choice']['ops']}) | {d['words_s']:,.0f} | {probe} |")
        if "blis_vs_numpy" in ops:
            lines += ["", f"blis / numpy parse speed: {ops['blis_vs_numpy']:.2f} ×; the probe's automatic choice "
                      f"{'agrees' if ops.get('probe_agrees') else 'DISAGREES'} with the measured faster backend."]
        lines.append("")
    pr = r.get("profile", {})
    if pr:
        lines += ["## Profile outside the parse", "",
                  f"cProfile of `Extractor.pipe` on {pr['articles']} articles ({pr['profiled_seconds']} s profiled, "
                  "profiling inflates Python-heavy code). Tacitus functions by own time:", "",
                  "| function | calls | own s | cumulative s | share |", "|---|---|---|---|---|"]
        for x in pr["top_tottime"][:12]:
            lines.append(f"| `{x['where']}` | {x['calls']} | {x['tottime']} | {x['cumtime']} | {x['share']:.1%} |")
        lines += ["", "By cumulative time:", "", "| function | calls | cumulative s |", "|---|---|---|"]
        for x in pr["top_cumtime"][:12]:
            lines.append(f"| `{x['where']}` | {x['calls']} | {x['cumtime']} |")
        lines.append("")
    lines += ["## Optional heavier signals", "",
              "Tacitus has no optional embedding or classifier stage at present; none is on by default.", "",
              "## Reproduce", "", "```", f"make bench   # = .venv/bin/python bench/run.py --out bench/report.md",
              f".venv/bin/python bench/run.py --n {r['n']} --chunk {r['chunk']} --out {out}", "```", ""]
    out.write_text("\n".join(lines), encoding="utf-8")


# -- main -----------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE / "report.md")
    ap.add_argument("--n", type=int, default=2000, help="corpus size (default 2000)")
    ap.add_argument("--chunk", type=int, default=500, help="articles per timed chunk (default 500)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--stages-n", type=int, default=200, help="articles for the stage breakdown and profile")
    ap.add_argument("--ops-n", type=int, default=60, help="articles per run for the blis/numpy check")
    ap.add_argument("--partition", type=int, default=200, help="articles per cluster partition")
    ap.add_argument("--skip", action="append", default=[],
                    choices=["2p", "ingest", "cluster", "ops", "profile", "stages", "api"], help="leave a measure out")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    work = HERE / "out"
    work.mkdir(exist_ok=True)

    corpus = work / f"corpus-{args.n}-{args.seed}.jsonl"
    if not corpus.exists():
        log(f"generating {args.n} articles")
        subprocess.run([sys.executable, str(HERE / "corpus.py"), str(args.n), str(corpus), "--seed", str(args.seed)],
                       check=True)
    from tacitus.ingest import read_path
    from tacitus.nlp import choose_ops
    from tacitus.pipeline import Extractor
    from tacitus.records import Article

    articles = [a for a in read_path(corpus) if isinstance(a, Article)]
    ex = Extractor()
    ex.coder
    ex.nlp
    list(ex.pipe(articles[:20]))  # warm-up: lazy resources, caches
    chunks = chunks_of(articles, args.chunk)
    r: dict[str, Any] = {
        "when": dt.datetime.now().isoformat(timespec="seconds"), "n": len(articles), "words": words_of(articles),
        "seed": args.seed, "chunk": args.chunk, "model": ex.settings.model, "batch_size": ex.settings.batch_size,
        "ops": choose_ops(), "ops_n": args.ops_n,
        "machine": f"{platform.machine()}, {psutil.cpu_count()} CPUs, "
                   f"{psutil.virtual_memory().total / 2**30:.0f} GB, Python {platform.python_version()}",
    }
    variants = [v for v in VARIANTS if "2p" not in args.skip or not v.endswith("2")]
    log("extraction: " + ", ".join(variants))
    r["main"] = interleaved(ex, chunks, variants)
    if "ingest" not in args.skip:
        log("ingest, 1 process")
        r["ingest_1p"] = measure_ingest(ex, chunks, work / "ingest-1p.duckdb", 1)
        log("ingest, --workers 2")
        r["ingest_2p"] = measure_ingest(ex, chunks, work / "ingest-2p.duckdb", 2)
    if "cluster" not in args.skip:
        log("ingest --cluster local:2")
        r["cluster"] = measure_cluster(articles, work, 2, args.partition)
    sub = articles[:args.stages_n]
    if "stages" not in args.skip:
        log(f"stage breakdown on {len(sub)} articles")
        r["stages"] = measure_stages(ex, sub)
    if "profile" not in args.skip:
        log(f"profile on {len(sub)} articles")
        r["profile"] = profile(ex, sub)
    if "ops" not in args.skip:
        log("thinc ops: blis vs numpy")
        r["ops_measured"] = measure_ops(corpus, ex.settings.model, args.ops_n)
    api_md = ""
    if "api" not in args.skip:
        log("web API latency, 100,000 events")
        from api_latency import run as api_latency

        api_md = api_latency(r)  # fills r["api"]

    m = r["main"]
    nan = float("nan")
    mr = m["ratio"]
    ratios = {"extract_vs_bare_1p": mr["tac1/bare1"], "extract_vs_bare_1p_cpu": mr["tac1/bare1 cpu"],
              "extract_2p_vs_1p": mr.get("tac2/tac1", nan), "whole_2p_vs_1p": mr.get("whole2/tac1", nan),
              "bare_2p_vs_1p": mr.get("bare2/bare1", nan), "extract_2p_vs_bare_2p": mr.get("tac2/bare2", nan),
              "whole_2p_vs_bare_2p": mr.get("whole2/bare2", nan)}
    i1, i2, cl = r.get("ingest_1p", {}), r.get("ingest_2p", {}), r.get("cluster", {})
    if i1.get("measured") and i2.get("measured"):
        ratios["ingest_2p_vs_1p"] = round(i2["articles_s"] / i1["articles_s"], 3)
    if i1.get("measured") and cl.get("measured"):
        ratios["cluster_vs_ingest_1p"] = round(cl["articles_s"] / i1["articles_s"], 3)
        ratios["cluster_steady_vs_ingest_1p"] = round(cl["steady_articles_s"] / i1["articles_s"], 3)
    r["ratios"] = ratios
    # two workers' memory: cluster workers (nannies included) or the two forked parse children
    worker_rss = [d["rss"]["top2_children_mb"] for d in (cl, m.get("tac2", {}), m.get("whole2", {})) if d.get("rss")]
    r["rss_2_workers_mb"] = max(worker_rss) if worker_rss else nan
    r["bench_seconds"] = round(time.perf_counter() - started, 1)
    r["load_average"] = dict(LOAD)
    r["targets"] = TARGETS

    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_report(r, args.out)
    if api_md:
        with args.out.open("a", encoding="utf-8") as fh:
            fh.write("\n" + api_md)
    args.out.with_suffix(".json").write_text(json.dumps(r, indent=2, default=str), encoding="utf-8")
    log(f"wrote {args.out} and {args.out.with_suffix('.json')} in {r['bench_seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
