"""The JSON API under /api. GET endpoints read through a cursor that cannot write;
POST /api/extract stores nothing; POST /api/articles writes through the store's
single writer and only on a server started writable."""
from __future__ import annotations

import csv
import dataclasses
import io
import math
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import StreamingResponse

from tacitus.web import queries
from tacitus.web.models import (
    ArticleRequest,
    DyadSeries,
    ErrorBody,
    EventPage,
    EventQuery,
    ExtractRequest,
    ExtractResponse,
)

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 404, 413, 422)
}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


def reader(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only cursor for one request."""
    with request.app.state.db.reader() as cur:
        yield cur


Reader = Annotated[duckdb.DuckDBPyConnection, Depends(reader)]
Filters = Annotated[EventQuery, Query()]
Id = Annotated[str, Path(max_length=200)]


@router.get("/health")
def health(request: Request, cur: Reader) -> dict[str, Any]:
    """Liveness, the number of events, and whether this server can ingest."""
    row = cur.execute("SELECT count(*) FROM events").fetchone()
    return {"status": "ok", "events": row[0] if row else 0, "writable": not request.app.state.db.read_only}


@router.get("/events", response_model=EventPage)
def list_events(f: Filters, cur: Reader) -> dict[str, Any]:
    """Events matching the filters, one page, in the contract's shape plus store counts."""
    total = queries.count_events(cur, f)
    rows = queries.list_events(cur, f)
    return {"total": total, "page": f.page, "page_size": f.page_size,
            "pages": max(1, math.ceil(total / f.page_size)), "sort": f.sort,
            "events": [queries.nest_event(r) for r in rows]}


def _csv_cell(value: Any) -> Any:
    # A cell starting with = + @ (or a tab) would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "@", "\t", "\r"):
        return "'" + value
    if isinstance(value, list):
        return ";".join(map(str, value))
    return value


@router.get("/events.csv", response_class=StreamingResponse)
def export_events(f: Filters, request: Request) -> StreamingResponse:
    """The events matching the filters as CSV (flat columns, at most 100,000 rows)."""
    db = request.app.state.db

    def lines() -> Iterator[str]:
        buf = io.StringIO()
        out = csv.writer(buf)
        out.writerow(queries.CSV_COLUMNS)
        with db.reader() as cur:
            for n, row in enumerate(queries.iter_csv_rows(cur, f), start=1):
                out.writerow([_csv_cell(v) for v in row])
                if n % 1000 == 0:
                    yield buf.getvalue()
                    buf.seek(0)
                    buf.truncate()
        yield buf.getvalue()

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="events.csv"'})


@router.get("/events/{event_id}")
def get_event(event_id: Id, cur: Reader) -> dict[str, Any]:
    """One event with every mention of it and the sentence each comes from."""
    row = queries.get_event(cur, event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return {"event": queries.nest_event(row), "mentions": queries.event_mentions(cur, event_id)}


@router.get("/articles/{article_id:path}")
def get_article(article_id: Id, cur: Reader) -> dict[str, Any]:
    """One article (text and ingest status) and the events read from it, with the
    evidence found in this article."""
    article = queries.get_article(cur, article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    rows = queries.article_evidence(cur, article_id)
    return {"article": article, "events": [queries.nest_event(r) for r in rows]}


@router.get("/dyads/{a}/{b}/series", response_model=DyadSeries)
def dyad_series(a: Id, b: Id, cur: Reader, by: Literal["day", "week", "month"] = "week",
                directed: bool = False) -> dict[str, Any]:
    """Events between actors `a` and `b` (name, kb id, actor key, ISO3 country or CAMEO
    code) per period, counted by quad class, with the mean Goldstein score. Undirected
    unless `directed=true` (then only a acting on b)."""
    return {"a": a, "b": b, "by": by, "directed": directed,
            "series": queries.dyad_series(cur, a, b, by, directed)}


@router.get("/actors")
def actors(cur: Reader, q: Annotated[str | None, Query(max_length=200)] = None,
           limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
    """Actors by name (substring), key, kb id or country; most events first."""
    return {"actors": queries.search_actors(cur, q.strip() if q else None, limit)}


@router.post("/extract", response_model=ExtractResponse)
def extract(body: ExtractRequest, request: Request) -> dict[str, Any]:
    """Extract events from one text. Nothing is stored."""
    from tacitus.ingest.readers import article_from_text
    from tacitus.records import to_json

    article = article_from_text(body.text, title=body.title, published=body.published, origin="request")
    events = request.app.state.extractor.extract(article.text, title=article.title,
                                                 published=article.published)
    return {"article_id": article.id, "n_events": len(events), "events": to_json(list(events))}


def _plain(summary: Any) -> Any:
    if dataclasses.is_dataclass(summary) and not isinstance(summary, type):
        return dataclasses.asdict(summary)
    if hasattr(summary, "model_dump"):
        return summary.model_dump()
    if isinstance(summary, dict):
        return summary
    return {k: v for k, v in vars(summary).items() if not k.startswith("_")}


@router.post("/articles", status_code=201, responses={403: {"model": ErrorBody}})
def ingest_article(body: ArticleRequest, request: Request) -> dict[str, Any]:
    """Extract events from one article and store both through the single writer
    (servers started with `--writable` only)."""
    db = request.app.state.db
    if db.read_only:
        raise HTTPException(403, "this server is read-only; start it with `tacitus serve --writable` "
                                 "to ingest")
    from tacitus.ingest.readers import article_from_text
    from tacitus.store.writer import ingest_articles

    article = article_from_text(body.text, id=body.id, title=body.title, published=body.published,
                                url=body.url, source=body.source, origin="request")
    slot = request.app.state.extractor
    extractor = slot.get()
    with db.write_lock, slot.lock:
        summary = ingest_articles(db.store, [article], extractor)
    return {"article_id": article.id, "summary": _plain(summary)}
