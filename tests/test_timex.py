"""Tests for the time stage (tacitus.timex) on project-written sentences."""
from __future__ import annotations

import dataclasses
import time
from datetime import date

import pytest

from tacitus.timex import Timex, TimeResolver, infer_anchor

MON = date(2023, 9, 18)  # a Monday
TODAY = date(2026, 11, 29)  # fixed "today" for year inference


def one(text: str, anchor: date | None = MON, tense: str = "past") -> Timex:
    found = TimeResolver(anchor, today=TODAY).find(text, tense=tense)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------- explicit forms

@pytest.mark.parametrize("text, span, want", [
    ("The deal was signed on Sept. 18 in Vladivostok.", "Sept. 18", "2023-09-18"),
    ("The deal was signed on September 18 in Vladivostok.", "September 18", "2023-09-18"),
    ("The deal was signed on 18 September 2023 in Vladivostok.", "18 September 2023", "2023-09-18"),
    ("The deal was signed on Sep 18, 2023, in Vladivostok.", "Sep 18, 2023", "2023-09-18"),
    ("The deal was signed on 2023-09-18 in Vladivostok.", "2023-09-18", "2023-09-18"),
    ("The deal was signed on the 12th, officials said.", "the 12th", "2023-09-12"),
    ("The agency reported on Monday (September 18) that he left.", "Monday (September 18)", "2023-09-18"),
    ("A plane landed at the base on 14 February with tents.", "14 February", "2023-02-14"),
    ("Troops crossed the border on Aug. 6 near the town.", "Aug. 6", "2023-08-06"),
    ("The opposition lost the vote of the past Sunday 28 of May.", "Sunday 28 of May", "2023-05-28"),
    ("He was arrested on the 14th of February last year.", "the 14th of February last year", "2022-02-14"),
    ("They met on 1 January 2021.", "1 January 2021", "2021-01-01"),
])
def test_explicit_day(text, span, want):
    t = one(text)
    assert (t.text, t.date, t.precision, t.date_end) == (span, want, "day", None)
    assert text[t.start:t.end] == span


@pytest.mark.parametrize("text, span, want, prec, mod", [
    ("The junta seized power in July after a standoff.", "July", "2023-07", "month", None),
    ("He was detained in March last year in Yekaterinburg.", "March last year", "2022-03", "month", None),
    ("The two sides met in March 2021.", "March 2021", "2021-03", "month", None),
    ("Prices rose at the end of July.", "the end of July", "2023-07", "month", "end"),
    ("Russian forces have held the plant since early March.", "since early March", "2023-03", "month", "since"),
    ("The two neighbours fought most recently in 2020.", "2020", "2020", "year", None),
    ("Production fell in mid-2021 and recovered.", "mid-2021", "2021", "year", "mid"),
    ("China has been its main partner since 2009.", "since 2009", "2009", "year", "since"),
])
def test_explicit_coarse(text, span, want, prec, mod):
    t = one(text)
    assert (t.text, t.date, t.precision, t.mod) == (span, want, prec, mod)


# --------------------------------------------------------------- weekdays (anchor Monday 2023-09-18)

@pytest.mark.parametrize("text, tense, want", [
    ("Kim met Putin on Wednesday at the cosmodrome.", "past", "2023-09-13"),
    ("The visit ended on Sunday.", "past", "2023-09-17"),
    ("State media reported on Monday that the trip was a success.", "past", "2023-09-18"),
    ("He will travel to Beijing on Friday.", "future", "2023-09-22"),
    ("The talks will resume on Monday.", "future", "2023-09-18"),
    ("The minister resigned last Friday.", "past", "2023-09-15"),
    ("The minister will resign next Monday.", "future", "2023-09-25"),
    ("Protesters will gather this Saturday.", "future", "2023-09-23"),
    ("The rally this Saturday was called off.", "past", "2023-09-23"),
    ("The call took place on Tuesday evening.", "past", "2023-09-12"),
    ("Thursday's attacks killed four people.", "past", "2023-09-14"),
    ("The talks will be held on Thursday.", "present", "2023-09-21"),
    ("The talks were held on Saturday.", "present", "2023-09-16"),
])
def test_weekday(text, tense, want):
    t = one(text, tense=tense)
    assert t.date == want and t.precision == "day" and t.kind == "weekday"


