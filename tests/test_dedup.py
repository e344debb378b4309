"""Cross-article dedup: the rules one by one, a hand-made corpus of several outlets
reporting the same events (plus near misses that must stay apart) with pairwise
precision and recall, and the same measure on samples/duplicates.jsonl."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from tacitus.records import Actor, Article, to_json
from tacitus.store.api import open_db
from tacitus.store.dedup import DedupConfig, key_of, match, pairwise_scores
from tacitus.store.testing import FakeExtractor, make_event, place, state
from tacitus.store.writer import ingest_articles

ROOT = Path(__file__).resolve().parents[1]


def key(event, published=None):
    return key_of(to_json(event), published)


def ev(article, type_, a, b, date, **kw):
    return make_event(article, type_, a, b, date, **kw)


RUS, UKR = state("RUS"), state("UKR")
EU = Actor(
    text="the EU", name="European Union", kind="organization", org_code="IGO", cameo_code="IGOEEC", kb_id=None
)


def test_same_event_in_two_articles_matches_and_says_why() -> None:
    x = ev(
        "a", "ASSAULT", state("RUS", "MIL"), UKR, "2024-03-06", location=place("Odesa", "UKR", 46.48, 30.72)
    )
    y = ev(
        "b",
        "ASSAULT",
        RUS,
        state("UKR", "GOV"),
        "2024-03-07",
        location=place("Odesa port", "UKR", 46.5, 30.75),
    )
    why = match(key(x), key(y))
    assert why is not None
    assert "ASSAULT" in why and "country RUS" in why and "1 d apart" in why and "km apart" in why


def test_same_article_never_merges() -> None:
    x = ev("a", "ASSAULT", RUS, UKR, "2024-03-06")
    y = ev("a", "ASSAULT", RUS, UKR, "2024-03-06", n=1)
    assert match(key(x), key(y)) is None


@pytest.mark.parametrize(
    "change, reason",
    [
        ({"date": "2024-03-02"}, "four days earlier: another strike"),
        ({"b": state("SYR")}, "another recipient"),
        ({"a": state("USA")}, "another actor"),
        ({"type_": "ACCUSE"}, "another quad class"),
        ({"type_": "SANCTION"}, "same quad class but not one family"),
        ({"negated": True}, "the other says it did not happen"),
        ({"modality": "future"}, "planned, not done"),
        ({"a": state("RUS", "OPP")}, "the opposition is not the state"),
        ({"location": place("Kharkiv", "UKR", 49.99, 36.23)}, "another city, 500 km away"),
        ({"location": place("Belgorod", "RUS", 50.6, 36.6, feature="city")}, "another country"),
    ],
)
def test_near_misses_stay_apart(change: dict, reason: str) -> None:
    base = {
        "type_": "ASSAULT",
        "a": RUS,
        "b": UKR,
        "date": "2024-03-06",
        "location": place("Odesa", "UKR", 46.48, 30.72),
    }
    x = ev("a", **base)
    other = {**base, **{k: v for k, v in change.items() if k in base}}
    extra = {k: v for k, v in change.items() if k not in base}
    y = ev("b", **other, **extra)
    assert match(key(x), key(y)) is None, reason


def test_type_family_symmetry_and_month_precision() -> None:
    coerce = ev("a", "COERCE", state("CHN", "COP"), state("PHL"), "2024-03-23")
    assault = ev("b", "ASSAULT", state("CHN", "MIL"), state("PHL", "MIL"), "2024-03-23")
    assert "family" in match(key(coerce), key(assault))
    meet = ev("a", "CONSULT", state("UKR"), state("GRC"), "2024-03-06")
    met = ev("b", "CONSULT", state("GRC"), state("UKR"), "2024-03-06")
    assert "symmetric" in match(key(meet), key(met))
    accuse = ev("a", "ACCUSE", state("GRC"), state("UKR"), "2024-03-06")
    accused = ev("b", "ACCUSE", state("UKR"), state("GRC"), "2024-03-06")
    assert match(key(accuse), key(accused)) is None  # accusations have a direction
    month = ev("a", "SANCTION", state("USA"), RUS, "2024-02", precision="month")
    day = ev("b", "SANCTION", state("USA"), RUS, "2024-02-23")
    assert match(key(month), key(day)) is not None
    year = ev("c", "SANCTION", state("USA"), RUS, "2024", precision="year")
    assert match(key(year), key(day)) is None


def test_people_kb_ids_and_missing_recipient() -> None:
    putin = state("RUS", "GOV", name="Vladimir Putin", kind="person", kb_id="Q7747")
    lavrov = state("RUS", "GOV", name="Sergei Lavrov", kind="person", kb_id="Q2564")
    kim = state("PRK", "GOV", name="Kim Jong-un", kind="person", kb_id="Q56226")
    a = ev("a", "CONSULT", putin, kim, "2023-09-13")
    assert "kb Q7747" in match(key(a), key(ev("b", "CONSULT", putin, kim, "2023-09-13")))
    assert match(key(a), key(ev("b", "CONSULT", lavrov, kim, "2023-09-13"))) is None
    assert match(key(a), key(ev("b", "CONSULT", state("RUS"), state("PRK"), "2023-09-13"))) is not None
    assert "one side missing" in match(key(a), key(ev("b", "CONSULT", putin, None, "2023-09-13")))
    strict = DedupConfig(allow_missing_recipient=False)
    assert match(key(a), key(ev("b", "CONSULT", putin, None, "2023-09-13")), strict) is None


def test_window_and_radius_are_tunable() -> None:
    x = ev("a", "ASSAULT", RUS, UKR, "2024-03-06", location=place("Odesa", "UKR", 46.48, 30.72))
    y = ev("b", "ASSAULT", RUS, UKR, "2024-03-08", location=place("Mykolaiv", "UKR", 46.97, 31.99))
    assert match(key(x), key(y)) is None
    assert match(key(x), key(y), DedupConfig(date_window_days=2)) is not None
    assert match(key(x), key(y), DedupConfig(date_window_days=2, radius_km=50)) is None
    assert match(key(x), key(y), DedupConfig(enabled=False, date_window_days=2)) is None


def test_undated_mentions_use_the_publication_date() -> None:
    x = ev("a", "AID", state("USA"), UKR, None)
    y = ev("b", "AID", state("USA"), UKR, "2024-03-06")
    assert match(key(x, dt.date(2024, 3, 7)), key(y)) is not None
    assert match(key(x, dt.date(2024, 3, 20)), key(y)) is None
    assert match(key(x), key(y)) is None


# a hand-made corpus: outlets reporting the same events differently, and near misses ---------------------


def hand_corpus() -> tuple[list[Article], dict[str, list], dict[str, str]]:
    """Articles, their events, and the true event of each mention."""
    odesa, odesa2 = place("Odesa", "UKR", 46.48, 30.72), place("Odesa port", "UKR", 46.49, 30.74)
    spec = [  # (true event, article, published, source, event)
        (
            "e1",
            "d01",
            "2024-03-06",
            "Courier",
            ev("d01", "ASSAULT", state("RUS", "MIL"), UKR, "2024-03-06", location=odesa),
        ),
        (
            "e1",
            "d02",
            "2024-03-07",
            "Wire",
            ev("d02", "ASSAULT", RUS, state("UKR", "GOV"), "2024-03-06", location=odesa2),
        ),
        (
            "e1",
            "d03",
            "2024-03-08",
            "Ledger",
            ev("d03", "ASSAULT", RUS, UKR, "2024-03-06", location=place("Ukraine", "UKR", feature="country")),
        ),
        (
            "e3",
            "d01",
            "2024-03-06",
            "Courier",
            ev("d01", "CONSULT", state("UKR", "GOV"), state("GRC", "GOV"), "2024-03-06", n=1),
        ),
        (
            "e3",
            "d02",
            "2024-03-07",
            "Wire",
            ev("d02", "CONSULT", state("GRC"), state("UKR"), "2024-03-06", n=1),
        ),
        ("e3", "d06", "2024-03-07", "Herald", ev("d06", "CONSULT", state("GRC", "GOV"), UKR, None)),
        ("e2", "d04", "2024-03-02", "Coastal", ev("d04", "ASSAULT", RUS, UKR, "2024-03-02", location=odesa)),
        (
            "e2",
            "d05",
            "2024-03-04",
            "Wire",
            ev("d05", "ASSAULT", state("RUS", "MIL"), UKR, "2024-03-02", location=odesa),
        ),
        (
            "e4",
            "d07",
            "2024-03-23",
            "Courier",
            ev("d07", "COERCE", state("CHN", "COP"), state("PHL", "GOV"), "2024-03-23"),
        ),
        ("e4", "d08", "2024-03-24", "Ledger", ev("d08", "COERCE", state("CHN"), state("PHL"), "2024-03-23")),
        (
            "e4",
            "d09",
            "2024-03-25",
            "Pacific",
            ev("d09", "ASSAULT", state("CHN", "MIL"), state("PHL", "MIL"), "2024-03-23"),
        ),
        (
            "e6",
            "d12",
            "2024-03-23",
            "Eastern",
            ev("d12", "ACCUSE", state("CHN", "GOV"), state("PHL"), "2024-03-23"),
        ),
        (
            "e6",
            "d09",
            "2024-03-25",
            "Pacific",
            ev("d09", "ACCUSE", state("CHN"), state("PHL"), "2024-03-23", n=1),
        ),
        (
            "e5",
            "d10",
            "2024-03-05",
            "Wire",
            ev("d10", "COERCE", state("CHN", "COP"), state("PHL"), "2024-03-05"),
        ),
        ("e5", "d11", "2024-03-06", "Pacific", ev("d11", "COERCE", state("CHN"), state("PHL"), "2024-03")),
        (
            "e7",
            "d14",
            "2024-02-02",
            "Courier",
            ev("d14", "ASSAULT", state("USA", "MIL"), state("IRQ"), "2024-02-02"),
        ),
        (
            "e8",
            "d14",
            "2024-02-02",
            "Courier",
            ev("d14", "ASSAULT", state("USA", "MIL"), state("SYR"), "2024-02-02", n=1),
        ),
        ("e7", "d16", "2024-02-03", "Ledger", ev("d16", "ASSAULT", state("USA"), state("IRQ"), "2024-02-02")),
        (
            "e8",
            "d17",
            "2024-02-04",
            "Levant",
            ev("d17", "ASSAULT", state("USA"), state("SYR", "GOV"), "2024-02-03"),
        ),
        ("e10", "d20", "2024-02-23", "Ledger", ev("d20", "SANCTION", EU, RUS, "2024-02-23")),
        ("e10", "d21", "2024-02-24", "Continental", ev("d21", "SANCTION", EU, RUS, "2024-02-23")),
        ("e11", "d23", "2024-02-23", "Courier", ev("d23", "SANCTION", state("USA"), RUS, "2024-02-23")),
        ("e11", "d24", "2024-02-24", "Ledger", ev("d24", "SANCTION", state("USA", "GOV"), RUS, "2024-02-23")),
        (
            "e14",
            "d30",
            "2024-01-23",
            "Courier",
            ev("d30", "SUPPORT", state("TUR", "LEG"), state("SWE"), "2024-01-23"),
        ),
        ("e14", "d31", "2024-01-24", "Wire", ev("d31", "SUPPORT", state("TUR"), state("SWE"), "2024-01-23")),
        (
            "e15",
            "d33",
            "2024-02-26",
            "Ledger",
            ev("d33", "SUPPORT", state("HUN", "LEG"), state("SWE"), "2024-02-26"),
        ),
    ]
    articles, events, truth = {}, {}, {}
    for true, art, pub, source, event in spec:
        articles.setdefault(
            art, Article(art, f"Text of {art}.", None, dt.date.fromisoformat(pub), None, source)
        )
        events.setdefault(art, []).append(event)
        truth[event.event_id] = true
    return list(articles.values()), events, truth


def test_hand_corpus_pairwise_precision_and_recall(tmp_path: Path) -> None:
    articles, events, truth = hand_corpus()
    db = tmp_path / "dedup.duckdb"
    ingest_articles(db, articles, FakeExtractor(events), batch_size=5)
    with open_db(db) as database:
        rows = database.query("SELECT mention_id, article_id, event_id FROM mentions")
        n_events = database.stats()["events"]
    scores = pairwise_scores((r["article_id"], r["event_id"], truth[r["mention_id"]]) for r in rows)
    assert (scores.precision, scores.recall) == (1.0, 1.0), scores
    assert n_events == len(set(truth.values()))


def test_hand_corpus_in_reverse_order_keeps_precision(tmp_path: Path) -> None:
    # Greedy online clustering depends on order: here the month-dated report of e5 comes
    # first, and the day-dated one does not join an event known only to the month.
    articles, events, truth = hand_corpus()
    db = tmp_path / "reversed.duckdb"
    ingest_articles(db, list(reversed(articles)), FakeExtractor(events), batch_size=1)
    with open_db(db) as database:
        rows = database.query("SELECT mention_id, article_id, event_id FROM mentions")
    scores = pairwise_scores((r["article_id"], r["event_id"], truth[r["mention_id"]]) for r in rows)
    assert scores.precision == 1.0
    assert scores.correct_pairs == scores.true_pairs - 1


def test_no_dedup_keeps_every_mention_apart(tmp_path: Path) -> None:
    from tacitus.store.writer import open_store

    articles, events, truth = hand_corpus()
    with open_store(tmp_path / "flat.duckdb", DedupConfig(enabled=False)) as store:
        ingest_articles(store, articles, FakeExtractor(events))
    with open_db(tmp_path / "flat.duckdb") as database:
        stats = database.stats()
    assert stats["events"] == stats["mentions"] == len(truth)


def test_pairwise_scores_counts_cross_article_pairs_only() -> None:
    s = pairwise_scores(
        [("a", "E1", "T1"), ("b", "E1", "T1"), ("c", "E1", "T2"), ("c", "E3", "T1"), ("a", "E9", "T9")]
    )
    # true pairs: a-b, a-c(E3), b-c(E3) = 3; predicted: a-b, a-c(E1), b-c(E1) = 3; correct: a-b
    assert (s.true_pairs, s.predicted_pairs, s.correct_pairs) == (3, 3, 1)


# the project's duplicate corpus, with the real extractor ---------------------------------------------

DUP = ROOT / "samples" / "duplicates.jsonl"
TRUTH = ROOT / "samples" / "duplicates.truth.json"


@pytest.mark.skipif(
    not (DUP.exists() and TRUTH.exists()),
    reason="samples/duplicates.jsonl and duplicates.truth.json (the dedup corpus) are not there yet",
)
def test_duplicate_corpus_precision_recall(tmp_path: Path) -> None:
    from tacitus.store.dedup_eval import evaluate

    try:
        result = evaluate(DUP, TRUTH, tmp_path / "dup.duckdb")
    except ImportError as err:  # the pipeline is being rebuilt by others
        pytest.skip(f"the extractor cannot be loaded: {err}")
    print(
        json.dumps(
            dataclasses.asdict(result.scores)
            | {"precision": result.scores.precision, "recall": result.scores.recall}
        )
    )
    if result.labelled < 5:
        pytest.skip(
            f"the extractor finds too few of the corpus's events to measure dedup ({result.labelled})"
        )
    assert result.scores.precision >= 0.8
    assert result.report_scores.precision >= 0.8
    assert result.report_scores.recall >= 0.3
