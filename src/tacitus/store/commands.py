"""The database commands of the CLI: ingest, export, query, dyad, events, sources,
errors. Thin: each parses options, calls the store API and prints; library errors
become messages (exit 2), rejected inputs exit 1."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any, Self

import click

from tacitus.errors import TacitusError

DEFAULT_DB = "tacitus.duckdb"


class Fatal(click.ClickException):
    exit_code = 2


def make_extractor(model: str | None) -> Any:
    """The extractor `ingest` uses (tests replace this function with a fake)."""
    from tacitus.config import Settings
    from tacitus.pipeline import Extractor

    return Extractor(Settings.from_env(model=model))


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


db_option = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    envvar="TACITUS_DB",
    help="DuckDB database file ($TACITUS_DB).",
)


def _open(db: str) -> Any:
    from tacitus.store.api import open_db

    try:
        return open_db(db)
    except TacitusError as err:
        raise Fatal(str(err)) from err


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _print_rows(rows: list[dict[str, Any]], fmt: str, title: str | None = None) -> None:
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False))
        return
    if fmt == "csv":
        import csv

        if rows:
            w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for name in rows[0] if rows else {"(no rows)": None}:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(_jsonable(v)) for v in row.values()))
    Console().print(table)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Parallel parsing processes (spaCy n_process).",
)
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for inputs that lack one.")
@click.option(
    "--batch-size",
    type=click.IntRange(1, 10_000),
    default=64,
    show_default=True,
    help="Articles per database transaction.",
)
@click.option(
    "--fetch-links", is_flag=True, help="For feed entries with only a summary, fetch the linked page."
)
@click.option("--no-dedup", is_flag=True, help="Keep every mention its own event (no cross-article merging).")
@click.option(
    "--date-window",
    type=click.IntRange(0, 60),
    default=1,
    show_default=True,
    help="Dedup: days two event dates may differ by.",
)
@click.option(
    "--radius-km",
    type=float,
    default=150.0,
    show_default=True,
    help="Dedup: distance within which two located events may merge.",
)
@click.option("--model", default=None, help="spaCy pipeline name (default: the settings' model).")
@click.option("--cluster", default=None,
              help="Run on Dask: local:N (a local cluster of N workers) or tcp://HOST:8786 (a scheduler).")
@click.option("--parts", default=None, help="Cluster: Parquet dataset folder (default <db>.parts).")
@click.option("--partition-size", type=click.IntRange(1, 100_000), default=200, show_default=True,
              help="Cluster: articles per partition.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(
    paths: tuple[str, ...],
    db: str,
    workers: int,
    published: dt.date | None,
    batch_size: int,
    fetch_links: bool,
    no_dedup: bool,
    date_window: int,
    radius_km: float,
    model: str | None,
    cluster: str | None,
    parts: str | None,
    partition_size: int,
    quiet: bool,
) -> None:
    """Extract events from PATHS and store them in the database, merging reports of the
    same event across articles. PATHS: .txt, .html, .jsonl(.gz), RSS/Atom files,
    directories, http(s) URLs, or - for stdin. Re-ingesting an article changes nothing;
    an edited one replaces its events."""
    from tacitus.store.dedup import DedupConfig
    from tacitus.store.inputs import read_inputs
    from tacitus.store.writer import IngestSummary, ingest_articles, open_store

    config = DedupConfig(enabled=not no_dedup, date_window_days=date_window, radius_km=radius_km)
    if cluster:
        if workers > 1:
            raise click.UsageError("--cluster and --workers exclude each other: size the cluster instead")
        _cluster_ingest(paths, db, cluster, parts, partition_size, published, model, config)
        return
    try:
        store = open_store(db, config)
    except TacitusError as err:
        raise Fatal(str(err)) from err
    extractor = make_extractor(model)
    bar = _ProgressBar(enabled=not quiet)
    try:
        with bar:
            summary: IngestSummary = ingest_articles(
                store,
                read_inputs(paths, published, fetch_links=fetch_links),
                extractor,
                batch_size=batch_size,
                n_process=workers,
                progress=bar.update,
            )
    except TacitusError as err:
        raise Fatal(str(err)) from err
    finally:
        store.close()
    rate = summary.seen / summary.seconds if summary.seconds else 0.0
    click.echo(
        f"{summary.seen} inputs: {summary.new} new, {summary.replaced} replaced, "
        f"{summary.unchanged} unchanged, {summary.rejected} rejected; {summary.events} event mentions "
        f"({summary.merged} merged into events from other articles) in {summary.seconds:.1f} s "
        f"({rate:.1f} articles/s) -> {db}",
        err=True,
    )
    for source in summary.rejected_ids[:20]:
        click.echo(f"rejected {source} (see `tacitus errors`)", err=True)
    sys.exit(1 if summary.rejected else 0)


def _cluster_ingest(paths, db, cluster, parts, partition_size, published, model, config) -> None:
    from tacitus.cluster import run_cluster_ingest
    from tacitus.config import Settings
    from tacitus.store.writer import open_store

    try:
        store = open_store(db, config)
        try:
            summary = run_cluster_ingest(list(paths), store, cluster, dataset=parts or f"{db}.parts",
                                         partition_size=partition_size, published=published,
                                         settings=Settings.from_env(model=model))
        finally:
            store.close()
    except TacitusError as err:
        raise Fatal(str(err)) from err
    click.echo(f"cluster {cluster}: {summary.parts} parts ({summary.parts_reused} reused), "
               f"{summary.articles} articles, {summary.events} events, {summary.rejected} rejected "
               f"in {summary.seconds:.1f} s -> {db} (dataset {summary.dataset})", err=True)
    sys.exit(1 if summary.rejected else 0)


class _ProgressBar:
    """A rich progress display: articles done, articles/s, events found."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self._progress: Any = None

    def __enter__(self) -> Self:
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.completed:>6.0f} articles"),
                TextColumn("{task.fields[rate]:>6.1f} articles/s"),
                TextColumn("{task.fields[events]} events"),
                TextColumn("{task.fields[rejected]} rejected"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self._progress.start()
            self._task = self._progress.add_task("ingest", total=None, rate=0.0, events=0, rejected=0)
        return self

    def update(self, summary: Any) -> None:
        if self._progress is None:
            return
        rate = summary.seen / summary.seconds if summary.seconds else 0.0
        self._progress.update(
            self._task, completed=summary.seen, rate=rate, events=summary.events, rejected=summary.rejected
        )

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


@click.command("export")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["plover-jsonl", "gdelt-tsv", "parquet", "csv"]), required=True
)
@click.option(
    "--where", default=None, help="SQL condition over the events table, e.g. \"event_type = 'ASSAULT'\"."
)
@click.option(
    "--out", default=None, help="Output file (default stdout; parquet: a file, or a folder/ for all tables)."
)
@click.option(
    "--level",
    type=click.Choice(["mentions", "events"]),
    default="mentions",
    show_default=True,
    help="plover-jsonl: every per-article record (score.py-compatible) or one per deduplicated event.",
)
def export_cmd(db: str, fmt: str, where: str | None, out: str | None, level: str) -> None:
    """Export events as PLOVER JSONL, GDELT 2.0 TSV (61 columns), Parquet or CSV."""
    from tacitus.store.export import export

    with _open(db) as database:
        try:
            n = export(database.conn, fmt, out, where, level)
        except TacitusError as err:
            raise Fatal(str(err)) from err
    click.echo(f"{n} rows exported", err=True)


