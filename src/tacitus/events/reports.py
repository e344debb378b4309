"""What is said and who says it: reports that span sentences, their sources, quotations,
and speech acts (a promised hostile act is a threat, promised cooperation an agreement)."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from tacitus.actors.mentions import mention_span
from tacitus.attribution import Frame
from tacitus.events.coder import Candidate
from tacitus.events.vocab import INTENT_CUES, INTENT_OF, POINTING_BACK, PROMISE_CUES, QUOTE_RE, THREAT_OF
from tacitus.records import Actor, Event
from tacitus.reference import cameo_table


class ReportsMixin:
    """Methods of the article coder (`tacitus.events.build`); see the module docstring."""

    def _continue_report(self, frames: list[Frame], events: list[Event], previous: list[int],
                         current: list[int]) -> None:
        """Reports span sentences. A report that points back ("This communicated the
        spokesman", "..., so the spokesman") attributes the previous sentence; a
        sentence with no source of its own continues the paragraph's current report
        ("..., it was stated")."""
        first = frames[0] if frames else None
        if first is not None and first.verb is not None and points_back(first.verb):
            source = self._reporter_actor(first.source, None)
            for i in previous:
                if events[i].attributed_to is None:
                    events[i] = replace(events[i], attributed_to=source, attribution_cue=first.cue)
            self.report = (source, first.cue)
        elif self.report is not None and not frames:
            for i in current:
                if events[i].attributed_to is None:
                    events[i] = replace(events[i], attributed_to=self.report[0], attribution_cue=self.report[1])
        attributed = [events[i] for i in current if events[i].attributed_to is not None]
        if attributed:
            self.report = (attributed[-1].attributed_to, attributed[-1].attribution_cue)
        elif first is not None and self.report is None:
            self.report = (self._reporter_actor(first.source, None), first.cue)

    def _reporter_actor(self, tok: Token, about: Actor | None) -> Actor:
        actor = self.actor_of(tok, remember=False)
        if actor is None:
            src = mention_span(tok)
            actor = Actor(text=src.text, name=src.text, kind="organization")
        if about is not None and hasattr(self.o.actors, "org_actor"):
            actor = self.o.reporter(actor, about, self.on)
        return actor


def points_back(verb: Token) -> bool:
    """A report of the sentence before: its subject or object points back ("This
    communicated the spokesman"), or it opens its sentence with nothing to report
    ("so the spokesman", "he added.")."""
    if any(c.lower_ in POINTING_BACK and c.dep_ in ("nsubj", "dobj", "advmod", "npadvmod", "attr")
           for c in verb.children):
        return True
    reports_nothing = not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children)
    return reports_nothing and verb.dep_ == "ROOT" and verb.i <= verb.sent.start + 2


def speech_act(cameo, modality: str, negated: bool, cand: Candidate):
    """The CAMEO code of what is actually done: a future hostile act that its actor
    announces (or that is promised: "will", "vow", ...) is a threat."""
    if modality != "future" or negated:
        return cameo
    cue = (cand.fact.cue or "").lower()
    own = cand.frame is None or cand.frame.source.i in {t.i for t in cand.actors}
    if cameo.plover_type in THREAT_OF and (own or any(w in cue.split() for w in PROMISE_CUES)):
        return cameo_table()[THREAT_OF[cameo.plover_type]]
    if cameo.plover_type in INTENT_OF and any(w in cue.split() for w in INTENT_CUES):
        return cameo_table()[INTENT_OF[cameo.plover_type]]
    return cameo


def quote_of(sent: Span, trigger: Token) -> str | None:
    rel = trigger.idx - sent.start_char
    first = None
    for m in QUOTE_RE.finditer(sent.text):
        if first is None:
            first = m.group(1)
        if m.start() <= rel <= m.end():
            return m.group(1)
    return first


def headline_sources(events: list[Event]) -> list[Event]:
    """A headline reports what the body reports: a headline event with no source of its
    own takes the source of the body's first event of the same type by the same side that
    has one, else of that side's first sourced event ("Minsk vows response" is what the
    body's report of Tehran's reaction says)."""
    sources: dict[tuple, Event] = {}
    for ev in events:
        if not ev.extra.get("in_title") and ev.attributed_to is not None:
            sources.setdefault((ev.event_type, ev.actor.country or ev.actor.key), ev)
            if ev.attributed_to.key != ev.actor.key:  # a report about the side, not its own words
                sources.setdefault(("*", ev.actor.country or ev.actor.key), ev)
    out = []
    for ev in events:
        src = None
        if ev.extra.get("in_title") and ev.attributed_to is None:  # the same side's act first
            side = ev.actor.country or ev.actor.key
            src = sources.get((ev.event_type, side)) or sources.get(("*", side))
        out.append(ev if src is None else replace(ev, attributed_to=src.attributed_to,
                                                  attribution_cue=src.attribution_cue))
    return out
