"""Resolution: temporal expressions to calendar dates (see the package docstring)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Callable, Iterable

from tacitus.timex import _calendar as cal
from tacitus.timex import _patterns as P
from tacitus.timex._detect import _EDGE_MOD, _Cand, _detect, _dnum, _mnum, _num, _wnum
from tacitus.timex.anchor import _infer

__all__ = ["Timex", "TimeResolver"]

_TENSES = ("past", "future", "present")


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression found in a text, resolved to the calendar.

    ``date``/``date_end`` follow the event record: ``YYYY-MM-DD``, ``YYYY-MM``
    or ``YYYY`` at ``precision`` "day"/"month"/"year"; ``date_end`` is the
    inclusive last day of a range ("from 25 to 27 July", "overnight",
    "last week") and None otherwise.  ``date`` is None when the expression
    was recognised but cannot be resolved (no anchor).  ``kind`` says how it
    was read: "explicit" (a calendar date in the text), "weekday",
    "relative" (to the anchor: "yesterday", "last month"), "anaphoric"
    (to the last date mentioned before: "a day earlier", "the previous
    evening"), "range" (two dates joined), "dateline" (the "BEIJING, Jan 20 -"
    date of writing, not an event date).  ``mod`` qualifies the date:
    "since", "until", "by", "before", "after", "from", "start", "mid", "end".
    """

    start: int
    end: int
    text: str
    date: str | None
    date_end: str | None
    precision: str | None
    kind: str
    mod: str | None = None


# A resolved value: first day, last day (None for a single day/month/year), precision.
_Val = tuple[date, date | None, str]


def _fmt(d: date, precision: str) -> str:
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def _edge(mod: str | None) -> str | None:
    if not mod:
        return None
    w = mod.lower().replace("the", "").strip(" -").split()[0].rstrip("-")
    return _EDGE_MOD.get(w)



