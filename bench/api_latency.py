"""Web API latency on a 100,000-event database (issue 7: `GET /api/events` < 200 ms median).

    .venv/bin/python bench/api_latency.py [--events 100000] [--reps 40] [--rebuild] [--json FILE]

Also run by `make bench` (bench/run.py; `--skip api` leaves it out): `run(out_json)` adds
``out_json["api"]`` and returns the report's Markdown section.

The database (bench/out/api-100k.duckdb) is built once and reused; it is rebuilt when missing,
when ``--rebuild`` is given, or when its sidecar (same name, .json) says it was made by
another generator version, schema version or size. Building takes about 20 s: the events are
made with the store's test helper (`tacitus.store.testing.make_event`, the pipeline's record
shape), turned into rows by the store's own `tacitus.store.rows` functions and bulk-inserted
through Arrow into a database migrated by `open_store` (no per-article dedup: the merges are
decided here). What it holds, deterministically from ``--seed``:

* ~28,000 articles from 12 sources over 2015-2024, each the source of 1-6 events;
* 100,000 events: 16 PLOVER types with a skewed mix, ~50 actors (states and their
  sectors, leaders with kb ids, IGOs, armed groups) drawn Zipf-like, 85 % with a recipient,
  day / month / year / no date, 60 % placed in one of 40 cities, 10 % future or hypothetical,
  4 % negated, a quarter attributed to a speaker;
* ~144,000 mentions: a quarter of the events are also reported by 1-3 other articles
  (so `n_mentions` / `n_sources` vary and `/api/events/{id}` has several mentions to join);
* the `actors` table with event counts.

Measuring: in process, through FastAPI's TestClient on `create_app(db, read_only=True)`
(the ASGI stack, validation, DuckDB and JSON encoding; no sockets). Every query is warmed up
(3 requests), then the queries are requested round-robin ``--reps`` times each, so machine
noise spreads evenly over them. Times are wall clock per request, median and p95 (inclusive
quantiles)."""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GENERATOR = 1  # bump when the generated data changes, so cached databases are rebuilt
TARGET_MS = 200.0

# -- the synthetic world ------------------------------------------------------------------------------

SOURCES = ("Reuters", "AP", "AFP", "BBC", "Al Jazeera", "DW", "France 24", "Kyiv Independent",
           "South China Morning Post", "Yonhap", "Anadolu", "Times of Israel")
COUNTRY_NAMES = {"USA": "United States", "RUS": "Russia", "CHN": "China", "UKR": "Ukraine",
                 "IRN": "Iran", "ISR": "Israel", "TUR": "Turkey", "PRK": "North Korea", "FRA": "France",
                 "DEU": "Germany", "SYR": "Syria", "IRQ": "Iraq", "PHL": "Philippines", "GRC": "Greece",
                 "KEN": "Kenya", "SWE": "Sweden", "HUN": "Hungary", "PSE": "Palestine", "YEM": "Yemen"}
ADJ = {"USA": "US", "RUS": "Russian", "CHN": "Chinese", "UKR": "Ukrainian", "IRN": "Iranian",
       "ISR": "Israeli", "TUR": "Turkish", "PRK": "North Korean", "FRA": "French", "DEU": "German",
       "SYR": "Syrian", "IRQ": "Iraqi", "PHL": "Philippine"}
# (name, country, sector, kb_id, kind, org_code, cameo_code); most frequent first (Zipf weights)
PEOPLE = [("Vladimir Putin", "RUS", "GOV", "Q7747"), ("Joe Biden", "USA", "GOV", "Q6279"),
          ("Volodymyr Zelensky", "UKR", "GOV", "Q3874799"), ("Xi Jinping", "CHN", "GOV", "Q15031"),
          ("Benjamin Netanyahu", "ISR", "GOV", "Q43723"), ("Recep Tayyip Erdogan", "TUR", "GOV", "Q39723"),
          ("Kim Jong Un", "PRK", "GOV", "Q56226"), ("Emmanuel Macron", "FRA", "GOV", "Q3052772"),
          ("Olaf Scholz", "DEU", "GOV", "Q61053"), ("Viktor Orban", "HUN", "GOV", "Q57641")]
