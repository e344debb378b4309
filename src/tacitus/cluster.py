"""Scale-out: the same pipeline on a Dask cluster (`tacitus ingest ... --cluster SPEC`).

The client reads the corpus and cuts it into partitions (200 articles by default). Each
partition is one Dask task: the worker extracts it with an `Extractor` it loads once per
process (`_EXTRACTORS`, keyed by `Settings`) and writes one Parquet part into the dataset
directory, atomically (temporary name, then `os.replace`). The client merges finished parts,
in corpus order, into the DuckDB store through `tacitus.store.writer.ingest_articles`, so
cross-article dedup and article identity behave exactly as in a one-process ingest.

* Same results: parts hold the contract JSON of each event (`tacitus.records.to_json`);
  event ids are hashes of article id and offsets, so they match `tacitus extract`.
* Faults: a killed worker's tasks are rescheduled by Dask (`retries` covers exceptions,
  `distributed.scheduler.allowed-failures` worker deaths); a part is either complete or
  absent, so no article is lost or written twice.
* Reruns: a partition whose part already exists (its name hashes the articles' ids and
  content), or whose articles are all stored unchanged, is not extracted again.

`SPEC` is `local:N` (a LocalCluster of N one-thread worker processes on this machine) or a
scheduler address `tcp://HOST:8786`. With remote workers the dataset directory must be the
same path on every machine (shared storage), or use `write_on="client"`.
See docs/scaling.md."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from tacitus.config import Settings
from tacitus.errors import InputError, TacitusError
from tacitus.records import Article, to_json

log = logging.getLogger(__name__)

DEFAULT_PARTITION = 200
PART_GLOB = "part-*.parquet"
PART_SCHEMA = pa.schema([
    ("id", pa.string()), ("url", pa.string()), ("source", pa.string()), ("title", pa.string()),
    ("text", pa.string()), ("published", pa.date32()), ("n_events", pa.int32()),
    ("events", pa.list_(pa.string())),  # one contract JSON record per event
])


class ClusterError(TacitusError):
    """A bad --cluster spec or a cluster that cannot be reached."""


# -- partitions ---------------------------------------------------------------------------------

@dataclass
class Partition:
    index: int
    articles: list[Article]

    @property
    def name(self) -> str:
        """`part-00007-<hash>`: position plus a digest of the articles' ids and content, so
        a part left by a run over other articles is never mistaken for this one."""
        h = hashlib.sha1()
        for a in self.articles:
            h.update(f"{a.id}\x00{a.title or ''}\x00{a.published}\x00{a.url}\x00{a.text}\x01".encode())
        return f"part-{self.index:05d}-{h.hexdigest()[:12]}"


TAIL_PARTITIONS = 2  # the last this many partitions' worth of articles ...
TAIL_PIECE = 25  # ... go out in pieces of size // 8, but at least this many articles


def tail_piece(size: int) -> int:
    """The size of the partitions the end of the corpus is cut into."""
    return min(size, max(TAIL_PIECE, size // 8))


def partitions(articles: Iterable[Article], size: int = DEFAULT_PARTITION) -> Iterator[Partition]:
    """Consecutive partitions of `size` articles, in corpus order; the last articles (up to
    TAIL_PARTITIONS partitions' worth) are cut into smaller partitions (`tail_piece`), so that
    at the end of a run every worker has work until the last moment instead of one finishing
    a whole partition while the others wait. Partitions depend only on the articles and
    `size` (a rerun finds the same parts)."""
    buffer: list[Article] = []
    index = 0
    ahead = size * (TAIL_PARTITIONS + 1)
    for art in articles:
        buffer.append(art)
        if len(buffer) >= ahead:
            yield Partition(index, buffer[:size])
            index, buffer = index + 1, buffer[size:]
    piece = tail_piece(size)
    while len(buffer) > size * TAIL_PARTITIONS:  # whole partitions before the tail
        yield Partition(index, buffer[:size])
        index, buffer = index + 1, buffer[size:]
    for start in range(0, len(buffer), piece):
        yield Partition(index, buffer[start:start + piece])
        index += 1


# -- worker side --------------------------------------------------------------------------------

_EXTRACTORS: dict[Settings, Any] = {}


_LOAD_SECONDS: dict[Settings, float] = {}


def worker_extractor(settings: Settings) -> Any:
    """The process's Extractor for `settings`: model, KB, lexicon and gazetteer load once per
    worker process, not per task."""
    ex = _EXTRACTORS.get(settings)
    if ex is None:
        from tacitus.pipeline import Extractor

        t0 = time.perf_counter()
        ex = Extractor(settings)
        ex.coder  # load everything now, outside the first partition's timing
        ex.nlp
        _EXTRACTORS[settings] = ex
        _LOAD_SECONDS[settings] = time.perf_counter() - t0
    return ex


@dataclass
class PartInfo:
    name: str
    index: int
    articles: int
    events: int
    seconds: float = 0.0
    pid: int = 0
    path: str | None = None
    load_seconds: float = 0.0  # of `seconds`: loading the model and resources (first task only)
    started: float = 0.0  # time.time() when the worker began the task
    cpu_seconds: float = 0.0  # CPU time of the worker process during the task
    table: pa.Table | None = None  # only when the client writes the part


def extract_table(articles: Sequence[Article], settings: Settings) -> pa.Table:
    """Extract `articles` into one Parquet-ready table (one row per article)."""
    ex = worker_extractor(settings)
    cols: dict[str, list[Any]] = {n: [] for n in PART_SCHEMA.names}
    for res in ex.pipe(articles):
        a = res.article
        for name, value in (("id", a.id), ("url", a.url), ("source", a.source), ("title", a.title),
                            ("text", a.text), ("published", a.published), ("n_events", len(res.events))):
            cols[name].append(value)
        cols["events"].append([json.dumps(to_json(ev), ensure_ascii=False) for ev in res.events])
    return pa.table(cols, schema=PART_SCHEMA)


def write_part(table: pa.Table, path: str | Path) -> None:
    """Write `table` to `path` atomically: a hidden temporary file, then `os.replace`."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def extract_partition(articles: Sequence[Article], name: str, index: int, dataset: str | None,
                      settings: Settings) -> PartInfo:
    """The Dask task: extract one partition; write its part into `dataset` (None: return the
    table for the client to write)."""
    t0, started, c0 = time.perf_counter(), time.time(), time.process_time()
    path = Path(dataset, name + ".parquet") if dataset else None
    if path is not None and path.exists():  # a previous attempt finished it
        rows, events = part_counts(path)
        return PartInfo(name, index, rows, events, 0.0, os.getpid(), str(path), started=started)
    loaded = settings in _EXTRACTORS
    table = extract_table(articles, settings)
    info = PartInfo(name, index, table.num_rows, sum(table["n_events"].to_pylist()), pid=os.getpid(),
                    load_seconds=0.0 if loaded else _LOAD_SECONDS.get(settings, 0.0), started=started)
    if path is not None:
        write_part(table, path)
        info.path = str(path)
    else:
        info.table = table
    info.seconds = time.perf_counter() - t0
    info.cpu_seconds = time.process_time() - c0
    return info


