"""Pydantic models for what the web API takes in and gives out.

Every request parameter is validated here, before any SQL is built: filters have
fixed types and lengths, `sort` must name a whitelisted column, `page_size` is
capped. Empty strings (what an HTML filter form sends for a blank field) mean
"no filter"."""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_PAGE_SIZE = 500
MAX_TEXT_CHARS = 1_000_000

#: sort key -> SQL expression. Only these can ever reach an ORDER BY.
SORT_COLUMNS: dict[str, str] = {
    "date": "e.date",
    "type": "e.event_type",
    "cameo": "e.cameo_code",
    "quad_class": "e.quad_class",
    "goldstein": "e.goldstein",
    "actor": "e.actor_name",
    "recipient": "e.recipient_name",
    "location": "e.loc_name",
    "country": "e.loc_country",
    "modality": "e.modality",
    "mentions": "e.n_mentions",
    "sources": "e.n_sources",
    "first_seen": "e.first_seen",
    "event_id": "e.event_id",
}


class EventQuery(BaseModel):
    """Filters, paging and order of an event listing (`GET /api/events`, the table, the map)."""

    model_config = ConfigDict(extra="forbid")

    actor: str | None = Field(None, max_length=200,
                              description="actor name (substring), kb id, country or CAMEO code")
    recipient: str | None = Field(None, max_length=200, description="recipient, matched like `actor`")
    country: str | None = Field(None, max_length=3,
                                description="ISO3 of the actor, the recipient or the place")
    type: str | None = Field(None, max_length=20, description="PLOVER event type, e.g. CONSULT")
    quad_class: int | None = Field(None, ge=1, le=4)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    negated: bool | None = None
    modality: Literal["actual", "future", "hypothetical"] | None = None
    source: str | None = Field(None, max_length=200, description="news source of a mention")
    location: str | None = Field(None, max_length=200, description="place name (substring)")
    article_id: str | None = Field(None, max_length=200)
    q: str | None = Field(None, max_length=200, description="free text over sentence, trigger, actors, place")
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)
    sort: str = Field("-date", description="column, `-` prefix for descending: " + ", ".join(SORT_COLUMNS))

    @model_validator(mode="before")
    @classmethod
    def _blank_is_none(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data

    @field_validator("type", "country")
    @classmethod
    def _upper(cls, v: str | None) -> str | None:
        return v.strip().upper() if v else v

    @field_validator("sort")
    @classmethod
    def _known_sort(cls, v: str) -> str:
        if v.lstrip("-") not in SORT_COLUMNS:
            raise ValueError(f"unknown sort column {v.lstrip('-')!r}; use one of {', '.join(SORT_COLUMNS)}")
        return v

    def order_by(self) -> str:
        """The ORDER BY clause: a whitelisted expression, never user text."""
        key = self.sort.lstrip("-")
        direction = "DESC" if self.sort.startswith("-") else "ASC"
        return f"{SORT_COLUMNS[key]} {direction} NULLS LAST, e.event_id ASC"

    def filters(self) -> dict[str, Any]:
        """The filter fields only (no paging or order), for links and CSV export."""
        return self.model_dump(exclude={"page", "page_size", "sort"}, exclude_none=True)


class ExtractRequest(BaseModel):
    """`POST /api/extract`: one article's text; nothing is stored."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    title: str | None = Field(None, max_length=1000)
    published: dt.date | None = None


class ArticleRequest(ExtractRequest):
    """`POST /api/articles`: an article to extract and store through the single writer."""

    id: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=200)


class EventPage(BaseModel):
    total: int
    page: int
    page_size: int
    pages: int
    sort: str
    events: list[dict[str, Any]]


class ExtractResponse(BaseModel):
    article_id: str
    n_events: int
    events: list[dict[str, Any]]


class SeriesPoint(BaseModel):
    period: str
    q1: int
    q2: int
    q3: int
    q4: int
    total: int
    goldstein: float | None


class DyadSeries(BaseModel):
    a: str
    b: str
    by: Literal["day", "week", "month"]
    directed: bool
    series: list[SeriesPoint]


class ErrorBody(BaseModel):
    error: str
    message: str
