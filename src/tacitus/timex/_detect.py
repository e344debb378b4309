"""Detection: where the temporal expressions of a text are (no calendar yet).

Cheap trigger scans (month, weekday, year/ordinal, relative words) gate the
work: a text with none costs a few microseconds; otherwise each rule's
pattern runs only in windows around the triggers of its category, and the
longest candidate wins overlaps.  Results are cached per text.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from tacitus.timex import _patterns as P

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
            "fifteen": 15, "twenty": 20, "thirty": 30}
_EDGE_MOD = {"early": "start", "beginning": "start", "start": "start", "late": "end", "end": "end",
             "mid": "mid", "middle": "mid"}


@dataclass(frozen=True, slots=True)
class _Cand:
    start: int
    end: int
    kind: str
    rule: str
    g: tuple[tuple[str, str | None], ...]
    lead: str | None  # "since"/"from"/... standing right before (outside the span)
    lead_start: int = -1


def _mnum(s: str) -> int:
    return _MONTHS[s.lower().rstrip(".")[:3]]


def _wnum(s: str) -> int:
    return _WEEKDAYS[s.lower()[:3]]


def _dnum(s: str) -> int:
    return int(s.rstrip("stndrh"))


def _num(s: str) -> int:
    s = s.lower()
    return int(s) if s.isdigit() else _NUMBERS[s]


# (rule, kind, pattern, trigger category, runs on the lower-cased text);
# on equal spans the earlier rule wins.
_RULES: tuple[tuple[str, str, Any, str, bool], ...] = (
    ("dateline", "dateline", P.DATELINE, "M", False),
    ("iso", "explicit", P.ISO, "D", False),
    ("explicit", "explicit", P.EXPLICIT, "M", False),
    ("range_dm", "range", P.RANGE_DM, "M", False),
    ("range_md", "range", P.RANGE_MD, "M", False),
    ("month_year", "explicit", P.MONTH_YEAR, "M", False),
    ("month_rel", "relative", P.MONTH_REL, "M", False),
    ("month_bare", "explicit", P.MONTH_BARE, "M", False),
    ("weekday", "weekday", P.WEEKDAY, "W", False),
    ("ordinal", "explicit", P.ORDINAL, "D", False),
    ("year", "explicit", P.YEAR_P, "D", False),
    ("season", "explicit", P.SEASON, "R", True),
    ("deictic", "relative", P.DEICTIC, "R", True),
    ("period", "relative", P.PERIOD, "R", True),
    ("weekend", "relative", P.WEEKEND, "R", True),
    ("edge", "relative", P.PERIOD_EDGE, "R", True),
    ("numrel", "anaphoric", P.NUMREL, "R", True),
    ("anaphoric", "anaphoric", P.ANAPHORIC, "R", True),
)
_TRIGGERS = (("M", P.TRIG_MONTH, False), ("W", P.TRIG_WEEKDAY, False), ("D", P.TRIG_DIGIT, False),
             ("R", P.TRIG_REL, True))
#: how far an expression may reach left / right of its trigger word
_WIN_LEFT, _WIN_RIGHT = 48, 48
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _lower(text: str) -> str:
    """Lower case with the same length and offsets (``str.lower`` may grow "İ")."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def _windows(spans: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = max(0, s - _WIN_LEFT), min(n, e + _WIN_RIGHT)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _accept(rule: str, g: dict[str, str | None]) -> bool:
    """Filters a regex can't express cheaply: a bare month or year needs a
    preposition or modifier ("in May", not "May"), a season a determiner or year."""
    if rule == "month_bare":
        return bool(g.get("prep") or g.get("mod") or g.get("rel"))
    if rule == "year":
        return bool(g.get("prep") or g.get("mod"))
    if rule == "season":
        return bool(g.get("mod") or g.get("y"))
    return True


@lru_cache(maxsize=8192)
def _detect(text: str) -> tuple[_Cand, ...]:
    """All temporal expressions in ``text``: longest match wins overlaps."""
    low = _lower(text)
    wins: dict[str, list[tuple[int, int]]] = {}
    for cat, rx, on_low in _TRIGGERS:
        spans = [m.span() for m in rx.finditer(low if on_low else text)]
        if spans:
            wins[cat] = _windows(spans, len(text))
    if not wins:
        return ()
    cands: list[tuple[int, _Cand]] = []
    seen: set[tuple[str, int, int]] = set()
    for prio, (rule, kind, rx, cat, on_low) in enumerate(_RULES):
        if cat not in wins:
            continue
        src = low if on_low else text
        spans = wins[cat]
        if rule == "dateline":  # anchored at a line start near the top of the text
            if spans[0][0] > 120:
                continue
            spans = [(0, min(len(text), 200))]
        for ws, we in spans:
            for m in rx.finditer(src, ws, we):
                g = m.groupdict()
                if not _accept(rule, g):
                    continue
                s, e = m.span("t")
                if e <= s or (rule, s, e) in seen:
                    continue
                seen.add((rule, s, e))
                if rule == "explicit" and g.get("sep") and "(" in g["sep"]:
                    j = e
                    while j < len(text) and text[j] in " \t":
                        j += 1
                    if j < len(text) and text[j] == ")":
                        e = j + 1
                cands.append((prio, _Cand(s, e, kind, rule, tuple(g.items()), None)))
    if not cands:
        return ()
    cands.sort(key=lambda pc: (pc[1].start - pc[1].end, pc[0], pc[1].start))
    taken: list[_Cand] = []
    for _, c in cands:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    taken.sort(key=lambda c: c.start)
    out = []
    for c in taken:
        lm = P.LEAD.search(low, max(0, c.start - 24), c.start)
        if lm:
            c = replace(c, lead=" ".join(lm["w"].lower().split()), lead_start=lm.start())
        out.append(c)
    return tuple(out)