IGOS = [("United Nations", "UNO", "IGOUNO"), ("NATO", "NATO", "IGOWSTNAT"), ("European Union", "EU", "IGOEEC"),
        ("African Union", "AU", "IGOAFRAFU")]
GROUPS = [("Hamas", "PSE", "PSEREB"), ("Houthi rebels", "YEM", "YEMREB"), ("Islamic State", None, "IMGMOSISI")]
CITIES = [("Kyiv", "UKR", 50.45, 30.52), ("Kharkiv", "UKR", 49.99, 36.23), ("Odesa", "UKR", 46.48, 30.72),
          ("Moscow", "RUS", 55.75, 37.62), ("Belgorod", "RUS", 50.60, 36.59), ("Washington", "USA", 38.90, -77.04),
          ("New York", "USA", 40.71, -74.01), ("Beijing", "CHN", 39.90, 116.40), ("Shanghai", "CHN", 31.23, 121.47),
          ("Tehran", "IRN", 35.69, 51.39), ("Isfahan", "IRN", 32.65, 51.67), ("Jerusalem", "ISR", 31.77, 35.21),
          ("Tel Aviv", "ISR", 32.08, 34.78), ("Gaza City", "PSE", 31.50, 34.47), ("Ankara", "TUR", 39.93, 32.86),
          ("Istanbul", "TUR", 41.01, 28.98), ("Pyongyang", "PRK", 39.04, 125.76), ("Paris", "FRA", 48.86, 2.35),
          ("Berlin", "DEU", 52.52, 13.40), ("Damascus", "SYR", 33.51, 36.29), ("Aleppo", "SYR", 36.20, 37.13),
          ("Baghdad", "IRQ", 33.31, 44.36), ("Mosul", "IRQ", 36.34, 43.13), ("Manila", "PHL", 14.60, 120.98),
          ("Athens", "GRC", 37.98, 23.73), ("Nairobi", "KEN", -1.29, 36.82), ("Stockholm", "SWE", 59.33, 18.07),
          ("Budapest", "HUN", 47.50, 19.04), ("Sanaa", "YEM", 15.37, 44.19), ("Aden", "YEM", 12.79, 45.02),
          ("Geneva", None, 46.20, 6.14), ("Brussels", None, 50.85, 4.35), ("Vienna", None, 48.21, 16.37),
          ("Doha", None, 25.29, 51.53), ("Riyadh", None, 24.71, 46.68), ("Cairo", None, 30.04, 31.24),
          ("Minsk", None, 53.90, 27.56), ("Sevastopol", "UKR", 44.62, 33.53), ("Donetsk", "UKR", 48.02, 37.80),
          ("Taipei", None, 25.03, 121.57)]
TYPE_WEIGHTS = {"CONSULT": 20, "ACCUSE": 12, "ASSAULT": 10, "SUPPORT": 8, "REQUEST": 8, "AGREE": 6,
                "COOPERATE": 6, "REJECT": 6, "THREATEN": 6, "AID": 5, "PROTEST": 5, "SANCTION": 4,
                "COERCE": 4, "MOBILIZE": 3, "CONCEDE": 2, "RETREAT": 1}
VERBS = {"CONSULT": "held talks with", "ACCUSE": "accused", "ASSAULT": "launched strikes against",
         "SUPPORT": "voiced support for", "REQUEST": "called on", "AGREE": "signed an agreement with",
         "COOPERATE": "agreed to cooperate with", "REJECT": "rejected a proposal from", "THREATEN": "threatened",
         "AID": "sent aid to", "PROTEST": "protested against", "SANCTION": "imposed sanctions on",
         "COERCE": "detained officials of", "MOBILIZE": "massed troops near", "CONCEDE": "made concessions to",
         "RETREAT": "withdrew forces from"}
TOPICS = ("over the ceasefire", "on grain exports", "over the nuclear programme", "about the border",
          "on energy supplies", "over drone attacks", "ahead of the election", "over prisoner exchanges",
          "on maritime security", "about humanitarian corridors", "over oil prices", "on arms deliveries")