def _pipe_batch(job: tuple[Settings, list[Article]]) -> list[Any]:
    settings, batch = job
    return list(worker_extractor(settings).pipe(batch))


def pipe_processes(articles: Iterable[Article], n_process: int = 2, *, extractor: Any = None,
                   settings: Settings | None = None, batch: int = 16) -> Iterator[Any]:
    """`Extractor.pipe` over `n_process` processes that each run the *whole* pipeline (parse and
    coding) on batches of articles; yields ArticleResults in input order.

    spaCy's own `n_process` parallelises only the parse: the parent still deserialises every
    Doc and does all the coding, which caps two processes well below 2x. Here the parent
    only hands out articles and collects events. Children are forked where the platform
    allows, inheriting `extractor` already loaded; otherwise each loads its own once."""
    import multiprocessing as mp

    if extractor is not None:
        settings = extractor.settings
        _EXTRACTORS.setdefault(settings, extractor)
    settings = settings or Settings.from_env()
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")

    def jobs() -> Iterator[tuple[Settings, list[Article]]]:
        chunk: list[Article] = []
        for art in articles:
            chunk.append(art)
            if len(chunk) >= batch:
                yield settings, chunk
                chunk = []
        if chunk:
            yield settings, chunk

    with ctx.Pool(n_process) as pool:
        for results in pool.imap(_pipe_batch, jobs(), chunksize=1):
            yield from results


