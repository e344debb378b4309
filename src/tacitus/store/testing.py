"""Hand-made events and a fake extractor, for fast tests of the store (and of code
built on it, like the web API) without loading spaCy."""

from __future__ import annotations

from tacitus.reference import QUAD_CLASS

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tacitus.records import Actor, Article, Event, Evidence, Place

STATES = {
    "RUS": "Russia",
    "UKR": "Ukraine",
    "PRK": "North Korea",
    "USA": "United States",
    "CHN": "China",
    "PHL": "Philippines",
    "GRC": "Greece",
    "IRQ": "Iraq",
    "SYR": "Syria",
    "KEN": "Kenya",
    "TUR": "Turkey",
    "SWE": "Sweden",
    "HUN": "Hungary",
    "ISR": "Israel",
    "IRN": "Iran",
    "FRA": "France",
    "DEU": "Germany",
}
QUAD = QUAD_CLASS  # one source of truth: tacitus.reference
CAMEO = {
    "AGREE": ("057", 8.0),
    "CONSULT": ("042", 1.9),
    "SUPPORT": ("051", 3.4),
    "CONCEDE": ("081", 5.0),
    "COOPERATE": ("061", 6.4),
    "AID": ("070", 7.0),
    "RETREAT": ("087", 9.0),
    "REQUEST": ("020", 3.0),
    "ACCUSE": ("112", -2.0),
    "REJECT": ("120", -4.0),
    "THREATEN": ("130", -4.4),
    "PROTEST": ("140", -6.5),
    "SANCTION": ("163", -8.0),
    "MOBILIZE": ("150", -7.2),
    "COERCE": ("170", -7.0),
    "ASSAULT": ("190", -10.0),
}


def state(
    iso3: str,
    sector: str | None = None,
    *,
    name: str | None = None,
    kind: str = "state",
    kb_id: str | None = None,
) -> Actor:
    base = name or STATES.get(iso3, iso3)
    kind = "organization" if sector and kind == "state" else kind
    return Actor(
        text=base,
        name=base,
        kind=kind,
        country=iso3,
        sector=sector,
        cameo_code=iso3 + (sector or ""),
        kb_id=kb_id,
    )


def place(
    name: str, country: str, lat: float | None = None, lon: float | None = None, feature: str = "city"
) -> Place:
    return Place(
        text=name,
        name=name,
        country=country,
        lat=lat,
        lon=lon,
        feature=feature,
        geonameid=None if lat is None else abs(hash(name)) % 10_000_000,
    )


def make_event(
    article_id: str,
    event_type: str,
    actor: Actor,
    recipient: Actor | None,
    date: str | None,
    *,
    n: int = 0,
    location: Place | None = None,
    precision: str | None = None,
    negated: bool = False,
    modality: str = "actual",
    sentence: str | None = None,
    attributed_to: Actor | None = None,
) -> Event:
    """An event as the pipeline would produce it; the id depends only on article and n."""
    code, goldstein = CAMEO[event_type]
    sentence = sentence or f"{actor.name} {event_type.lower()} {recipient.name if recipient else ''} ({n})."
    start = 100 * n
    digest = hashlib.sha1(f"{article_id}|{n}|{code}".encode()).hexdigest()[:16]
    return Event(
        event_id=f"ev-{digest}",
        article_id=article_id,
        event_type=event_type,
        event_mode=None,
        contexts=("military",) if QUAD[event_type] == 4 else (),
        cameo_code=code,
        goldstein=goldstein,
        quad_class=QUAD[event_type],
        actor=actor,
        recipient=recipient,
        evidence=Evidence(
            sentence=sentence, start=start, end=start + len(sentence), trigger=event_type.lower()
        ),
        date=date,
        date_precision=precision or (None if date is None else {10: "day", 7: "month", 4: "year"}[len(date)]),
        location=location,
        negated=negated,
        modality=modality,
        attributed_to=attributed_to,
        attribution_cue="said" if attributed_to else None,
    )


@dataclass
class FakeResult:
    article: Article
    events: list[Event] = field(default_factory=list)


class FakeExtractor:
    """`.pipe(articles)` yielding the hand-made events registered for each article id
    (`events_for[id]`, or `rule(article)`), optionally slowly (for crash tests)."""

    def __init__(
        self,
        events_for: dict[str, list[Event]] | None = None,
        rule: Callable[[Article], list[Event]] | None = None,
        delay: float = 0.0,
    ) -> None:
        self.events_for = events_for or {}
        self.rule = rule
        self.delay = delay
        self.seen: list[str] = []

    def pipe(
        self, articles: Iterable[Article], batch_size: int | None = None, n_process: int = 1, **_: Any
    ) -> Iterator[FakeResult]:
        for art in articles:
            self.seen.append(art.id)
            if self.delay:
                time.sleep(self.delay)
            events = self.rule(art) if self.rule else self.events_for.get(art.id, [])
            yield FakeResult(art, list(events))
