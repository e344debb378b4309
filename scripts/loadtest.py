#!/usr/bin/env python
"""A bounded local load test of the Tacitus web server (loopback only).

    python scripts/loadtest.py                       # demo DB, 50 clients, 60 s
    python scripts/loadtest.py --clients 20 --seconds 5 --db tacitus.duckdb --json

Starts `tacitus serve` on 127.0.0.1 (a free port) over `--db`, or over a demo database
it writes first (`make_demo_db`: fake events through the store's real writer, no spaCy),
then runs N concurrent httpx/asyncio clients against the GET endpoints for T seconds
and reports requests/s, errors, p50/p95 latency and the server's RSS at start and end.
Exit status 0 when no request failed, 1 otherwise. Importable: the robustness tests use
`make_demo_db`, `WebFakeExtractor` and `run_load`."""
from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import json
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

COUNTRIES = ["RUS", "UKR", "PRK", "USA", "CHN", "ISR", "IRN", "TUR", "GRC", "SYR"]
TYPES = ["ASSAULT", "CONSULT", "AID", "ACCUSE", "PROTEST", "AGREE", "SANCTION", "MOBILIZE"]


def demo_results(n_articles: int = 200, seed: int = 0) -> list[Any]:
    """Fake pipeline results: `n_articles` articles with 1-4 events each."""
    from tacitus.records import Article, Evidence
    from tacitus.store.testing import FakeResult, make_event, place, state

    rng = random.Random(seed)
    out = []
    for i in range(n_articles):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(120))
        sentences, events = [], []
        for k in range(rng.randint(1, 4)):
            a, b = rng.sample(COUNTRIES, 2)
            etype = rng.choice(TYPES)
            sentences.append(f"{a} forces {etype.lower()} {b} near the border ({i}.{k}) <b>bold</b>.")
        text = " ".join(sentences)
        art = Article(f"demo-{i:04d}", text, f"Demo article {i} <script>x()</script>", day,
                      f"https://demo.example/{i}", rng.choice(["Wire", "Courier", "Ledger"]))
        pos = 0
        for k, sentence in enumerate(sentences):
            a, _, _, b = sentence.split(" ")[:4]
            ev = make_event(art.id, sentence.split(" ")[2].upper(), state(a), state(b), day.isoformat(), n=k,
                            location=place("Border town", b, 40 + rng.random(), 30 + rng.random()))
            start = text.index(sentence, pos)
            pos = start + len(sentence)
            events.append(dataclasses.replace(ev, evidence=Evidence(sentence, start, pos, sentence.split(" ")[2])))
        out.append(FakeResult(art, events))
    return out


def make_demo_db(path: str | Path, n_articles: int = 200) -> Path:
    """A demo database written through the store's single writer."""
    from tacitus.store.writer import ingest_articles

    ingest_articles(path, demo_results(n_articles))
    return Path(path)


class WebFakeExtractor:
    """One CONSULT event per sentence saying "met", without spaCy; `extract` serves
    /api/extract, `pipe` the store's writer (POST /api/articles)."""

    def extract(self, text: str, title: str | None = None, published: Any = None) -> list[Any]:
        from tacitus.ingest.readers import article_from_text

        return self._events(article_from_text(text, title=title, published=published))

    def pipe(self, articles: Any, **_: Any) -> Any:
        from tacitus.store.testing import FakeResult

        for art in articles:
            yield FakeResult(art, self._events(art))

    def _events(self, article: Any) -> list[Any]:
        from tacitus.records import Evidence
        from tacitus.store.testing import make_event, state

        out = []
        for m in re.finditer(r"[^.\n]*\bmet\b[^.\n]*\.", article.text):
            sentence = m.group(0)
            base = make_event(article.id, "CONSULT", state("RUS", "GOV"), state("PRK", "GOV"), None, n=len(out))
            out.append(dataclasses.replace(base, evidence=Evidence(sentence, m.start(), m.end(), "met")))
        return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", "from tacitus.cli import main; main()", "serve", "--db", str(db),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start within 60 s")


def targets(base: str, db: Path) -> list[str]:
    """GET URLs over the database's own ids."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as conn:
        events = [r[0] for r in conn.execute("SELECT event_id FROM events LIMIT 50").fetchall()]
        articles = [r[0] for r in conn.execute("SELECT id FROM articles WHERE status = 'ok' LIMIT 50").fetchall()]
    urls = ["/api/health", "/api/events", "/api/events?page=2&page_size=20", "/api/events?actor=RUS",
            "/api/events?type=ASSAULT&sort=goldstein", "/api/events?q=border&country=UKR",
            "/api/actors?q=ru", "/api/dyads/RUS/UKR/series?by=month", "/", "/?type=CONSULT"]
    urls += [f"/api/events/{e}" for e in events[:10]] + [f"/api/articles/{a}" for a in articles[:10]]
    urls += [f"/articles/{a}" for a in articles[:5]]
    return [base + u for u in urls]


async def run_load(urls: list[str], clients: int = 50, seconds: float = 60.0) -> dict[str, Any]:
    """`clients` concurrent loops of GETs over `urls` for `seconds`; figures of the run."""
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        async def worker(k: int) -> None:
            rng = random.Random(k)
            while time.monotonic() < stop:
                url = rng.choice(urls)
                t0 = time.perf_counter()
                try:
                    r = await client.get(url)
                    if r.status_code != 200:
                        errors.append(f"{r.status_code} {url}")
                except httpx.HTTPError as err:
                    errors.append(f"{err.__class__.__name__} {url}")
                latencies.append(time.perf_counter() - t0)

        started = time.monotonic()
        await asyncio.gather(*(worker(k) for k in range(clients)))
        elapsed = time.monotonic() - started
    lat = sorted(latencies) or [0.0]
    pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000  # noqa: E731
    return {"clients": clients, "seconds": round(elapsed, 2), "requests": len(latencies),
            "rps": round(len(latencies) / elapsed, 1) if elapsed else 0.0, "errors": len(errors),
            "error_samples": errors[:10], "p50_ms": round(pct(0.50), 1), "p95_ms": round(pct(0.95), 1),
            "mean_ms": round(statistics.fmean(lat) * 1000, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--db", type=Path, default=None, help="database to serve (default: a fresh demo DB)")
    ap.add_argument("--articles", type=int, default=200, help="demo DB size")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args(argv)
    import psutil

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or make_demo_db(Path(tmp) / "demo.duckdb", args.articles)
        port = free_port()
        server = start_server(db, port)
        try:
            urls = targets(f"http://127.0.0.1:{port}", db)
            proc = psutil.Process(server.pid)
            asyncio.run(run_load(urls, clients=min(args.clients, 5), seconds=1.0))  # warm-up
            rss_start = proc.memory_info().rss
            figures = asyncio.run(run_load(urls, args.clients, args.seconds))
            rss_end = proc.memory_info().rss
            alive = server.poll() is None
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
    figures.update(rss_start_mb=round(rss_start / 2**20, 1), rss_end_mb=round(rss_end / 2**20, 1),
                   server_alive=alive)
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"{figures['clients']} clients, {figures['seconds']} s: {figures['requests']} requests, "
              f"{figures['rps']} req/s, {figures['errors']} errors, p50 {figures['p50_ms']} ms, "
              f"p95 {figures['p95_ms']} ms; server RSS {figures['rss_start_mb']} -> {figures['rss_end_mb']} MB")
        for e in figures["error_samples"]:
            print("  error:", e)
    return 0 if figures["errors"] == 0 and alive else 1


if __name__ == "__main__":
    sys.exit(main())
