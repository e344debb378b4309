"""Read queries of the web layer over the store's tables (articles, events, mentions,
actors). Every value reaches DuckDB as a `?` parameter; the only SQL text built from
a request is chosen from fixed fragments (whitelisted ORDER BY, fixed bucket names).

Each function takes a DuckDB cursor (one per request, from `db.Database.reader`) and
returns plain dicts."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import duckdb

from tacitus.web.models import EventQuery

Cursor = duckdb.DuckDBPyConnection
Row = dict[str, Any]

ACTOR_FIELDS = ("text", "name", "kind", "country", "sector", "org_code", "cameo_code", "role", "kb_id")
PLACE_FIELDS = ("text", "name", "country", "admin1", "lat", "lon", "geonameid", "feature")
CSV_COLUMNS = (
    "event_id", "date", "event_type", "event_mode", "cameo_code", "goldstein", "quad_class",
    "actor_name", "actor_country", "actor_cameo_code", "recipient_name", "recipient_country",
    "recipient_cameo_code", "loc_name", "loc_country", "loc_lat", "loc_lon", "negated", "modality",
    "attributed_name", "attribution_cue", "trigger", "sentence", "article_id", "n_mentions", "n_sources",
)
CSV_MAX_ROWS = 100_000
_BUCKETS = {"day": "day", "week": "week", "month": "month"}


def _rows(cur: Cursor) -> list[Row]:
    names = [d[0] for d in cur.description or ()]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _like(value: str) -> str:
    """A LIKE pattern matching `value` anywhere, with its wildcards taken literally."""
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def actor_clause(prefix: Literal["actor", "recipient"], value: str, exact: bool) -> tuple[str, list[Any]]:
    """Match one side of an event: kb id, actor key, ISO3 country or CAMEO code exactly,
    or the name (exactly when `exact`, else as a substring)."""
    p = f"e.{prefix}"
    key = f"coalesce({p}_kb_id, coalesce({p}_country, {p}_org_code, '?') || ':' || lower({p}_name))"
    name = f"lower({p}_name) = lower(?)" if exact else f"{p}_name ILIKE ? ESCAPE '\\'"
    sql = f"({p}_kb_id = ? OR {key} = ? OR {p}_country = upper(?) OR {p}_cameo_code = upper(?) OR {name})"
    return sql, [value, value, value, value, value if exact else _like(value)]


def where(f: EventQuery) -> tuple[str, list[Any]]:
    """The WHERE clause and its parameters for an event filter."""
    parts: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        parts.append(sql)
        params.extend(values)

    if f.actor:
        sql, vals = actor_clause("actor", f.actor, exact=False)
        add(sql, *vals)
    if f.recipient:
        sql, vals = actor_clause("recipient", f.recipient, exact=False)
        add(sql, *vals)
    if f.country:
        add("(e.actor_country = ? OR e.recipient_country = ? OR e.loc_country = ?)", *[f.country] * 3)
    if f.type:
        add("e.event_type = ?", f.type)
    if f.quad_class is not None:
        add("e.quad_class = ?", f.quad_class)
    # Coarse dates ("2023-09") overlap a day range when their prefix does.
    if f.date_from:
        add("e.date >= left(?, length(e.date))", f.date_from.isoformat())
    if f.date_to:
        add("e.date <= ?", f.date_to.isoformat())
    if f.negated is not None:
        add("e.negated = ?", f.negated)
    if f.modality:
        add("e.modality = ?", f.modality)
    if f.source:
        add("(EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.event_id AND m.source = ?)"
            " OR EXISTS (SELECT 1 FROM articles a WHERE a.id = e.article_id AND a.source = ?))",
            f.source, f.source)
    if f.location:
        add("e.loc_name ILIKE ? ESCAPE '\\'", _like(f.location))
    if f.article_id:
        add("(e.article_id = ? OR EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.event_id"
            " AND m.article_id = ?))", f.article_id, f.article_id)
    if f.q:
        cols = ("e.sentence", "e.trigger", "e.actor_name", "e.recipient_name", "e.loc_name", "e.actor_text",
                "e.recipient_text")
        add("(" + " OR ".join(f"{c} ILIKE ? ESCAPE '\\'" for c in cols) + ")", *[_like(f.q)] * len(cols))
    return (" AND ".join(parts) or "TRUE"), params


def count_events(cur: Cursor, f: EventQuery) -> int:
    sql, params = where(f)
    row = cur.execute(f"SELECT count(*) FROM events e WHERE {sql}", params).fetchone()
    return int(row[0]) if row else 0


def list_events(cur: Cursor, f: EventQuery) -> list[Row]:
    """One page of flat event rows (every column but `record`)."""
    sql, params = where(f)
    cur.execute(
        f"SELECT e.* EXCLUDE (record) FROM events e WHERE {sql} ORDER BY {f.order_by()} LIMIT ? OFFSET ?",
        [*params, f.page_size, (f.page - 1) * f.page_size],
    )
    return _rows(cur)


def iter_csv_rows(cur: Cursor, f: EventQuery, batch: int = 2000) -> Iterator[tuple[Any, ...]]:
    """Rows for the CSV export, in the listing's order, at most CSV_MAX_ROWS."""
    sql, params = where(f)
    cols = ", ".join(f"e.{c}" for c in CSV_COLUMNS)
    cur.execute(f"SELECT {cols} FROM events e WHERE {sql} ORDER BY {f.order_by()} LIMIT ?",
                [*params, CSV_MAX_ROWS])
    while chunk := cur.fetchmany(batch):
        yield from chunk


