"""Cross-article deduplication: mentions of one real event in different articles
become one event with many mentions.

Two mentions are the same event when all of these hold (each tunable in
`DedupConfig`):

* **type**: the same PLOVER type, or two types of one family (`type_families`,
  always within one quad class: ASSAULT~COERCE, AGREE~SUPPORT, COOPERATE~AID);
* **polarity**: the same `negated` flag and the same modality (a planned visit is
  not the visit);
* **actors**: the same actor and recipient identity — equal `kb_id`, else the same
  country with compatible sectors (the state and its organs GOV/MIL/COP/... are one side,
  other sectors such as OPP, REB, CVL only match themselves;
  two different people of a country stay apart), else the same organisation code
  and normalised name. Symmetric types (CONSULT, COOPERATE, AGREE) match in
  either order; a missing recipient on one side is allowed;
* **dates**: the date intervals overlap once widened by `date_window_days`
  (default ±1 day); a month-precision date is the whole month (a month-dated
  report joins a day-dated event, not the other way round); year precision only
  matches the same year at year precision; a mention without a date uses
  its article's publication date;
* **place**: either side has none, or both are points (city, facility) within
  `radius_km`, or else the same country; a place that is only a country does not
  keep reports apart (`country_places_veto=False`: extractors often read the
  actor's country as the location).

Among several matching events a mention joins the closest (`closeness`: same type,
same actor order, nearest date), then the one more articles report, then the smallest
event id, so the choice never depends on the order candidates come in.

Mentions of one article do not merge with each other (the pipeline already
merged within the article) unless `merge_within_article` is set. `match` returns
the reason for a merge as text, which
the store keeps per mention (`mentions.merge_reason`, shown by `tacitus sources`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "LEG", "JUD"})
STATE_LEVEL = STATE_SECTORS | {None}
POINT_FEATURES = frozenset({"city", "facility", "town", "village", "site", "point", "port", "airport"})
DEFAULT_FAMILIES: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({"ASSAULT", "COERCE"}),
        frozenset({"AGREE", "SUPPORT"}),
        frozenset({"COOPERATE", "AID"}),
    }
)


@dataclass(frozen=True)
class DedupConfig:
    """The knobs of cross-article dedup. `enabled=False` keeps every mention its own event."""

    enabled: bool = True
    date_window_days: int = 1
    radius_km: float = 150.0
    type_families: frozenset[frozenset[str]] = DEFAULT_FAMILIES
    symmetric_types: frozenset[str] = frozenset({"CONSULT", "COOPERATE", "AGREE"})
    allow_missing_recipient: bool = True
    distinct_people: bool = True
    merge_within_article: bool = False
    country_places_veto: bool = False


@dataclass(frozen=True)
class ActorId:
    """What identifies an actor for dedup."""

    kb_id: str | None
    country: str | None
    sector: str | None
    org_code: str | None
    name: str
    kind: str | None

    def label(self) -> str:
        return (
            self.kb_id or "/".join(x for x in (self.country or self.org_code, self.sector) if x) or self.name
        )


@dataclass(frozen=True)
class EventKey:
    """The fields of one mention (or an event's representative) that dedup compares."""

    event_type: str
    quad_class: int | None
    actor: ActorId | None
    recipient: ActorId | None
    start: dt.date | None
    end: dt.date | None
    precision: str | None
    country: str | None
    lat: float | None
    lon: float | None
    feature: str | None
    negated: bool
    modality: str
    article_id: str | None = None


@lru_cache(maxsize=65536)
def normalise_name(name: str | None) -> str:
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return re.sub(r"^(the|a|an) ", "", s)


def actor_id(actor: Mapping[str, Any] | None) -> ActorId | None:
    if not actor:
        return None
    return ActorId(
        actor.get("kb_id") or None,
        actor.get("country") or None,
        actor.get("sector") or None,
        actor.get("org_code") or None,
        normalise_name(actor.get("name") or actor.get("text")),
        actor.get("kind") or None,
    )


def date_interval(
    date: str | None, date_end: str | None, precision: str | None
) -> tuple[dt.date, dt.date, str] | None:
    """The days a contract date covers: (first, last, precision)."""
    if not date:
        return None
    try:
        if len(date) == 4 or precision == "year":
            y = int(date[:4])
            return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
        if len(date) == 7 or precision == "month":
            y, m = int(date[:4]), int(date[5:7])
            return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]), "month"
        first = dt.date.fromisoformat(date[:10])
        last = dt.date.fromisoformat(date_end[:10]) if date_end and len(date_end) >= 10 else first
        return first, max(first, last), "day"
    except ValueError:
        return None


