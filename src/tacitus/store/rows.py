"""The one place a contract record (the JSON of `tacitus.records.to_json`) becomes a
database row, and the stored JSON becomes a record again."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from tacitus.store.schema import ACTOR_COLUMNS

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "article_id",
    "event_type",
    "event_mode",
    "contexts",
    "cameo_code",
    "goldstein",
    "quad_class",
    *(f"actor_{c}" for c in ACTOR_COLUMNS),
    *(f"recipient_{c}" for c in ACTOR_COLUMNS),
    "date",
    "date_end",
    "date_precision",
    "loc_text",
    "loc_name",
    "loc_country",
    "loc_admin1",
    "loc_lat",
    "loc_lon",
    "loc_geonameid",
    "loc_feature",
    "negated",
    "modality",
    "attributed_name",
    "attributed_text",
    "attributed_country",
    "attribution_cue",
    "sentence",
    "sent_start",
    "sent_end",
    "trigger",
    "quote",
    "n_mentions",
    "n_sources",
    "n_articles",
    "first_seen",
    "record",
)
# The columns copied from the representative mention's record (everything but ids and counts).
RECORD_COLUMNS: tuple[str, ...] = EVENT_COLUMNS[2 : EVENT_COLUMNS.index("n_mentions")]
MENTION_COLUMNS: tuple[str, ...] = (
    "mention_id",
    "event_id",
    "article_id",
    "source",
    "sent_start",
    "sent_end",
    "sentence",
    "trigger",
    "quote",
    "attributed_name",
    "date",
    "record",
    "merge_reason",
)
COUNT_FIELDS = ("n_mentions", "n_sources", "n_articles")


def dumps(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=False)


def record_values(rec: Mapping[str, Any]) -> dict[str, Any]:
    """The flattened columns of one record (keys of RECORD_COLUMNS)."""
    out: dict[str, Any] = {
        "event_type": rec.get("event_type"),
        "event_mode": rec.get("event_mode"),
        "contexts": list(rec.get("contexts") or []),
        "cameo_code": rec.get("cameo_code"),
        "goldstein": rec.get("goldstein"),
        "quad_class": rec.get("quad_class"),
        "date": rec.get("date"),
        "date_end": rec.get("date_end"),
        "date_precision": rec.get("date_precision"),
        "negated": bool(rec.get("negated")),
        "modality": rec.get("modality"),
        "attribution_cue": rec.get("attribution_cue"),
    }
    for role in ("actor", "recipient"):
        actor = rec.get(role) or {}
        for c in ACTOR_COLUMNS:
            out[f"{role}_{c}"] = actor.get(c)
    loc = rec.get("location") or {}
    for c in ("text", "name", "country", "admin1", "lat", "lon", "geonameid", "feature"):
        out[f"loc_{c}"] = loc.get(c)
    att = rec.get("attributed_to") or {}
    out.update(
        attributed_name=att.get("name"),
        attributed_text=att.get("text"),
        attributed_country=att.get("country"),
    )
    ev = rec.get("evidence") or {}
    out.update(
        sentence=ev.get("sentence"),
        sent_start=ev.get("start"),
        sent_end=ev.get("end"),
        trigger=ev.get("trigger"),
        quote=ev.get("quote"),
    )
    return out


def mention_row(
    rec: Mapping[str, Any], event_id: str, source: str | None, reason: str | None, text: str | None = None
) -> list[Any]:
    """A `mentions` row; `text` is `dumps(rec)` when the caller already has it."""
    ev = rec.get("evidence") or {}
    att = rec.get("attributed_to") or {}
    return [
        rec["event_id"],
        event_id,
        rec.get("article_id"),
        source,
        ev.get("start"),
        ev.get("end"),
        ev.get("sentence"),
        ev.get("trigger"),
        ev.get("quote"),
        att.get("name"),
        rec.get("date"),
        dumps(rec) if text is None else text,
        reason,
    ]


def event_row(
    rec: Mapping[str, Any],
    event_id: str,
    article_id: str,
    counts: tuple[int, int, int],
    first_seen: Any,
    text: str | None = None,
) -> list[Any]:
    """An `events` row; `text` is `dumps(rec)` when the caller already has it."""
    values = record_values(rec)
    record = dumps(rec) if text is None else text
    return [event_id, article_id, *(values[c] for c in RECORD_COLUMNS), *counts, first_seen, record]


def loads(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    return value if isinstance(value, dict) else json.loads(value)


def actor_rows(rec: Mapping[str, Any]) -> list[list[Any]]:
    """`actors` rows (without counts) for the actor and recipient of a record."""
    rows = []
    for role in ("actor", "recipient"):
        a = rec.get(role)
        if not a:
            continue
        key = (
            a.get("kb_id")
            or f"{a.get('country') or a.get('org_code') or '?'}:{(a.get('name') or '').lower()}"
        )
        rows.append(
            [
                key,
                a.get("name"),
                a.get("kind"),
                a.get("country"),
                a.get("sector"),
                a.get("org_code"),
                a.get("cameo_code"),
                a.get("kb_id"),
            ]
        )
    return rows


def first(rows: list[Any]) -> Any:
    """The first row of a fully fetched result, or None (DuckDB wants results fetched to the end)."""
    return rows[0] if rows else None
