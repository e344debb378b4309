"""Server-rendered pages (Jinja2, autoescaped): the event table, the article view, the
dyad chart, the map and the "paste an article" page. Each works without JavaScript;
static/app.js adds the conveniences (click-to-highlight, popups, in-page extraction)."""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from tacitus.errors import InputError
from tacitus.web import basemap, queries
from tacitus.web.api import Filters, Id, Reader
from tacitus.web.charts import dyad_chart
from tacitus.web.highlight import highlight
from tacitus.web.models import MAX_TEXT_CHARS, EventQuery

router = APIRouter(include_in_schema=False)

TABLE_COLUMNS = (("date", "Date"), ("type", "Type"), ("quad_class", "Quad"), ("actor", "Actor"),
                 ("recipient", "Recipient"), ("location", "Place"), ("goldstein", "Goldstein"),
                 ("sources", "Sources"))


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def _link(path: str, f: EventQuery, **changes: Any) -> str:
    """`path` with the current filters, paging and order, some of them changed."""
    params: dict[str, Any] = {**f.filters(), "sort": f.sort, "page_size": f.page_size, "page": f.page}
    params.update(changes)
    if params.get("sort") == "-date":
        params.pop("sort")
    if params.get("page_size") == 50:
        params.pop("page_size")
    if params.get("page") == 1:
        params.pop("page")
    clean = {k: str(v).lower() if isinstance(v, bool) else v for k, v in params.items() if v is not None}
    return path + ("?" + urlencode(clean) if clean else "")


@router.get("/", response_class=HTMLResponse)
def events_page(request: Request, f: Filters, cur: Reader) -> Response:
    total = queries.count_events(cur, f)
    rows = queries.list_events(cur, f)
    pages = max(1, math.ceil(total / f.page_size))

    def sort_link(key: str) -> str:
        return _link("/", f, sort=f"-{key}" if f.sort == key else key, page=1)

    return _render(request, "events.html", {
        "f": f, "rows": rows, "total": total, "pages": pages, "columns": TABLE_COLUMNS,
        "sort_link": sort_link, "page_link": lambda p: _link("/", f, page=p),
        "csv_link": _link("/api/events.csv", f, page=1, page_size=50),
        "map_link": _link("/map", f, page=1, page_size=50, sort="-date"),
        "types": queries.distinct_values(cur, "event_type"),
        "sources": queries.distinct_values(cur, "source"),
    })


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: Id, cur: Reader,
                 event: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    article = queries.get_article(cur, article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    rows = queries.article_evidence(cur, article_id)
    events: dict[str, dict[str, Any]] = {}
    for row in rows:
        events.setdefault(str(row["event_id"]), row)
    return _render(request, "article.html", {
        "article": article, "segments": highlight(article.get("text") or "", rows),
        "events": list(events.values()), "selected": event,
    })


@router.get("/dyads", response_class=HTMLResponse)
def dyad_page(request: Request, cur: Reader, a: Annotated[str | None, Query(max_length=200)] = None,
              b: Annotated[str | None, Query(max_length=200)] = None,
              by: Literal["day", "week", "month"] = "month", directed: bool = False) -> Response:
    a, b = (a or "").strip() or None, (b or "").strip() or None
    series = queries.dyad_series(cur, a, b, by, directed) if a and b else []
    return _render(request, "dyad.html", {
        "a": a, "b": b, "by": by, "directed": directed, "series": series,
        "chart": dyad_chart(series, by), "suggestions": [] if a and b else queries.top_dyads(cur),
    })


def _places(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Map points grouped by place: counts per quad class, coloured by the commonest."""
    by_place: dict[tuple[Any, ...], dict[str, Any]] = {}
    for p in points:
        key = (p["name"], p["lat"], p["lon"])
        place = by_place.setdefault(key, {"name": p["name"], "country": p["country"], "lat": p["lat"],
                                          "lon": p["lon"], "quads": defaultdict(int), "n": 0})
        place["quads"][int(p["quad_class"] or 0)] += int(p["n"])
        place["n"] += int(p["n"])
    out = []
    for place in sorted(by_place.values(), key=lambda d: -d["n"]):
        x, y = basemap.project(float(place["lon"]), float(place["lat"]))
        quads = dict(sorted(place["quads"].items()))
        out.append({**place, "quads": quads, "x": x, "y": y, "quad": max(quads, key=lambda q: quads[q]),
                    "r": round(min(18.0, 3.0 + 2.0 * math.sqrt(place["n"])), 1)})
    return out


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, f: Filters, cur: Reader) -> Response:
    return _render(request, "map.html", {
        "f": f, "places": _places(queries.map_points(cur, f)), "countries": basemap.countries(),
        "width": basemap.WIDTH, "height": round(basemap.HEIGHT, 1),
        "table_link": lambda name: _link("/", f, location=name, page=1),
    })


@router.get("/extract", response_class=HTMLResponse)
def extract_page(request: Request) -> Response:
    return _render(request, "extract.html", {"events": None, "error": None, "text": "", "title": "",
                                             "published": ""})


@router.post("/extract", response_class=HTMLResponse)
def extract_form(request: Request, text: Annotated[str, Form(max_length=MAX_TEXT_CHARS)] = "",
                 title: Annotated[str, Form(max_length=1000)] = "",
                 published: Annotated[str, Form(max_length=40)] = "") -> Response:
    """The no-JavaScript path of the paste page: the form posts here, the events render server-side."""
    from tacitus.ingest.readers import article_from_text
    from tacitus.records import to_json

    context: dict[str, Any] = {"events": None, "error": None, "text": text, "title": title,
                               "published": published}
    try:
        article = article_from_text(text, title=title or None, published=published or None, origin="form")
        events = request.app.state.extractor.extract(article.text, title=article.title,
                                                     published=article.published)
        context["events"] = to_json(list(events))
    except InputError as err:
        context["error"] = str(err)
        return _render(request, "extract.html", context, status=400)
    return _render(request, "extract.html", context)
