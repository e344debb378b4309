"""The Python API over the event database, mirroring the CLI:

    >>> db = tacitus.open("tacitus.duckdb")
    >>> db.events(actor="RUS", recipient="PRK", type="COOPERATE", since="2022-01-01")
    >>> db.events(country="UKR", as_="pandas")          # or "polars", "arrow"
    >>> db.sources(event_id); db.dyad("RUS", "PRK", by="month"); db.query("SELECT ...")

Reads only: a `Database` opens its file read-only (or reads through an open
`Store`'s connection, for the web app that also writes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Self

import duckdb
import pyarrow as pa

from tacitus.errors import StoreError
from tacitus.store.export import plover_records
from tacitus.store.query import arrow, dyad_sql, event_filters, open_read_only, run
from tacitus.store.rows import first
from tacitus.store.writer import Store

FORMATS = ("records", "pandas", "polars", "arrow")


class Database:
    """Read access to one event database."""

    def __init__(self, source: str | Path | Store | duckdb.DuckDBPyConnection) -> None:
        self._own = False
        if isinstance(source, Store):
            self.conn = source.reader()
        elif isinstance(source, duckdb.DuckDBPyConnection):
            self.conn = source
        else:
            self.conn = open_read_only(source)
            self._own = True

    def close(self) -> None:
        if self._own:
            self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # events ------------------------------------------------------------------------
    def events(
        self,
        actor: str | None = None,
        recipient: str | None = None,
        type: str | None = None,
        country: str | None = None,
        since: dt.date | str | None = None,
        until: dt.date | str | None = None,
        as_: str = "records",
        limit: int | None = None,
    ) -> Any:
        """Deduplicated events matching every given filter. `actor`/`recipient`: a country or
        org code, CAMEO code prefix, kb id or name; `type`: PLOVER type(s), comma-separated;
        `country`: actor, recipient or place country; dates bound the event date.
        `as_="records"` gives contract dicts with n_mentions/n_sources/n_articles."""
        cond, params = event_filters(actor, recipient, type, country, since, until)
        if as_ == "records":
            cond = (
                f"event_id IN (SELECT e.event_id FROM events e LEFT JOIN articles a ON a.id = e.article_id "
                f"WHERE {cond})"
            )
            out = list(plover_records(self.conn, cond, "events", params))
            return out[:limit] if limit else out
        if as_ not in FORMATS:
            raise StoreError(f"as_ must be one of {FORMATS}")
        sql = (
            f"SELECT e.* FROM events e LEFT JOIN articles a ON a.id = e.article_id WHERE {cond} "
            f"ORDER BY e.first_seen, e.event_id" + (f" LIMIT {int(limit)}" if limit else "")
        )
        return _convert(arrow(self.conn, sql, params), as_)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event's record with its counts and `mentions` (see `sources`), or None."""
        found = list(plover_records(self.conn, "event_id = ?", "events", [event_id]))
        if not found:
            return None
        rec = found[0]
        rec["mentions"] = self.sources(event_id)
        return rec

    def sources(self, event_id: str) -> list[dict[str, Any]]:
        """Every mention of an event: article, source, url, title, sentence, trigger, why merged."""
        cur = self.conn.execute(
            """SELECT m.mention_id, m.article_id, m.source, a.url, a.title, a.published, m.date, m.sentence,
                      m.trigger, m.quote, m.attributed_name, m.sent_start, m.sent_end, m.merge_reason
               FROM mentions m LEFT JOIN articles a ON a.id = m.article_id
               WHERE m.event_id = ? ORDER BY a.ingested_at, m.merge_reason NULLS FIRST, m.mention_id""",
            [event_id],
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def dyad(
        self,
        a: str,
        b: str,
        by: str = "week",
        since: dt.date | str | None = None,
        until: dt.date | str | None = None,
        directed: bool = False,
        as_: str = "records",
    ) -> Any:
        """Events between `a` and `b` per period, direction and type, with Goldstein sums."""
        sql, params = dyad_sql(a, b, by, since, until, directed)
        table = arrow(self.conn, sql, params)
        return table.to_pylist() if as_ == "records" else _convert(table, as_)

    def query(self, sql: str, params: list[Any] | dict[str, Any] | None = None, as_: str = "records") -> Any:
        """Run one read-only SELECT; rows as dicts (or pandas/polars/arrow)."""
        table = run(self.conn, sql, params)
        return table.to_pylist() if as_ == "records" else _convert(table, as_)

    def errors(self, include_skipped: bool = False) -> list[dict[str, Any]]:
        """Rejected (and optionally skipped) inputs with their reasons."""
        statuses = ["rejected", "skipped"] if include_skipped else ["rejected"]
        cur = self.conn.execute(
            "SELECT id, status, error, ingested_at FROM articles "
            "WHERE status IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY ingested_at, id",
            [statuses],
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def stats(self) -> dict[str, int]:
        row = first(
            self.conn.execute(
                """SELECT (SELECT count(*) FROM articles WHERE status = 'ok'),
                      (SELECT count(*) FROM articles WHERE status = 'rejected'),
                      (SELECT count(*) FROM articles WHERE status = 'skipped'),
                      (SELECT count(*) FROM events), (SELECT count(*) FROM mentions),
                      (SELECT count(*) FROM actors)"""
            ).fetchall()
        )
        assert row is not None
        return dict(zip(("articles", "rejected", "skipped", "events", "mentions", "actors"), row))


def _convert(table: pa.Table, as_: str) -> Any:
    if as_ == "arrow":
        return table
    if as_ == "records":
        return table.to_pylist()
    try:
        if as_ == "pandas":
            return table.to_pandas()
        if as_ == "polars":
            import polars

            return polars.from_arrow(table)
    except ImportError as err:
        raise StoreError(f"as_={as_!r} needs the {as_} package: pip install {as_}") from err
    raise StoreError(f"as_ must be one of {FORMATS}")


def open_db(source: str | Path | Store = "tacitus.duckdb") -> Database:
    """`tacitus.open(db)`: read access to an event database (a path or an open Store)."""
    return Database(source)
