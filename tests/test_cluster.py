"""`--cluster local:2` gives the events of `extract` (same ids, same fields) and the same
database as a one-process ingest; a worker killed mid-run loses and duplicates nothing;
a rerun reuses finished parts."""
from __future__ import annotations

import os
import signal

import duckdb
import pytest

from tacitus.cluster import dataset_parts, parse_cluster, read_part, run_cluster_ingest, ClusterError
from tacitus.records import to_json
from test_pipeline_equivalence import sample_articles

pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def dataset_records(dataset) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for path in dataset_parts(dataset):
        for res in read_part(path):
            assert res.article.id not in out, f"{res.article.id} twice in the dataset"
            out[res.article.id] = res.events
    return out


def db_events(path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute("SELECT event_id, article_id, record::VARCHAR, n_mentions FROM events "
                            "ORDER BY event_id").fetchall()


def test_parse_cluster():
    assert parse_cluster("local:2") == ("local", 2)
    assert parse_cluster("tcp://10.0.0.1:8786") == ("address", "tcp://10.0.0.1:8786")
    for bad in ("local:0", "local:x", "myhost"):
        with pytest.raises(ClusterError):
            parse_cluster(bad)


def test_cluster_equals_extract_and_ingest(client, extractor, tmp_path):
    from tacitus.store.writer import ingest_articles

    articles = sample_articles(6)
    reference = {a.id: to_json(extractor.extract(a.text, title=a.title, published=a.published, article_id=a.id))
                 for a in articles}
    summary = run_cluster_ingest(None, tmp_path / "c.duckdb", articles=articles, client=client, partition_size=2)
    assert summary.parts == summary.parts_extracted == 3
    assert dataset_records(summary.dataset) == reference
    ingest_articles(tmp_path / "one.duckdb", articles, extractor)
    assert db_events(tmp_path / "c.duckdb") == db_events(tmp_path / "one.duckdb")

    again = run_cluster_ingest(None, tmp_path / "c.duckdb", articles=articles, client=client, partition_size=2)
    assert again.parts_reused == 3 and again.parts_extracted == 0 and again.ingest.new == 0


def test_rerun_only_processes_missing_parts(client, tmp_path):
    articles = sample_articles(6)
    first = run_cluster_ingest(None, None, articles=articles, client=client, partition_size=2,
                               dataset=tmp_path / "ds")
    parts = dataset_parts(first.dataset)
    parts[1].unlink()  # as if the run had been interrupted before this part landed
    second = run_cluster_ingest(None, None, articles=articles, client=client, partition_size=2,
                                dataset=tmp_path / "ds")
    assert (second.parts_reused, second.parts_extracted) == (2, 1)
    assert len(dataset_records(second.dataset)) == 6


def test_killed_worker_loses_and_duplicates_nothing(client, tmp_path):
    articles = sample_articles(12)
    killed: list[int] = []

    def kill_a_busy_worker(info) -> None:
        if killed:
            return
        pids = client.run(os.getpid)
        busy = [addr for addr, keys in client.processing().items() if keys] or list(pids)
        pid = pids[busy[0]]
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    summary = run_cluster_ingest(None, tmp_path / "k.duckdb", articles=articles, client=client,
                                 partition_size=1, on_part=kill_a_busy_worker)
    assert killed, "no worker was killed"
    records = dataset_records(summary.dataset)
    assert sorted(records) == sorted(a.id for a in articles)
    with duckdb.connect(str(tmp_path / "k.duckdb"), read_only=True) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM articles").fetchall()]
        mentions = conn.execute("SELECT count(*), count(DISTINCT mention_id) FROM mentions").fetchone()
    assert sorted(ids) == sorted(a.id for a in articles)
    assert mentions[0] == mentions[1] == sum(len(v) for v in records.values())


def test_the_end_of_the_corpus_goes_out_in_small_partitions():
    from tacitus.cluster import TAIL_PARTITIONS, partitions, tail_piece
    from tacitus.records import Article

    arts = [Article(f"a{i}", f"text {i}", None, None, None, None) for i in range(2000)]
    parts = list(partitions(arts, 200))
    sizes = [len(p.articles) for p in parts]
    assert sizes == [200] * 8 + [tail_piece(200)] * (TAIL_PARTITIONS * 200 // tail_piece(200))
    assert [a.id for p in parts for a in p.articles] == [a.id for a in arts]  # corpus order, nothing lost
    assert [p.index for p in parts] == list(range(len(parts)))
    # the same articles give the same partitions (a rerun reuses the parts)
    assert [p.name for p in partitions(iter(arts), 200)] == [p.name for p in parts]
    # small partition sizes are left alone
    assert [len(p.articles) for p in partitions(arts[:6], 2)] == [2, 2, 2]
    assert [len(p.articles) for p in partitions(arts[:7], 2)] == [2, 2, 2, 1]


def test_local_workers_run_without_dasks_malloc_trim_threshold(monkeypatch):
    import dask

    from tacitus.cluster import local_worker_config

    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", str(dask.config.get("distributed.nanny.pre-spawn-environ")
                                                      .get("MALLOC_TRIM_THRESHOLD_", 65536)))
    from distributed.nanny import _get_env_variables

    cfg = local_worker_config()
    assert "MALLOC_TRIM_THRESHOLD_" not in os.environ
    with dask.config.set(cfg):
        spawn_env = _get_env_variables("distributed.nanny.pre-spawn-environ")
    assert "MALLOC_TRIM_THRESHOLD_" not in spawn_env
    assert spawn_env.get("OPENBLAS_NUM_THREADS") == "1"
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "12345")  # a user's own setting stays
    local_worker_config()
    assert os.environ["MALLOC_TRIM_THRESHOLD_"] == "12345"