CUES = ("said", "told reporters", "according to", "claimed", "announced")


def actor_pool() -> list[Any]:
    """~50 actors, most frequent first."""
    from tacitus.store.testing import state

    out = []
    top = ["USA", "RUS", "CHN", "UKR", "IRN", "ISR", "TUR", "PRK"]
    for iso in top:
        out.append(state(iso, name=COUNTRY_NAMES[iso]))
    for name, iso, sector, kb in PEOPLE[:4]:
        out.append(state(iso, sector, name=name, kind="person", kb_id=kb))
    for iso in top[:6]:
        out.append(state(iso, "MIL", name=f"{ADJ[iso]} military"))
    for name, org, cameo in IGOS:
        out.append(_org(name, org, cameo))
    for name, iso, sector, kb in PEOPLE[4:]:
        out.append(state(iso, sector, name=name, kind="person", kb_id=kb))
    for iso in ("FRA", "DEU", "SYR", "IRQ", "PHL", "GRC", "KEN", "SWE", "HUN"):
        out.append(state(iso, name=COUNTRY_NAMES[iso]))
    for name, where, cameo in GROUPS:
        out.append(_org(name, None, cameo, country=where, kind="group"))
    for iso in ("USA", "RUS", "UKR", "CHN", "IRN", "TUR", "ISR"):
        out.append(state(iso, "GOV", name=f"{ADJ[iso]} foreign ministry"))
    for iso in ("RUS", "IRN", "TUR", "CHN"):
        out.append(state(iso, "OPP", name=f"{ADJ[iso]} opposition"))
    return out


def _org(name: str, org: str | None, cameo: str, country: str | None = None, kind: str = "organization") -> Any:
    from tacitus.records import Actor

    return Actor(text=name, name=name, kind=kind, country=country, org_code=org, cameo_code=cameo)


def _date(rng: random.Random, published: dt.date) -> str | None:
    r = rng.random()
    if r < 0.70:
        return (published - dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 3)))).isoformat()
    if r < 0.85:
        return published.isoformat()[:7]
    if r < 0.90:
        return published.isoformat()[:4]
    return None


