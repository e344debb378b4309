"""The one writer: every write to the event database goes through `Store.write_batch`,
one transaction per batch (articles, their events, mentions and actors commit
together, so a crash never leaves half an article), under a lock so that a web
request handler and a CLI run in one process can share it.

Article identity: the URL when the article has one, else its id; an article
whose content hash is already stored under another name is kept as `skipped`.
Re-ingesting the same content changes nothing; new content under a known
identity replaces the old article and its mentions."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, Self

import duckdb
import pyarrow as pa

from tacitus.errors import InputError, StoreError
from tacitus.records import Article, to_json
from tacitus.store.dedup import Cluster, DedupConfig, Deduplicator, key_of
from tacitus.store.index import ArticleIndex, clusters, load_clusters
from tacitus.store.rows import (
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    RECORD_COLUMNS,
    actor_rows,
    dumps,
    event_row,
    first,
    loads,
    mention_row,
    record_values,
)
from tacitus.store.schema import migrate

log = logging.getLogger(__name__)

ARTICLE_COLUMNS = (
    "id",
    "url",
    "source",
    "title",
    "text",
    "published",
    "language",
    "content_hash",
    "ingested_at",
    "status",
    "error",
    "n_events",
)
DEFAULT_BATCH = 64
MAX_BATCH_SECONDS = 2.0


class ResultLike(Protocol):
    article: Article
    events: Sequence[Any]


@dataclass
class IngestSummary:
    """What an ingest did. `events` counts the mentions written; `merged` those that
    joined an event from another article."""

    seen: int = 0
    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    rejected: int = 0
    events: int = 0
    merged: int = 0
    seconds: float = 0.0
    rejected_ids: list[str] = field(default_factory=list)

    def add(self, other: IngestSummary) -> None:
        for name in ("seen", "new", "unchanged", "replaced", "rejected", "events", "merged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.rejected_ids.extend(other.rejected_ids)


def content_hash(article: Article) -> str:
    text = " ".join((article.title or "").split()) + "\n" + " ".join(article.text.split())
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, turning a lock held by another process into a StoreError."""
    try:
        # No file access beyond the database itself: SQL given by users (--where, `query`,
        # the web API) can then neither read nor write other files.
        return duckdb.connect(str(path), read_only=read_only, config={"enable_external_access": False})
    except duckdb.IOException as err:
        msg = str(err)
        if "lock" in msg.lower():
            raise StoreError(
                f"database {path} is locked by another process (an ingest or a server "
                f"still running?); stop it or use another --db. [{msg.splitlines()[0]}]"
            ) from None
        raise StoreError(f"cannot open database {path}: {msg.splitlines()[0]}") from None
    except duckdb.Error as err:
        raise StoreError(f"cannot open database {path}: {str(err).splitlines()[0]}") from None


def _insert(
    conn: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: list[list[Any]]
) -> None:
    if not rows:
        return
    data = pa.table({c: pa.array(values) for c, values in zip(columns, zip(*rows))})
    conn.register("_tacitus_rows", data)
    try:
        cols = ", ".join(columns)
        conn.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _tacitus_rows")
    finally:
        conn.unregister("_tacitus_rows")