# -- reading parts back -------------------------------------------------------------------------

@dataclass
class StoredResult:
    """An extracted article read back from a part (`.article`, `.events` as contract dicts),
    the shape `ingest_articles` takes."""

    article: Article
    events: list[dict[str, Any]] = field(default_factory=list)
    # each event's JSON as stored in the part (the writer stores it as is, not re-encoded)
    texts: list[str] | None = None


def read_part(path: str | Path) -> list[StoredResult]:
    out = []
    for row in pq.read_table(path, schema=PART_SCHEMA).to_pylist():
        art = Article(row["id"], row["text"], row["title"], row["published"], row["url"], row["source"])
        texts = row["events"] or []
        out.append(StoredResult(art, [json.loads(e) for e in texts], texts))
    return out


def part_counts(path: str | Path) -> tuple[int, int]:
    """(articles, events) of a finished part."""
    n = pq.read_table(path, columns=["n_events"])["n_events"].to_pylist()
    return len(n), sum(n)


def dataset_parts(dataset: str | Path) -> list[Path]:
    """The finished parts of a dataset directory, in partition order."""
    return sorted(Path(dataset).glob(PART_GLOB))


def parquet_views(conn: Any, dataset: str | Path) -> None:
    """Create DuckDB views `articles` and `events` over a Parquet dataset (what `tacitus query
    --parquet DIR` needs): `events` has the contract fields most queries use plus `record`."""
    glob = str(Path(dataset) / PART_GLOB).replace("'", "''")
    conn.execute(f"CREATE OR REPLACE VIEW articles AS SELECT id, url, source, title, text, published, n_events "
                 f"FROM read_parquet('{glob}')")
    fields = ", ".join(f"r->>'$.{f}' AS {f}" for f in (
        "event_id", "article_id", "event_type", "event_mode", "cameo_code", "date", "modality"))
    conn.execute(
        f"""CREATE OR REPLACE VIEW events AS
            SELECT {fields}, CAST(r->>'$.goldstein' AS DOUBLE) AS goldstein,
                   CAST(r->>'$.quad_class' AS INTEGER) AS quad_class,
                   r->>'$.actor.name' AS actor_name, r->>'$.actor.country' AS actor_country,
                   r->>'$.recipient.name' AS recipient_name, r->>'$.recipient.country' AS recipient_country,
                   r->>'$.location.name' AS loc_name, r->>'$.location.country' AS loc_country,
                   CAST(r->>'$.negated' AS BOOLEAN) AS negated, r AS record, published, source
            FROM (SELECT CAST(unnest(events) AS JSON) AS r, published, source FROM read_parquet('{glob}'))""")


# -- the client ---------------------------------------------------------------------------------

@dataclass
class ClusterSummary:
    dataset: str
    workers: int = 0
    parts: int = 0
    parts_reused: int = 0  # part file already present
    parts_stored: int = 0  # every article already stored unchanged: not extracted
    parts_extracted: int = 0
    articles: int = 0
    events: int = 0
    rejected: int = 0
    seconds: float = 0.0
    seconds_connect: float = 0.0  # starting (or reaching) the cluster
    seconds_merge: float = 0.0
    started: float = 0.0  # time.time() at the start of the run
    ingest: Any = None  # tacitus.store.writer.IngestSummary when merged into a database


def parse_cluster(spec: str) -> tuple[str, int | str]:
    """`local:N` -> ("local", N); `tcp://host:port` (or tls://) -> ("address", spec)."""
    if spec.startswith("local:"):
        try:
            n = int(spec.split(":", 1)[1])
        except ValueError:
            n = 0
        if n < 1:
            raise ClusterError(f"--cluster {spec!r}: expected local:N with N >= 1")
        return "local", n
    if "://" in spec:
        return "address", spec
    raise ClusterError(f"--cluster {spec!r}: expected local:N or a scheduler address like tcp://HOST:8786")