def generate(n_events: int, seed: int) -> dict[str, list[list[Any]]]:
    """Rows for the store's tables (articles, events, mentions, actors), deterministic in seed."""
    from tacitus.records import Place, to_json
    from tacitus.store.rows import actor_rows, event_row, mention_row
    from tacitus.store.testing import make_event, state

    rng = random.Random(seed)
    actors = actor_pool()
    weights = [1 / (i + 1) ** 0.8 for i in range(len(actors))]
    types, type_w = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    speakers = [state(iso, "GOV", name=f"{ADJ[iso]} official") for iso in ADJ]
    places_by_country: dict[str | None, list[Place]] = {}
    all_places = []
    for i, (name, iso, lat, lon) in enumerate(CITIES):
        p = Place(text=name, name=name, country=iso, lat=lat, lon=lon, geonameid=100_000 + i)
        places_by_country.setdefault(iso, []).append(p)
        all_places.append(p)
    start, days = dt.date(2015, 1, 1), 3652
    now = dt.datetime(2025, 1, 1)

    # articles in date order; each is the source of 1-6 events
    arts: list[dict[str, Any]] = []  # id, source, published, mentions: (record, event id, merge reason)
    events: list[dict[str, Any]] = []  # records (contract JSON)
    made = 0
    while made < n_events:
        published = start + dt.timedelta(days=int(days * len(arts) / (n_events / 3.5)) % days)
        src = rng.choice(SOURCES)
        aid = f"{src.lower().replace(' ', '-')}-{len(arts):06d}"
        art: dict[str, Any] = {"id": aid, "source": src, "published": published, "mentions": []}
        arts.append(art)
        for n in range(min(rng.choice((1, 2, 3, 3, 4, 4, 5, 6)), n_events - made)):
            etype = rng.choices(types, type_w)[0]
            actor = rng.choices(actors, weights)[0]
            recipient = None
            if rng.random() < 0.85:
                while recipient is None or recipient.name == actor.name:
                    recipient = rng.choices(actors, weights)[0]
            loc = None
            if rng.random() < 0.6:
                near = [*places_by_country.get(actor.country, []),
                        *places_by_country.get(recipient.country if recipient else None, [])]
                loc = rng.choice(near) if near and rng.random() < 0.8 else rng.choice(all_places)
            attributed = rng.choice(speakers) if rng.random() < 0.25 else None
            r = rng.random()
            modality = "actual" if r < 0.9 else "future" if r < 0.97 else "hypothetical"
            negated = rng.random() < 0.04
            sentence = (f"{actor.name} {'did not ' if negated else ''}{VERBS[etype]} "
                        f"{recipient.name if recipient else 'its rivals'} {rng.choice(TOPICS)}"
                        f"{' in ' + loc.name if loc else ''}"
                        f"{', ' + attributed.name + ' ' + rng.choice(CUES) if attributed else ''}.")
            ev = make_event(aid, etype, actor, recipient, _date(rng, published), n=n, location=loc,
                            negated=negated, modality=modality, sentence=sentence, attributed_to=attributed)
            rec = to_json(ev)
            events.append(rec)
            art["mentions"].append((rec, rec["event_id"], None))
            made += 1

    # a quarter of the events are also reported by 1-3 articles published within days
    index = {a["id"]: i for i, a in enumerate(arts)}
    for rec in events:
        if rng.random() >= 0.25:
            continue
        home = index[rec["article_id"]]
        for k in range(rng.choice((1, 1, 2, 3))):
            other = arts[min(len(arts) - 1, home + rng.randint(1, 40))]
            if other["id"] == rec["article_id"]:
                continue
            m = dict(rec, event_id=f"{rec['event_id']}-{k}", article_id=other["id"])
            other["mentions"].append((m, rec["event_id"], "type; dyad; dates within 3 days"))

    n_mentions: dict[str, int] = {}
    sources: dict[str, set[str]] = {}
    articles: dict[str, set[str]] = {}
    art_rows: list[list[Any]] = []
    mention_rows: list[list[Any]] = []
    actor_map: dict[str, list[Any]] = {}
    for art in arts:
        sentences = []
        for rec, cluster, reason in art["mentions"]:
            mention_rows.append(mention_row(rec, cluster, art["source"], reason))
            n_mentions[cluster] = n_mentions.get(cluster, 0) + 1
            sources.setdefault(cluster, set()).add(art["source"])
            articles.setdefault(cluster, set()).add(art["id"])
            sentences.append(rec["evidence"]["sentence"])
        text = " ".join(sentences)
        art_rows.append([art["id"], f"https://news.example/{art['id']}", art["source"], sentences[0][:80],
                         text, art["published"], "en", hashlib.sha1(text.encode()).hexdigest(), now, "ok", None,
                         len(art["mentions"])])
    event_rows = []
    for rec in events:
        eid = rec["event_id"]
        event_rows.append(event_row(rec, eid, rec["article_id"],
                                    (n_mentions[eid], len(sources[eid]), len(articles[eid])), now))
        for row in actor_rows(rec):
            actor_map[row[0]] = row
    return {"articles": art_rows, "events": event_rows, "mentions": mention_rows, "actors": list(actor_map.values())}


def build(path: Path, n_events: int, seed: int) -> dict[str, Any]:
    """Write the database at `path` (via a temporary file) and its sidecar; returns the sidecar."""
    from tacitus.store.rows import EVENT_COLUMNS, MENTION_COLUMNS
    from tacitus.store.schema import LATEST
    from tacitus.store.writer import ARTICLE_COLUMNS, _insert, open_store

    t0 = time.perf_counter()
    rows = generate(n_events, seed)
    t_gen = time.perf_counter() - t0
    tmp = path.with_name(path.name + ".tmp")
    for p in (tmp, Path(str(tmp) + ".wal")):
        p.unlink(missing_ok=True)
    store = open_store(tmp)  # creates and migrates the schema
    try:
        conn = store.conn
        conn.execute("BEGIN TRANSACTION")
        _insert(conn, "articles", ARTICLE_COLUMNS, rows["articles"])
        _insert(conn, "events", EVENT_COLUMNS, rows["events"])
        _insert(conn, "mentions", MENTION_COLUMNS, rows["mentions"])
        conn.execute("COMMIT")
        store._update_actors(rows["actors"])  # the writer's own actor upsert + event counts
        conn.execute("CHECKPOINT")
    finally:
        store.close()
    os.replace(tmp, path)
    meta = {"generator": GENERATOR, "schema": LATEST, "events": n_events, "seed": seed,
            **{f"n_{k}": len(v) for k, v in rows.items()},
            "generate_seconds": round(t_gen, 1), "build_seconds": round(time.perf_counter() - t0, 1),
            "mb": round(path.stat().st_size / 2**20, 1)}
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return meta