def get_event(cur: Cursor, event_id: str) -> Row | None:
    cur.execute("SELECT e.* EXCLUDE (record) FROM events e WHERE e.event_id = ?", [event_id])
    rows = _rows(cur)
    return rows[0] if rows else None


def event_mentions(cur: Cursor, event_id: str) -> list[Row]:
    """Every mention of an event, with its sentence and the article it comes from."""
    cur.execute(
        "SELECT m.* EXCLUDE (record), a.title AS article_title, a.url AS article_url,"
        " a.published AS article_published FROM mentions m LEFT JOIN articles a ON a.id = m.article_id"
        " WHERE m.event_id = ? ORDER BY a.published NULLS LAST, m.article_id, m.sent_start",
        [event_id],
    )
    return _rows(cur)


def get_article(cur: Cursor, article_id: str) -> Row | None:
    cur.execute("SELECT * FROM articles WHERE id = ?", [article_id])
    rows = _rows(cur)
    return rows[0] if rows else None


def article_evidence(cur: Cursor, article_id: str) -> list[Row]:
    """The events read from one article, one row per mention in it, with the mention's
    own sentence and offsets (an event merged across articles keeps the first article's
    evidence in `events`); events without a mention row fall back to their own evidence."""
    cur.execute(
        "SELECT e.* EXCLUDE (record, sentence, sent_start, sent_end, trigger, quote),"
        " m.sentence, m.sent_start, m.sent_end, m.trigger, m.quote"
        " FROM mentions m JOIN events e ON e.event_id = m.event_id WHERE m.article_id = ?"
        " UNION ALL BY NAME"
        " SELECT e.* EXCLUDE (record) FROM events e WHERE e.article_id = ? AND NOT EXISTS"
        " (SELECT 1 FROM mentions m WHERE m.event_id = e.event_id AND m.article_id = ?)"
        " ORDER BY sent_start NULLS LAST, event_id",
        [article_id, article_id, article_id],
    )
    return _rows(cur)


def dyad_series(cur: Cursor, a: str, b: str, by: str, directed: bool) -> list[Row]:
    """Counts by quad class and mean Goldstein per period for events between two actors.

    An event without its own date is placed on its article's publication date. Events
    dated more coarsely than the bucket (a month-only date in a weekly series) are left out."""
    bucket = _BUCKETS[by]
    a_act, pa = actor_clause("actor", a, exact=True)
    b_rec, pb = actor_clause("recipient", b, exact=True)
    pair = f"({a_act} AND {b_rec})"
    params = [*pa, *pb]
    if not directed:
        b_act, pb2 = actor_clause("actor", b, exact=True)
        a_rec, pa2 = actor_clause("recipient", a, exact=True)
        pair = f"({pair} OR ({b_act} AND {a_rec}))"
        params += [*pb2, *pa2]
    min_len = 7 if bucket == "month" else 10
    cur.execute(
        "WITH d AS (SELECT e.quad_class, e.goldstein,"
        " coalesce(e.date, strftime(a.published, '%Y-%m-%d')) AS raw"
        f" FROM events e LEFT JOIN articles a ON a.id = e.article_id WHERE {pair}),"
        " p AS (SELECT quad_class, goldstein, try_cast(CASE WHEN length(raw) = 7 THEN raw || '-01'"
        f" ELSE raw END AS DATE) AS day FROM d WHERE length(raw) >= {min_len})"
        f" SELECT strftime(date_trunc('{bucket}', day), '%Y-%m-%d') AS period,"
        " count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,"
        " count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,"
        " count(*) AS total, round(avg(goldstein), 2) AS goldstein"
        " FROM p WHERE day IS NOT NULL GROUP BY 1 ORDER BY 1",
        params,
    )
    return _rows(cur)