class Store:
    """The database and its single writer connection."""

    def __init__(self, path: str | Path = "tacitus.duckdb", dedup: DedupConfig | None = None) -> None:
        self.path = str(path)
        self.dedup = dedup or DedupConfig()
        self._lock = threading.RLock()
        self.conn = connect(self.path)
        try:
            migrate(self.conn)
        except duckdb.Error as err:
            self.conn.close()
            raise StoreError(f"cannot prepare database {path}: {err}") from None
        # In-memory mirrors of the database (tacitus.store.index), built on first use and
        # kept up to date by every write; dropped when a batch rolls back.
        self._index: ArticleIndex | None = None
        self._clusters: Deduplicator | None = None
        self._clusters_loaded = False  # False: not built yet (or dropped); None above: too big

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def reader(self) -> duckdb.DuckDBPyConnection:
        """A separate connection to the same database for reads in this process."""
        return self.conn.cursor()

    # indexes -------------------------------------------------------------------
    @property
    def articles_index(self) -> ArticleIndex:
        if self._index is None:
            self._index = ArticleIndex.load(self.conn)
        return self._index

    def _dedup_index(self) -> Deduplicator | None:
        """The stored events as dedup clusters (None: too many to keep in memory)."""
        if not self._clusters_loaded:
            self._clusters = load_clusters(self.conn, self.dedup)
            self._clusters_loaded = True
        return self._clusters

    def _drop_indexes(self) -> None:
        self._index = None
        self._clusters, self._clusters_loaded = None, False

    def _refresh_clusters(self, event_ids: Iterable[str]) -> None:
        """Re-read these events' clusters (their representative or articles changed, or
        they were deleted)."""
        if not self._clusters_loaded or self._clusters is None:
            return
        ids = sorted(set(event_ids))
        for eid in ids:
            old = self._clusters.clusters.get(eid)
            if old is not None:
                self._clusters.remove(old)
        rows = self.conn.execute(
            """SELECT e.event_id, e.record, a.published, list(DISTINCT m.article_id)
               FROM events e LEFT JOIN articles a ON a.id = e.article_id
               LEFT JOIN mentions m ON m.event_id = e.event_id
               WHERE e.event_id IN (SELECT unnest(?::VARCHAR[]))
               GROUP BY ALL ORDER BY e.event_id""",
            [ids],
        ).fetchall()
        for cluster in clusters(rows):
            self._clusters.add(cluster)

    # identity ----------------------------------------------------------------
    def _existing(self, article: Article) -> tuple[str, str | None, str] | None:
        """(id, content_hash, status) of the stored article with this identity."""
        return self.articles_index.existing(article.id, article.url)

    def _existing_sql(self, article: Article) -> tuple[str, str | None, str] | None:
        """`_existing` asked of the database (the index's reference)."""
        if article.url:
            row = first(
                self.conn.execute(
                    "SELECT id, content_hash, status FROM articles WHERE url = ? "
                    "AND status <> 'rejected' LIMIT 1",
                    [article.url],
                ).fetchall()
            )
            if row:
                return row
        return first(
            self.conn.execute(
                "SELECT id, content_hash, status FROM articles WHERE id = ?", [article.id]
            ).fetchall()
        )

    def classify(self, article: Article) -> str:
        """'new', 'unchanged', 'replace' or 'duplicate' (same content under another name)."""
        with self._lock:
            return self._classify(article, content_hash(article))[0]

    def _classify(self, article: Article, digest: str) -> tuple[str, str | None]:
        old = self._existing(article)
        if old and old[2] != "rejected":
            return ("unchanged" if old[1] == digest else "replace"), old[0]
        twin = self.articles_index.twin(digest)
        if twin is not None and twin != article.id:
            return "duplicate", twin
        return "new", old[0] if old else None

    # writing -------------------------------------------------------------------
    def write_batch(self, items: Iterable[ResultLike | InputError]) -> IngestSummary:
        """Write one batch in one transaction: articles, rejected inputs, mentions, events."""
        summary = IngestSummary()
        with self._lock:
            self.conn.execute("BEGIN TRANSACTION")
            try:
                self._write(list(items), summary)
                self.conn.execute("COMMIT")
            except BaseException:
                self._drop_indexes()
                self.conn.execute("ROLLBACK")
                raise
        return summary

    def _write(self, items: list[ResultLike | InputError], summary: IngestSummary) -> None:
        now = dt.datetime.now()
        keep: list[tuple[ResultLike, str]] = []
        seen_here: dict[str, str] = {}
        article_rows: list[list[Any]] = []
        for item in items:
            summary.seen += 1
            if isinstance(item, InputError):
                self._reject(item, now, summary)
                continue
            art = item.article
            digest = content_hash(art)
            verdict, old_id = self._classify(art, digest)
            if verdict == "new" and digest in seen_here and seen_here[digest] != art.id:
                verdict, old_id = "duplicate", seen_here[digest]
            if verdict == "unchanged" or art.id in seen_here.values():
                summary.unchanged += 1
                continue
            if verdict == "duplicate":
                summary.unchanged += 1
                self._delete_article_row(art.id)
                article_rows.append(
                    self._article_row(art, digest, now, "skipped", f"same content as {old_id}", 0)
                )
                continue
            if old_id is not None:
                self.remove_article(old_id)
                if art.id != old_id:  # same URL under a new id: whatever holds that id goes too
                    self.remove_article(art.id)
            if verdict == "replace":
                summary.replaced += 1
            else:
                summary.new += 1
            seen_here[digest] = art.id
            keep.append((item, digest))
            article_rows.append(self._article_row(art, digest, now, "ok", None, len(item.events)))
        self._insert_articles(article_rows)
        self._write_mentions(keep, now, summary)

    def _insert_articles(self, rows: list[list[Any]]) -> None:
        _insert(self.conn, "articles", ARTICLE_COLUMNS, rows)
        index = self.articles_index
        for row in rows:  # id, url, ..., content_hash (7), ..., status (9)
            index.add(row[0], row[1], row[7], row[9])

    @staticmethod
    def _article_row(
        art: Article, digest: str, now: dt.datetime, status: str, error: str | None, n_events: int
    ) -> list[Any]:
        return [
            art.id,
            art.url,
            art.source,
            art.title,
            art.text if status == "ok" else None,
            art.published,
            getattr(art, "language", None),
            digest,
            now,
            status,
            error,
            n_events,
        ]

    def _delete_article_row(self, article_id: str) -> None:
        index = self.articles_index
        if article_id in index.rows:
            self.conn.execute("DELETE FROM articles WHERE id = ?", [article_id])
            index.remove(article_id)

    def _reject(self, err: InputError, now: dt.datetime, summary: IngestSummary) -> None:
        summary.rejected += 1
        source = err.source or "<input>"
        summary.rejected_ids.append(source)
        message = str(err)
        if err.source and message.startswith(f"{err.source}: "):
            message = message[len(err.source) + 2 :]
        status = self.articles_index.status(source)
        if status is not None and status != "rejected":
            return  # never let a rejection overwrite a stored article of the same name
        self._delete_article_row(source)
        self._insert_articles(
            [
                [
                    source,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    now,
                    "rejected",
                    f"{err.reason}: {message}",
                    0,
                ]
            ],
        )

    def remove_article(self, article_id: str) -> None:
        """Delete an article and its mentions; events left without mentions go, the others
        are recounted (and get a new representative if theirs came from this article)."""
        touched = [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT event_id FROM mentions WHERE article_id = ?", [article_id]
            ).fetchall()
        ]
        self.conn.execute("DELETE FROM mentions WHERE article_id = ?", [article_id])
        self._delete_article_row(article_id)
        if not touched:
            return
        self.conn.execute(
            "DELETE FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[])) AND event_id NOT IN "
            "(SELECT event_id FROM mentions)",
            [touched],
        )
        orphaned = self.conn.execute(
            "SELECT e.event_id FROM events e "
            "WHERE e.event_id IN (SELECT unnest(?::VARCHAR[])) AND e.article_id = ?",
            [touched, article_id],
        ).fetchall()
        for (event_id,) in orphaned:
            _, aid, rec = first(
                self.conn.execute(
                    "SELECT m.mention_id, m.article_id, m.record "
                    "FROM mentions m JOIN articles a ON a.id = m.article_id "
                    "WHERE m.event_id = ? ORDER BY a.ingested_at, m.mention_id LIMIT 1",
                    [event_id],
                ).fetchall()
            )
            self._set_representative(event_id, aid, loads(rec))
        self._recount(touched)
        self._refresh_clusters(touched)

    def _set_representative(self, event_id: str, article_id: str, rec: dict[str, Any]) -> None:
        values = record_values(rec)
        sets = ", ".join(f"{c} = ?" for c in RECORD_COLUMNS)
        self.conn.execute(
            f"UPDATE events SET article_id = ?, {sets}, record = ? WHERE event_id = ?",
            [article_id, *(values[c] for c in RECORD_COLUMNS), _json(rec), event_id],
        )

    def _recount(self, event_ids: list[str]) -> None:
        if not event_ids:
            return
        self.conn.execute(
            """UPDATE events SET n_mentions = s.m, n_sources = s.s, n_articles = s.a
               FROM (SELECT event_id, count(*) AS m, count(DISTINCT coalesce(source, article_id)) AS s,
                            count(DISTINCT article_id) AS a
                     FROM mentions WHERE event_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY event_id) s
               WHERE events.event_id = s.event_id""",
            [event_ids],
        )

    def _candidates(self, keys: list[Any]) -> list[Cluster]:
        """Stored events whose dates fall near the batch's mentions (dedup candidates)."""
        dated = [k for k in keys if k.start is not None]
        if not dated or not self.dedup.enabled:
            return []
        pad = dt.timedelta(days=self.dedup.date_window_days + 31)
        lo, hi = min(k.start for k in dated) - pad, max(k.end for k in dated) + pad
        quads = sorted({k.quad_class for k in dated if k.quad_class is not None})
        # only events that can share a side with the batch (see Deduplicator's blocking)
        states = sorted({c for k in dated for c in (k.actor.country if k.actor else None,
                                                     k.recipient.country if k.recipient else None) if c})
        any_state = any(k.actor is None or k.actor.country is None for k in dated)
        rows = self.conn.execute(
            """SELECT e.event_id, e.record, a.published, list(DISTINCT m.article_id)
               FROM events e LEFT JOIN articles a ON a.id = e.article_id
               LEFT JOIN mentions m ON m.event_id = e.event_id
               WHERE e.quad_class IN (SELECT unnest(?::INTEGER[]))
                 AND coalesce(e.date, CAST(a.published AS VARCHAR)) BETWEEN ? AND ?
                 AND (? OR e.actor_country IS NULL OR e.actor_country IN (SELECT unnest(?::VARCHAR[]))
                      OR e.recipient_country IN (SELECT unnest(?::VARCHAR[])))
               GROUP BY ALL""",
            [quads, lo.isoformat()[:7], hi.isoformat(), any_state, states, states],
        ).fetchall()
        return [Cluster(eid, self._key(eid, rec, pub), set(arts or [])) for eid, rec, pub, arts in rows]

    def _key(self, event_id: str, record: str, published: Any) -> Any:
        """An event's dedup key, parsed once per version of its representative record."""
        cache = self.__dict__.setdefault("_keys", {})
        hit = cache.get(event_id)
        if hit is not None and hit[0] == record:
            return hit[1]
        key = key_of(loads(record), published)
        if len(cache) > 500_000:
            cache.clear()
        cache[event_id] = (record, key)
        return key

    def _write_mentions(
        self, keep: list[tuple[ResultLike, str]], now: dt.datetime, summary: IngestSummary
    ) -> None:
        records = [
            (item.article, _record(ev), text)
            for item, _ in keep
            for ev, text in zip(item.events, _texts(item))
        ]
        if not records:
            return
        keys = [key_of(rec, art.published) for art, rec, _ in records]
        dedup = self._dedup_index() if self.dedup.enabled else None
        if dedup is None:  # disabled, or too many events to index: ask the database
            dedup = Deduplicator(self._candidates(keys), self.dedup)
        taken = {
            r[0]
            for r in self.conn.execute(
                "SELECT mention_id FROM mentions WHERE mention_id IN (SELECT unnest(?::VARCHAR[]))",
                [[rec["event_id"] for _, rec, _ in records]],
            ).fetchall()
        }
        mention_rows, new_events, touched, actors = [], [], set(), {}
        for (art, rec, text), key in zip(records, keys):
            if rec["event_id"] in taken:  # another article produced this id: make it unique
                rec = dict(
                    rec, event_id=rec["event_id"] + "-" + hashlib.sha1(art.id.encode()).hexdigest()[:6]
                )
                text = None
            taken.add(rec["event_id"])
            cluster, reason = dedup.assign(rec["event_id"], key)
            if text is None:
                text = dumps(rec)
            if reason is None:
                new_events.append(event_row(rec, cluster.event_id, art.id, (1, 1, 1), now, text))
            else:
                summary.merged += 1
                touched.add(cluster.event_id)  # a new event's counts are (1, 1, 1) until it merges
            mention_rows.append(mention_row(rec, cluster.event_id, art.source, reason, text))
            for row in actor_rows(rec):
                actors[row[0]] = row
        summary.events += len(mention_rows)
        _insert(self.conn, "mentions", MENTION_COLUMNS, mention_rows)
        _insert(self.conn, "events", EVENT_COLUMNS, new_events)
        self._recount(sorted(touched))
        self._update_actors(list(actors.values()))

    def _update_actors(self, rows: list[list[Any]]) -> None:
        if not rows:
            return
        self.conn.execute(
            "DELETE FROM actors WHERE key IN (SELECT unnest(?::VARCHAR[]))", [[r[0] for r in rows]]
        )
        _insert(
            self.conn,
            "actors",
            ("key", "name", "kind", "country", "sector", "org_code", "cameo_code", "kb_id"),
            rows,
        )
        self.conn.execute(
            f"""UPDATE actors SET n_events = c.n FROM (
                    SELECT k, count(DISTINCT event_id) AS n FROM (
                        SELECT event_id, {_actor_key_sql("actor")} AS k FROM events UNION ALL
                        SELECT event_id, {_actor_key_sql("recipient")} AS k FROM events
                            WHERE recipient_name IS NOT NULL)
                    WHERE k IN (SELECT unnest(?::VARCHAR[])) GROUP BY k) c
                WHERE actors.key = c.k""",
            [[r[0] for r in rows]],
        )


