"""The same articles give the same events (ids and every field) whichever way the
pipeline is driven: one `extract` call per article, `pipe` in batches, `pipe` with two
processes. The Dask path is checked in test_cluster.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.ingest import read_path
from tacitus.records import Article, to_json

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles.jsonl"


def sample_articles(n: int = 6) -> list[Article]:
    items = [a for a in read_path(SAMPLES) if isinstance(a, Article)]
    return items[:n]


def as_records(results) -> dict[str, list[dict]]:
    return {r.article.id: [to_json(e) for e in r.events] for r in results}


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return sample_articles()


@pytest.fixture(scope="module")
def reference(extractor, articles) -> dict[str, list[dict]]:
    """One `extract` call per article."""
    return {a.id: to_json(extractor.extract(a.text, title=a.title, published=a.published, article_id=a.id))
            for a in articles}


def test_reference_has_events(reference):
    assert sum(len(v) for v in reference.values()) > 0
    ids = [e["event_id"] for evs in reference.values() for e in evs]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("batch_size", [1, 4, 64])
def test_pipe_batched_equals_extract(extractor, articles, reference, batch_size):
    assert as_records(extractor.pipe(articles, batch_size=batch_size)) == reference


def test_pipe_two_processes_equals_extract(extractor, articles, reference):
    assert as_records(extractor.pipe(articles, batch_size=2, n_process=2)) == reference


def test_pipe_reports_stage_timings(extractor, articles):
    before = dict(extractor.timings)
    results = list(extractor.pipe(articles[:2]))
    assert all(r.timings["parse"] >= 0 and r.timings["code"] > 0 for r in results)
    assert extractor.timings["code"] > before["code"]


def test_whole_pipeline_per_process_equals_extract(extractor, articles, reference):
    from tacitus.cluster import pipe_processes

    assert as_records(pipe_processes(articles, 2, extractor=extractor, batch=2)) == reference
