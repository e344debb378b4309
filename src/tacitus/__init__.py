"""Tacitus: news articles to event data — who did what to whom, when, where, and
according to whom.

    >>> import tacitus
    >>> ex = tacitus.Extractor()
    >>> events = ex.extract(text, title=None, published="2023-09-18")
    >>> [tacitus.to_json(e) for e in events]
"""
from __future__ import annotations

import logging

from tacitus.config import Settings
from tacitus.errors import InputError, TacitusError
from tacitus.records import Actor, Article, Event, Evidence, Place, to_json

__version__ = "0.1.0"
logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str):
    # Heavy modules (spaCy, DuckDB) load only when used.
    if name == "Extractor":
        from tacitus.pipeline import Extractor

        return Extractor
    if name == "open":
        from tacitus.store.api import open_db

        return open_db
    raise AttributeError(name)


__all__ = ["Extractor", "Settings", "Actor", "Article", "Event", "Evidence", "Place", "to_json",
           "InputError", "TacitusError", "__version__"]