def test_weekday_with_day_number():
    # "this Tuesday 30": the Tuesday that is the 30th, near the anchor (Fri 2 Aug 2024)
    t = one("Also this Tuesday 30, agents detained the leader.", anchor=date(2024, 8, 2))
    assert t.date == "2024-07-30"


def test_since_last_friday_is_a_range_to_the_anchor():
    t = one("The team has been working there since last Friday.", anchor=date(2023, 2, 16))
    assert (t.text, t.date, t.date_end, t.mod) == ("since last Friday", "2023-02-10", "2023-02-16", "since")


# --------------------------------------------------------------- relative to the anchor

@pytest.mark.parametrize("text, tense, want, end, prec", [
    ("He said yesterday that he would run.", "past", "2023-09-17", None, "day"),
    ("He is speaking today.", "present", "2023-09-18", None, "day"),
    ("He will speak tomorrow.", "future", "2023-09-19", None, "day"),
    ("Troops exchanged fire overnight.", "past", "2023-09-17", "2023-09-18", "day"),
    ("Washington bombed their positions last week.", "past", "2023-09-11", "2023-09-17", "day"),
    ("The council is expected to vote this week.", "future", "2023-09-18", "2023-09-24", "day"),
    ("The United States at the weekend accused Beijing.", "past", "2023-09-16", "2023-09-17", "day"),
    ("They set up a checkpoint last month.", "past", "2023-08", None, "month"),
    ("The next round is expected next month.", "future", "2023-10", None, "month"),
    ("He backed the presidency this year.", "past", "2023", None, "year"),
    ("Talks collapsed earlier this month.", "past", "2023-09", None, "month"),
    ("Blockades will continue next week.", "future", "2023-09-25", "2023-10-01", "day"),
    ("The attacks began three months ago.", "past", "2023-06", None, "month"),
    ("Kyiv's grid was hit last autumn.", "past", "2022-09", "2022-11-30", "month"),
    ("France will leave by the end of the year.", "future", "2023", None, "year"),
])
def test_relative(text, tense, want, end, prec):
    t = one(text, tense=tense)
    assert (t.date, t.date_end, t.precision) == (want, end, prec)


# --------------------------------------------------------------- months and days without a year

@pytest.mark.parametrize("text, anchor, tense, want", [
    ("Xi is expected to travel to Brazil in November.", date(2024, 1, 20), "future", "2024-11"),
    ("Elections were held in November.", date(2024, 1, 20), "past", "2023-11"),
    ("Consultations shall take place in June.", date(2023, 2, 22), "present", "2023-06"),
    ("Talks have been stalled since December.", date(2024, 6, 10), "past", "2023-12"),
    ("The leaders will meet in January.", date(2023, 10, 5), "future", "2024-01"),
])
def test_month_year_choice(text, anchor, tense, want):
    t = one(text, anchor=anchor, tense=tense)
    assert (t.date, t.precision) == (want, "month")


@pytest.mark.parametrize("text, anchor, tense, want", [
    ("The ship was seized on Dec. 28.", date(2024, 1, 3), "past", "2023-12-28"),
    ("The summit will open on Jan. 5.", date(2023, 12, 30), "future", "2024-01-05"),
    ("Michel is due to host the leaders on May 14.", date(2023, 5, 4), "present", "2023-05-14"),
    ("He said the vote would be held on May 14.", date(2023, 5, 4), "past", "2023-05-14"),
    ("The truce would take effect on Sunday (January 19).", date(2025, 1, 16), "future", "2025-01-19"),
])
def test_day_month_year_choice(text, anchor, tense, want):
    assert one(text, anchor=anchor, tense=tense).date == want


