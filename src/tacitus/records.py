"""Typed records passed between the pipeline stages, and their one serialisation.

`Article` enters the pipeline; `Event` leaves it. `Actor`, `Place` and `Evidence`
are the parts of an event. Field names follow the output contract
(`shared/spec/event-record.md`); `to_json` is the only place that turns a record
into the contract's JSON shape.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    text: str
    name: str
    kind: str  # person | organization | state | group
    country: str | None = None
    sector: str | None = None
    org_code: str | None = None
    cameo_code: str = ""
    role: str | None = None
    kb_id: str | None = None

    @property
    def key(self) -> str:
        """Identity used to merge mentions of the same actor."""
        return self.kb_id or f"{self.country or self.org_code or '?'}:{self.name.lower()}"


@dataclass(frozen=True, slots=True)
class Place:
    text: str
    name: str
    country: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str = "city"


@dataclass(frozen=True, slots=True)
class Evidence:
    sentence: str
    start: int
    end: int
    trigger: str
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    article_id: str
    event_type: str
    event_mode: str | None
    contexts: tuple[str, ...]
    cameo_code: str
    goldstein: float
    quad_class: int
    actor: Actor
    recipient: Actor | None
    evidence: Evidence
    date: str | None = None
    date_end: str | None = None
    date_precision: str | None = None
    location: Place | None = None
    negated: bool = False
    modality: str = "actual"
    attributed_to: Actor | None = None
    attribution_cue: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


def to_json(record: Any) -> Any:
    """Turn a record (or a list of them) into the contract's JSON-ready shape."""
    if isinstance(record, (list, tuple)):
        return [to_json(r) for r in record]
    if isinstance(record, (dt.date, dt.datetime)):
        return record.isoformat()
    if not dataclasses.is_dataclass(record):
        return record
    out: dict[str, Any] = {}
    for name in _field_names(type(record)):
        value = getattr(record, name)
        if name == "extra":
            out.update({k: to_json(v) for k, v in value.items()})
            continue
        if isinstance(value, tuple):
            value = list(value)
        out[name] = to_json(value)
    return out


@functools.lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    """A record class's field names, looked up once (dataclasses.fields is slow)."""
    return tuple(f.name for f in dataclasses.fields(cls))
