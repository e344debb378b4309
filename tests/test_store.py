"""The event database: one writer, idempotent ingest, replacement of edited
articles, rejected inputs, locking, crash safety, and the Python API."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import duckdb
import pytest

from tacitus.errors import InputError, StoreError
from tacitus.records import Article, to_json
from tacitus.store.api import open_db
from tacitus.store.schema import LATEST, migrate
from tacitus.store.testing import FakeExtractor, make_event, place, state
from tacitus.store.writer import ingest_articles, open_store

D = dt.date(2024, 3, 6)


def corpus() -> tuple[list[Article], dict]:
    arts = [
        Article(
            "a1",
            "Russia struck Odesa. Zelenskiy met Mitsotakis.",
            "Odesa hit",
            D,
            "https://n.example/1",
            "Courier",
        ),
        Article(
            "a2",
            "A missile hit Odesa port.",
            "Five killed",
            D + dt.timedelta(days=1),
            "https://w.example/2",
            "Wire",
        ),
        Article("a3", "Protesters stormed parliament.", "Nairobi", dt.date(2024, 6, 25), None, "Ledger"),
    ]
    events = {
        "a1": [
            make_event(
                "a1",
                "ASSAULT",
                state("RUS", "MIL"),
                state("UKR"),
                "2024-03-06",
                location=place("Odesa", "UKR", 46.48, 30.72),
            ),
            make_event("a1", "CONSULT", state("UKR", "GOV"), state("GRC", "GOV"), "2024-03-06", n=1),
        ],
        "a2": [
            make_event(
                "a2",
                "ASSAULT",
                state("RUS"),
                state("UKR"),
                "2024-03-06",
                location=place("Odesa", "UKR", 46.49, 30.73),
            )
        ],
        "a3": [make_event("a3", "PROTEST", state("KEN", "CVL"), state("KEN", "LEG"), "2024-06-25")],
    }
    return arts, events


def table_rows(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return {
            "articles": conn.execute(
                "SELECT id, url, content_hash, status, n_events FROM articles ORDER BY id"
            ).fetchall(),
            "events": conn.execute(
                "SELECT event_id, article_id, event_type, n_mentions, n_sources, n_articles, "
                "record FROM events ORDER BY event_id"
            ).fetchall(),
            "mentions": conn.execute("SELECT * FROM mentions ORDER BY mention_id").fetchall(),
            "actors": conn.execute("SELECT * FROM actors ORDER BY key").fetchall(),
        }


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


def test_schema_is_versioned_and_migrations_apply_once(db: Path) -> None:
    open_store(db).close()
    with duckdb.connect(str(db)) as conn:
        assert migrate(conn) == LATEST
        versions = [
            r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
        ]
        tables = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        mention_cols = {r[0] for r in conn.execute("DESCRIBE mentions").fetchall()}
    assert versions == list(range(1, LATEST + 1))
    assert {"schema_version", "articles", "events", "mentions", "actors"} <= tables
    assert "merge_reason" in mention_cols


def test_ingest_stores_articles_events_mentions_and_merges_reports(db: Path) -> None:
    arts, events = corpus()
    summary = ingest_articles(db, arts, FakeExtractor(events))
    assert (summary.seen, summary.new, summary.events, summary.merged) == (3, 3, 4, 1)
    rows = table_rows(db)
    assert [r[0] for r in rows["articles"]] == ["a1", "a2", "a3"]
    assert len(rows["mentions"]) == 4
    assert len(rows["events"]) == 3
    with open_db(db) as database:
        (assault,) = database.events(type="ASSAULT")
        assert (assault["n_mentions"], assault["n_sources"], assault["n_articles"]) == (2, 2, 2)
        sources = database.sources(assault["event_id"])
        assert [s["article_id"] for s in sources] == ["a1", "a2"]
        assert sources[0]["merge_reason"] is None
        assert "ASSAULT" in sources[1]["merge_reason"] and "km apart" in sources[1]["merge_reason"]
        actors = {r["key"]: r["n_events"] for r in database.query("SELECT key, n_events FROM actors")}
        assert actors["UKR:ukraine"] == 2  # recipient of the assault, actor of the visit


def test_ingest_twice_changes_nothing(db: Path) -> None:
    arts, events = corpus()
    ingest_articles(db, arts, FakeExtractor(events))
    before = table_rows(db)
    fake = FakeExtractor(events)
    again = ingest_articles(db, arts, fake)
    assert (again.seen, again.unchanged, again.new, again.replaced, again.events) == (3, 3, 0, 0, 0)
    assert fake.seen == []  # unchanged articles are not even extracted
    assert table_rows(db) == before


def test_same_content_under_another_name_is_skipped_not_duplicated(db: Path) -> None:
    arts, events = corpus()
    ingest_articles(db, arts, FakeExtractor(events))
    copy = Article("a1-copy", arts[0].text, arts[0].title, D, None, "Aggregator")
    summary = ingest_articles(db, [copy], FakeExtractor({"a1-copy": events["a1"]}))
    assert summary.unchanged == 1 and summary.events == 0
    with open_db(db) as database:
        assert database.stats()["mentions"] == 4
        skipped = database.errors(include_skipped=True)
    assert [(r["id"], r["status"], r["error"]) for r in skipped] == [
        ("a1-copy", "skipped", "same content as a1")
    ]


def test_edited_article_replaces_its_events(db: Path) -> None:
    arts, events = corpus()
    ingest_articles(db, arts, FakeExtractor(events))
    edited = Article(
        "a3", arts[2].text + " Police fired tear gas.", arts[2].title, arts[2].published, None, "Ledger"
    )
    new_events = {
        "a3": [make_event("a3", "COERCE", state("KEN", "COP"), state("KEN", "CVL"), "2024-06-25", n=5)]
    }
    summary = ingest_articles(db, [edited], FakeExtractor(new_events))
    assert (summary.replaced, summary.new, summary.events) == (1, 0, 1)
    with open_db(db) as database:
        assert database.events(type="PROTEST") == []
        (coerce,) = database.events(type="COERCE")
        assert coerce["article_id"] == "a3"
        assert database.query("SELECT count(*) AS n FROM articles WHERE id = 'a3'") == [{"n": 1}]
        assert database.query("SELECT count(*) AS n FROM mentions WHERE article_id = 'a3'") == [{"n": 1}]


def test_editing_the_first_report_keeps_the_event_of_the_others(db: Path) -> None:
    arts, events = corpus()
    ingest_articles(db, arts, FakeExtractor(events))
    with open_db(db) as database:
        (assault,) = database.events(type="ASSAULT")
    edited = Article("a1", "Zelenskiy met Mitsotakis.", arts[0].title, D, arts[0].url, "Courier")
    ingest_articles(db, [edited], FakeExtractor({"a1": events["a1"][1:]}))
    with open_db(db) as database:
        (still,) = database.events(type="ASSAULT")
        assert still["event_id"] == assault["event_id"]  # the event keeps its id
        assert still["article_id"] == "a2"  # ... and a new representative
        assert (still["n_mentions"], still["n_sources"]) == (1, 1)
        assert database.query("SELECT article_id FROM events WHERE event_id = ?", [assault["event_id"]]) == [
            {"article_id": "a2"}
        ]


def test_same_url_with_new_text_replaces(db: Path) -> None:
    first = Article("https://x.example/a", "Version one of the story.", "One", D, "https://x.example/a", "X")
    second = Article("other-id", "Version two of the story.", "One", D, "https://x.example/a", "X")
    ev = {
        "https://x.example/a": [
            make_event("https://x.example/a", "AID", state("USA"), state("UKR"), "2024-03-06")
        ],
        "other-id": [make_event("other-id", "AID", state("USA"), state("UKR"), "2024-03-06")],
    }
    ingest_articles(db, [first], FakeExtractor(ev))
    summary = ingest_articles(db, [second], FakeExtractor(ev))
    assert summary.replaced == 1
    with open_db(db) as database:
        assert database.query("SELECT id FROM articles") == [{"id": "other-id"}]
        assert database.stats()["events"] == 1


def test_rejected_inputs_are_stored_with_their_reason(db: Path) -> None:
    arts, events = corpus()
    bad = [
        InputError("broken JSON line (JSONDecodeError: x)", "feed.jsonl:7", reason="jsonl"),
        InputError("article has no text", "empty.txt", reason="empty"),
    ]
    summary = ingest_articles(db, [bad[0], *arts, bad[1]], FakeExtractor(events))
    assert (summary.rejected, summary.new) == (2, 3)
    assert summary.rejected_ids == ["feed.jsonl:7", "empty.txt"]
    with open_db(db) as database:
        errors = {r["id"]: r for r in database.errors()}
    assert set(errors) == {"feed.jsonl:7", "empty.txt"}
    assert errors["feed.jsonl:7"]["status"] == "rejected"
    assert errors["feed.jsonl:7"]["error"] == "jsonl: broken JSON line (JSONDecodeError: x)"
    assert errors["empty.txt"]["error"] == "empty: article has no text"
    # rejected twice is still one row
    ingest_articles(db, bad, FakeExtractor(events))
    with open_db(db) as database:
        assert len(database.errors()) == 2


def test_one_transaction_per_batch_rolls_back_whole_batch(db: Path) -> None:
    arts, events = corpus()

    class Boom(FakeExtractor):
        def pipe(self, articles, **kw):
            for res in super().pipe(articles, **kw):
                if res.article.id == "a3":
                    res.events.append(object())  # not an event: the writer fails on it
                yield res

    with pytest.raises(AttributeError):  # the writer fails on the non-event
        ingest_articles(db, arts, Boom(events), batch_size=10)
    with open_db(db) as database:
        assert database.stats() == {
            "articles": 0,
            "rejected": 0,
            "skipped": 0,
            "events": 0,
            "mentions": 0,
            "actors": 0,
        }


def test_a_database_locked_by_another_process_gives_a_store_error(db: Path) -> None:
    open_store(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import duckdb, sys, time
        conn = duckdb.connect({str(db)!r})
        print("ready", flush=True)
        time.sleep(30)
    """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="locked by another process"):
            open_store(db)
        with pytest.raises(StoreError, match="locked by another process"):
            open_db(db)
    finally:
        holder.kill()
        holder.wait()


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        open_db(tmp_path / "nope.duckdb")