@click.command("query")
@click.argument("sql")
@db_option
@click.option(
    "--parquet",
    "parquet_dir",
    default=None,
    type=click.Path(exists=True, file_okay=False),
    help="Query the Parquet files of a folder (from `export --format parquet --out DIR/`) instead.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True
)
def query_cmd(sql: str, db: str, parquet_dir: str | None, fmt: str) -> None:
    """Run one read-only SQL SELECT over the database (tables: articles, events, mentions, actors)."""
    from tacitus.store.api import Database
    from tacitus.store.query import open_parquet_dir

    try:
        database = Database(open_parquet_dir(parquet_dir)) if parquet_dir else _open(db)
        with database:
            rows = database.query(sql)
    except TacitusError as err:
        raise Fatal(str(err)) from err
    _print_rows(rows, fmt)


@click.command("dyad")
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--from", "since", callback=_date, help="First event date (YYYY-MM-DD).")
@click.option("--to", "until", callback=_date, help="Last event date (YYYY-MM-DD).")
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="week", show_default=True)
@click.option("--directed", is_flag=True, help="Only events with A as actor and B as recipient.")
@click.option("--plot", default=None, help="Write a chart (PNG or SVG by extension).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True
)
def dyad_cmd(
    a: str,
    b: str,
    db: str,
    since: dt.date | None,
    until: dt.date | None,
    by: str,
    directed: bool,
    plot: str | None,
    fmt: str,
) -> None:
    """Events between A and B (country/org codes, CAMEO codes, kb ids or names) over time:
    counts by type and Goldstein sums per period."""
    with _open(db) as database:
        try:
            rows = database.dyad(a, b, by=by, since=since, until=until, directed=directed)
        except TacitusError as err:
            raise Fatal(str(err)) from err
    _print_rows(rows, fmt, title=f"{a.upper()}–{b.upper()} by {by}")
    if plot:
        from tacitus.store.plot import plot_dyad

        plot_dyad(rows, plot, f"{a.upper()}–{b.upper()}", by)
        click.echo(f"chart written to {plot}", err=True)


