"""Load: scripts/loadtest.py against a real server on loopback (briefly: 50 clients for
a few seconds; the script's default is 60 s), and POST /api/articles on a writable app
while another thread ingests through the same store's single writer."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from fastapi.testclient import TestClient

from tacitus.records import Article
from tacitus.store.testing import FakeExtractor, make_event, state
from tacitus.store.writer import ingest_articles
from tacitus.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
LOAD_SECONDS = os.environ.get("TACITUS_LOAD_SECONDS", "5")


def test_loadtest_script_50_clients_zero_errors(figures) -> None:
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "loadtest.py"), "--clients", "50",
                          "--seconds", LOAD_SECONDS, "--articles", "150", "--json"],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stdout + run.stderr
    f = json.loads(run.stdout.strip().splitlines()[-1])
    figures.note(f"load: {f['clients']} clients x {f['seconds']} s: {f['requests']} requests, {f['rps']} req/s, "
                 f"{f['errors']} errors, p50 {f['p50_ms']} ms, p95 {f['p95_ms']} ms, "
                 f"server RSS {f['rss_start_mb']} -> {f['rss_end_mb']} MB")
    assert f["errors"] == 0 and f["server_alive"] and f["requests"] > 50
    assert f["rss_end_mb"] < f["rss_start_mb"] + 200  # no runaway growth under load


def test_post_articles_during_a_concurrent_ingest_loses_nothing(tmp_path: Path, webdemo, contract,
                                                                figures) -> None:
    db = webdemo.make_demo_db(tmp_path / "rw.duckdb", 20)
    app = create_app(db, extractor=webdemo.WebFakeExtractor(), read_only=False)
    errors: list[str] = []
    posted = [f"post-{k}-{i}" for k in range(4) for i in range(15)]
    batch = [Article(f"bulk-{i:03d}", f"Bulk {i}: Lavrov met Choe in Moscow on day {i}.", None, None, None, "Bulk")
             for i in range(120)]
    rule = lambda a: [make_event(a.id, "CONSULT", state("RUS"), state("PRK"), None, n=k)  # noqa: E731
                      for k in range(2)]
    with TestClient(app) as client:
        store = app.state.db.store

        def bulk() -> None:
            try:
                ingest_articles(store, batch, FakeExtractor(rule=rule, delay=0.002), batch_size=5)
            except BaseException as err:  # pragma: no cover - reported below
                errors.append(repr(err))

        def poster(k: int) -> None:
            for i in range(15):
                r = client.post("/api/articles", json={
                    "id": f"post-{k}-{i}", "title": f"Post {k} {i}",
                    "text": f"Putin met Kim in Vladivostok ({k}, {i}). Shoigu met Kim too."})
                if r.status_code != 201:
                    errors.append(f"{r.status_code} {r.text[:200]}")
                g = client.get("/api/events?page_size=5")
                if g.status_code != 200:
                    errors.append(f"GET {g.status_code}")

        threads = [threading.Thread(target=bulk)] + [threading.Thread(target=poster, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    stats = contract.check_store(db)  # the app is closed: a fresh connection sees the file
    import duckdb

    with duckdb.connect(str(db), read_only=True) as conn:
        ids = {r[0] for r in conn.execute("SELECT id FROM articles WHERE status = 'ok'").fetchall()}
        n = dict(conn.execute("SELECT article_id, count(*) FROM mentions GROUP BY 1").fetchall())
    missing = (set(posted) | {a.id for a in batch}) - ids
    figures.lost += len(missing)
    assert not missing
    assert all(n[p] == 2 for p in posted) and all(n[a.id] == 2 for a in batch)
    figures.note(f"concurrent POST /api/articles ({len(posted)}) + ingest ({len(batch)}): "
                 f"{stats['ok']} articles, {stats['mentions']} mentions, none lost or duplicated")