def test_api_filters_and_formats(db: Path) -> None:
    arts, events = corpus()
    ingest_articles(db, arts, FakeExtractor(events))
    with open_db(db) as database:
        assert [e["event_type"] for e in database.events(actor="RUS")] == ["ASSAULT"]
        assert [e["event_type"] for e in database.events(recipient="GRC")] == ["CONSULT"]
        assert [e["event_type"] for e in database.events(actor="UKRGOV")] == ["CONSULT"]  # CAMEO prefix
        assert [e["event_type"] for e in database.events(type="protest,consult")] == ["CONSULT", "PROTEST"]
        assert len(database.events(country="UKR")) == 2
        assert [e["event_type"] for e in database.events(since="2024-06-01")] == ["PROTEST"]
        assert [e["event_type"] for e in database.events(until="2024-03-31", type="CONSULT")] == ["CONSULT"]
        table = database.events(as_="arrow")
        assert table.num_rows == 3 and "n_mentions" in table.column_names
        event = database.event(database.events(type="ASSAULT")[0]["event_id"])
        assert event is not None and len(event["mentions"]) == 2
        assert database.event("nope") is None
        series = database.dyad("RUS", "UKR", by="week")
        assert series == [
            {
                "period": dt.date(2024, 3, 4),
                "direction": "RUS>UKR",
                "event_type": "ASSAULT",
                "events": 1,
                "mentions": 2,
                "goldstein": -10.0,
            }
        ]
        assert database.dyad("UKR", "RUS", directed=True) == []
        with pytest.raises(StoreError, match="only SELECT"):
            database.query("DELETE FROM events")