def _actor_key_sql(role: str) -> str:
    return (
        f"coalesce({role}_kb_id, coalesce({role}_country, {role}_org_code, '?') || ':' || "
        f"lower(coalesce({role}_name, '')))"
    )


def _json(rec: dict[str, Any]) -> str:
    from tacitus.store.rows import dumps

    return dumps(rec)


def _texts(item: Any) -> Iterable[str | None]:
    """The stored JSON of each event when the result carries it (`texts`, e.g. read back from
    a Parquet part: exactly `dumps` of the record), else None for each."""
    texts = getattr(item, "texts", None)
    if texts is not None and len(texts) == len(item.events):
        return texts
    return [None] * len(item.events)


def _record(event: Any) -> dict[str, Any]:
    return event if isinstance(event, dict) else to_json(event)


def open_store(path: str | Path = "tacitus.duckdb", dedup: DedupConfig | None = None) -> Store:
    """Open (creating and migrating if needed) the database for writing."""
    return Store(path, dedup)


# ingestion -------------------------------------------------------------------------------------------

Progress = Callable[[IngestSummary], None]


def _is_result(item: object) -> bool:
    return hasattr(item, "article") and hasattr(item, "events")


def ingest_articles(
    db: str | Path | Store,
    items: Iterable[Any],
    extractor: Any = None,
    *,
    batch_size: int = DEFAULT_BATCH,
    n_process: int = 1,
    progress: Progress | None = None,
) -> IngestSummary:
    """Extract (when given Articles) and store a stream of articles.

    `items` holds Articles, ArticleResult-like objects (`.article`, `.events`) or
    InputErrors (stored as rejected). Articles already stored with the same content
    are not even extracted. Every `batch_size` articles (or two seconds) one
    transaction commits. `progress` is called after each article with the running
    summary. Safe to call from several threads on one Store."""
    store = db if isinstance(db, Store) else open_store(db)
    total = IngestSummary()
    started = time.perf_counter()
    side: list[InputError] = []

    def articles(stream: Iterable[Any]) -> Iterator[Article]:
        for item in stream:
            if isinstance(item, InputError):
                side.append(item)
            elif isinstance(item, Article) and store.classify(item) == "unchanged":
                total.seen += 1
                total.unchanged += 1
                if progress:
                    progress(total)
            else:
                yield item

    def results() -> Iterator[Any]:
        stream = iter(items)
        first = next(stream, None)
        if first is None:
            return
        head = [first]
        if _is_result(first) or isinstance(first, InputError) and not _needs_extraction(stream, head):
            yield from [*head, *stream]
            return
        ex = extractor
        if ex is None:
            from tacitus.pipeline import Extractor

            ex = Extractor()
        if n_process > 1 and hasattr(ex, "settings"):
            # each process runs the whole pipeline (spaCy's n_process would parse in
            # parallel but code every article in this one)
            from tacitus.cluster import pipe_processes

            yield from pipe_processes(articles([*head, *stream]), n_process, extractor=ex)
        elif n_process > 1:
            yield from ex.pipe(articles([*head, *stream]), n_process=n_process)
        else:
            yield from ex.pipe(articles([*head, *stream]))

    try:
        batch: list[Any] = []
        last = time.perf_counter()

        def flush() -> None:
            nonlocal batch, last
            while side:
                batch.append(side.pop(0))
            if batch:
                total.add(store.write_batch(batch))
            batch, last = [], time.perf_counter()
            total.seconds = time.perf_counter() - started
            if progress:
                progress(total)

        for item in results():
            batch.append(item)
            if len(batch) >= batch_size or time.perf_counter() - last > MAX_BATCH_SECONDS:
                flush()
            elif progress:
                partial = IngestSummary()
                partial.add(total)
                partial.seen += len(batch)
                partial.events += sum(len(getattr(b, "events", ())) for b in batch)
                partial.seconds = time.perf_counter() - started
                progress(partial)
        flush()
    finally:
        if not isinstance(db, Store):
            store.close()
    total.seconds = time.perf_counter() - started
    return total


def _needs_extraction(stream: Iterator[Any], head: list[Any]) -> bool:
    """Look past leading InputErrors (kept in `head`) to see whether the stream holds Articles."""
    for item in stream:
        head.append(item)
        if not isinstance(item, InputError):
            return isinstance(item, Article)
    return False