def ensure_db(n_events: int = 100_000, seed: int = 0, rebuild: bool = False,
              out_dir: Path = HERE / "out") -> tuple[Path, dict[str, Any], bool]:
    """(path, sidecar, built now) of the cached database, building it when needed."""
    from tacitus.store.schema import LATEST

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"api-{n_events // 1000}k.duckdb" if n_events % 1000 == 0 else out_dir / f"api-{n_events}.duckdb"
    side = path.with_suffix(".json")
    want = {"generator": GENERATOR, "schema": LATEST, "events": n_events, "seed": seed}
    if not rebuild and path.exists() and side.exists():
        meta = json.loads(side.read_text(encoding="utf-8"))
        if all(meta.get(k) == v for k, v in want.items()):
            return path, meta, False
    return path, build(path, n_events, seed), True


# -- measuring ---------------------------------------------------------------------------------------

def pick_targets(db: Path, k: int = 50) -> list[str]:
    """Event ids for /api/events/{id}: a fixed sample, half with several mentions."""
    from tacitus.store.query import open_read_only

    conn = open_read_only(db)
    try:
        many = [r[0] for r in conn.execute("SELECT event_id FROM events WHERE n_mentions > 1 "
                                           "ORDER BY hash(event_id) LIMIT ?", [k // 2]).fetchall()]
        one = [r[0] for r in conn.execute("SELECT event_id FROM events WHERE n_mentions = 1 "
                                          "ORDER BY hash(event_id) LIMIT ?", [k - len(many)]).fetchall()]
    finally:
        conn.close()
    return [x for pair in zip(many, one) for x in pair] + many[len(one):] + one[len(many):]


def queries(event_ids: list[str]) -> list[tuple[str, str, Any]]:
    """(label, path, params or a function of the repetition giving the path)."""
    return [
        ("events: no filter (default sort -date)", "/api/events", {}),
        ("events: actor=Russia", "/api/events", {"actor": "Russia"}),
        ("events: country=CHN & type=ACCUSE", "/api/events", {"country": "CHN", "type": "ACCUSE"}),
        ("events: date 2020-03-01..2020-06-30", "/api/events", {"date_from": "2020-03-01", "date_to": "2020-06-30"}),
        ("events: q=ceasefire", "/api/events", {"q": "ceasefire"}),
        ("events: sort=-date, actor=USA", "/api/events", {"sort": "-date", "actor": "USA"}),
        ("events: sort=-mentions", "/api/events", {"sort": "-mentions"}),
        ("events: page=50", "/api/events", {"page": 50}),
        ("events: page_size=500", "/api/events", {"page_size": 500}),
        ("event by id (with mentions)", "/api/events/{id}", lambda i: f"/api/events/{event_ids[i % len(event_ids)]}"),
        ("dyad USA/CHN by week", "/api/dyads/USA/CHN/series", {}),
        ("dyad Vladimir Putin/Volodymyr Zelensky by month", "/api/dyads/Vladimir Putin/Volodymyr Zelensky/series",
         {"by": "month"}),
    ]


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def measure(db: Path, reps: int = 40, warmup: int = 3) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from tacitus.web.app import create_app

    qs = queries(pick_targets(db))
    times: dict[str, list[float]] = {label: [] for label, _, _ in qs}
    info: dict[str, dict[str, Any]] = {}
    with TestClient(create_app(db, read_only=True)) as client:
        for rep in range(-warmup, reps):
            for i, (label, path, params) in enumerate(qs):
                url, p = (params(rep + i), None) if callable(params) else (path, params)
                t0 = time.perf_counter()
                resp = client.get(url, params=p)
                secs = time.perf_counter() - t0
                if resp.status_code != 200:
                    raise RuntimeError(f"{label}: HTTP {resp.status_code} {resp.text[:200]}")
                if rep < 0:
                    body = resp.json()
                    info[label] = {"path": path, "params": p or {}, "bytes": len(resp.content),
                                   "total": body.get("total"), "rows": len(body.get("events", body.get("series", [])))
                                   if "events" in body or "series" in body else len(body.get("mentions", []))}
                else:
                    times[label].append(secs * 1000)
    out = {}
    for label, ms in times.items():
        out[label] = {**info[label], "n": len(ms), "median_ms": round(statistics.median(ms), 1),
                      "p95_ms": round(pct(ms, 95), 1), "min_ms": round(min(ms), 1), "max_ms": round(max(ms), 1)}
    return out


def run(out_json: dict[str, Any], n_events: int = 100_000, reps: int = 40, rebuild: bool = False,
        seed: int = 0) -> str:
    """Measure, store the figures in ``out_json["api"]`` and return the Markdown section."""
    db, meta, built = ensure_db(n_events, seed, rebuild)
    t0 = time.perf_counter()
    res = measure(db, reps)
    listing = {k: v for k, v in res.items() if k.startswith("events:")}
    worst = max(listing.values(), key=lambda v: v["median_ms"])
    ok = all(v["median_ms"] < TARGET_MS for v in listing.values())
    out_json["api"] = {"db": str(db), "data": meta, "built_now": built, "reps": reps, "target_ms": TARGET_MS,
                       "worst_events_median_ms": worst["median_ms"], "met": ok, "queries": res,
                       "seconds": round(time.perf_counter() - t0, 1)}
    lines = [
        "## Web API latency (issue 7)", "",
        (f"`GET /api/events` on {meta['n_events']:,} events ({meta['n_mentions']:,} mentions, "
         f"{meta['n_articles']:,} articles, {meta['n_actors']} actors; `{db.relative_to(HERE.parent)}`, "
         f"{meta['mb']} MB, synthetic, generated by `bench/api_latency.py` in {meta['build_seconds']} s"
         f"{'' if built else ', cached'}). In process through FastAPI's TestClient on a read-only "
         f"`create_app`: routing, validation, DuckDB, JSON encoding, no sockets. 3 warm-up requests, then "
         f"{reps} requests per query, round-robin over the queries; {os.cpu_count()} CPUs."), "",
        "| target | measured | |", "|---|---|---|",
        (f"| `GET /api/events` < {TARGET_MS:.0f} ms median on 100,000 events (issue 7), every listing below "
         f"| slowest median {worst['median_ms']} ms | {'**met**' if ok else '**not met**'} |"), "",
        "| request | matches | rows | KB | median ms | p95 ms | min ms |", "|---|---|---|---|---|---|---|",
    ]
    for label, v in res.items():
        q = "&".join(f"{k}={x}" for k, x in v["params"].items())
        total = f"{v['total']:,}" if isinstance(v.get("total"), int) else ""
        lines.append(f"| {label} (`{v['path']}{'?' + q if q else ''}`) | {total} | {v['rows']} | "
                     f"{v['bytes'] / 1024:.0f} | {v['median_ms']} | {v['p95_ms']} | {v['min_ms']} |")
    lines += ["", ("Rows: events on the page, mentions of the event, or periods of the series. "
                   "Reproduce: `.venv/bin/python bench/api_latency.py` (add `--rebuild` to regenerate the "
                   "database)."), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--reps", type=int, default=40, help="timed requests per query (default 40)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rebuild", action="store_true", help="regenerate the database even if cached")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    r: dict[str, Any] = {}
    print(run(r, args.events, args.reps, args.rebuild, args.seed))
    if args.json:
        args.json.write_text(json.dumps(r, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