def test_tacitus_open_is_the_api(db: Path) -> None:
    import tacitus

    arts, events = corpus()
    ingest_articles(db, arts, FakeExtractor(events))
    with tacitus.open(db) as database:
        assert database.stats()["events"] == 3


def test_concurrent_ingests_share_one_writer(db: Path) -> None:
    store = open_store(db)
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            arts = [Article(f"t{k}-{i}", f"Story {k} {i}.", None, D, None, f"S{k}") for i in range(20)]
            rule = lambda a: [make_event(a.id, "CONSULT", state("FRA"), state("DEU"), None)]
            ingest_articles(store, arts, FakeExtractor(rule=rule), batch_size=3)
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    store.close()
    assert errors == []
    with open_db(db) as database:
        stats = database.stats()
    assert (stats["articles"], stats["mentions"]) == (80, 80)


CRASH_SCRIPT = """
import datetime as dt, sys
from tacitus.records import Article
from tacitus.store.testing import FakeExtractor, make_event, state
from tacitus.store.writer import ingest_articles
arts = [Article(f"c{i:04d}", f"Report number {i}.", None, dt.date(2024, 1, 1 + i % 28), None, f"S{i % 5}")
        for i in range(int(sys.argv[2]))]
rule = lambda a: [make_event(a.id, "ASSAULT", state("RUS"), state("UKR"), a.published.isoformat(), n=k)
                  for k in range(3)]
def progress(s):
    if s.seen and s.seen % 10 == 0:
        print(s.seen, flush=True)
ingest_articles(sys.argv[1], arts, FakeExtractor(rule=rule, delay=0.01), batch_size=7, progress=progress)
print("done", flush=True)
"""


