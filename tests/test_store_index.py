"""The writer's in-memory indexes (tacitus.store.index) mirror the database: after any mix
of new, unchanged, replaced, duplicate and rejected articles, and after a rolled-back
batch, they equal indexes rebuilt from the database; and the writer makes the same
decisions with them as when it asks the database (the fallback above MAX_INDEXED_EVENTS)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from tacitus.errors import InputError
from tacitus.records import Article
from tacitus.store import index as store_index
from tacitus.store.dedup import Cluster, DedupConfig, Deduplicator, key_of
from tacitus.store.index import ArticleIndex, load_clusters
from tacitus.store.testing import FakeExtractor, make_event, place, state
from tacitus.store.writer import ingest_articles, open_store
from test_store import corpus, table_rows

D = dt.date(2024, 3, 6)


def index_state(idx: ArticleIndex) -> tuple:
    return idx.rows, {k: sorted(v) for k, v in idx.by_url.items()}, {k: sorted(v) for k, v in idx.by_hash.items()}


def cluster_state(dedup: Deduplicator) -> dict[str, tuple]:
    return {eid: (c.key, sorted(c.articles)) for eid, c in dedup.clusters.items()}


def assert_mirrors(store) -> None:
    fresh = ArticleIndex.load(store.conn)
    assert index_state(store.articles_index) == index_state(fresh)
    if store._clusters_loaded and store._clusters is not None:  # None: too many events, SQL instead
        assert cluster_state(store._clusters) == cluster_state(load_clusters(store.conn, store.dedup))
        # the blocks hold exactly the indexed clusters
        in_blocks = {id(c) for block in store._clusters._blocks.values() for c in block}
        in_blocks |= {id(c) for block in store._clusters._by_period.values() for c in block}
        assert in_blocks <= {id(c) for c in store._clusters.clusters.values()}


def scenario(db: Path) -> None:
    """Every kind of write, each checked against a rebuilt index."""
    arts, events = corpus()
    with open_store(db) as store:
        ingest_articles(store, arts, FakeExtractor(events))
        assert_mirrors(store)
        ingest_articles(store, arts, FakeExtractor(events))  # unchanged
        assert_mirrors(store)
        copy = Article("a1-copy", arts[0].text, arts[0].title, D, None, "Aggregator")
        ingest_articles(store, [copy], FakeExtractor({"a1-copy": events["a1"]}))  # duplicate
        assert_mirrors(store)
        # the first report of the merged assault is edited: new representative for the event
        edited = Article("a1", "Zelenskiy met Mitsotakis.", arts[0].title, D, arts[0].url, "Courier")
        ingest_articles(store, [edited], FakeExtractor({"a1": events["a1"][1:]}))
        assert_mirrors(store)
        # same URL, new id and text
        moved = Article("a2-new", "A missile hit the port of Odesa.", "Hit", D, arts[1].url, "Wire")
        ingest_articles(
            store,
            [moved],
            FakeExtractor({"a2-new": [make_event("a2-new", "ASSAULT", state("RUS"), state("UKR"), "2024-03-06",
                                                 location=place("Odesa", "UKR", 46.49, 30.73))]}),
        )
        assert_mirrors(store)
        bad = InputError("article has no text", "empty.txt", reason="empty")
        ingest_articles(store, [bad, InputError("again", "a3", reason="empty")], FakeExtractor({}))
        assert_mirrors(store)
        # a later report of the same assault merges into the indexed event
        late = Article("a9", "Odesa was hit again, officials said.", "Odesa", D, None, "Post")
        s = ingest_articles(
            store,
            [late],
            FakeExtractor({"a9": [make_event("a9", "ASSAULT", state("RUS", "MIL"), state("UKR"), "2024-03-07",
                                             location=place("Odesa", "UKR", 46.48, 30.72))]}),
        )
        assert s.merged == 1
        assert_mirrors(store)


def test_indexes_mirror_the_database_through_every_kind_of_write(tmp_path: Path) -> None:
    scenario(tmp_path / "idx.duckdb")


def test_same_database_with_the_indexes_as_with_sql_lookups(tmp_path: Path, monkeypatch) -> None:
    scenario(tmp_path / "indexed.duckdb")
    monkeypatch.setattr(store_index, "MAX_INDEXED_EVENTS", -1)  # dedup candidates from SQL
    scenario(tmp_path / "sql.duckdb")

    assert table_rows(tmp_path / "indexed.duckdb") == table_rows(tmp_path / "sql.duckdb")


def test_indexes_are_rebuilt_after_a_rolled_back_batch(tmp_path: Path) -> None:
    arts, events = corpus()
    db = tmp_path / "rb.duckdb"

    class Boom(FakeExtractor):
        def pipe(self, articles, **kw):
            for res in super().pipe(articles, **kw):
                if res.article.id == "a2":
                    res.events.append(object())
                yield res

    with open_store(db) as store:
        ingest_articles(store, arts[:1], FakeExtractor(events))
        with pytest.raises(AttributeError):
            ingest_articles(store, arts[1:], Boom(events), batch_size=10)
        assert_mirrors(store)
        # the rolled-back articles are new again, and merge as in a clean run
        summary = ingest_articles(store, arts[1:], FakeExtractor(events))
        assert (summary.new, summary.merged) == (2, 1)
        assert_mirrors(store)
    clean = tmp_path / "clean.duckdb"
    ingest_articles(clean, arts, FakeExtractor(events))
    assert table_rows(db)["events"] == table_rows(clean)["events"]


def test_reopened_store_rebuilds_the_index_and_keeps_merging(tmp_path: Path) -> None:
    arts, events = corpus()
    db = tmp_path / "re.duckdb"
    ingest_articles(db, arts[:1], FakeExtractor(events))
    summary = ingest_articles(db, arts[1:], FakeExtractor(events))  # a new Store: index from the file
    assert summary.merged == 1
    assert table_rows(db) == table_rows_after_one_run(tmp_path, arts, events)


def table_rows_after_one_run(tmp_path: Path, arts, events) -> dict:
    one = tmp_path / "one.duckdb"
    ingest_articles(one, arts, FakeExtractor(events))
    return table_rows(one)


def test_ties_go_to_the_most_reported_event_then_the_smallest_id_whatever_the_order() -> None:
    a = make_event("x", "ASSAULT", state("RUS"), state("UKR"), "2024-03-06")
    b = make_event("y", "ASSAULT", state("RUS"), state("UKR"), "2024-03-06")
    from tacitus.records import to_json

    ka, kb = key_of(to_json(a)), key_of(to_json(b))
    probe = key_of(to_json(make_event("z", "ASSAULT", state("RUS"), state("UKR"), "2024-03-06")))
    for order in ((("ev-b", kb), ("ev-a", ka)), (("ev-a", ka), ("ev-b", kb))):
        dedup = Deduplicator([Cluster(eid, k, {k.article_id}) for eid, k in order], DedupConfig())
        cluster, why = dedup.assign("m", probe)
        assert why is not None and cluster.event_id == "ev-a"
    # ... unless the other event is reported by more articles
    for order in ((("ev-b", kb, {"y", "w"}), ("ev-a", ka, {"x"})), (("ev-a", ka, {"x"}), ("ev-b", kb, {"y", "w"}))):
        dedup = Deduplicator([Cluster(eid, k, set(arts)) for eid, k, arts in order], DedupConfig())
        cluster, why = dedup.assign("m", probe)
        assert why is not None and cluster.event_id == "ev-b"


def test_removed_cluster_leaves_every_block() -> None:
    k = key_of({"event_type": "AID", "quad_class": 2, "actor": {"country": "USA"}, "recipient": {"country": "UKR"},
                "date": "2024-03-06", "article_id": "x"})
    dedup = Deduplicator([], DedupConfig())
    c = Cluster("ev-1", k, {"x"})
    dedup.add(c)
    assert dedup._blocks and dedup._by_period
    dedup.remove(c)
    assert not dedup._blocks and not dedup._by_period and len(dedup) == 0


def test_index_survives_many_batches_like_a_fresh_store(tmp_path: Path) -> None:
    """Batch boundaries do not matter: one batch per article equals one big batch."""
    arts, events = corpus()
    small, big = tmp_path / "small.duckdb", tmp_path / "big.duckdb"
    ingest_articles(small, arts, FakeExtractor(events), batch_size=1)
    ingest_articles(big, arts, FakeExtractor(events), batch_size=100)
    assert table_rows(small) == table_rows(big)
    with duckdb.connect(str(small), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchall() == [(3,)]
