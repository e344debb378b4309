"""Anchor inference: the date an article's relative expressions count from."""
from __future__ import annotations

from datetime import date

from tacitus.timex import _calendar as cal
from tacitus.timex import _patterns as P
from tacitus.timex._detect import _dnum, _mnum, _wnum

__all__ = ["infer_anchor"]


def infer_anchor(text: str, published: date | None, *, today: date | None = None) -> date | None:
    """The date an article's relative expressions count from.

    ``published`` when given.  Otherwise, in this order:

    1. a dateline ("BEIJING, Jan 20 -"): its day, in the year given by a
       weekday + day-month pair in the text, else by the latest full date
       (day-month-year), else by the latest year mentioned (not after
       ``today``), else the most recent such day not after ``today``;
    2. a weekday + day-month pair ("Wednesday (February 27)",
       "Tuesday, Dec. 3"): the most recent year not after ``today`` in which
       that day falls on that weekday (a year that also appears in a full date
       in the text wins); with several pairs the latest date;
    3. the latest full date in the text;
    4. None.
    """
    return _infer(text, published, today or date.today())[0]


def _infer(text: str, published: date | None, today: date) -> tuple[date | None, str | None]:
    if published is not None:
        return published, "published"
    full: list[date] = []
    pairs: list[tuple[int, int, int]] = []  # month, day, weekday
    for m in P.EXPLICIT.finditer(text):
        mo, d = _mnum(m["m1"] or m["m2"]), _dnum(m["d1"] or m["d2"])
        y = m["y"]
        if y:
            dt = cal.safe_date(int(y), mo, d)
            if dt is not None and dt <= today:
                full.append(dt)
        elif m["wd"]:
            pairs.append((mo, d, _wnum(m["wd"])))
    for m in P.ISO.finditer(text):
        dt = cal.safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if dt is not None and dt <= today:
            full.append(dt)
    full_years = {d.year for d in full}
    pair_dates: list[date] = []
    for mo, d, wd in pairs:
        cands = [dt for y in range(today.year, today.year - 60, -1)
                 if (dt := cal.safe_date(y, mo, d)) and dt <= today and dt.weekday() == wd]
        if cands:
            preferred = [c for c in cands if c.year in full_years]
            pair_dates.append(preferred[0] if preferred else cands[0])
    dl = P.DATELINE.search(text, 0, 600)
    if dl is not None:
        mo, d = _mnum(dl["m1"] or dl["m2"]), _dnum(dl["d1"] or dl["d2"])
        if dl["y"]:
            dt = cal.safe_date(int(dl["y"]), mo, d)
            if dt:
                return dt, "dateline"
        ref: date | None = None
        if pair_dates:
            ref = max(pair_dates)
        elif full:
            ref = max(full)
        floor = 0
        if ref is None:
            years, floors = [], [0]
            for ym in P.ANY_YEAR.finditer(text):
                y = int(ym["y"])
                if y <= today.year:
                    (floors if ym["lb"] else years).append(y)
            floor = max(floors)
            if years and max(years) >= floor:
                ref = cal.safe_date(max(years), mo, d) or date(max(years), mo, 1)
        if ref is not None:
            dt = cal.pick_day_month(mo, d, ref, "present", "mention", None, today)
            if dt is not None:
                return dt, "dateline"
        for y in range(today.year, max(floor, today.year - 8) - 1, -1):
            dt = cal.safe_date(y, mo, d)
            if dt is not None and dt <= today:
                return dt, "dateline-guess"
    if pair_dates:
        return max(pair_dates), "mention"
    if full:
        return max(full), "mention"
    return None, None
