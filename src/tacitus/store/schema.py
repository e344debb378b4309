"""The database schema and its versioned migrations.

Each migration is a list of SQL statements applied once, in order, inside one
transaction; `schema_version` records which versions a database has. Add a new
`(version, statements)` entry to `MIGRATIONS` to change the schema, never edit an
applied one. The table and column names are a contract with the web app."""

from __future__ import annotations

import duckdb

ACTOR_COLUMNS = ("text", "name", "kind", "country", "sector", "org_code", "cameo_code", "role", "kb_id")

_actor_cols = lambda prefix: ", ".join(f"{prefix}_{c} VARCHAR" for c in ACTOR_COLUMNS)

MIGRATIONS: list[tuple[int, list[str]]] = [
    (
        1,
        [
            """CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, url VARCHAR, source VARCHAR, title VARCHAR, text VARCHAR,
            published DATE, language VARCHAR, content_hash VARCHAR, ingested_at TIMESTAMP,
            status VARCHAR, error VARCHAR, n_events INTEGER)""",
            f"""CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY, article_id VARCHAR, event_type VARCHAR, event_mode VARCHAR,
            contexts VARCHAR[], cameo_code VARCHAR, goldstein DOUBLE, quad_class INTEGER,
            {_actor_cols("actor")}, {_actor_cols("recipient")},
            date VARCHAR, date_end VARCHAR, date_precision VARCHAR,
            loc_text VARCHAR, loc_name VARCHAR, loc_country VARCHAR, loc_admin1 VARCHAR,
            loc_lat DOUBLE, loc_lon DOUBLE, loc_geonameid BIGINT, loc_feature VARCHAR,
            negated BOOLEAN, modality VARCHAR, attributed_name VARCHAR, attributed_text VARCHAR,
            attributed_country VARCHAR, attribution_cue VARCHAR,
            sentence VARCHAR, sent_start INTEGER, sent_end INTEGER, trigger VARCHAR, quote VARCHAR,
            n_mentions INTEGER, n_sources INTEGER, n_articles INTEGER, first_seen TIMESTAMP,
            record JSON)""",
            """CREATE TABLE mentions (
            mention_id VARCHAR PRIMARY KEY, event_id VARCHAR, article_id VARCHAR, source VARCHAR,
            sent_start INTEGER, sent_end INTEGER, sentence VARCHAR, trigger VARCHAR, quote VARCHAR,
            attributed_name VARCHAR, date VARCHAR, record JSON)""",
            """CREATE TABLE actors (
            key VARCHAR PRIMARY KEY, name VARCHAR, kind VARCHAR, country VARCHAR, sector VARCHAR,
            org_code VARCHAR, cameo_code VARCHAR, kb_id VARCHAR, n_events INTEGER)""",
            "CREATE INDEX articles_url ON articles(url)",
            "CREATE INDEX articles_hash ON articles(content_hash)",
            "CREATE INDEX mentions_article ON mentions(article_id)",
            "CREATE INDEX mentions_event ON mentions(event_id)",
        ],
    ),
    (
        2,
        [
            # Why each mention joined its event: the dedup explanation (`tacitus sources`).
            "ALTER TABLE mentions ADD COLUMN merge_reason VARCHAR",
        ],
    ),
]

LATEST = MIGRATIONS[-1][0]


def _first(rows: list[tuple]) -> tuple | None:
    return rows[0] if rows else None


def current_version(conn: duckdb.DuckDBPyConnection) -> int:
    """The highest applied migration, 0 for an empty database."""
    exists = _first(
        conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchall()
    )
    if not exists or not exists[0]:
        return 0
    row = _first(conn.execute("SELECT max(version) FROM schema_version").fetchall())
    return int(row[0] or 0) if row else 0


def migrate(conn: duckdb.DuckDBPyConnection) -> int:
    """Bring the database up to `LATEST`; returns the version reached."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)")
    version = current_version(conn)
    for number, statements in MIGRATIONS:
        if number <= version:
            continue
        conn.execute("BEGIN TRANSACTION")
        try:
            for sql in statements:
                conn.execute(sql)
            conn.execute("INSERT INTO schema_version VALUES (?, now())", [number])
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        version = number
    return version
