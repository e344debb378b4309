"""One event per real action per article: restatements (headline and body, repeated
sentences) merge, keeping every mention and the best date and place."""
from __future__ import annotations

from dataclasses import replace

from tacitus.events.vocab import DATE_SOURCES
from tacitus.records import Event


def merge_dates(first: Event, other: Event) -> Event:
    """Restatements date one event better together: a clause-attached date beats a
    report or publication date; two clause dates of one event ("began on Tuesday",
    "ended on Sunday") span it."""
    rank = DATE_SOURCES.index
    a, b = first.extra.get("date_source", "none"), other.extra.get("date_source", "none")
    if other.date is None or first.extra.get("in_title") is False and other.extra.get("in_title"):
        return first
    if rank(b) < rank(a) or first.date is None:
        return replace(first, date=other.date, date_end=other.date_end, date_precision=other.date_precision,
                       extra={**first.extra, "date_source": b})
    if a == b == "clause" and first.date_precision == other.date_precision == "day" and first.date != other.date:
        days = sorted(d for d in (first.date, other.date, first.date_end, other.date_end) if d)
        return replace(first, date=days[0], date_end=days[-1])
    return first


def restates(first: Event, other: Event) -> bool:
    """Whether `other` restates `first`: a headline restates the body's act of the same
    type between the same sides; two body sentences do so only with the same CAMEO act."""
    if first.extra.get("in_title") or other.extra.get("in_title"):
        return True
    return first.cameo_code == other.cameo_code


def merge_restatements(events: list[Event]) -> list[Event]:
    """One event per real action per article: the same type, sides, polarity and
    modality restated (title and body, repeated sentences) merge; the first body
    mention is kept and later mentions are listed in `mentions`."""
    kept: dict[tuple, Event] = {}
    order: list[tuple] = []
    for ev in events:
        sides = (ev.actor.key, ev.recipient.key if ev.recipient else None)
        if ev.extra.get("symmetric"):
            sides = tuple(sorted(s or "" for s in sides))
        key = (ev.event_type, sides, ev.negated, ev.modality)
        n = 0
        while key + (n,) in kept and not restates(kept[key + (n,)], ev):
            n += 1  # two body sentences with different acts of one type ("will stand by", "will extend aid")
        key = key + (n,)
        if key in kept:
            first = kept[key]
            first.extra.setdefault("mentions", []).append(
                {"sentence": ev.evidence.sentence, "start": ev.evidence.start, "trigger": ev.evidence.trigger})
            kept[key] = first = merge_dates(first, ev)
            if ev.location is not None and (first.location is None or ev.extra.get("location_source") == "clause"
                                            and first.extra.get("location_source") != "clause"):
                kept[key] = first = replace(first, location=ev.location,
                                            extra={**first.extra, "location_source": ev.extra.get("location_source")})
            if first.attributed_to is None and ev.attributed_to is not None:
                kept[key] = replace(kept[key], attributed_to=ev.attributed_to, attribution_cue=ev.attribution_cue)
            continue
        kept[key] = ev
        order.append(key)
    out = [kept[k] for k in order]
    specific = {(e.event_type, e.actor.key, e.negated, e.modality) for e in out if e.recipient is not None}
    return [e for e in out if e.recipient is not None
            or (e.event_type, e.actor.key, e.negated, e.modality) not in specific]
