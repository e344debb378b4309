"""The event database: DuckDB tables of articles, deduplicated events, their mentions
and actors; one writer (`writer.Store`), cross-article dedup (`dedup`), exports
(`export`), read-only queries (`query`, `api`), and the CLI commands (`commands`).

    >>> from tacitus.store import ingest_articles, open_db
    >>> ingest_articles("tacitus.duckdb", articles)      # extracts, dedups, stores
    >>> open_db("tacitus.duckdb").events(actor="RUS", type="ASSAULT")

Submodules load lazily so that importing the package costs nothing."""

from __future__ import annotations

from typing import Any

__all__ = ["Database", "DedupConfig", "IngestSummary", "Store", "ingest_articles", "open_db", "open_store"]


def __getattr__(name: str) -> Any:
    if name in ("Store", "open_store", "ingest_articles", "IngestSummary"):
        from tacitus.store import writer

        return getattr(writer, name)
    if name in ("open_db", "Database"):
        from tacitus.store import api

        return getattr(api, name)
    if name == "DedupConfig":
        from tacitus.store.dedup import DedupConfig

        return DedupConfig
    raise AttributeError(name)