def key_of(record: Mapping[str, Any], published: dt.date | str | None = None) -> EventKey:
    """The dedup key of a contract record (`tacitus.records.to_json` shape)."""
    span = date_interval(record.get("date"), record.get("date_end"), record.get("date_precision"))
    if span is None and published:
        pub = published if isinstance(published, dt.date) else dt.date.fromisoformat(str(published)[:10])
        span = (pub, pub, "day")
    loc = record.get("location") or {}
    return EventKey(
        event_type=str(record.get("event_type") or "").upper(),
        quad_class=record.get("quad_class"),
        actor=actor_id(record.get("actor")),
        recipient=actor_id(record.get("recipient")),
        start=span[0] if span else None,
        end=span[1] if span else None,
        precision=span[2] if span else None,
        country=loc.get("country"),
        lat=loc.get("lat"),
        lon=loc.get("lon"),
        feature=loc.get("feature"),
        negated=bool(record.get("negated")),
        modality=record.get("modality") or "actual",
        article_id=record.get("article_id"),
    )


def same_actor(a: ActorId | None, b: ActorId | None, cfg: DedupConfig) -> str | None:
    """Why two actors are one identity, or None."""
    if a is None or b is None:
        return "none" if a is None and b is None else None
    if a.kb_id and a.kb_id == b.kb_id:
        return f"kb {a.kb_id}"
    if cfg.distinct_people and a.kind == b.kind == "person" and a.kb_id and b.kb_id:
        return None
    if a.country and b.country:
        if a.country != b.country:
            return None
        # The state itself (no sector) and its organs (GOV, MIL, ...) are one side; the
        # opposition, rebels, civilians or businesses of a country are each their own.
        if a.sector == b.sector or (a.sector in STATE_LEVEL and b.sector in STATE_LEVEL):
            return f"country {a.country}"
        return None
    if a.org_code and b.org_code and a.org_code != b.org_code:
        return None
    if a.name and a.name == b.name:
        return f"name '{a.name}'"
    return None


def same_type(a: EventKey, b: EventKey, cfg: DedupConfig) -> str | None:
    if a.event_type == b.event_type:
        return a.event_type
    if a.quad_class == b.quad_class and frozenset({a.event_type, b.event_type}) in cfg.type_families:
        return f"{a.event_type}~{b.event_type} (family)"
    return None


def same_dyad(a: EventKey, b: EventKey, cfg: DedupConfig) -> str | None:
    def pair(x: ActorId | None, y: ActorId | None, u: ActorId | None, v: ActorId | None) -> str | None:
        first = same_actor(x, u, cfg)
        if first is None:
            return None
        second = same_actor(y, v, cfg)
        if second is None and cfg.allow_missing_recipient and (y is None or v is None):
            second = "one side missing"
        return None if second is None else f"actor {first}, recipient {second}"

    direct = pair(a.actor, a.recipient, b.actor, b.recipient)
    if direct or a.event_type not in cfg.symmetric_types or b.event_type not in cfg.symmetric_types:
        return direct
    swapped = pair(a.actor, a.recipient, b.recipient, b.actor)
    return f"{swapped} (symmetric, reversed)" if swapped else None


