"""Read-only queries: user SQL checked to be one SELECT, the filters behind
`tacitus events`, and the dyad time series behind `tacitus dyad`.

Connections opened here are read-only and have no file access
(`enable_external_access = false`), so even a SELECT cannot read other files;
`check_select` also refuses anything but a single SELECT statement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from tacitus.errors import StoreError
from tacitus.store.writer import connect

TABLES = ("articles", "events", "mentions", "actors", "schema_version")
PERIODS = ("day", "week", "month", "year")
# A contract date ("2024-03-06", "2024-03", "2024") as a DATE, coarse dates on their first day;
# an event without a date falls back to its article's publication date.
EVENT_DAY = (
    "coalesce(try_cast(CASE length(e.date) WHEN 10 THEN e.date WHEN 7 THEN e.date || '-01' "
    "WHEN 4 THEN e.date || '-01-01' END AS DATE), a.published)"
)


def open_read_only(path: str | Path) -> duckdb.DuckDBPyConnection:
    if not Path(path).exists():
        raise StoreError(f"no database at {path} (run `tacitus ingest` first, or pass --db)")
    return connect(path, read_only=True)


def open_parquet_dir(folder: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory database holding the tables exported as Parquet files in `folder`
    (`events.parquet`, `mentions.parquet`, ...); file access is closed once they are loaded."""
    files = sorted(Path(folder).glob("*.parquet"))
    conn = duckdb.connect(":memory:")
    from tacitus.cluster import PART_GLOB, parquet_views

    if any(Path(folder).glob(PART_GLOB)):  # a dataset written by `ingest --cluster`
        parquet_views(conn, folder)
        files = [f for f in files if not f.match(PART_GLOB)]
    elif not files:
        raise StoreError(f"no .parquet files in {folder}")
    for f in files:
        name = f.stem.replace("-", "_")
        if not name.isidentifier():
            continue
        conn.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(?)', [str(f)])
    conn.execute("SET enable_external_access = false")
    conn.execute("SET lock_configuration = true")
    return conn


def check_select(sql: str) -> str:
    """`sql` when it is exactly one SELECT statement; StoreError otherwise."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as err:
        raise StoreError(f"invalid SQL: {str(err).splitlines()[0]}") from None
    if len(statements) != 1:
        raise StoreError(f"expected one SQL statement, got {len(statements)}")
    if statements[0].type != duckdb.StatementType.SELECT:
        raise StoreError(f"only SELECT queries are allowed (got {statements[0].type.name})")
    return sql


def where_clause(where: str | None) -> str:
    """A user's --where condition, checked: it must parse as the condition of one SELECT."""
    if not where or not where.strip():
        return "TRUE"
    if ";" in where or "--" in where or "/*" in where:
        raise StoreError("--where must be a single condition (no ';' or comments)")
    check_select(f"SELECT * FROM events WHERE ({where})")
    return f"({where})"


def arrow(
    conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | dict[str, Any] | None = None
) -> pa.Table:
    """The result of a (trusted) query as an Arrow table."""
    return conn.sql(sql, params=params or None).to_arrow_table()


def run(
    conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | dict[str, Any] | None = None
) -> pa.Table:
    """Execute a checked SELECT; DuckDB errors become StoreError."""
    check_select(sql)
    try:
        return arrow(conn, sql, params)
    except duckdb.Error as err:
        raise StoreError(str(err).splitlines()[0]) from None


def actor_condition(prefix: str, value: str) -> tuple[str, list[str]]:
    """Match an actor by country/org code, CAMEO code prefix, kb id or name."""
    v = value.strip()
    sql = (
        f"(upper({prefix}_country) = upper(?) OR upper({prefix}_org_code) = upper(?) "
        f"OR upper({prefix}_cameo_code) LIKE upper(?) || '%' OR {prefix}_kb_id = ? "
        f"OR lower({prefix}_name) = lower(?))"
    )
    return sql, [v, v, v, v, v]


def event_filters(
    actor: str | None = None,
    recipient: str | None = None,
    type: str | None = None,
    country: str | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
) -> tuple[str, list[Any]]:
    """The WHERE condition (over `events e JOIN articles a`) of the `events` filters."""
    parts: list[str] = ["TRUE"]
    params: list[Any] = []
    for prefix, value in (("e.actor", actor), ("e.recipient", recipient)):
        if value:
            cond, p = actor_condition(prefix, value)
            parts.append(cond)
            params += p
    if type:
        types = [t.strip().upper() for t in type.split(",") if t.strip()]
        parts.append("e.event_type IN (SELECT unnest(?::VARCHAR[]))")
        params.append(types)
    if country:
        parts.append("(? IN (e.actor_country, e.recipient_country, e.loc_country))")
        params.append(country.upper())
    if since:
        parts.append(f"{EVENT_DAY} >= ?::DATE")
        params.append(str(since))
    if until:
        parts.append(f"{EVENT_DAY} <= ?::DATE")
        params.append(str(until))
    return " AND ".join(parts), params


def dyad_sql(
    a: str,
    b: str,
    by: str = "week",
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    directed: bool = False,
) -> tuple[str, list[Any]]:
    """Counts by period, direction and type, with Goldstein sums, for the dyad a–b."""
    if by not in PERIODS:
        raise StoreError(f"--by must be one of {', '.join(PERIODS)}")
    ab, p_ab = actor_condition("e.actor", a)
    ba_r, p_ba_r = actor_condition("e.recipient", b)
    ba, p_ba = actor_condition("e.actor", b)
    ab_r, p_ab_r = actor_condition("e.recipient", a)
    directions = f"({ab} AND {ba_r})" if directed else f"(({ab} AND {ba_r}) OR ({ba} AND {ab_r}))"
    params: list[Any] = [*p_ab, a.upper(), b.upper(), b.upper(), a.upper(), *p_ab, *p_ba_r]
    if not directed:
        params += [*p_ba, *p_ab_r]
    cond, extra = event_filters(since=since, until=until)
    sql = f"""
        SELECT date_trunc('{by}', {EVENT_DAY})::DATE AS period,
               CASE WHEN {ab} THEN ? || '>' || ? ELSE ? || '>' || ? END AS direction,
               e.event_type, count(*)::INTEGER AS events, sum(e.n_mentions)::INTEGER AS mentions,
               round(sum(e.goldstein), 2) AS goldstein
        FROM events e LEFT JOIN articles a ON a.id = e.article_id
        WHERE {directions} AND {cond}
        GROUP BY ALL ORDER BY period, direction, e.event_type"""
    return sql, params + extra
