"""Calendar arithmetic for the time stage: picking the year of a day-month,
the occurrence of a weekday, calendar weeks and weekends.

Every function is pure and takes the anchor (the date of writing) explicitly.
``tense`` is "past", "future" or "present"; ``mode`` is "writing" when the
anchor is the date the article was written (publication or dateline) and
"mention" when the anchor was only inferred from a date the article mentions
(then the writing date is unknown but close, so resolution is to the nearest
candidate rather than in the direction of the tense).
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

#: A day-month without a year is put in the anchor's year unless the tense
#: pushes it across a year boundary by more than this slack.  Past-tense
#: verbs often report scheduled events ("said the vote would be held on
#: May 14"), so the past slack is generous; future-tense mentions of dates
#: already gone are rare, so the future slack only absorbs tense errors.
PAST_SLACK = timedelta(days=60)
FUTURE_SLACK = timedelta(days=7)
#: Same idea for a bare month ("in March"), in months.
PAST_MONTH_SLACK = 2

#: Northern-hemisphere meteorological seasons: first month, number of months.
SEASONS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3)}


def safe_date(y: int, m: int, d: int) -> date | None:
    """``date(y, m, d)`` or None when the day does not exist (Feb 30)."""
    if not (1 <= m <= 12 and 1 <= y <= 9999):
        return None
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return date(y, m, d)


def month_last(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _nearest(cands: list[date], anchor: date) -> date:
    return min(cands, key=lambda c: (abs((c - anchor).days), c))


def pick_day_month(m: int, d: int, anchor: date | None, tense: str, mode: str,
                   weekday: int | None, today: date) -> date | None:
    """The year of a day-month written without one.

    With a weekday ("Wednesday (February 27)") the candidate year whose
    calendar agrees wins; without an anchor the most recent such year not
    after ``today``.  Otherwise the anchor's year, moved back (past) or
    forward (future) when the date lies beyond the slack in the wrong
    direction; "present" and mention-anchors take the nearest candidate.
    """
    if anchor is None:
        if weekday is None:
            return None
        for y in range(today.year, today.year - 60, -1):
            dt = safe_date(y, m, d)
            if dt is not None and dt <= today and dt.weekday() == weekday:
                return dt
        return None
    cands = [dt for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (dt := safe_date(y, m, d))]
    if not cands:
        return None
    if weekday is not None:
        agree = [c for c in cands if c.weekday() == weekday]
        if agree:
            return _nearest(agree, anchor)
    if mode == "mention" or tense == "present":
        return _nearest(cands, anchor)
    base = safe_date(anchor.year, m, d)
    if base is None:  # 29 February in a common year
        return _nearest(cands, anchor)
    if tense == "past" and base > anchor + PAST_SLACK:
        return safe_date(anchor.year - 1, m, d)
    if tense == "future" and base < anchor - FUTURE_SLACK:
        return safe_date(anchor.year + 1, m, d)
    return base


def pick_month(m: int, anchor: date, tense: str, mode: str) -> tuple[int, int]:
    """(year, month) of a month named without a year ("in November")."""
    diff = m - anchor.month
    if mode == "mention" or tense == "present":
        if diff > 6:
            return anchor.year - 1, m
        if diff < -6:
            return anchor.year + 1, m
        return anchor.year, m
    if tense == "future":
        return (anchor.year + 1, m) if diff < 0 else (anchor.year, m)
    return (anchor.year - 1, m) if diff > PAST_MONTH_SLACK else (anchor.year, m)


def pick_weekday(wd: int, anchor: date, tense: str, mode: str, how: str | None) -> date:
    """The day a weekday name refers to.

    ``how``: None (bare "on Wednesday"), "last" (strictly before the anchor),
    "next" (strictly after), "this" (the day of the anchor's Monday-to-Sunday
    week; in future tense a day already gone moves to the next week).
    Bare weekdays: past tense = the most recent such day ON OR BEFORE the
    anchor ("state media reported on Monday" in a Monday article is that
    Monday); future = the next such day on or after the anchor; present = the
    nearest such day (at most 3 days away). A mention-anchor (a dated day the
    article names, not its writing date) may be followed by the next day's news
    ("declared on Tuesday (Dec 3) ... lifted early on Wednesday"), so in past tense
    the day after it is allowed, nothing later.
    """
    back = (anchor.weekday() - wd) % 7
    fwd = (wd - anchor.weekday()) % 7
    if how == "last":
        return anchor - timedelta(days=back or 7)
    if how == "next":
        return anchor + timedelta(days=fwd or 7)
    if how == "this":
        d = anchor - timedelta(days=anchor.weekday()) + timedelta(days=wd)
        if tense == "future" and d < anchor:
            d += timedelta(days=7)
        return d
    if mode == "mention" and tense == "past":
        return anchor + timedelta(days=1) if fwd == 1 else anchor - timedelta(days=back)
    if mode == "mention" or tense == "present":
        return anchor - timedelta(days=back) if back <= 3 else anchor + timedelta(days=fwd)
    if tense == "future":
        return anchor + timedelta(days=fwd)
    return anchor - timedelta(days=back)


def pick_day_of_month(d: int, anchor: date, tense: str, mode: str, weekday: int | None = None) -> date | None:
    """"the 18th", "Tuesday 30": a day number in the anchor's month or a
    neighbouring one; the weekday, when given, must agree."""
    cands = []
    for k in (-1, 0, 1):
        y, m = add_months(anchor.year, anchor.month, k)
        dt = safe_date(y, m, d)
        if dt is not None:
            cands.append(dt)
    if weekday is not None:
        agree = [c for c in cands if c.weekday() == weekday]
        if agree:
            return _nearest(agree, anchor)
    if not cands:
        return None
    if mode == "mention" or tense == "present":
        return _nearest(cands, anchor)
    if tense == "future":
        later = [c for c in cands if c >= anchor]
        return min(later) if later else _nearest(cands, anchor)
    earlier = [c for c in cands if c <= anchor]
    return max(earlier) if earlier else _nearest(cands, anchor)


def week_of(d: date) -> tuple[date, date]:
    """Monday and Sunday of the calendar week containing ``d``."""
    mon = d - timedelta(days=d.weekday())
    return mon, mon + timedelta(days=6)


def weekend(anchor: date, tense: str, how: str | None) -> tuple[date, date]:
    """Saturday and Sunday of the weekend meant.

    past / "last": the most recent weekend that has begun (for "last", one
    that is over); future / "next": the first weekend not over ("next":
    the first not begun); present: the nearer of the two.
    """
    sat_back = anchor - timedelta(days=(anchor.weekday() - 5) % 7)  # Saturday on or before
    if how == "last":
        sat = sat_back if sat_back + timedelta(days=1) < anchor else sat_back - timedelta(days=7)
    elif how == "next":
        sat = sat_back + timedelta(days=7)
    elif tense == "future":
        sat = sat_back if sat_back + timedelta(days=1) >= anchor else sat_back + timedelta(days=7)
    elif tense == "present":
        nxt = sat_back + timedelta(days=7)
        sat = sat_back if (anchor - sat_back) <= (nxt - anchor) else nxt
    else:
        sat = sat_back
    return sat, sat + timedelta(days=1)
