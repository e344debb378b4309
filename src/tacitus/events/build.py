"""From candidates to contract records for one article: resolve actors (with
coreference), attach each event's own date and place, attribution, evidence, and merge
restatements (title and body, repeated sentences) into one event."""
from __future__ import annotations

import bisect
import hashlib
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span

from tacitus.actors.mentions import SalienceCoref, mention_span
from tacitus.attribution import REPORTING_VERBS, reporting_frames
from tacitus.events import clauses
from tacitus.events.coder import Candidate, EventCoder
from tacitus.events.merge import merge_restatements
from tacitus.events.parties import PartiesMixin, is_generic, reciprocal, reversed_event
from tacitus.events.reports import ReportsMixin, headline_sources, quote_of, speech_act
from tacitus.events.story import StoryMixin, ents_by_sentence
from tacitus.events.vocab import (
    DATE_SOURCES,
    DOMESTIC_TARGET_TYPES,
    HOST_TARGET_TYPES,
    RESPONSES,
    STATED_TYPES,
    STRUCK_PLACE_TYPES,
)
from tacitus.events.when import DatingMixin
from tacitus.events.where import PlacingMixin
from tacitus.records import Actor, Article, Event, Evidence, Place
from tacitus.reference import QUAD_CLASS
from tacitus.timex import TimeResolver

_MEDIA_WORDS = {"media", "television", "tv", "news", "broadcaster", "radio"}  # "agency" only as "news agency"


class ArticleCoder:
    """Codes one parsed article. Stateless between articles."""

    def __init__(self, coder: EventCoder, actors, places) -> None:
        self.coder = coder
        self.actors = actors
        self.places = places
        self.state_media: dict[str, object] = {}
        kb = getattr(actors, "kb", None)
        for org in (kb.orgs.values() if kb is not None else ()):
            if org.sector == "JRN" and org.country and org.country not in self.state_media:
                self.state_media[org.country] = org

    def reporter(self, reporter: Actor, about: Actor, on) -> Actor:
        """'state media', 'the official North Korean agency': a generic press reporter
        becomes the state news agency of its country (or of the actor reported on)."""
        words = set(reporter.text.lower().split())
        press_agency = "agency" in words and bool(words & {"official", "state", "press"})  # not "a disaster relief agency"
        if reporter.kb_id or not (reporter.sector == "JRN" or _MEDIA_WORDS & words or press_agency):
            return reporter
        if reporter.sector != "JRN" and not reporter.country:
            return reporter
        country = reporter.country or about.country
        org = self.state_media.get(country or "")
        if org is None:
            return reporter
        return replace(self.actors.org_actor(org, reporter.text, on), text=reporter.text)

    def __call__(self, article: Article, parts: list[tuple[int, Doc]]) -> list[Event]:
        return _ArticleRun(self, article).run(parts)