def test_kill_9_mid_ingest_then_reingest_loses_and_duplicates_nothing(db: Path) -> None:
    n = 400
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASH_SCRIPT, str(db), str(n)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip().isdigit() and int(line) >= 60:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with open_db(db) as database:  # the database opens after the crash
        partial = database.stats()
        per_article = database.query(
            "SELECT a.id, a.n_events, count(m.mention_id) AS m FROM articles a "
            "LEFT JOIN mentions m ON m.article_id = a.id GROUP BY ALL"
        )
    assert 0 < partial["articles"] < n
    assert all(r["n_events"] == r["m"] == 3 for r in per_article)  # no half-written article
    subprocess.run([sys.executable, "-c", CRASH_SCRIPT, str(db), str(n)], check=True, capture_output=True)
    with open_db(db) as database:
        stats = database.stats()
        dup = database.query("SELECT id, count(*) AS c FROM articles GROUP BY id HAVING c > 1")
        counts = database.query("SELECT sum(n_mentions)::INTEGER AS m FROM events")
    assert dup == []
    assert (stats["articles"], stats["mentions"]) == (n, 3 * n)
    assert counts == [{"m": 3 * n}]


def test_round_trip_plover_jsonl_keeps_every_field(db: Path, tmp_path: Path) -> None:
    from tacitus.store.export import export

    arts, events = corpus()
    ingest_articles(db, arts, FakeExtractor(events))
    out = tmp_path / "out.jsonl"
    with open_db(db) as database:
        export(database.conn, "plover-jsonl", out)
    exported = {r["event_id"]: r for r in map(json.loads, out.read_text().splitlines())}
    original = {e.event_id: to_json(e) for evs in events.values() for e in evs}
    assert set(exported) == set(original)
    for event_id, rec in original.items():
        got = exported[event_id]
        assert {k: got[k] for k in rec} == rec
        assert {"n_mentions", "n_sources", "n_articles", "dedup_event_id"} <= set(got)
