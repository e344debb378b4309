"""Compiled regular expressions for temporal expressions (built once, at import).

Month and weekday names are matched case-sensitively (Capitalised or UPPER
CASE), so that "may", "march" or "august" in running text are not read as
months; the function words around them ("in", "last", "since") are matched
with either case of their first letter (``[Ss]ince``), and the patterns of
relative expressions run on an ASCII-lower-cased copy of the text.  Each pattern names the
reported span ``t`` (prepositions such as "in"/"on" stay outside it).
"""
from __future__ import annotations

import re

_MON_FULL_CAP = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
                 r"|December)")
_MON_ABBR_CAP = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_MON_CAP = rf"(?:{_MON_FULL_CAP}|{_MON_ABBR_CAP})"
#: any month name, or an abbreviation with an optional full stop ("Sept.")
MON = (rf"(?:(?:{_MON_FULL_CAP}|{_MON_FULL_CAP.upper()})\b"
       rf"|(?:{_MON_ABBR_CAP}|{_MON_ABBR_CAP.upper()})\b\.?)")
#: full month names only (for months standing alone: "in November")
MONF = rf"(?:{_MON_FULL_CAP}|{_MON_FULL_CAP.upper()})\b"
_WD_CAP = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
WDN = rf"(?:{_WD_CAP}|{_WD_CAP.upper()})\b"
#: day of month 1..31, optional ordinal suffix; not part of a longer number or a clock time
DAY = r"(?<![\d,.:/])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:]|[.,]\d|\w)"
DAYN = r"(?:3[01]|[12]\d|0?[1-9])"
YEAR = r"(?<![\d,.$€£/])(?<!\d-)(?:1[89]\d\d|20\d\d)(?!\d|[.,]\d)"
def _ci(alts: str) -> str:
    """``a|b`` -> ``(?:[Aa]|[Bb])``: first letter in either case.  Much faster in
    Python's engine than ``(?i:...)``, which disables its literal-prefix scans."""
    out = []
    for a in alts.split("|"):
        out.append(f"[{a[0].upper()}{a[0]}]{a[1:]}" if a[:1].isalpha() else a)
    return "(?:" + "|".join(out) + ")"


_YSEP = r"(?:,\s*|\s+)"
_RANGE_SEP = r"(?:-|–|—|(?:to|until|till|through|thru)\b|(?(fr)and\b|(?!)))"
_MODS = _ci(r"early|late|mid-?|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of"
            r"|the\s+start\s+of|start\s+of|the\s+middle\s+of|middle\s+of")
_PREPS = _ci(r"in|on|at|since|until|till|by|during|from|through|throughout|before|after|of|for|to|between"
             r"|as\s+of|the\s+year")