# --------------------------------------------------------------- ranges

@pytest.mark.parametrize("text, span, want, end", [
    ("The festival ran from 25 to 27 July.", "from 25 to 27 July", "2023-07-25", "2023-07-27"),
    ("The festival ran 25-27 July 2022.", "25-27 July 2022", "2022-07-25", "2022-07-27"),
    ("The festival ran July 25-27, 2022.", "July 25-27, 2022", "2022-07-25", "2022-07-27"),
    ("The envoys met between May 1 and May 4.", "between May 1 and May 4", "2023-05-01", "2023-05-04"),
    ("The envoys met from 28 July to 2 August.", "from 28 July to 2 August", "2023-07-28", "2023-08-02"),
    ("The envoys met from Monday to Thursday.", "from Monday to Thursday", "2023-09-11", "2023-09-14"),
    ("They had been meeting since Monday (September 11).", "since Monday (September 11)", "2023-09-11",
     "2023-09-18"),
])
def test_ranges(text, span, want, end):
    t = one(text)
    assert (t.text, t.date, t.date_end) == (span, want, end)


def test_and_without_between_is_not_a_range():
    found = TimeResolver(MON).find("Protests on Monday and Tuesday turned violent.")
    assert [t.date for t in found] == ["2023-09-11", "2023-09-12"]
    assert all(t.date_end is None for t in found)


# --------------------------------------------------------------- anaphoric: from the last date mentioned

def test_a_day_earlier_counts_from_previous_sentence():
    text = "Shells fell on Sunday (June 9) on the camp. A day earlier, fighters stormed the hospital."
    r = TimeResolver(date(2024, 6, 10))
    cut = text.index("A day")
    r.find(text[:cut], 0)
    t = r.find(text[cut:], cut)
    assert (t[0].text, t[0].date, t[0].kind) == ("A day earlier", "2024-06-08", "anaphoric")
    # the same call again gives the same answer (memory is by offset, not by call order)
    assert r.find(text[cut:], cut)[0].date == "2024-06-08"


def test_three_days_later():
    r = TimeResolver(date(2023, 10, 11))
    s1 = "Macron announced on Sept. 24 that the ambassador would return. "
    r.find(s1, 0)
    t = r.find("Itte flew out of Niamey three days later.", len(s1))
    assert t[0].date == "2023-09-27"


def test_a_day_after_clause_is_dated_before_the_main_clause():
    t = TimeResolver(date(2019, 2, 27)).find(
        "Officials said on Wednesday (February 27), a day after warplanes struck a camp.")
    assert [(x.text, x.date) for x in t] == [("Wednesday (February 27)", "2019-02-27"),
                                           ("a day after", "2019-02-26")]


def test_the_previous_evening_and_two_days_earlier():
    r = TimeResolver(date(2024, 2, 1))
    r.find("Police fired water cannon at farmers on Thursday.", 0)
    assert r.find("Orban had met the farmers the previous evening.", 60)[0].date == "2024-01-31"
    # chained: two days before the last date mentioned (the previous evening)
    assert r.find("Two days earlier, the talks broke down.", 120)[0].date == "2024-01-29"


def test_without_article_offsets_anaphora_count_from_the_anchor():
    r = TimeResolver(MON)
    r.find("They met on Wednesday.")
    assert r.find("A day later, they signed.")[0].date == "2023-09-19"


# --------------------------------------------------------------- datelines and anchors

def test_dateline_is_reported_as_such():
    found = TimeResolver(date(2024, 1, 20)).find("BEIJING, Jan 20 - China and Brazil signed deals on Friday.")
    assert [(t.text, t.kind, t.date) for t in found] == [("Jan 20", "dateline", "2024-01-20"),
                                                        ("Friday", "weekday", "2024-01-19")]


