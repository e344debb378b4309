"""Exports of the event database: PLOVER JSONL (the contract records, readable by
`shared/eval/score.py`), the GDELT 2.0 event table as TSV, Parquet and CSV.

`where` is an SQL condition over the `events` table, checked by
`query.where_clause` and run on a read-only connection without file access."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from tacitus.errors import StoreError
from tacitus.store.query import where_clause
from tacitus.store.rows import loads

FORMATS = ("plover-jsonl", "gdelt-tsv", "parquet", "csv")
LEVELS = ("mentions", "events")

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61, "the GDELT 2.0 event table has 61 columns"
ORG_CODES = frozenset({"IGO", "NGO", "MNC", "IMG", "WST", "UIS", "INT"})


def export(
    conn: duckdb.DuckDBPyConnection,
    fmt: str,
    out: str | Path | IO[str] | None = None,
    where: str | None = None,
    level: str = "mentions",
) -> int:
    """Write the events selected by `where` in `fmt` to `out` (a path, a text stream, or
    stdout); returns the number of rows written. `level` (plover-jsonl only): `mentions`
    writes every per-article record, as `extract` printed them, with its event's counts
    (so `score.py` gives extract's figures); `events` writes one record per event."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    cond = where_clause(where)
    try:
        if fmt == "parquet":
            if out is None or not isinstance(out, (str, Path)):
                raise StoreError("parquet export needs --out FILE (or a folder for every table)")
            return _parquet(conn, cond, Path(out), folder=str(out).endswith("/") or Path(out).is_dir())
        stream, close = _open(out)
        try:
            if fmt == "plover-jsonl":
                return _jsonl(conn, cond, stream, level)
            if fmt == "csv":
                return _csv(conn, cond, stream)
            return _gdelt(conn, cond, stream)
        finally:
            if close:
                stream.close()
    except duckdb.Error as err:
        raise StoreError(f"export failed: {str(err).splitlines()[0]}") from None


def _open(out: str | Path | IO[str] | None) -> tuple[IO[str], bool]:
    if out is None or out == "-":
        return sys.stdout, False
    if isinstance(out, (str, Path)):
        return open(out, "w", encoding="utf-8", newline=""), True
    return out, False


def plover_records(
    conn: duckdb.DuckDBPyConnection,
    cond: str = "TRUE",
    level: str = "mentions",
    params: list[Any] | None = None,
) -> Iterator[dict[str, Any]]:
    """Contract records with n_mentions/n_sources/n_articles (and `dedup_event_id` for mentions)."""
    if level not in LEVELS:
        raise StoreError(f"level must be one of {LEVELS}")
    if level == "mentions":
        sql = f"""WITH sel AS (SELECT * FROM events WHERE {cond})
                  SELECT m.record, e.event_id, e.n_mentions, e.n_sources, e.n_articles
                  FROM mentions m JOIN sel e ON e.event_id = m.event_id
                  ORDER BY m.article_id, m.sent_start, m.mention_id"""
    else:
        sql = f"""SELECT e.record, e.event_id, e.n_mentions, e.n_sources, e.n_articles
                  FROM events e WHERE {cond} ORDER BY e.first_seen, e.event_id"""
    cur = conn.execute(sql, params or [])
    while rows := cur.fetchmany(2048):
        for record, event_id, n_m, n_s, n_a in rows:
            rec = loads(record)
            if level == "events":
                rec["event_id"] = event_id
            else:
                rec["dedup_event_id"] = event_id
            rec.update(n_mentions=n_m, n_sources=n_s, n_articles=n_a)
            yield rec


def _jsonl(conn: duckdb.DuckDBPyConnection, cond: str, stream: IO[str], level: str) -> int:
    n = 0
    for rec in plover_records(conn, cond, level):
        stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def _events_table(conn: duckdb.DuckDBPyConnection, cond: str, flat: bool) -> pa.Table:
    cols = "* EXCLUDE (contexts, record), array_to_string(contexts, ';') AS contexts" if flat else "*"
    return conn.sql(f"SELECT {cols} FROM events WHERE {cond} ORDER BY first_seen, event_id").to_arrow_table()


def _csv(conn: duckdb.DuckDBPyConnection, cond: str, stream: IO[str]) -> int:
    table = _events_table(conn, cond, flat=True)
    sink = pa.BufferOutputStream()
    pacsv.write_csv(table, sink)
    stream.write(sink.getvalue().to_pybytes().decode("utf-8"))
    return table.num_rows


def _parquet(conn: duckdb.DuckDBPyConnection, cond: str, out: Path, folder: bool) -> int:
    if folder:
        out.mkdir(parents=True, exist_ok=True)
        table = _events_table(conn, cond, flat=False)
        pq.write_table(table, out / "events.parquet")
        sel = f"SELECT event_id FROM events WHERE {cond}"
        for name, sql in (
            ("mentions", f"SELECT * FROM mentions WHERE event_id IN ({sel})"),
            (
                "articles",
                (
                    f"SELECT * FROM articles WHERE id IN (SELECT article_id FROM mentions "
                    f"WHERE event_id IN ({sel})) OR status <> 'ok'"
                ),
            ),
            ("actors", "SELECT * FROM actors"),
        ):
            pq.write_table(conn.sql(sql).to_arrow_table(), out / f"{name}.parquet")
        return table.num_rows
    table = _events_table(conn, cond, flat=False)
    pq.write_table(table, out)
    return table.num_rows


# GDELT -------------------------------------------------------------------------------------------


def gdelt_event_id(event_id: str) -> int:
    """GDELT wants an integer id: a stable 60-bit number from our event id."""
    return int(hashlib.sha1(event_id.encode()).hexdigest()[:15], 16)


def _actor_fields(code: str | None, name: str | None, country: str | None, org: str | None) -> list[Any]:
    code = (code or "").upper()
    head = code[:3]
    roles = [code[i : i + 3] for i in range(3, len(code), 3)]
    known = ""
    if head in ORG_CODES and roles:
        known, roles = roles[0], roles[1:]
        types = [head, *roles]
    elif head and head != (country or "") and not country:
        types = [head, *roles]
    else:
        types = roles
    types = (types + ["", "", ""])[:3]
    return [code, (name or "").upper(), country or "", known, "", "", "", *types]


def _geo(
    feature: str | None,
    name: str | None,
    country: str | None,
    admin1: str | None,
    lat: float | None,
    lon: float | None,
    geonameid: int | None,
) -> list[Any]:
    if not name and not country:
        return [0, "", "", "", "", "", "", ""]
    usa = country == "USA"
    gtype = {"country": 1, "region": 2 if usa else 5, "admin1": 2 if usa else 5}.get(
        feature or "", 3 if usa else 4
    )
    full = ", ".join(x for x in (name, admin1 if admin1 != name else None) if x)
    return [
        gtype,
        full,
        country or "",
        "",
        "",
        _num(lat),
        _num(lon),
        geonameid if geonameid is not None else "",
    ]


def _num(x: float | None) -> Any:
    return "" if x is None else round(x, 4)


def _day(date: str | None, fallback: dt.date | None) -> dt.date | None:
    if date:
        try:
            parts = date.split("-")
            return dt.date(
                int(parts[0]),
                int(parts[1]) if len(parts) > 1 else 1,
                int(parts[2][:2]) if len(parts) > 2 else 1,
            )
        except (ValueError, IndexError):
            pass
    return fallback


def gdelt_row(r: dict[str, Any]) -> list[Any]:
    """One events row (with `url`, `published`, `lead_end`) as the 61 GDELT fields."""
    day = _day(r["date"], r["published"] or (r["first_seen"].date() if r["first_seen"] else None))
    code = (r["cameo_code"] or "").strip()
    added = r["first_seen"].strftime("%Y%m%d%H%M%S") if r["first_seen"] else ""
    lead = r["lead_end"] or 400
    root = 1 if (r["sent_start"] is not None and 0 <= r["sent_start"] < lead) else 0
    action = _geo(
        r["loc_feature"],
        r["loc_name"],
        r["loc_country"],
        r["loc_admin1"],
        r["loc_lat"],
        r["loc_lon"],
        r["loc_geonameid"],
    )
    return [
        gdelt_event_id(r["event_id"]),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        day.year if day else "",
        f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        *_actor_fields(r["actor_cameo_code"], r["actor_name"], r["actor_country"], r["actor_org_code"]),
        *(
            _actor_fields(
                r["recipient_cameo_code"],
                r["recipient_name"],
                r["recipient_country"],
                r["recipient_org_code"],
            )
            if r["recipient_name"]
            else [""] * 10
        ),
        root,
        code,
        code[:3],
        code[:2],
        r["quad_class"],
        r["goldstein"],
        r["n_mentions"],
        r["n_sources"],
        r["n_articles"],
        "",
        *([0, "", "", "", "", "", "", ""] * 2),
        *action,
        added,
        r["url"] or "",
    ]


def _gdelt(conn: duckdb.DuckDBPyConnection, cond: str, stream: IO[str]) -> int:
    cur = conn.execute(f"""
        SELECT e.*, a.url, a.published,
               nullif(strpos(a.text, chr(10) || chr(10)), 0) AS lead_end
        FROM (SELECT * FROM events WHERE {cond}) e LEFT JOIN articles a ON a.id = e.article_id
        ORDER BY e.first_seen, e.event_id""")
    names = [d[0] for d in cur.description]
    writer = csv.writer(stream, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, quotechar=None)
    n = 0
    while rows := cur.fetchmany(2048):
        for row in rows:
            fields = gdelt_row(dict(zip(names, row)))
            writer.writerow(
                ["" if f is None else str(f).replace("\t", " ").replace("\n", " ") for f in fields]
            )
            n += 1
    return n