def _c(p: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(p, flags | re.VERBOSE)


# Triggers: cheap scans that every expression needs at least one of.  Literal
# alternations, case-sensitive, compile to a first-character set that the
# regex engine skips through quickly; expressions are then matched only in
# windows around the triggers of their category.
#: month names and abbreviations (category "M")
TRIG_MONTH = re.compile(rf"{_MON_ABBR_CAP}|{_MON_ABBR_CAP.upper()}|May|MAY")
#: weekday names (category "W")
TRIG_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY")
#: years, ISO dates, ordinals (category "D")
TRIG_DIGIT = re.compile(r"(?:1[89]|20)\d\d|\d(?:st|nd|rd|th)\b")
#: words of relative expressions, on the lower-cased text (category "R")
TRIG_REL = re.compile(r"yesterday|today|tomorrow|tonight|overnight|night|week|day|month|year|morning"
                      r"|evening|afternoon|ago\b|spring|summer|autumn|fall\b|winter|hours|minutes")

ISO = _c(r"(?<![\d-])(?P<t>(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01]))(?![\d-])")

#: "September 18", "Sept. 18, 2023", "18 September 2023", "the 28th of July",
#: with an optional weekday before: "Monday (September 18)", "Tuesday, Dec. 3"
EXPLICIT = _c(rf"""\b
(?P<t>
  (?:(?P<wd>{WDN})(?P<sep>,\s*|\s+|\s*\(\s*))?
  (?: (?P<m1>{MON})\s+(?P<d1>{DAY})
    | (?:the\s+)?(?P<d2>{DAY})\s+(?:of\s+)?(?P<m2>{MON})
  )
  (?:{_YSEP}(?P<y>{YEAR})|\s+(?P<ry>{_ci('last|this|next')})\s+year\b)?
)""")

#: "from 25 to 27 July", "25-27 July 2023", "between 2 and 4 May"
RANGE_DM = _c(rf"""\b
(?P<t>(?:(?P<fr>[Ff]rom|[Bb]etween)\s+)?
(?P<d1>{DAY})\s*{_RANGE_SEP}\s*(?P<d2>{DAY})\s+(?:of\s+)?(?P<m>{MON})(?:{_YSEP}(?P<y>{YEAR}))?)""")

#: "July 25-27", "from May 1 to 4, 2023"
RANGE_MD = _c(rf"""\b
(?P<t>(?:(?P<fr>[Ff]rom|[Bb]etween)\s+)?
(?P<m>{MON})\s+(?P<d1>{DAY})\s*{_RANGE_SEP}\s*(?P<d2>{DAY})(?!\s*(?:of\s+)?{MON})(?:{_YSEP}(?P<y>{YEAR}))?)""")

#: "March 2023", "early March 2023", "September of 2022"
MONTH_YEAR = _c(rf"\b(?P<t>(?:(?P<mod>{_MODS})[\s-]*)?(?P<m>{MON})\s+(?:of\s+)?(?P<y>{YEAR}))")

#: "March last year", "November this year"
MONTH_REL = _c(rf"\b(?P<t>(?:(?P<mod>{_MODS})[\s-]*)?(?P<m>{MONF})\s+(?P<rel>{_ci('last|this|next')})\s+year)\b")

#: "in November", "since early March", "at the end of July", "last March"
MONTH_BARE = _c(rf"""\b
(?:(?P<prep>{_PREPS})\s+)?
(?P<t>(?:(?P<mod>{_MODS})[\s-]*)?(?:(?P<rel>{_ci('last|next|this|coming|past')})\s+)?(?P<m>{MONF}))
(?!\s*(?:of\s+)?\d)""")

_WD_MODS = _ci(r"last|next|this|past|coming|previous|following|the\s+past|the\s+previous"
               r"|the\s+coming|the\s+next|the\s+following")
#: "Monday", "last Friday", "this Tuesday 30", "Tuesday evening"
WEEKDAY = _c(rf"""\b
(?P<t>(?:(?P<mod>{_WD_MODS})\s+)?
  (?P<wd>{WDN})
  (?:\s+(?P<num>{DAYN})(?=\s*(?:[,;:)]|\.(?!\d)|$)))?
  (?:\s+(?P<part>morning|afternoon|evening|night))?)""")

#: "on the 18th" (a day of the anchor's month)
ORDINAL = _c(rf"""\b
(?P<prep>{_ci('on|since|until|till|by|from|before|after')})\s+
(?P<t>the\s+(?P<d>{DAYN})(?:st|nd|rd|th))
(?=\s*(?:[,;:)]|\.(?!\d)|$|(?:and|when|at|in|as|after|before|with|but)\b))""")

#: "in 2020", "since 2009", "early 2023", "by the end of 2024"
YEAR_P = _c(rf"""\b
(?:(?P<prep>{_PREPS})\s+)?
(?P<t>(?:(?P<mod>{_MODS})[\s-]*)?(?P<y>{YEAR}))
(?!\s*(?:-|–)\s*\d)""")

#: "last autumn", "summer 2022", "the winter of 2021" (on the lower-cased text)
SEASON = _c(rf"""\b
(?P<t>(?:(?P<mod>last|this|next|past|coming|early|late|mid-?)[\s-]+)?(?:the\s+)?
  (?P<s>spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?(?P<y>{YEAR}))?)""")

#: yesterday, today, tomorrow, overnight, last night, this morning ...
DEICTIC = _c(r"""\b(?P<t>(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today
  |tomorrow|tonight|overnight|last\s+night|this\s+(?:morning|afternoon|evening)
  |(?:earlier|later)\s+today))\b""")

#: last week, this month, earlier this year, the following week, that day's week ...
PERIOD = _c(r"""\b(?P<t>(?:(?P<q>earlier|later|early|late)\s+)?
  (?P<det>last|next|this|past|coming|the\s+past|the\s+last|the\s+previous|the\s+following|the\s+coming
  |the\s+next|the\s+same|that)\s+(?P<u>week|month|year|weekend))\b""")

#: "at the weekend", "over the weekend"
WEEKEND = _c(r"\b(?:at|over|during|on|for)\s+(?P<t>the\s+weekend)\b")

#: "the end of the year", "the start of next month"
PERIOD_EDGE = _c(r"""\b(?P<t>(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+
  (?P<det>the|this|next|last|that)\s+(?P<u>week|month|year))\b""")

_NUM = (r"a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
        r"|fifteen|twenty|thirty|\d{1,3}")
#: "two days earlier", "a day after", "three years ago", "a week later"
NUMREL = _c(rf"""\b(?P<t>(?P<n>{_NUM})\s+(?P<u>day|week|month|year)s?\s+
  (?P<dir>ago|earlier|later|before|after|previously|on|afterwards|prior))\b""")

#: "the next day", "the previous evening", "that day", "the day before", "hours later"
ANAPHORIC = _c(r"""\b(?P<t>(?:the\s+)?(?P<w>next|following|previous|preceding|same)\s+
  (?P<u>day|morning|afternoon|evening|night)
  |(?P<w2>that\s+day|the\s+day\s+before|the\s+day\s+after|later\s+that\s+day|earlier\s+that\s+day
  |(?:(?:a\s+few|several|two|three|four|\d{1,2})\s+)?(?:hours|minutes)\s+(?:later|earlier)))\b""",
                )

#: "BEIJING, Jan 20 -", "ARLINGTON, Virginia, May 4 -", "CARACAS, 2 Aug (Reuters) -"
DATELINE = _c(rf"""^[ \t]*
(?:[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+)*
   (?:,[ \t]*[A-Z][A-Za-z'’.\-]+(?:[ ][A-Z][A-Za-z'’.\-]+)*){{0,2}},[ \t]*)?
(?P<t>(?:(?P<m1>{MON})[ \t]+(?P<d1>{DAY})|(?P<d2>{DAY})[ \t]+(?P<m2>{MON}))(?:,?[ \t]*(?P<y>{YEAR}))?)
[ \t]*(?:\([^)\n]{{1,40}}\)[ \t]*)?(?:--|-|–|—)""", re.MULTILINE)

#: any year, for anchor inference; ``lb`` marks a lower bound ("since 2009")
ANY_YEAR = re.compile(rf"(?P<lb>{_ci('since|after|from|following|until|till|by|before')}\s+)?(?P<y>{YEAR})")

#: what may stand before an expression and change its meaning
LEAD = re.compile(r"(?P<w>ever\s+since|since|from|between|until|till|by|before|after|through)\s+(?:early\s+|late\s+)?$")
#: what may stand between the two ends of a range
RANGE_GAP = re.compile(r"\s*(?:(?P<w>-|–|—|to|until|till|through|thru|and))\s*$", re.IGNORECASE)
#: after "N days after": no complement follows (the phrase ends the clause)
NO_COMPLEMENT = re.compile(r"\s*(?:[,.;:)\"”’]|$)")