class TimeResolver:
    """Finds and resolves temporal expressions against an article's anchor date.

    ``anchor`` is the date of writing (publication date or dateline), or a
    date the article mentions when neither is known (``anchor_kind``
    "mention"; relative weekdays then go to the nearest such day).
    The resolver remembers the single-day dates it resolved, by article
    offset, so that "a day earlier" / "three days later" / "the previous
    evening" count from the last date mentioned before them (pass article
    offsets to ``find``; with ``offset=0`` every time they count from the
    anchor or from a date earlier in the same text).
    """

    __slots__ = ("anchor", "anchor_kind", "today", "_mode", "_mentions", "_keys")

    def __init__(self, anchor: date | None, *, anchor_kind: str | None = None,
                 today: date | None = None) -> None:
        self.anchor = anchor
        self.anchor_kind = anchor_kind if anchor_kind is not None else ("published" if anchor else None)
        self.today = today or date.today()
        self._mode = "mention" if self.anchor_kind == "mention" else "writing"
        self._mentions: dict[int, date] = {}
        self._keys: list[int] = []

    @classmethod
    def for_article(cls, text: str, published: date | None, *, today: date | None = None) -> "TimeResolver":
        """A resolver anchored with :func:`infer_anchor`."""
        anchor, kind = _infer(text, published, today or date.today())
        return cls(anchor, anchor_kind=kind, today=today)

    def reset(self) -> None:
        """Forget the dates mentioned so far (start of a new article)."""
        self._mentions.clear()
        self._keys.clear()

    def ref_at(self, pos: int) -> date | None:
        """The last single-day date mentioned before article offset ``pos``, else the anchor."""
        i = bisect.bisect_right(self._keys, pos)
        return self._mentions[self._keys[i - 1]] if i else self.anchor

    def find(self, text: str, offset: int = 0, tense: str = "past", *,
             ref: date | None = None, remember: bool = True) -> list[Timex]:
        """All temporal expressions in ``text``, resolved.

        ``offset`` is added to the returned start/end; ``tense`` ("past",
        "future", "present") steers bare weekdays, months and day-months;
        ``ref`` overrides the reference date of anaphoric expressions;
        ``remember=False`` leaves the resolver's memory of mentions untouched.
        """
        cands = _detect(text)
        if not cands:
            return []
        if tense not in _TENSES:
            tense = "past"
        base_ref = ref if ref is not None else self.ref_at(offset)
        # dates that anchor "N days after <clause>": absolute single days in this text
        absolute: list[tuple[int, date]] = []
        vals: list[_Val | None] = []
        for c in cands:
            v = None
            if c.kind not in ("anaphoric",):
                v = self._resolve(c, text, tense, base_ref, None)
                if v is not None and v[1] is None and v[2] == "day" and c.kind != "dateline":
                    absolute.append((c.start, v[0]))
            vals.append(v)
        local_ref = base_ref
        out: list[Timex] = []
        for c, v in zip(cands, vals):
            if c.kind == "anaphoric":
                v = self._resolve(c, text, tense, local_ref, absolute)
            if v is not None and v[1] is None and v[2] == "day" and c.kind != "dateline":
                local_ref = v[0]
            out.append(self._timex(c, v, text, offset, tense))
        out = self._merge_ranges(out, cands, text, offset, tense)
        if remember and self.anchor is not None:
            for t in out:
                if t.precision == "day" and t.date_end is None and t.kind != "dateline" and t.date:
                    self._remember(t.end, date.fromisoformat(t.date))
        return out

    # ------------------------------------------------------------------ helpers

    def _remember(self, pos: int, d: date) -> None:
        if pos not in self._mentions:
            bisect.insort(self._keys, pos)
        self._mentions[pos] = d

    def _timex(self, c: _Cand, v: _Val | None, text: str, offset: int, tense: str) -> Timex:
        g = dict(c.g)
        mod = _edge(g.get("mod")) if c.rule not in ("weekday", "season") else None
        if c.rule == "edge":
            mod = _EDGE_MOD.get((g.get("edge") or "").lower())
        start, end = c.start, c.end
        d = de = prec = None
        if v is not None:
            lo, hi, prec = v
            d = _fmt(lo, prec)
            if hi is not None:
                de = hi.isoformat()
        lead = c.lead
        if lead:
            lw = lead.split()[-1]
            if lw == "since" or (mod is None and lw in ("until", "till", "by", "before", "after", "from",
                                                          "through")):
                mod = {"till": "until", "through": "until"}.get(lw, lw)
            if lw == "since":
                start = c.lead_start
                if (v is not None and prec == "day" and de is None and self.anchor is not None
                        and tense != "future" and v[0] < self.anchor):
                    de = self.anchor.isoformat()
        return Timex(start + offset, end + offset, text[start:end], d, de, prec, c.kind, mod)

    def _merge_ranges(self, out: list[Timex], cands: Iterable[_Cand], text: str, offset: int,
                      tense: str) -> list[Timex]:
        """Joins "from X to Y", "between X and Y", "X to Y" into one range.

        Weekday ranges resolved out of order ("from Friday to Monday", or
        "from Monday to Thursday" in a Monday article) are put in order by
        moving the start a week back (past) or the end a week on (future)."""
        if len(out) < 2:
            return out
        cl = list(cands)
        merged: list[Timex] = [out[0]]
        i_lead = [cl[0]]
        for t, cand in zip(out[1:], cl[1:]):
            a = merged[-1]
            gap = P.RANGE_GAP.match(text, a.end - offset, t.start - offset)
            ok = (gap is not None and a.kind not in ("dateline", "anaphoric") and t.kind == a.kind
                  and (gap["w"].lower() != "and" or (i_lead[-1].lead or "").endswith("between"))
                  and a.date is not None and t.date is not None and a.precision == t.precision)
            if (not ok and gap is not None and a.kind == t.kind == "weekday" and a.date and t.date
                    and a.mod is None and t.mod is None and a.date > t.date):
                # "on Monday and Tuesday": coordinated weekdays run forward in time
                if tense == "future":
                    t = replace(t, date=(date.fromisoformat(t.date) + timedelta(days=7)).isoformat())
                else:
                    merged[-1] = replace(a, date=(date.fromisoformat(a.date) - timedelta(days=7)).isoformat())
            if ok:
                end_day = _last_day(t)
                start_date = a.date
                if a.kind == "weekday" and end_day < date.fromisoformat(a.date):
                    if tense == "future":
                        end_day += timedelta(days=7)
                    else:
                        start_date = (date.fromisoformat(a.date) - timedelta(days=7)).isoformat()
                s = a.start
                if i_lead[-1].lead in ("from", "between"):
                    s = i_lead[-1].lead_start + offset
                merged[-1] = Timex(s, t.end, text[s - offset:t.end - offset], start_date, end_day.isoformat(),
                                   a.precision, "range", a.mod if a.mod != "from" else None)
                continue
            merged.append(t)
            i_lead.append(cand)
        return merged

    def _resolve(self, c: _Cand, text: str, tense: str, ref: date | None,
                 absolute: list[tuple[int, date]] | None) -> _Val | None:
        g = dict(c.g)
        fn: Callable[..., _Val | None] = getattr(self, "_r_" + c.rule)
        try:
            return fn(g, tense, ref, c, text, absolute)
        except (ValueError, OverflowError):  # "2024-02-30", year 0 or past 9999: no calendar date
            return None

    # Each _r_<rule> returns (first day, last day or None, precision) or None.

    def _r_iso(self, g, tense, ref, c, text, absolute):
        return date(int(g["y"]), int(g["m"]), int(g["d"])), None, "day"

    def _r_explicit(self, g, tense, ref, c, text, absolute):
        m = _mnum(g["m1"] or g["m2"])
        d = _dnum(g["d1"] or g["d2"])
        y = g["y"]
        if y:
            dt = cal.safe_date(int(y), m, d)
        elif g["ry"]:
            if self.anchor is None:
                return None
            k = {"last": -1, "this": 0, "next": 1}[g["ry"].lower()]
            dt = cal.safe_date(self.anchor.year + k, m, d)
        else:
            wd = _wnum(g["wd"]) if g.get("wd") else None
            dt = cal.pick_day_month(m, d, self.anchor, tense, self._mode, wd, self.today)
        return (dt, None, "day") if dt else None

    def _r_dateline(self, g, tense, ref, c, text, absolute):
        m = _mnum(g["m1"] or g["m2"])
        d = _dnum(g["d1"] or g["d2"])
        if g.get("y"):
            dt = cal.safe_date(int(g["y"]), m, d)
        else:
            dt = cal.pick_day_month(m, d, self.anchor, "present", self._mode, None, self.today)
        return (dt, None, "day") if dt else None

    def _day_range(self, g, tense) -> _Val | None:
        m = _mnum(g["m"])
        d1, d2 = _dnum(g["d1"]), _dnum(g["d2"])
        if d2 < d1:
            return None
        if g.get("y"):
            lo, hi = cal.safe_date(int(g["y"]), m, d1), cal.safe_date(int(g["y"]), m, d2)
        else:
            lo = cal.pick_day_month(m, d1, self.anchor, tense, self._mode, None, self.today)
            hi = cal.safe_date(lo.year, m, d2) if lo else None
        if lo is None or hi is None:
            return None
        return lo, (hi if hi != lo else None), "day"

    def _r_range_dm(self, g, tense, ref, c, text, absolute):
        return self._day_range(g, tense)

    _r_range_md = _r_range_dm

    def _r_month_year(self, g, tense, ref, c, text, absolute):
        return date(int(g["y"]), _mnum(g["m"]), 1), None, "month"

    def _r_month_rel(self, g, tense, ref, c, text, absolute):
        if self.anchor is None:
            return None
        k = {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
        return date(self.anchor.year + k, _mnum(g["m"]), 1), None, "month"

    def _r_month_bare(self, g, tense, ref, c, text, absolute):
        if self.anchor is None:
            return None
        m = _mnum(g["m"])
        rel = (g.get("rel") or "").lower()
        a = self.anchor
        if rel in ("last", "past"):
            y = a.year if m < a.month else a.year - 1
        elif rel in ("next", "coming"):
            y = a.year if m > a.month else a.year + 1
        elif rel == "this":
            y = a.year
        else:
            y, m = cal.pick_month(m, a, tense, self._mode)
        return date(y, m, 1), None, "month"

    def _r_weekday(self, g, tense, ref, c, text, absolute):
        wd = _wnum(g["wd"])
        how = (g.get("mod") or "").lower().split()
        how_w = how[-1] if how else None
        base = self.anchor
        if how_w in ("previous", "following") and how and how[0] == "the":
            base = ref  # "the following Monday": relative to the last date mentioned
        if base is None:
            return None
        if g.get("num"):
            dt = cal.pick_day_of_month(int(g["num"]), base, tense, self._mode, wd)
            return (dt, None, "day") if dt else None
        kind = {"last": "last", "past": "last", "previous": "last", "next": "next", "coming": "next",
                "following": "next", "this": "this"}.get(how_w) if how_w else None
        return cal.pick_weekday(wd, base, tense, self._mode, kind), None, "day"

    def _r_ordinal(self, g, tense, ref, c, text, absolute):
        if self.anchor is None:
            return None
        dt = cal.pick_day_of_month(int(g["d"]), self.anchor, tense, self._mode)
        return (dt, None, "day") if dt else None

    def _r_year(self, g, tense, ref, c, text, absolute):
        return date(int(g["y"]), 1, 1), None, "year"

    def _r_season(self, g, tense, ref, c, text, absolute):
        first, n = cal.SEASONS[g["s"].lower()]
        mod = (g.get("mod") or "").lower()
        if g.get("y"):
            y = int(g["y"])
        else:
            a = self.anchor
            if a is None:
                return None
            # the season "this" year: the one containing or following January..December of a.year;
            # winter belongs to the year it starts in (December)
            cur_y = a.year - 1 if (first == 12 and a.month <= 2) else a.year
            start = date(cur_y, first, 1)
            if mod in ("last", "past"):
                # the latest season already over ("last autumn" in December is this year's)
                y = cur_y if (a.year, a.month) >= cal.add_months(cur_y, first, n) else cur_y - 1
            elif mod in ("next", "coming"):
                y = cur_y if start > a else cur_y + 1
            else:  # "this", "early", "late": this year's
                y = cur_y
        ly, lm = cal.add_months(y, first, n - 1)
        return date(y, first, 1), cal.month_last(ly, lm), "month"

    def _r_deictic(self, g, tense, ref, c, text, absolute):
        a = self.anchor
        if a is None:
            return None
        w = " ".join(g["w"].lower().split())
        one = timedelta(days=1)
        if w == "overnight":
            return (a, a + one, "day") if tense == "future" else (a - one, a, "day")
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
                 "the day after tomorrow": 2}.get(w, 0)
        return a + timedelta(days=shift), None, "day"

    def _period(self, det: str, u: str, q: str | None, tense: str, ref: date | None) -> _Val | None:
        a = self.anchor
        det = " ".join(det.lower().split())
        base = ref if det in ("the previous", "the following", "the same", "that") else a
        if base is None:
            return None
        step = {"last": -1, "the previous": -1, "next": 1, "coming": 1, "the following": 1}.get(det, 0)
        rolling = det in ("past", "the past", "the last", "the coming", "the next")
        if u == "weekend":
            how = "last" if step < 0 else "next" if step > 0 else None
            sat, sun = cal.weekend(base, "future" if det in ("the coming", "the next") else tense, how)
            return sat, sun, "day"
        if rolling:
            span = {"week": 7, "month": 30, "year": 365}[u]
            if det in ("the coming", "the next"):
                return base, base + timedelta(days=span), "day"
            return base - timedelta(days=span), base, "day"
        if u == "week":
            mon, sun = cal.week_of(base + timedelta(days=7 * step))
            if step == 0 and det == "this":
                if q == "earlier" or (q is None and tense == "past"):
                    return mon, (base if base != mon else None), "day"
                if q == "later" or (q is None and tense == "future"):
                    return base, (sun if base != sun else None), "day"
            return mon, sun, "day"
        if u == "month":
            y, m = cal.add_months(base.year, base.month, step)
            return date(y, m, 1), None, "month"
        return date(base.year + step, 1, 1), None, "year"

    def _r_period(self, g, tense, ref, c, text, absolute):
        q = (g.get("q") or "").lower() or None
        return self._period(g["det"], g["u"].lower(), q, tense, ref)

    def _r_weekend(self, g, tense, ref, c, text, absolute):
        if self.anchor is None:
            return None
        sat, sun = cal.weekend(self.anchor, tense, None)
        return sat, sun, "day"

    def _r_edge(self, g, tense, ref, c, text, absolute):
        det = g["det"].lower()
        det = {"the": "this"}.get(det, det)
        return self._period(det, g["u"].lower(), None, "present", ref) if self.anchor else None

    def _r_numrel(self, g, tense, ref, c, text, absolute):
        n, u, how = _num(g["n"]), g["u"].lower(), g["dir"].lower()
        if how == "ago":
            base, sign = self.anchor, -1
        elif how in ("earlier", "previously", "prior"):
            base, sign = ref, -1
        elif how in ("later", "on", "afterwards"):
            base, sign = ref, 1
        else:  # "before" / "after"
            sign = 1 if how == "after" else -1
            base = ref
            if not P.NO_COMPLEMENT.match(text, c.end) and absolute:
                # "said on Wednesday, a day after warplanes struck": the clause
                # after "after" is the new information, dated from the absolute
                # date of this sentence, so the direction flips.
                near = min(absolute, key=lambda p: abs(p[0] - c.start))
                base, sign = near[1], -sign
        if base is None:
            return None
        if u == "day":
            return base + timedelta(days=sign * n), None, "day"
        if u == "week":
            return base + timedelta(days=sign * 7 * n), None, "day"
        if u == "month":
            y, m = cal.add_months(base.year, base.month, sign * n)
            return date(y, m, 1), None, "month"
        return date(base.year + sign * n, 1, 1), None, "year"

    def _r_anaphoric(self, g, tense, ref, c, text, absolute):
        if ref is None:
            return None
        if g.get("w"):
            w = g["w"].lower()
            shift = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0}[w]
            return ref + timedelta(days=shift), None, "day"
        w2 = " ".join(g["w2"].lower().split())
        if w2 in ("the day before", "the day after"):
            if not P.NO_COMPLEMENT.match(text, c.end):
                return None  # "the day after the election": date of an unknown event
            return ref + timedelta(days=1 if w2.endswith("after") else -1), None, "day"
        return ref, None, "day"


def _last_day(t: Timex) -> date:
    if t.date_end:
        return date.fromisoformat(t.date_end)
    assert t.date is not None
    if t.precision == "day":
        return date.fromisoformat(t.date)
    if t.precision == "month":
        y, m = map(int, t.date.split("-"))
        return cal.month_last(y, m)
    return date(int(t.date), 12, 31)