class _ArticleRun(StoryMixin, DatingMixin, PlacingMixin, PartiesMixin, ReportsMixin):
    """One article's coding: the sentence loop and the making of each event; the
    mixins read the story, the dates, the places, the parties and the reports."""

    def __init__(self, owner: ArticleCoder, article: Article) -> None:
        self.o = owner
        self.article = article
        self.time = TimeResolver.for_article(article.text, article.published)
        self.on = self.time.anchor
        self.ctx = owner.actors.article(on=self.on) if hasattr(owner.actors, "article") else owner.actors
        self.coref = SalienceCoref()
        self.dateline = owner.places.dateline(article.text)
        self.place_counts: Counter[tuple] = Counter()
        self.place_seen: dict[tuple, Place] = {}
        self.last_date: tuple[str | None, str | None, str | None] | None = None
        self.last_paragraph = -1
        self.countries: Counter[str] = Counter()
        self.report: tuple[Actor, str | None] | None = None
        # The story's date: the first date attached to an action (not to a say-verb) in
        # the body. News writing dates the main event once, in the lead; later sentences
        # about it carry no date of their own.
        self.story_date: tuple[str | None, str | None, str | None] | None = None
        self.story_place: Place | None = None  # likewise the place where the lead's action happened
        self._places_cache: dict[tuple, list] = {}
        self._paragraph: dict[str, int] = {}  # event id -> paragraph of the body (-1: title)
        self._lemma: dict[str, str] = {}  # event id -> lemma of its trigger
        self._in_title = False

    # -- main loop -------------------------------------------------------
    def run(self, parts: list[tuple[int, Doc]]) -> list[Event]:
        events: list[Event] = []
        self.history = events  # what the article has reported so far, for acts named again
        ordered = sorted(parts, key=lambda p: (p[0] < 0, p[0]))
        self._read_lead(ordered)
        for base, doc in ordered:
            in_title = self._in_title = base < 0
            previous: list[int] = []  # indexes in `events` of the previous sentence's events
            text = doc.text  # Doc.text is rebuilt on every access
            self._ents = ents_by_sentence(doc)
            self._starts = [t.idx for t in doc]
            breaks = [i for i in range(len(text)) if text.startswith("\n\n", i)]
            for sent in doc.sents:
                paragraph = bisect.bisect_left(breaks, sent.start_char) if not in_title else -1
                if paragraph != self.last_paragraph:
                    self.last_date = None
                    self.last_paragraph = paragraph
                    self.report = None
                self._remember_entities(sent)
                frames = reporting_frames(sent)
                if not in_title:  # every date mentioned anchors the relative ones after it
                    self.time.find(sent.text, base + sent.start_char, "past")
                current: list[int] = []
                for cand in self.o.coder.code(sent, frames):
                    ev = self._event(cand, sent, base, in_title)
                    if ev is None:
                        continue
                    self._paragraph[ev.event_id] = paragraph
                    self._lemma[ev.event_id] = cand.trigger.lemma_.lower()
                    current.append(len(events))
                    events.append(ev)
                    if ev.recipient is not None and not cand.entry.symmetric and reciprocal(cand):
                        current.append(len(events))
                        events.append(reversed_event(ev))
                    for partner in self._co_actors(cand, ev):
                        current.append(len(events))
                        events.append(partner)
                    charge = self._allegation(ev)
                    if charge is not None:
                        current.append(len(events))
                        events.append(charge)
                if not in_title:
                    self._continue_report(frames, events, previous, current)
                previous = current
        events = self._lead_sourced(events)
        return headline_sources(merge_restatements([self._story_dated(ev) for ev in events]))


    # -- one event ---------------------------------------------------------
    def _event(self, cand: Candidate, sent: Span, base: int, in_title: bool) -> Event | None:
        entry = cand.entry
        actor = self.first_actor(cand.actors)
        recipient = self.first_actor(cand.recipients, exclude=actor) if actor is not None else None
        if actor is None and entry.pos == "noun" and cand.recipients:
            # "a meeting with Putin" with no one named as meeting: the protagonist
            recipient = self.first_actor(cand.recipients)
            actor = self.coref.protagonist(cand.trigger, exclude=recipient)
        if actor is None and not cand.actors:
            recipient = self.first_actor(cand.recipients)
            actor = self._authorities(recipient)
        if actor is None:
            return None
        actor = self._first_of_coordinated(cand, actor)
        if (recipient is None or is_generic(recipient)) and (entry.symmetric or reciprocal(cand)):
            # "India and Pakistan exchanged fire", "Indian and Pakistani troops exchanged
            # fire": the second party is the recipient
            others = [a for a in self._coordinated(cand) if a.key != actor.key and a.country != actor.country]
            if others:
                recipient = others[0]
        if recipient is None and entry.pos == "verb":
            # "refused to give the ICRC access", "agreed to meet Kim": the complement's party
            comps = [c for c in cand.trigger.children if c.dep_ == "xcomp"]
            comps += [g for c in comps for g in c.children if g.dep_ in ("xcomp", "advcl")]
            for comp in comps:  # "threatened to use force to restore the ousted leader"
                for slot in ("dative", "dobj", "with", "to", "against", "on"):
                    recipient = self.first_actor(tuple(clauses.arg_slot(comp, slot, "verb")), exclude=actor)
                    if recipient is not None:
                        break
                if recipient is not None:
                    break
        if recipient is None:
            obj = clauses.direct_object(cand.trigger) if entry.pos == "verb" else None
            recipient = self.owner_of(cand.recipients or ((obj,) if obj is not None else ()), exclude=actor)
        if recipient is None and entry.pos == "verb":  # "aid for the flood victims in Chad"
            beneficiaries = tuple(clauses.arg_slot(cand.trigger, "for", "verb"))
            recipient = self.owner_of(beneficiaries, exclude=actor) if beneficiaries else None
        if recipient is None:
            # "accepted an invitation from Kim ... and mentioned possible help": shared participants
            recipient = self.conj_recipient(cand.trigger, actor)
        pair = self._pair(cand.actors[0]) if cand.actors and recipient is None else None
        if pair is not None:  # "both sides agreed", "neither side has agreed to a truce"
            recipient = replace(pair[1], text=mention_span(cand.actors[0]).text)
        if recipient is None and entry.symmetric and not entry.requires_recipient:
            recipient = self.coref.counterpart(cand.trigger, actor)
        if recipient is None and entry.pos == "verb":
            recipient = self._author_of_act(cand, actor)
        if recipient is None and entry.pos == "noun":
            recipient = self._target_of_act(cand, actor)
        if recipient is None and entry.cameo.plover_type in RESPONSES:
            recipient = self._demander(actor)
        if recipient is None and entry.requires_recipient:
            return None
        cameo = entry.cameo
        fact = cand.fact
        modality = fact.modality
        if in_title and modality == "actual" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cand.trigger.children) \
                and cand.trigger.dep_ == "ROOT":
            modality = "future"
        cameo = speech_act(cameo, modality, fact.negated, cand)
        ptype = cameo.plover_type or ""
        attributed, cue = None, None
        if cand.frame is not None:
            attributed = self._reporter_actor(cand.frame.source, actor)
            cue = cand.frame.cue
        if ptype in STATED_TYPES and actor.kind == "state":
            # "Lula said Brazil will stand by Chile": the promise is the speaker's
            said = next((a for a in cand.trigger.ancestors if a.lemma_.lower() in REPORTING_VERBS), None)
            speaker = clauses.subject_of(said) if said is not None else None
            voice = self.actor_of(speaker, remember=False) if speaker is not None else None
            if voice is not None and voice.kind == "person" and voice.country == actor.country:
                actor = replace(voice, text=actor.text)
        if ptype in ("ASSAULT", "COERCE") and not cand.recipients and attributed is not None \
                and attributed.sector in ("GOV", "MIL") and attributed.country and actor.country \
                and attributed.country != actor.country and (recipient is None or recipient.country != actor.country) \
                and self._at_odds(actor.country, attributed.country, cand.trigger):
            # "A Thai army spokesman said Cambodian troops had opened fire": on his side
            recipient = attributed
        date, date_end, precision, date_quality = self._date(cand, sent, base, modality, in_title)
        location, local = self._place(cand, sent, actor, recipient, ptype in STRUCK_PLACE_TYPES, in_title)
        if recipient is None and ptype in DOMESTIC_TARGET_TYPES and entry.pos == "verb":
            # "dispersed with tear gas to demonstrators": people named in any of its phrases
            for obj in (g for c in cand.trigger.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"):
                people = self.actor_of(obj, remember=False)
                if people is not None and people.sector in ("CVL", "OPP") and not people.kb_id:
                    recipient = people
                    break
        if recipient is None and location is not None and location.country \
                and ptype in DOMESTIC_TARGET_TYPES:
            # material conflict with no named target: the state where it happens
            recipient = self.state_of(location, protest_target=ptype == "PROTEST")
        elif recipient is None and location is not None and location.country \
                and entry.cameo.plover_type in HOST_TARGET_TYPES and location.country != actor.country:
            # aid delivered, troops withdrawn, with no one named: the state where it happens
            recipient = self.state_of(location)
        actor = self._situate(actor, location if local else None)
        if local and location is not None:
            actor = self._relocate(actor, location)
        if recipient is not None:
            recipient = self._situate(recipient, location if local else None)
        start = (max(base, 0)) + sent.start_char
        quote = quote_of(sent, cand.trigger)
        source_text = self.article.text if base >= 0 else (self.article.title or "")
        sentence = source_text[start:start + len(sent.text)] if base >= 0 else source_text[
            sent.start_char:sent.end_char]
        evidence = Evidence(sentence=sentence or sent.text, start=start if base >= 0 else -1,
                            end=(start + len(sent.text)) if base >= 0 else -1,
                            trigger=cand.trigger_text, quote=quote)
        contexts = tuple(dict.fromkeys(cameo.contexts + entry.contexts_add))
        digest = hashlib.sha1(
            f"{self.article.id}|{base}|{sent.start_char}|{cand.trigger.i}|{cameo.code}".encode()).hexdigest()[:16]
        return Event(
            event_id=f"ev-{digest}", article_id=self.article.id, event_type=ptype, event_mode=cameo.mode,
            contexts=contexts, cameo_code=cameo.code, goldstein=cameo.goldstein, quad_class=QUAD_CLASS[ptype],
            actor=actor, recipient=recipient, evidence=evidence, date=date, date_end=date_end,
            date_precision=precision, location=location, negated=fact.negated, modality=modality,
            attributed_to=attributed, attribution_cue=cue,
            extra={"in_title": in_title, "symmetric": entry.symmetric, "date_source": DATE_SOURCES[date_quality],
                   "location_source": "clause" if local else "story" if location is self.story_place
                   else "dateline" if location is self.dateline else "article"},
        )




