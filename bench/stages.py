"""Per-stage timing of the coding step without touching the library's code: wraps the
functions of each stage with a timer that charges *exclusive* time (a place lookup made
from inside actor resolution counts as place, not actors) and counts calls.

    with StageTimer() as st:
        list(extractor.pipe(articles))
    st.seconds  -> {"actors": ..., "events": ..., "time": ..., "place": ..., "merge": ..., "other": ...}

Stages (function wrapped -> stage):
  actors  _ArticleRun.actor_of, _ArticleRun._remember_entities, ActorResolver._resolve
  events  EventCoder.code (trigger lookup, clauses, factuality, attribution frames)
  time    TimeResolver.for_article, TimeResolver.find, _ArticleRun._date
  place   PlaceResolver.resolve, PlaceResolver.dateline, _ArticleRun._place
  merge   build.merge_restatements
  other   ArticleCoder.__call__ itself (sentence loop, Event records, ids, quotes)
"""
from __future__ import annotations

import functools
import importlib
import time
from collections import Counter
from typing import Any, Callable

# (module, attribute path, stage); a missing target is skipped (the code is moving).
TARGETS: list[tuple[str, str, str]] = [
    ("tacitus.events.build", "ArticleCoder.__call__", "other"),
    ("tacitus.events.build", "_ArticleRun.actor_of", "actors"),
    ("tacitus.events.build", "_ArticleRun._remember_entities", "actors"),
    ("tacitus.actors.resolve", "ActorResolver._resolve", "actors"),
    ("tacitus.events.coder", "EventCoder.code", "events"),
    ("tacitus.timex.core", "TimeResolver.find", "time"),
    ("tacitus.timex.core", "TimeResolver.for_article", "time"),
    ("tacitus.events.build", "_ArticleRun._date", "time"),
    ("tacitus.places.resolve", "PlaceResolver.resolve", "place"),
    ("tacitus.places.resolve", "PlaceResolver.dateline", "place"),
    ("tacitus.events.build", "_ArticleRun._place", "place"),
    ("tacitus.events.build", "merge_restatements", "merge"),
]


class StageTimer:
    """Context manager that instruments the stage functions while active."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()  # by "module:attr"
        self.inclusive: Counter[str] = Counter()  # by "module:attr", outermost calls only
        self._stack: list[list[Any]] = []  # [stage, start of the current exclusive slice]
        self._undo: list[Callable[[], None]] = []

    def _wrap(self, fn: Callable, stage: str, name: str) -> Callable:
        clock, stack, seconds, calls, inclusive = (time.perf_counter, self._stack, self.seconds, self.calls,
                                                   self.inclusive)
        active: list[int] = [0]

        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            now = clock()
            if stack:
                top = stack[-1]
                seconds[top[0]] += now - top[1]
            stack.append([stage, now])
            calls[name] += 1
            active[0] += 1
            try:
                return fn(*args, **kwargs)
            finally:
                end = clock()
                st, t = stack.pop()
                seconds[st] += end - t
                active[0] -= 1
                if active[0] == 0:
                    inclusive[name] += end - now
                if stack:
                    stack[-1][1] = end

        return timed

    def __enter__(self) -> StageTimer:
        for module_name, path, stage in TARGETS:
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue
            owner_name, _, attr = path.rpartition(".")
            owner = getattr(module, owner_name, None) if owner_name else module
            if owner is None or attr not in vars(owner):
                continue
            raw = vars(owner)[attr]
            name = f"{module_name}:{path}"
            if isinstance(raw, classmethod):
                new: Any = classmethod(self._wrap(raw.__func__, stage, name))
            elif isinstance(raw, staticmethod):
                new = staticmethod(self._wrap(raw.__func__, stage, name))
            else:
                new = self._wrap(raw, stage, name)
            setattr(owner, attr, new)
            self._undo.append(functools.partial(setattr, owner, attr, raw))
        return self

    def __exit__(self, *exc: object) -> None:
        for undo in reversed(self._undo):
            undo()
        self._undo.clear()
