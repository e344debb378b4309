"""The time stage: temporal expressions in news text, resolved to calendar dates.

    >>> from datetime import date
    >>> r = TimeResolver(date(2023, 9, 18))          # a Monday
    >>> [(t.text, t.date) for t in r.find("Kim met Putin on Wednesday.")]
    [('Wednesday', '2023-09-13')]

:class:`TimeResolver` detects expressions with precompiled regular expressions
behind a single prefilter (no dateparser in the hot path), resolves them
against the article's anchor date (publication date, else the dateline, else
a date inferred from the text by :func:`infer_anchor`) following news
conventions, and returns :class:`Timex` records with character offsets.
"""
from tacitus.timex.anchor import infer_anchor
from tacitus.timex.core import Timex, TimeResolver

__all__ = ["Timex", "TimeResolver", "infer_anchor"]