def search_actors(cur: Cursor, q: str | None, limit: int) -> list[Row]:
    """Actors whose name contains `q` (or whose key, kb id or country is `q`), most events first."""
    if q:
        cur.execute(
            "SELECT * FROM actors"
            " WHERE name ILIKE ? ESCAPE '\\' OR key = ? OR kb_id = ? OR country = upper(?)"
            " ORDER BY n_events DESC NULLS LAST, name LIMIT ?",
            [_like(q), q, q, q, limit],
        )
    else:
        cur.execute("SELECT * FROM actors ORDER BY n_events DESC NULLS LAST, name LIMIT ?", [limit])
    return _rows(cur)


def map_points(cur: Cursor, f: EventQuery, limit: int = 2000) -> list[Row]:
    """Located events grouped by place and quad class, biggest groups first."""
    sql, params = where(f)
    cur.execute(
        "SELECT e.loc_name AS name, e.loc_country AS country, round(e.loc_lat, 3) AS lat,"
        " round(e.loc_lon, 3) AS lon, e.quad_class, count(*) AS n, round(avg(e.goldstein), 2) AS goldstein"
        f" FROM events e WHERE {sql} AND e.loc_lat IS NOT NULL AND e.loc_lon IS NOT NULL"
        " GROUP BY ALL ORDER BY n DESC, name LIMIT ?",
        [*params, limit],
    )
    return _rows(cur)


def distinct_values(cur: Cursor, column: Literal["event_type", "source"], limit: int = 200) -> list[str]:
    """Values offered in the filter form's drop-downs."""
    table = {"event_type": "SELECT DISTINCT event_type AS v FROM events",
             "source": "SELECT DISTINCT source AS v FROM articles"}[column]
    cur.execute(f"SELECT v FROM ({table}) WHERE v IS NOT NULL ORDER BY v LIMIT ?", [limit])
    return [r[0] for r in cur.fetchall()]


def nest_event(row: Row) -> Row:
    """A flat events row in the contract's shape (shared/spec/event-record.md), plus the
    store's counts (`n_mentions`, `n_sources`, `n_articles`, `first_seen`)."""

    def actor(prefix: str) -> Row | None:
        if not row.get(f"{prefix}_name"):
            return None
        return {k: row.get(f"{prefix}_{k}") for k in ACTOR_FIELDS}

    location = None
    if row.get("loc_name"):
        location = {k: row.get(f"loc_{k}") for k in PLACE_FIELDS}
    attributed = None
    if row.get("attributed_name"):
        attributed = {"text": row.get("attributed_text"), "name": row["attributed_name"],
                      "country": row.get("attributed_country")}
    out: Row = {k: row.get(k) for k in ("event_id", "article_id", "event_type", "event_mode")}
    out["contexts"] = list(row.get("contexts") or [])
    out.update({k: row.get(k) for k in ("cameo_code", "goldstein", "quad_class")})
    out["actor"] = actor("actor")
    out["recipient"] = actor("recipient")
    out.update({k: row.get(k) for k in ("date", "date_end", "date_precision")})
    out["location"] = location
    out["negated"] = bool(row.get("negated"))
    out["modality"] = row.get("modality")
    out["attributed_to"] = attributed
    out["attribution_cue"] = row.get("attribution_cue")
    out["evidence"] = {"sentence": row.get("sentence"), "start": row.get("sent_start"),
                       "end": row.get("sent_end"), "trigger": row.get("trigger"), "quote": row.get("quote")}
    out.update({k: row.get(k) for k in ("n_mentions", "n_sources", "n_articles", "first_seen")})
    return out


def top_dyads(cur: Cursor, limit: int = 12) -> list[Row]:
    """The most frequent actor -> recipient pairs, as suggestions for the dyad view."""
    cur.execute(
        "SELECT actor_name AS a, recipient_name AS b, count(*) AS n FROM events"
        " WHERE actor_name IS NOT NULL AND recipient_name IS NOT NULL"
        " GROUP BY ALL ORDER BY n DESC, a, b LIMIT ?",
        [limit],
    )
    return _rows(cur)
