"""The writer's in-memory indexes: what `Store` would otherwise ask DuckDB row by row.

* `ArticleIndex`: every stored article's identity (id, URL, content hash, status), for
  the new / unchanged / replace / duplicate verdict of each incoming article;
* the dedup index: a `Deduplicator` holding every stored event as a `Cluster`
  (representative key plus the articles behind it), the candidates a new mention is
  matched against.

Both are built from the database on first use (one query each), then kept up to date by
the writer as it writes, so a batch costs no candidate query however large the database.
They mirror committed state plus the open transaction's writes: when a batch rolls back,
the writer drops them and the next use rebuilds them from the database."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import duckdb

from tacitus.store.dedup import Cluster, DedupConfig, Deduplicator, key_of

# Above this many stored events the dedup index is not kept (memory: roughly 1 KB per
# event); the writer then reads each batch's candidates from the database instead.
MAX_INDEXED_EVENTS = 2_000_000


class ArticleIndex:
    """Identity of the stored articles: id -> (url, content hash, status), and the ids
    under each URL and (for stored articles) each content hash, in insertion order."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[str | None, str | None, str]] = {}
        self.by_url: dict[str, list[str]] = {}
        self.by_hash: dict[str, list[str]] = {}

    @classmethod
    def load(cls, conn: duckdb.DuckDBPyConnection) -> ArticleIndex:
        index = cls()
        for aid, url, digest, status in conn.execute(
            "SELECT id, url, content_hash, status FROM articles ORDER BY ingested_at, id"
        ).fetchall():
            index.add(aid, url, digest, status)
        return index

    def add(self, aid: str, url: str | None, digest: str | None, status: str) -> None:
        if aid in self.rows:
            self.remove(aid)
        self.rows[aid] = (url, digest, status)
        if url:
            self.by_url.setdefault(url, []).append(aid)
        if digest and status == "ok":
            self.by_hash.setdefault(digest, []).append(aid)

    def remove(self, aid: str) -> None:
        row = self.rows.pop(aid, None)
        if row is None:
            return
        url, digest, status = row
        for index, value in ((self.by_url, url), (self.by_hash, digest if status == "ok" else None)):
            if not value:
                continue
            ids = [i for i in index.get(value, ()) if i != aid]
            if ids:
                index[value] = ids
            else:
                index.pop(value, None)

    def status(self, aid: str) -> str | None:
        row = self.rows.get(aid)
        return row[2] if row else None

    def existing(self, aid: str, url: str | None) -> tuple[str, str | None, str] | None:
        """(id, content_hash, status) of the stored article with this identity: a
        non-rejected article under the URL, else the article with this id."""
        if url:
            for other in self.by_url.get(url, ()):
                _, digest, status = self.rows[other]
                if status != "rejected":
                    return other, digest, status
        row = self.rows.get(aid)
        return (aid, row[1], row[2]) if row else None

    def twin(self, digest: str) -> str | None:
        """A stored (status ok) article with this content hash."""
        ids = self.by_hash.get(digest)
        return ids[0] if ids else None


def load_clusters(conn: duckdb.DuckDBPyConnection, config: DedupConfig) -> Deduplicator | None:
    """Every stored event as a dedup cluster; None when there are too many to keep."""
    (n,) = conn.execute("SELECT count(*) FROM events").fetchall()[0]
    if n > MAX_INDEXED_EVENTS:
        return None
    rows = conn.execute(
        """SELECT e.event_id, e.record, a.published, list(DISTINCT m.article_id)
           FROM events e LEFT JOIN articles a ON a.id = e.article_id
           LEFT JOIN mentions m ON m.event_id = e.event_id
           GROUP BY ALL ORDER BY min(e.first_seen), e.event_id"""
    ).fetchall()
    return Deduplicator(clusters(rows), config)


def clusters(rows: Iterable[tuple[str, Any, Any, Any]]) -> Iterable[Cluster]:
    """Clusters from (event_id, representative record, its article's published date,
    articles of the event's mentions) rows."""
    for eid, rec, published, arts in rows:
        record = rec if isinstance(rec, dict) else json.loads(rec) if rec else {}
        yield Cluster(eid, key_of(record, published), set(arts or []))
