"""Property-based fuzzing (hypothesis) of the extractor, the time resolver and the place
resolver with random and adversarial text: nothing raises (an InputError with a reason
is the one allowed refusal, and only from the extractor's input validation) and every
output is contract-valid (tests/robustness/contract.py)."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.errors import InputError
from tacitus.records import to_json

ANCHOR = dt.date(2024, 3, 6)

ADVERSARIAL = [
    "February 31", "31 February 2024", "on 30 February", "2024-02-30", "2024-13-45", "the 99th of Smarch",
    "on 99999999999999999999 March", "in the year 10000000000", "year 0", "0000-00-00", "9999-12-31",
    "-5 days ago", "1e308 days later", "10**100 weeks earlier", "in 2147483648 BC", "Tuesday Tuesday Tuesday",
    "from 31 to 2 March", "last last last week", "a day earlier a day earlier", "Q5 2024", "mid-late-early May",
    '"He said \'they said "we said \'no\'"\'"', "«»„“”‚‘’", "((((((((((", "))))", "......", "!!!???",
    "—–-‒―", "…", "\u200b\u200d\u2060", "\ufeff", "\u202eevil", "😀🔥💣", "Ω≈ç√∫", "日本語のテキスト",
    "العربية", "עברית", "Ꭿ Ꮜ", "𝕿𝖊𝖝𝖙", "Z̸̡̛a̴l̷g̶o̵", "\x00\x01\x1b[31m", "A" * 300, "Mr. " * 50,
    "U.S. U.N. E.U. N.A.T.O.", "Kim Jong-un met Vladimir Putin", "Putin met Putin", "he he he said said",
    "Russia attacked Russia in Russia on Tuesday", "Washington Post", "New York New York", "Paris, Texas",
    "Georgia", "Jordan", "Chad", "Niger", "Nice", "Reading", "Mobile", "Bath", "Male", "Split",
    "Kyiv/Kiev", "São Tomé", "Côte d'Ivoire", "Ürümqi", "the DPRK", "LoC", "loc", "ZNPP",
    "BEIJING, Jan 20 -", "ANKARA (Reuters) -", "SRINAGAR/ISLAMABAD -", ", , , ,", "\n\n\n", "\t\t",
    "The North Korean leader thanked the Russian president on Monday (September 18), KCNA said.",
    "Russian forces did not shell Kharkiv.", "Iran may attack Israel next week, officials fear.",
    "According to TASS, Russia and North Korea signed a treaty.",
]

words = st.sampled_from(ADVERSARIAL) | st.text(min_size=0, max_size=40) | st.from_regex(
    r"[A-Z][a-z]{2,9}( [A-Z][a-z]{2,9})?", fullmatch=True) | st.integers(-10**30, 10**30).map(str)
NEWS = [
    "North Korean leader Kim Jong-un expressed his sincere thanks to Russian President Vladimir Putin on "
    "Monday (September 18), state media reported.",
    "Russian forces shelled Kharkiv on February 31, killing 99999999999999999999 people, officials said.",
    "\"Russia 'said' \"Ukraine 'attacked' \"Russia\"\"\", he said,\" TASS reported.",
    "On 2024-02-30 Iran may attack Israel, officials fear; Israel did not retaliate.",
    "Protesters rallied in Seoul.\n\n" * 30,
    "Putin met Kim. " * 200,
]

texts = st.lists(words, min_size=0, max_size=25).map(lambda ws: " ".join(ws)) | st.text(max_size=400)


@pytest.fixture(scope="module")
def resolver_time():
    from tacitus.timex import TimeResolver

    return TimeResolver


@pytest.fixture(scope="module")
def places():
    from tacitus.places.gazetteer import Gazetteer
    from tacitus.places.resolve import PlaceResolver

    return PlaceResolver(Gazetteer.load())


# --- time ------------------------------------------------------------------------------------------

def test_time_resolver_never_raises_and_gives_valid_dates(resolver_time, contract, figures) -> None:
    count = 0

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(text=texts, anchor=st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))),
           tense=st.sampled_from(["past", "future", "present", "bogus"]), offset=st.integers(0, 10**6))
    def prop(text, anchor, tense, offset):
        nonlocal count
        count += 1
        found = resolver_time(anchor).find(text, offset=offset, tense=tense)
        for t in found:
            assert offset <= t.start <= t.end <= offset + len(text), t
            assert isinstance(t.text, str)
            assert contract.check_date(t.date, "date") == [], t
            assert contract.check_date(t.date_end, "date_end") == [], t
            assert t.precision in ("day", "month", "year", None), t
            if t.date and t.date_end and len(t.date) == len(t.date_end) == 10:
                assert t.date <= t.date_end, t

    prop()
    figures.fuzz["TimeResolver.find"] += count


# --- places ----------------------------------------------------------------------------------------

def test_place_resolver_never_raises_and_gives_valid_places(places, contract, figures) -> None:
    count = 0

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(text=texts, ctx=st.lists(st.sampled_from(["UKR", "RUS", "USA", "", "xx", "???", "Ω"]), max_size=3),
           label=st.sampled_from([None, "GPE", "LOC", "FAC", "PERSON", "junk"]))
    def prop(text, ctx, label):
        nonlocal count
        count += 1
        place = places.resolve(text, ctx, label)
        if place is not None:
            assert contract.check_place(to_json(place), "place") == [], place
        for start, end, p in places.find(text, ctx):
            assert 0 <= start < end <= len(text)
            assert contract.check_place(to_json(p), "place") == [], p
        places.dateline(text)

    prop()
    figures.fuzz["PlaceResolver.resolve/find"] += count


# --- the whole extractor (slow: the spaCy parse) ------------------------------------------------

def test_extractor_never_raises_and_returns_contract_valid_events(extractor, contract, figures) -> None:
    count, refused, events = 0, 0, 0

    news_words = st.sampled_from(NEWS[:4]) | words
    news_texts = st.lists(news_words, min_size=1, max_size=8).map(lambda ws: " ".join(ws)) | texts

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(text=news_texts, title=st.one_of(st.none(), st.sampled_from(ADVERSARIAL), st.text(max_size=80)),
           published=st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))))
    def prop(text, title, published):
        nonlocal count, refused, events
        count += 1
        try:
            found = extractor.extract(text, title=title, published=published)
        except InputError as err:  # validation: empty, not English, ...
            assert err.reason in ("empty", "language", "invalid", "too_large"), err
            refused += 1
            return
        from tacitus.ingest import article_from_text

        art = article_from_text(text, title=title, published=published)
        for ev in found:
            events += 1
            rec = to_json(ev)
            assert contract.problems(rec, art.text, art.title) == [], (rec, contract.problems(rec, art.text, art.title))

    prop()
    figures.fuzz["Extractor.extract"] += count
    figures.note(f"extractor fuzz: {count} examples, {refused} refused by validation, {events} events checked")




@pytest.mark.parametrize("n", range(len(NEWS)))
def test_extractor_on_adversarial_news_is_contract_valid(n, extractor, contract, figures) -> None:
    text = NEWS[n]
    from tacitus.ingest import article_from_text

    art = article_from_text(text, title="Adversarial " + str(n), published=ANCHOR)
    found = extractor.extract(text, title=art.title, published=ANCHOR)
    figures.fuzz["Extractor.extract (adversarial news)"] += 1
    for ev in found:
        assert contract.problems(to_json(ev), art.text, art.title) == []


WATCHDOG = """
import faulthandler, sys, time
faulthandler.dump_traceback_later(float(sys.argv[1]), exit=True)
from tacitus.ingest import read_articles
from tacitus.pipeline import Extractor
ex = Extractor()
n = 0
for res in ex.pipe(a for a in read_articles(sys.argv[2:]) if not hasattr(a, "reason")):
    n += 1
print("articles", n)
"""


def test_extractor_terminates_on_the_sample_corpora(figures) -> None:
    """A hang is worse than a crash: a night's ingest stops with no error. Every article of
    the sample corpora must be coded within the watchdog's time (a stack dump otherwise)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    corpora = [str(root / "samples" / "articles.jsonl"), str(root / "samples" / "duplicates.jsonl")]
    run = subprocess.run([sys.executable, "-c", WATCHDOG, "90", *corpora], capture_output=True, text=True,
                         timeout=150)
    assert run.returncode == 0 and "articles" in run.stdout, run.stderr[-3000:]
    figures.fuzz["Extractor (sample corpora, watchdog)"] += int(run.stdout.split()[-1])