def same_time(a: EventKey, b: EventKey, cfg: DedupConfig) -> str | None:
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return None
    if "year" in (a.precision, b.precision):
        return f"year {a.start.year}" if a.precision == b.precision and a.start == b.start else None
    window = dt.timedelta(days=cfg.date_window_days)
    if a.start - window <= b.end and b.start - window <= a.end:
        gap = max((b.start - a.end).days, (a.start - b.end).days, 0)
        return f"dates {a.start}..{a.end} ~ {b.start}..{b.end} ({gap} d apart)"
    return None


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def same_place(a: EventKey, b: EventKey, cfg: DedupConfig) -> str | None:
    if not (a.country or a.lat is not None) or not (b.country or b.lat is not None):
        return "place unknown on one side"
    points = a.feature in POINT_FEATURES and b.feature in POINT_FEATURES
    if points and None not in (a.lat, a.lon, b.lat, b.lon):
        km = km_between(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        return f"places {km:.0f} km apart" if km <= cfg.radius_km else None
    if a.country and a.country == b.country:
        return f"place country {a.country}"
    if not a.country or not b.country:
        return "place country unknown on one side"
    if not cfg.country_places_veto and "country" in (a.feature, b.feature):
        # A place that is just a country is often the actor's country read as the
        # location ("China said ..."): too weak to keep two reports apart.
        return f"places {a.country} / {b.country} (country-level, not decisive)"
    return None


def match(a: EventKey, b: EventKey, cfg: DedupConfig = DedupConfig()) -> str | None:
    """Why mentions `a` and `b` are one event, or None when they are not."""
    if not cfg.enabled or (
        not cfg.merge_within_article and a.article_id is not None and a.article_id == b.article_id
    ):
        return None
    if a.negated != b.negated or a.modality != b.modality:
        return None
    reasons = []
    for test in (same_type, same_dyad, same_time, same_place):
        why = test(a, b, cfg)
        if why is None:
            return None
        reasons.append(why)
    return "; ".join(reasons)


def closeness(a: EventKey, b: EventKey) -> tuple[int, int, int]:
    """Sort key among several matching candidates: exact type, then dyad order, then date gap."""
    gap = 9999
    if a.start and b.start:
        gap = abs((a.start - b.start).days)
    return (
        0 if a.event_type == b.event_type else 1,
        0 if same_actor(a.actor, b.actor, DedupConfig()) else 1,
        gap,
    )


@dataclass
class Cluster:
    """An event as dedup sees it: its representative key and the articles behind it."""

    event_id: str
    key: EventKey
    articles: set[str] = field(default_factory=set)


class Deduplicator:
    """Assigns mentions to events among a pool of candidate clusters (the stored events
    near the batch's dates plus the events the batch creates)."""

    def __init__(self, candidates: Iterable[Cluster] = (), config: DedupConfig = DedupConfig()) -> None:
        self.config = config
        # Blocking (a match needs all of these, so nothing is lost): the same quad class;
        # actors with states merge only when the states are equal, so a report meets only
        # events sharing its actor's (or, for two-sided types, either side's) state, and
        # stateless actors meet in None; dates must overlap within the window, so a report
        # meets only events of the same weeks (year-precision dates of the same year).
        self._blocks: dict[tuple, list[Cluster]] = {}
        self._by_period: dict[tuple, list[Cluster]] = {}  # for stateless actors
        self.clusters: dict[str, Cluster] = {}  # every cluster by event id
        for c in candidates:
            self.add(c)

    def __len__(self) -> int:
        return len(self.clusters)

    @staticmethod
    def _sides(key: EventKey) -> set[str | None]:
        return {key.actor.country if key.actor else None, key.recipient.country if key.recipient else None}

    def _periods(self, key: EventKey, pad: int = 0) -> list[object]:
        if key.start is None or key.end is None:
            return []  # undated reports never merge
        if key.precision == "year":
            return [("year", key.start.year)]
        first = (key.start.toordinal() - pad) // 7
        last = (key.end.toordinal() + pad) // 7
        return list(range(first, last + 1))

    def _block_keys(self, cluster: Cluster) -> tuple[list[tuple], list[tuple]]:
        periods = self._periods(cluster.key)
        quad = cluster.key.quad_class
        return ([(quad, country, p) for country in self._sides(cluster.key) for p in periods],
                [(quad, p) for p in periods])

    def add(self, cluster: Cluster) -> None:
        old = self.clusters.get(cluster.event_id)
        if old is not None:
            self.remove(old)
        self.clusters[cluster.event_id] = cluster
        blocks, by_period = self._block_keys(cluster)
        for b in blocks:
            self._blocks.setdefault(b, []).append(cluster)
        for b in by_period:
            self._by_period.setdefault(b, []).append(cluster)

    def remove(self, cluster: Cluster) -> None:
        """Forget a cluster (its event was deleted or its representative changed)."""
        if self.clusters.get(cluster.event_id) is cluster:
            del self.clusters[cluster.event_id]
        blocks, by_period = self._block_keys(cluster)
        for index, keys in ((self._blocks, blocks), (self._by_period, by_period)):
            for b in keys:
                kept = [c for c in index.get(b, ()) if c is not cluster]
                if kept:
                    index[b] = kept
                else:
                    index.pop(b, None)

    def _candidates(self, key: EventKey) -> list[Cluster]:
        own = key.actor.country if key.actor else None
        periods = self._periods(key, self.config.date_window_days)
        if own is None:  # a stateless actor may match by name anything of its quad class
            blocks = [self._by_period.get((key.quad_class, p), []) for p in periods]
        else:
            countries = {own, None}
            if key.event_type in self.config.symmetric_types:
                countries |= self._sides(key)
            blocks = [self._blocks.get((key.quad_class, c, p), []) for c in countries for p in periods]
        seen: dict[int, Cluster] = {}
        for block in blocks:
            for c in block:
                seen.setdefault(id(c), c)
        return list(seen.values())

    def assign(self, mention_id: str, key: EventKey) -> tuple[Cluster, str | None]:
        """The cluster `key` joins, with the reason; a new cluster (reason None) when none fits."""
        best: tuple[tuple[int, int, int, int, str], Cluster, str] | None = None
        for cluster in self._candidates(key):
            if key.article_id in cluster.articles and not self.config.merge_within_article:
                continue
            if key.precision == "day" and cluster.key.precision in ("month", "year"):
                # A dated report does not join an event known only to the month: that event
                # may be any of the month's (the coarse report may still join a dated event).
                continue
            why = match(key, cluster.key, self.config)
            if why is not None:
                # ties (same closeness: often one article's several mentions of the event)
                # go to the event more articles report, then the smallest event id, so the
                # choice never depends on the pool's order
                rank = (*closeness(key, cluster.key), -len(cluster.articles), cluster.event_id)
                if best is None or rank < best[0]:
                    best = (rank, cluster, why)
        if best is not None:
            best[1].articles.add(key.article_id or "")
            return best[1], best[2]
        cluster = Cluster(mention_id, key, {key.article_id or ""})
        self.add(cluster)
        return cluster, None


@dataclass(frozen=True)
class PairScores:
    """Pairwise dedup quality over mentions from different articles."""

    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0


def pairwise_scores(mentions: Iterable[tuple[str, str, str]]) -> PairScores:
    """Score (article_id, predicted event, true event) triples: a pair of mentions from two
    articles is predicted when they share an event, true when they share a true event."""
    items = list(mentions)
    true = predicted = correct = 0
    for i, (art_i, pred_i, gold_i) in enumerate(items):
        for art_j, pred_j, gold_j in items[i + 1 :]:
            if art_i == art_j:
                continue
            same_pred, same_gold = pred_i == pred_j, gold_i == gold_j
            true += same_gold
            predicted += same_pred
            correct += same_pred and same_gold
    return PairScores(true, predicted, correct)