def local_worker_config() -> dict[str, Any]:
    """Dask settings for the workers of a `local:N` cluster.

    * No `MALLOC_TRIM_THRESHOLD_` (Dask's nanny sets 65536 by default, so that freed memory
      goes back to the OS at once): the parse allocates and frees many small blocks, and with
      that threshold glibc trims the heap again and again; a worker then extracts about 20 %
      slower than the same code in a plain process (bench/cluster_probe.py). The nanny also
      writes the variable into its own process's environment before spawning, so a value
      left there by an earlier cluster is removed too.
    * No statistical profiler (it samples the task thread's stack every 10 ms; there is no
      dashboard to show it)."""
    import dask
    import distributed  # noqa: F401  (registers the distributed.* defaults)

    env = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}) or {})
    trim = env.get("MALLOC_TRIM_THRESHOLD_")
    if trim is not None and os.environ.get("MALLOC_TRIM_THRESHOLD_") == str(trim):
        del os.environ["MALLOC_TRIM_THRESHOLD_"]
    env["MALLOC_TRIM_THRESHOLD_"] = None  # None: the nanny leaves the variable unset
    return {"distributed.nanny.pre-spawn-environ": env, "distributed.worker.profile.enabled": False}


def connect(spec: str) -> tuple[Any, Any]:
    """(client, cluster-or-None) for `spec`; the caller closes both."""
    import dask
    from dask.distributed import Client, LocalCluster

    kind, value = parse_cluster(spec)
    if kind == "local":
        with dask.config.set(local_worker_config()):
            cluster = LocalCluster(n_workers=int(value), threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.WARNING)
        return Client(cluster), cluster
    try:
        return Client(str(value), timeout="30s"), None
    except OSError as err:
        raise ClusterError(f"cannot reach the Dask scheduler at {value}: {err}") from None


def _read(paths: Sequence[str | Path], published: Any) -> Iterator[Article | InputError]:
    try:
        from tacitus.store.inputs import read_inputs
    except ImportError:  # the store is optional for extraction
        from tacitus.ingest import read_articles as read_inputs
    return read_inputs(paths, published)


