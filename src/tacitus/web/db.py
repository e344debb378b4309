"""The web app's handle on the DuckDB store.

A read-only server opens the file with `read_only=True`: nothing it runs can write.
A writable server (`tacitus serve --writable`) opens it read-write so that
`POST /api/articles` can ingest through the store's single writer, and still runs
every GET request inside a `READ ONLY` transaction. One cursor per request: DuckDB
connections are not shared between threads, cursors are."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from tacitus.errors import StoreError


class Database:
    """One DuckDB database file, opened once per app."""

    def __init__(self, path: str | Path, read_only: bool = True) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such database (run `tacitus ingest` first)")
        try:
            self._conn = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(f"{self.path}: cannot open the database ({err})") from err
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
                try:
                    cur.execute("ROLLBACK")
                except duckdb.Error:
                    pass  # the transaction already ended with an error
            cur.close()

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The read-write connection handed to the store's writer (writable servers only)."""
        if self.read_only:
            raise StoreError("the server is read-only")
        return self._conn

    def close(self) -> None:
        self._conn.close()
