"""The time stage: temporal expressions in news text, resolved to calendar dates.

    >>> from datetime import date
    >>> r = TimeResolver(date(2023, 9, 18))          # a Monday
    >>> [(t.text, t.date) for t in r.find("Kim met Putin on Wednesday.")]
    [('Wednesday', '2023-09-13')]

:class:`TimeResolver` finds expressions with regular expressions compiled at
import, gated by cheap trigger scans (no dateparser in the hot path: matched
strings are parsed from their regex groups), resolves them against the
article's anchor date, and returns :class:`Timex` records with character
offsets.  :func:`infer_anchor` / :meth:`TimeResolver.for_article` pick the
anchor: the publication date, else the dateline ("BEIJING, Jan 20 -") with a
year inferred from the text, else a weekday + day-month mention
("Wednesday (February 27)") in the most recent year that fits.

News conventions (tense is the caller's: "past", "future" or "present"):

* bare weekday: past = most recent such day on or before the anchor (a
  Monday article's "on Monday" is that day); future = next on or after;
  present = nearest.  "last"/"next" are strictly before/after; "this" is the
  day of the anchor's Monday-Sunday week.  When the anchor was only inferred
  from a mention, weekdays go to the nearest such day (at most 3 days away).
* day-month / month without a year: the anchor's year, moved a year back
  only when a past-tense date lies more than 60 days (2 months) after the
  anchor, forward when a future-tense date lies before it; a weekday given
  with the day ("Sunday (January 19)") picks the year whose calendar agrees.
* "overnight" = [anchor - 1, anchor]; "last week" = the previous Monday-Sunday;
  "this week" = Monday..anchor (past) or anchor..Sunday (future); "at the
  weekend" = the last Saturday-Sunday begun; "since X" = [X, anchor].
* anaphoric expressions ("a day earlier", "three days later", "the previous
  evening") count from the last single-day date mentioned before them (in
  the same text, else earlier in the article by offset, else the anchor);
  "N days after <clause>" in a sentence that has its own date dates the
  clause N days BEFORE that date ("said on Wednesday, a day after warplanes
  struck" -> Tuesday).
"""
from tacitus.timex.anchor import infer_anchor
from tacitus.timex.core import Timex, TimeResolver

__all__ = ["Timex", "TimeResolver", "infer_anchor"]
