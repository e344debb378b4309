"""The web app's handle on the DuckDB store.

A read-only server opens the file read-only (`tacitus.store.query.open_read_only`):
nothing it runs can write. A writable server (`tacitus serve --writable`) opens the
store's single writer (`tacitus.store.writer.Store`, which also migrates the schema) so
that `POST /api/articles` can ingest, and still runs every GET request inside a
`READ ONLY` transaction. Both connections have no file access beyond the database.
One cursor per request: DuckDB connections are not shared between threads, cursors are."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from tacitus.errors import StoreError

if TYPE_CHECKING:
    from tacitus.store.writer import Store


class Database:
    """One DuckDB database file, opened once per app."""

    def __init__(self, path: str | Path, read_only: bool = True) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._store: Store | None = None
        if read_only:
            from tacitus.store.query import open_read_only

            self._conn = open_read_only(self.path)
        else:
            from tacitus.store.writer import Store

            self._store = Store(self.path)
            self._conn = self._store.conn
        #: held while the single writer runs, so two POSTs never write at once.
        self.write_lock = threading.Lock()

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor that cannot write, closed when the block ends."""
        cur = self._conn.cursor()
        try:
            if not self.read_only:
                cur.execute("BEGIN TRANSACTION READ ONLY")
            yield cur
        finally:
            if not self.read_only:
                with suppress(duckdb.Error):  # the transaction may already have ended with an error
                    cur.execute("ROLLBACK")
            cur.close()

    @property
    def store(self) -> Store:
        """The store's single writer (writable servers only)."""
        if self._store is None:
            raise StoreError("the server is read-only")
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        else:
            self._conn.close()