def run_cluster_ingest(paths: Sequence[str | Path] | None, db: str | Path | Any | None, cluster: str | None = None,
                       *, articles: Iterable[Article | InputError] | None = None, dataset: str | Path | None = None,
                       partition_size: int = DEFAULT_PARTITION, published: Any = None,
                       settings: Settings | None = None, retries: int = 2, write_on: str = "worker",
                       client: Any = None, on_part: Callable[[PartInfo], None] | None = None,
                       progress: Callable[[ClusterSummary], None] | None = None) -> ClusterSummary:
    """Extract `paths` (or `articles`) on a Dask cluster into a Parquet dataset and merge it
    into the database `db` (a path or an open `Store`; None leaves only the dataset).

    `cluster` is `local:N` or `tcp://HOST:8786`, or pass a connected `client`. `dataset`
    defaults to `<db>.parts` (or `tacitus-parts`). Partitions are merged in corpus order as
    soon as every earlier one is done, so the database matches a one-process ingest."""
    from dask.distributed import as_completed

    if write_on not in ("worker", "client"):
        raise ValueError("write_on is 'worker' or 'client'")
    settings = settings or Settings.from_env()
    if dataset is None:
        dataset = f"{db}.parts" if isinstance(db, (str, Path)) else "tacitus-parts"
    dataset_dir = Path(dataset).resolve()
    dataset_dir.mkdir(parents=True, exist_ok=True)
    for stale in dataset_dir.glob(".part-*.tmp"):  # left by a killed writer
        stale.unlink(missing_ok=True)
    summary = ClusterSummary(str(dataset_dir), started=time.time())
    started = time.perf_counter()

    store = None
    if db is not None:
        from tacitus.store.writer import IngestSummary, Store, open_store

        store = db if isinstance(db, Store) else open_store(db)
        summary.ingest = IngestSummary()
    rejected: list[InputError] = []

    def only_articles(stream: Iterable[Article | InputError]) -> Iterator[Article]:
        for item in stream:
            if isinstance(item, InputError):
                rejected.append(item)
            else:
                yield item

    own = None
    try:
        if client is None:
            if cluster is None:
                raise ClusterError("give a cluster spec (local:N or tcp://HOST:8786) or a client")
            client, own = connect(cluster)
        summary.seconds_connect = time.perf_counter() - started
        summary.workers = len(client.scheduler_info(n_workers=-1)["workers"])
        threads = max(1, sum(client.nthreads().values()))
        max_in_flight = 2 * threads + 2  # bounded: the corpus is never all in client memory

        done: dict[int, Path | None] = {}  # index -> part path (None: nothing to merge)
        next_merge = 0

        # Finished parts, in corpus order, not yet merged: small parts (the corpus's tail)
        # are merged together, one transaction per `partition_size` articles, because each
        # transaction has a fixed cost (commit, actor counts) that the client's CPU pays
        # while the workers need it.
        unmerged: list[StoredResult] = []

        def merge_ready(final: bool = False) -> None:
            nonlocal next_merge
            t0 = time.perf_counter()
            while next_merge in done:
                path = done.pop(next_merge)
                if store is not None and path is not None:
                    unmerged.extend(read_part(path))
                next_merge += 1
                if len(unmerged) >= partition_size:
                    summary.ingest.add(_ingest(store, unmerged))
                    unmerged.clear()
            if final and unmerged:
                summary.ingest.add(_ingest(store, unmerged))
                unmerged.clear()
            summary.seconds_merge += time.perf_counter() - t0

        def finish(info: PartInfo) -> None:
            if info.table is not None:
                target = dataset_dir / f"{info.name}.parquet"
                write_part(info.table, target)
                info.path, info.table = str(target), None
            summary.parts_extracted += 1
            summary.events += info.events
            done[info.index] = Path(info.path) if info.path else None
            if on_part:
                on_part(info)

        stream = _read(paths or (), published) if articles is None else articles
        pending = as_completed()
        for part in partitions(only_articles(stream), partition_size):
            summary.parts += 1
            summary.articles += len(part.articles)
            target = dataset_dir / f"{part.name}.parquet"
            if target.exists():
                summary.parts_reused += 1
                summary.events += part_counts(target)[1]
                done[part.index] = target
            elif store is not None and all(store.classify(a) == "unchanged" for a in part.articles):
                summary.parts_stored += 1
                done[part.index] = None
            else:
                fut = client.submit(extract_partition, part.articles, part.name, part.index,
                                    str(dataset_dir) if write_on == "worker" else None, settings,
                                    key=f"tacitus-{part.name}", retries=retries, pure=False)
                pending.add(fut)
                while pending.count() >= max_in_flight:
                    finish(next(pending).result())
                    merge_ready()
                    if progress:
                        progress(summary)
            merge_ready()
        for fut in pending:
            finish(fut.result())
            merge_ready()
            if progress:
                progress(summary)
        merge_ready(final=True)
        if store is not None and rejected:
            summary.ingest.add(_ingest(store, rejected))
        summary.rejected = len(rejected)
    finally:
        if own is not None:
            client.close()
            own.close()
        if store is not None and store is not db:
            store.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _ingest(store: Any, items: list[Any]) -> Any:
    """Merge one part (or the rejected inputs): one transaction for the whole part."""
    from tacitus.store.writer import DEFAULT_BATCH, ingest_articles

    return ingest_articles(store, items, batch_size=max(DEFAULT_BATCH, len(items)))


def merge_dataset(dataset: str | Path, db: str | Path | Any) -> Any:
    """Merge every part of a dataset directory into `db`, in partition order (e.g. parts
    produced elsewhere); returns the IngestSummary."""
    from tacitus.store.writer import IngestSummary, Store, open_store

    store = db if isinstance(db, Store) else open_store(db)
    total = IngestSummary()
    try:
        for path in dataset_parts(dataset):
            total.add(_ingest(store, read_part(path)))
    finally:
        if store is not db:
            store.close()
    return total