@pytest.mark.parametrize("text, published, want", [
    ("SRINAGAR - Troops exchanged fire, officials said on Wednesday (February 27).", None, date(2019, 2, 27)),
    ("SEOUL - In an address on Tuesday, Dec. 3, Yoon declared martial law.", None, date(2024, 12, 3)),
    ("BEIJING, Jan 20 - Xi praised the deal. The two sides signed 12 accords in 2024.", None, date(2024, 1, 20)),
    ("ARLINGTON, Virginia, May 4 - Talks ended on Thursday, the ministers' first since 2020 and the 2023 "
     "round.", None, date(2023, 5, 4)),
    ("CARACAS, 2 Aug - Machado called for rallies. Turnout in the July 28, 2024 vote was high.", None,
     date(2024, 8, 2)),
    ("MOSCOW, July 20, 2024 - A court convicted the reporter.", None, date(2024, 7, 20)),
    ("BEIJING, Jan 20 - Anything at all.", date(2024, 1, 21), date(2024, 1, 21)),
    ("The visit ended on Sunday and nothing dates it.", None, None),
])
def test_infer_anchor(text, published, want):
    assert infer_anchor(text, published, today=TODAY) == want


def test_year_from_weekday_prefers_a_year_the_text_confirms():
    text = "On Wednesday (February 27) officials met again, as on 1 March 2013."
    assert infer_anchor(text, None, today=TODAY) == date(2013, 2, 27)


def test_for_article_with_inferred_anchor_resolves_neighbouring_weekdays():
    text = ("SEOUL - Yoon lifted martial law early on Wednesday, about six hours after declaring it.\n\n"
            "In a late-night televised address on Tuesday (December 3), Yoon declared martial law.")
    r = TimeResolver.for_article(text, None, today=TODAY)
    assert r.anchor == date(2024, 12, 3) and r.anchor_kind == "mention"
    wed = r.find(text[:text.index("\n")])
    assert wed[0].date == "2024-12-04"  # after the mentioned Tuesday, not a week before


def test_for_article_uses_published_date():
    r = TimeResolver.for_article("BEIJING, Jan 20 - Talks on Friday.", date(2024, 1, 20))
    assert r.anchor == date(2024, 1, 20) and r.anchor_kind == "published"
    assert r.find("Talks on Friday.")[0].date == "2024-01-19"


def test_no_anchor_still_detects_and_resolves_what_it_can():
    r = TimeResolver(None, today=TODAY)
    found = r.find("On Wednesday (February 27) and on Friday, and on 5 May 2021.")
    assert [(t.text, t.date) for t in found] == [("Wednesday (February 27)", "2019-02-27"),
                                                ("Friday", None), ("5 May 2021", "2021-05-05")]


# --------------------------------------------------------------- offsets, false positives, API

def test_offsets_are_shifted():
    t = TimeResolver(MON).find("He left on Sunday.", offset=100)[0]
    assert (t.start, t.end, t.text) == (111, 117, "Sunday")


@pytest.mark.parametrize("text", [
    "The 190 lawmakers voted at about 4:30 a.m. to lift the decree.",
    "May I ask whether the 2003 ceasefire understanding still holds?",
    "More than 1,200 persons were detained and he was jailed for 16 years.",
    "March organisers said the August body of the Group of 20 would meet.",
    "The plant on the 18th floor of the tower was closed.",
    "Kim Jong-un expressed his sincere thanks to Vladimir Putin on his return trip.",
])
def test_no_false_positives(text):
    assert TimeResolver(MON).find(text) == []


def test_timex_is_frozen_with_slots():
    t = one("He left on Sunday.")
    assert not hasattr(t, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.date = "2020-01-01"  # type: ignore[misc]


def test_find_finds_nothing_in_sentences_without_dates():
    r = TimeResolver(MON)
    base = ("North Korean leader Kim Jong-un expressed his sincere thanks to Russian President Vladimir "
            "Putin on his return trip after a long visit to Russia, and the two men even went so far as "
            "to symbolically offer each other a rifle while officials watched from the side number ")
    sents = [base + str(i) for i in range(500)]  # distinct texts: no cache hits
    for s in sents:
        assert r.find(s) == []