@click.command("events")
@db_option
@click.option("--actor", default=None, help="Actor: country/org code, CAMEO code prefix, kb id or name.")
@click.option("--recipient", default=None, help="Recipient, as --actor.")
@click.option("--type", "type_", default=None, help="PLOVER type(s), comma-separated.")
@click.option("--country", default=None, help="ISO3 of the actor, recipient or place.")
@click.option("--since", callback=_date, help="First event date (YYYY-MM-DD).")
@click.option("--until", callback=_date, help="Last event date (YYYY-MM-DD).")
@click.option("--limit", type=int, default=None)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def events_cmd(
    db: str,
    actor: str | None,
    recipient: str | None,
    type_: str | None,
    country: str | None,
    since: dt.date | None,
    until: dt.date | None,
    limit: int | None,
    fmt: str,
) -> None:
    """List deduplicated events matching the filters."""
    with _open(db) as database:
        records = database.events(actor, recipient, type_, country, since, until, limit=limit)
    if fmt == "jsonl":
        for rec in records:
            click.echo(json.dumps(rec, ensure_ascii=False))
        return
    rows = [
        {
            "event_id": r["event_id"],
            "date": r.get("date"),
            "type": r["event_type"],
            "actor": (r.get("actor") or {}).get("name"),
            "recipient": (r.get("recipient") or {}).get("name"),
            "place": (r.get("location") or {}).get("name"),
            "cameo": r.get("cameo_code"),
            "mentions": r["n_mentions"],
            "sources": r["n_sources"],
        }
        for r in records
    ]
    _print_rows(rows, "table", title=f"{len(rows)} events")


@click.command("sources")
@click.argument("event_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
def sources_cmd(event_id: str, db: str, fmt: str) -> None:
    """Every mention of EVENT_ID: article, source, sentence, and why it was merged."""
    with _open(db) as database:
        event = database.event(event_id)
    if event is None:
        raise Fatal(f"no event {event_id!r} in {db}")
    if fmt == "jsonl":
        for m in event["mentions"]:
            click.echo(json.dumps({k: _jsonable(v) for k, v in m.items()}, ensure_ascii=False))
        return
    actor = (event.get("actor") or {}).get("name")
    recipient = (event.get("recipient") or {}).get("name")
    click.echo(
        f"{event['event_id']}  {event['event_type']}  {actor} -> {recipient}  {event.get('date')}  "
        f"({event['n_mentions']} mentions, {event['n_sources']} sources, {event['n_articles']} articles)"
    )
    for m in event["mentions"]:
        click.echo(f"\n- {m['article_id']}  [{m['source'] or 'unknown source'}]  {m['url'] or ''}")
        click.echo(f"  {m['sentence']}")
        click.echo(
            f"  trigger: {m['trigger']!r}"
            + (f"; according to {m['attributed_name']}" if m["attributed_name"] else "")
        )
        click.echo(f"  merged: {m['merge_reason']}" if m["merge_reason"] else "  first report of this event")


@click.command("errors")
@db_option
@click.option("--all", "include_skipped", is_flag=True, help="Also list skipped duplicates.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def errors_cmd(db: str, include_skipped: bool, fmt: str) -> None:
    """Inputs that were rejected at ingest, with their reasons."""
    with _open(db) as database:
        rows = database.errors(include_skipped)
    _print_rows(rows, fmt, title=f"{len(rows)} rejected inputs")


COMMANDS = (ingest, export_cmd, query_cmd, dyad_cmd, events_cmd, sources_cmd, errors_cmd)


def register(cli: click.Group) -> None:
    """Add the database commands to the `tacitus` CLI."""
    for command in COMMANDS:
        cli.add_command(command)
