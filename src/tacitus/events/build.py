"""From candidates to contract records for one article: resolve actors (with
coreference), attach each event's own date and place, attribution, evidence, and merge
restatements (title and body, repeated sentences) into one event."""
from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from tacitus.actors.mentions import (NON_ACTOR_PRONOUNS, GROUP_PRONOUNS, PERSON_PRONOUNS, SalienceCoref,
                                     apposed_person, entity_start, mention_span, reporting_speaker)
from tacitus.events import clauses
from tacitus.attribution import REPORTING_VERBS, Frame, reporting_frames
from tacitus.events.coder import Candidate, EventCoder
from tacitus.factuality import FUTURE_AUX, HYPO_AUX
from tacitus.places.gazetteer import FACILITY_FEATURES
from tacitus.records import Actor, Article, Event, Evidence, Place
from tacitus.reference import QUAD_CLASS, cameo_table
from tacitus.timex import Timex, TimeResolver

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
# How an event's date was found, best first (kept as `date_source` in the record).
DATE_SOURCES = ("clause", "clause", "sentence", "report", "paragraph", "story", "publication", "none")
LOCAL_WORDS = {"governor", "mayor", "regional", "local", "provincial", "municipal", "city", "district",
               "police", "governor's", "prefect", "council"}
DOMESTIC_TARGET_TYPES = {"PROTEST", "COERCE", "ASSAULT", "MOBILIZE"}
# Nouns that name an earlier act without saying which: its author is the last other actor.
ACT_NOUNS = {"decision", "move", "step", "measure", "measures", "announcement", "action", "actions", "ruling",
             "verdict", "proclamation", "declaration", "decree", "order", "policy", "plan", "proposal"}
RESPONSES = {"REJECT", "CONCEDE", "THREATEN"}  # answers to someone's pressure
OWN_ACT_NOUNS = {"response", "retaliation", "reprisal", "reaction", "revenge", "answer", "countermeasure"}
PRESSURES = {"REQUEST", "THREATEN", "SANCTION", "ACCUSE", "COERCE"}
ANAPHORIC_DETS = {"the", "that", "this", "these", "those"}
STATED_TYPES = {"AGREE", "THREATEN"}  # acts done by saying them, whatever their modality
AREA_NOUNS = {"district", "region", "province", "area", "city", "town", "village", "county", "governorate",
              "oblast", "state", "municipality", "neighbourhood", "neighborhood", "camp", "sector", "zone"}
PARTY_SECTORS = {"PTY", "OPP"}
LEAD_PARAGRAPHS = 2  # the story's date and place are read from this many paragraphs
PAIR_NOUNS = {"side", "party", "minister", "leader", "country", "government", "delegation", "nation",
              "neighbour", "neighbor", "president", "army", "rival", "foe", "adversary"}
PAIR_WORDS = {"both", "two", "neither", "either"}
STATE_NOUNS = {"state", "country", "nation", "kingdom", "republic", "emirate"}
# Nouns for a body of people drawn from a group: "a convoy of soldiers", "agents of the FSB".
MEMBER_NOUNS = {"convoy", "column", "contingent", "unit", "detachment", "team", "delegation", "agent",
                "member", "officer", "squad", "battalion", "group"}
HOST_TARGET_TYPES = {"AID", "RETREAT"}
STRUCK_PLACE_TYPES = {"ASSAULT", "COERCE"}  # a place as the object is where it happened
_MEDIA_WORDS = {"media", "television", "tv", "news", "broadcaster", "radio"}  # "agency" only as "news agency"
PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_PREPS = {"in", "at", "near", "outside", "off", "across", "along", "inside", "into", "around",
               "on", "over", "within", "through", "toward", "towards", "from", "of"}
ORIGIN_PREPS = {"from"}
LOCATIVE_PREPS = {"in", "at", "near", "outside", "off", "inside", "across", "around", "along", "within"}
QUOTE_RE = re.compile(r'"(.+?)"')
LOCAL_SECTORS = {"GOV", "COP", "JUD", "LEG", "CVL", "MED", "EDU", "BUS", "LAB", "REF", "REL", "OPP"}


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
        press_agency = "agency" in words and bool(words & {"official", "state", "press"})  # not "civil defence agency"
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


class _ArticleRun:
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
            self._ents = _ents_by_sentence(doc)
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
                    if ev.recipient is not None and not cand.entry.symmetric and _reciprocal(cand):
                        current.append(len(events))
                        events.append(_reverse(ev))
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
        return _headline_sources(merge_restatements([self._story_dated(ev) for ev in events]))

    def _lead_sourced(self, events: list[Event]) -> list[Event]:
        """Wire copy often names the source of its lead a sentence or a paragraph later
        ("..., has expressed his thanks." / "According to the statement by the
        Directorate of Communications, ..."): lead events with no source of their own
        take the first source the first two paragraphs name."""
        source = next((ev for ev in events if ev.attributed_to is not None and not ev.extra.get("in_title")
                       and self._paragraph.get(ev.event_id, 9) < LEAD_PARAGRAPHS), None)
        if source is None:
            return events
        return [replace(ev, attributed_to=source.attributed_to, attribution_cue=source.attribution_cue)
                if ev.attributed_to is None and self._paragraph.get(ev.event_id, 9) == 0
                and ev.actor.key != source.attributed_to.key else ev for ev in events]

    def _read_lead(self, parts: list[tuple[int, Doc]]) -> None:
        """The story's date and place, from the first two paragraphs of the body."""
        body = next((doc for base, doc in parts if base == 0), None)
        if body is None:
            return
        self._ents = _ents_by_sentence(body)
        self._starts = [t.idx for t in body]
        context = (self.dateline.country,) if self.dateline is not None and self.dateline.country else ()
        text = body.text
        for sent in body.sents:
            if text.count("\n\n", 0, sent.start_char) >= LEAD_PARAGRAPHS:
                break
            if self.story_date is None:
                self._note_story_date(sent, reporting_frames(sent))
            if self.story_place is None:
                self.story_place = self._action_place(sent, context)
            if self.story_date is not None and self.story_place is not None:
                break

    def _note_story_date(self, sent: Span, frames: list[Frame]) -> None:
        """The first date in the lead that dates an action, not the saying of it."""
        said = {f.verb.i for f in frames if f.verb is not None}
        for tx in self.time.find(sent.text, sent.start_char, "past", remember=False):
            if tx.date is None or tx.kind == "dateline" or self.on is not None and tx.date > self.on.isoformat():
                continue
            tok = self._token_at(sent.doc, tx.start)
            head = _attachment(tok) if tok is not None else None
            if head is None or head.i in said or head.lemma_.lower() in REPORTING_VERBS:
                continue
            if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX | HYPO_AUX for c in head.children):
                continue
            self.story_date = (tx.date, tx.date_end, tx.precision)
            return

    def _action_place(self, sent: Span, context: tuple[str, ...]) -> Place | None:
        """The first place in the sentence where something is done ("killed ... in
        El Fasher", "a court in Yekaterinburg"), not where someone is posted or from."""
        found: list[Place] = []
        for root, place in self._sentence_places(sent, context):
            if root.dep_ == "compound" and root.head.dep_ == "pobj" and root.head.pos_ == "NOUN":
                root = root.head
            prep = root.head if root.dep_ == "pobj" else None
            if prep is None or prep.lower_ not in LOCATIVE_PREPS:
                continue
            if prep.head.ent_type_ == "PERSON" or prep.head.pos_ == "NOUN" and self._is_person_role(prep.head):
                continue
            found.append(place)
        return next((p for p in found if p.feature != "country"), found[0] if found else None)

    def _is_person_role(self, tok: Token) -> bool:
        actor = self.ctx.resolve(tok.text, on=self.on)
        return actor is not None and actor.kind == "person"

    def _story_dated(self, ev: Event) -> Event:
        """An event dated only by the publication date takes the story's date when
        the story happened before publication; so does one dated only coarsely ("this
        year", "in July") when the story's day falls inside that year or month."""
        if self.story_date is None or ev.modality != "actual" and ev.event_type not in STATED_TYPES:
            return ev  # a planned act is not dated by the story; a promise or threat made is
        date, date_end, precision = self.story_date
        source = ev.extra.get("date_source")
        if source == "clause" and ev.date_precision in ("year", "month") and ev.date_end is None \
                and precision == "day" and date is not None and ev.date and date.startswith(ev.date + "-"):
            return replace(ev, date=date, date_end=date_end, date_precision=precision,
                           extra={**ev.extra, "date_source": "story"})
        if source != "publication":
            return ev
        if date is None or ev.date is None or date[:len(ev.date)] > ev.date:
            return ev
        return replace(ev, date=date, date_end=date_end, date_precision=precision,
                       extra={**ev.extra, "date_source": "story"})

    def _co_actors(self, cand: Candidate, ev: Event) -> list[Event]:
        """'U.S. and British warplanes struck Yemen': one event per coordinated actor
        (one-sided acts; two-sided ones made the second party the recipient)."""
        if cand.entry.symmetric or _reciprocal(cand) or ev.recipient is None:
            return []
        out = []
        for other in self._coordinated(cand):
            if other.key == ev.actor.key or other.country == ev.actor.country \
                    or (ev.recipient is not None and other.key == ev.recipient.key):
                continue
            digest = hashlib.sha1((ev.event_id + "|" + other.key).encode()).hexdigest()[:16]
            out.append(replace(ev, event_id=f"ev-{digest}", actor=other, extra=dict(ev.extra)))
        return out

    def _first_of_coordinated(self, cand: Candidate, actor: Actor) -> Actor:
        """'U.S. and British warplanes struck': the first party is the U.S. warplanes (the
        British ones act in an event of their own, see `_co_actors`)."""
        if not cand.actors:
            return actor
        head = cand.actors[0]
        mod = next((m for m in head.children if m.dep_ in ("amod", "compound", "nmod") and m.i < head.i
                    and any(c.dep_ == "conj" for c in m.children)), None)
        if mod is None:
            return actor
        first = self.ctx.resolve(f"{mod.text} {head.text}", on=self.on, label=None)
        if first is None or not first.country or first.country != actor.country:
            return actor
        return replace(first, text=mention_span(head).text)

    def _coordinated(self, cand: Candidate) -> list[Actor]:
        """The actors coordinated with the first: "India and Pakistan", and coordinated
        modifiers of one head, "U.S. and British warplanes"."""
        heads = list(cand.actors)
        conj = [c for t in heads for c in t.children if c.dep_ == "conj"]
        conj += [c for t in heads for m in t.children if m.dep_ in ("amod", "compound", "nmod")
                 for c in m.children if c.dep_ == "conj"]
        out = []
        for c in conj:
            other = self.actor_of(c, remember=False)
            if c.pos_ == "ADJ" or c.dep_ == "conj" and c.head.dep_ in ("amod", "compound", "nmod"):
                other = self.ctx.resolve(f"{c.text} {heads[0].text}", on=self.on, label=None) or other
            if other is not None:
                out.append(other)
        return out

    def _allegation(self, ev: Event) -> Event | None:
        """A party to a conflict reporting the other side's violence against it accuses
        it: "An Indian army spokesman said Pakistani forces opened fire" is also ACCUSE
        (India -> Pakistan), as PLOVER codes allegations. Press reports, third parties and
        non-official sources are not."""
        src = ev.attributed_to
        if ev.quad_class != 4 or ev.negated or src is None or not src.country or src.sector == "JRN":
            return None
        if not ev.actor.country or src.country == ev.actor.country:
            return None
        if ev.recipient is None or ev.recipient.country != src.country or src.sector not in ("GOV", "MIL"):
            return None  # only a side's own officials reporting violence against that side
        code = "1123" if ev.event_type in ("ASSAULT", "MOBILIZE") else "112"
        cameo = cameo_table()[code]
        digest = hashlib.sha1((ev.event_id + "|alleged").encode()).hexdigest()[:16]
        return replace(ev, event_id=f"ev-{digest}", event_type=cameo.plover_type or "ACCUSE",
                       event_mode=cameo.mode, contexts=cameo.contexts, cameo_code=cameo.code,
                       goldstein=cameo.goldstein, quad_class=QUAD_CLASS[cameo.plover_type or "ACCUSE"],
                       actor=src, recipient=ev.actor, modality="actual", attributed_to=None,
                       attribution_cue=None, extra={**ev.extra, "alleged_from": ev.event_id})

    def _continue_report(self, frames: list[Frame], events: list[Event], previous: list[int],
                         current: list[int]) -> None:
        """Reports span sentences. A report that points back ("This communicated the
        spokesman", "..., so the spokesman") attributes the previous sentence; a
        sentence with no source of its own continues the paragraph's current report
        ("..., it was stated")."""
        first = frames[0] if frames else None
        if first is not None and first.verb is not None and _points_back(first.verb):
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

    def _remember_entities(self, sent: Span) -> None:
        for ent in self._ents.get(sent.start, ()):
            if ent.label_ in ENTITY_LABELS:
                actor = self.actor_of(ent.root, remember=False)
                if actor is not None:
                    self.coref.remember(ent.root, actor)
                    if actor.country:
                        self.countries[actor.country] += 1
            if ent.label_ in PLACE_LABELS:
                place = self.o.places.resolve(ent.text, tuple(self.countries), ent.label_)
                if place is not None:
                    key = (place.name, place.country)
                    self.place_counts[key] += 1
                    self.place_seen[key] = place

    # -- actors ----------------------------------------------------------
    def actor_of(self, tok: Token, remember: bool = True) -> Actor | None:
        word = tok.lower_
        if word in ("who", "which", "that") and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
            return self.actor_of(tok.head.head, remember)  # "Machado, who has not been detained"
        if word in NON_ACTOR_PRONOUNS:
            return None
        pair = self._pair(tok)
        if pair is not None:
            return replace(pair[0], text=mention_span(tok).text)

        if word in PERSON_PRONOUNS or word in GROUP_PRONOUNS:
            speaker = reporting_speaker(tok)
            bound = self.actor_of(speaker) if speaker is not None else None
            if bound is not None and _agrees(word, bound, speaker):
                return replace(bound, text=tok.text)
            if word in ("they", "them", "their"):  # "Machado and González ... he accused them"
                pair = next((t for t in tok.sent if t.i < tok.i and t.pos_ == "PROPN"
                             and any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in t.children)), None)
                bound = self.actor_of(pair) if pair is not None else None
                if bound is not None:
                    return replace(bound, text=tok.text)
            ante = self.coref.antecedent(tok)
            return replace(ante, text=tok.text) if ante is not None else None
        span = mention_span(tok)
        ap = apposed_person(tok)
        text = span.text if ap is None else f"{span.text} {mention_span(ap).text}"
        label = (ap or tok).ent_type_ or None
        actor = self.ctx.resolve(text, on=self.on, label=label)
        if actor is not None and actor.kind == "person" and not actor.kb_id and (not actor.country or tok.pos_ == "NOUN"):
            # "the Chancellor", "the minister", "the U.S. reporter": the person last named with
            # that office or description, when of the same state
            # (a headline, read after the body, may refer to anyone the body named)
            ante = self.coref.holder_of(tok, tok.lemma_.lower(), before=10 ** 9 if self._in_title else None)
            if ante is not None and (not actor.country or ante.country in (None, actor.country)):
                actor = replace(ante, text=span.text)
        if actor is not None and actor.country and actor.country not in self.countries \
                and tok.lemma_.lower() in STATE_NOUNS and tok.pos_ == "NOUN":
            # "the Gulf state" read as a state the article never names: the state last named
            ante = self.coref.last_state(tok)
            actor = replace(ante, text=span.text) if ante is not None else None
        if actor is not None and actor.kind == "organization" and actor.sector in PARTY_SECTORS and actor.kb_id:
            actor = self._home_party(actor)
        if actor is None and span.text != tok.text:
            actor = self.ctx.resolve(tok.text, on=self.on, label=tok.ent_type_ or None)
        if actor is None and tok.ent_type_ in PLACE_LABELS:
            place = self.o.places.resolve(span.text, tuple(self.countries), tok.ent_type_)
            if place is not None and place.country:
                actor = self.state_of(place, text=span.text)
        if actor is None and tok.ent_type_ == "PERSON":
            actor = Actor(text=span.text, name=tok.doc[entity_start(tok):tok.i + 1].text,
                          kind="person")
        if actor is not None and remember:
            self.coref.remember(tok, actor)
        return actor

    def first_actor(self, toks: tuple[Token, ...], exclude: Actor | None = None) -> Actor | None:
        for t in toks:
            a = self.actor_of(t)
            if a is None or _generic(a):  # "its media wing, Inter-Services Public Relations (ISPR),"
                named = next((self.actor_of(c) for c in t.children if c.dep_ == "appos"), None)
                a = named if named is not None and not _generic(named) else a
            if a is None and t.lemma_.lower() in MEMBER_NOUNS:  # "the first convoy of French soldiers"
                members = clauses.prep_objects(t, "of")
                a = self.actor_of(members[0]) if members else None
            if a is None and t.pos_ == "NOUN" and t.lemma_.lower() in self.o.coder.lexicon.nouns:
                agent = clauses.noun_actor(t)  # "Shelling by the RSF killed 14 civilians"
                a = self.actor_of(agent) if agent is not None else None
            if a is None and t.pos_ == "NOUN":  # "a missile fired by Yemen's Houthi movement struck"
                agent = next((g for c in t.children if c.dep_ == "acl" for ag in c.children if ag.dep_ == "agent"
                              for g in ag.children if g.dep_ == "pobj"), None)
                a = self.actor_of(agent) if agent is not None else None
            if a is not None and (exclude is None or a.key != exclude.key):
                return a
            for c in t.children:
                if c.dep_ == "conj":
                    a = self.actor_of(c)
                    if a is not None and (exclude is None or a.key != exclude.key):
                        return a
        return None

    def conj_recipient(self, trigger: Token, actor: Actor) -> Actor | None:
        """Coordinated predicates share their participants: the recipient of the first
        verb carries over to a second that names none."""
        gv = clauses.governing_verb(trigger) if trigger.pos_ in ("NOUN", "PROPN") else None
        verb = gv if gv is not None else trigger
        root = verb.head if verb.dep_ == "conj" else None
        if root is None:
            return None
        for slot in ("dobj", "from", "with", "to"):
            for t in clauses.arg_slot(root, slot, "verb"):
                for cand in (t, *clauses.prep_objects(t, "from")):
                    a = self.actor_of(cand, remember=False)
                    if a is not None and a.key != actor.key and a.country != actor.country:
                        return a
        return None

    def state_of(self, place: Place, text: str | None = None, protest_target: bool = False) -> Actor:
        """The state a place belongs to, as an actor. Protest is addressed to the state's
        leadership: its top executive on the event date when the KB knows one."""
        kb = getattr(self.o.actors, "kb", None)
        country = place.country or ""
        text = text or place.text
        if kb is not None and country in kb.states:
            if protest_target:
                held = kb.leader(country, self.on)
                if held is not None:
                    return self.o.actors.person_actor(held[1], text, self.on)
            return self.o.actors.state_actor(country, text, None)
        return Actor(text=text, name=place.name, kind="state", country=country or None, cameo_code=country)

    def owner_of(self, toks: tuple[Token, ...], exclude: Actor | None) -> Actor | None:
        """An object that is not an actor may still say whose it is: "rejected
        Guterres's proposal", "a proposal by the UN", "the solidarity that Japan
        showed" -> its author; "imports from Brazilian plants", "sites across Yemen",
        "the city of El Fasher" -> the state they belong to. Nearest owner first; the
        actor's own state does not count."""
        def other(a: Actor | None) -> bool:
            return a is not None and (exclude is None or (a.key != exclude.key and a.country != exclude.country))

        for t in toks:
            for c in t.children:
                owner = None
                if c.dep_ == "poss":
                    owner = c
                elif c.dep_ == "prep" and c.lower_ in ("by", "from"):
                    owner = next((g for g in c.children if g.dep_ == "pobj"), None)
                elif c.dep_ == "relcl":
                    owner = clauses.subject_of(c)
                elif c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE") and c.i < t.i:
                    a = self.ctx.resolve(c.text, on=self.on, label=c.ent_type_)  # "Indian violations"
                    if other(a):
                        return a
                if owner is not None and owner.i != t.i:
                    a = self.actor_of(owner)
                    if other(a):
                        return a
        for t in toks:
            for c in t.subtree:
                if c.i == t.i or c.dep_ not in ("pobj", "poss") or _in_clause_below(c, t):
                    continue
                if c.ent_type_ in PLACE_LABELS:
                    place = self.o.places.resolve(mention_span(c).text, tuple(self.countries), c.ent_type_)
                    if place is not None and place.country:
                        a = self.state_of(place, text=mention_span(c).text)
                        if other(a):
                            return a
                elif c.pos_ in ("NOUN", "PROPN") and any(m.ent_type_ in ("NORP", "GPE") for m in c.lefts):
                    a = self.actor_of(c, remember=False)  # "five Brazilian meatpacking plants"
                    if other(a):
                        return a
        return None

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
        if (recipient is None or _generic(recipient)) and (entry.symmetric or _reciprocal(cand)):
            # "India and Pakistan exchanged fire", "Indian and Pakistani troops exchanged
            # fire": the second party is the recipient
            others = [a for a in self._coordinated(cand) if a.key != actor.key and a.country != actor.country]
            if others:
                recipient = others[0]
        if recipient is None and entry.pos == "verb":
            # "refused to give the ICRC access", "agreed to meet Kim": the complement's party
            comps = [c for c in cand.trigger.children if c.dep_ == "xcomp"]
            comps += [g for c in comps for g in c.children if g.dep_ in ("xcomp", "advcl")]
            for comp in comps:  # "threatened to use force to reinstate Bazoum"
                for slot in ("dative", "dobj", "with", "to", "against", "on"):
                    recipient = self.first_actor(tuple(clauses.arg_slot(comp, slot, "verb")), exclude=actor)
                    if recipient is not None:
                        break
                if recipient is not None:
                    break
        if recipient is None:
            obj = clauses.direct_object(cand.trigger) if entry.pos == "verb" else None
            recipient = self.owner_of(cand.recipients or ((obj,) if obj is not None else ()), exclude=actor)
        if recipient is None and entry.pos == "verb":  # "aid for the earthquake victims in Türkiye"
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
            # "Kishida said Japan will stand by Türkiye": the promise is the speaker's
            said = next((a for a in cand.trigger.ancestors if a.lemma_.lower() in REPORTING_VERBS), None)
            speaker = clauses.subject_of(said) if said is not None else None
            voice = self.actor_of(speaker, remember=False) if speaker is not None else None
            if voice is not None and voice.kind == "person" and voice.country == actor.country:
                actor = replace(voice, text=actor.text)
        if ptype in ("ASSAULT", "COERCE") and not cand.recipients and attributed is not None \
                and attributed.sector in ("GOV", "MIL") and attributed.country and actor.country \
                and attributed.country != actor.country and (recipient is None or recipient.country != actor.country):
            # "An Indian army spokesman said Pakistani forces had opened fire": on his side
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
        start = (base if base >= 0 else 0) + sent.start_char
        quote = _quote(sent, cand.trigger)
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

    def _authorities(self, subject: Actor | None) -> Actor | None:
        """The government of the state where an agentless arrest happens: the arrested
        person's state, else the story's."""
        place = self.story_place or self.dateline
        country = (subject.country if subject is not None else None) or (place.country if place else None)
        if not country or not hasattr(self.o.actors, "state_actor"):
            return None
        state = self.o.actors.state_actor(country, "government", None)
        return replace(state, name=f"{state.name} government", kind="state", sector="GOV",
                       cameo_code=f"{country}GOV")

    def _home_party(self, actor: Actor) -> Actor:
        """Party names recur from state to state ("the Democratic Party" of the US, of South
        Korea, of Japan...): a party the knowledge base places in another state than the
        one the story is in, named without its state, is the story state's party."""
        story = self.story_place or self.dateline
        home = story.country if story is not None else None
        if not home or home == actor.country:
            return actor
        words = (w.lower().removesuffix("'s") for w in actor.text.split() if w[:1].isupper())
        if any(w in self._state_words(actor.country or "") for w in words):
            return actor
        return replace(actor, country=home, cameo_code=home + (actor.sector or ""), kb_id=None)

    def _pair_of_sides(self, tok: Token) -> tuple[Actor, Actor] | None:
        counts: Counter[tuple] = Counter()
        sides: dict[tuple, tuple[Actor, Actor]] = {}
        for ev in self.history:  # the pair of parties most often acting on each other
            a, r = ev.actor, ev.recipient
            if r is None or _generic(a) or _generic(r) or a.key == r.key:
                continue
            pid = tuple(sorted((a.country, r.country))) if a.country and r.country and a.country != r.country \
                else tuple(sorted((a.key, r.key)))
            counts[pid] += 1
            sides.setdefault(pid, (a, r))
        if counts:
            return sides[counts.most_common(1)[0][0]]
        return self.coref.main_pair(tok)

    def _pair(self, tok: Token) -> tuple[Actor, Actor] | None:
        """The two parties of "both sides", "neither side", "the two ministers": the pair
        the article's events most often set against each other, else its two most named."""
        if tok.lemma_.lower() not in PAIR_NOUNS or not any(
                c.lower_ in PAIR_WORDS and c.dep_ in ("det", "nummod", "amod", "predet", "preconj")
                for c in tok.children):
            return None
        return self._pair_of_sides(tok)

    def _author_of_act(self, cand: Candidate, actor: Actor) -> Actor | None:
        """'rejected the sanctions', 'welcomed the decision', 'dismissed the allegation':
        an object that names an act the article has reported points to whoever did it.
        The object's type comes from the noun triggers of the lexicon; acts named in
        general words ("the decision", "the move") point to the last act by someone else."""
        obj = clauses.direct_object(cand.trigger)
        if obj is None:  # "voted to demand that the decree be lifted": the act in the complement
            obj = next((g for c in cand.trigger.subtree if c.dep_ == "ccomp" for g in c.children
                        if g.dep_ in ("nsubj", "nsubjpass") and g.lemma_.lower() in ACT_NOUNS), None)
        if obj is None or obj.pos_ != "NOUN":
            return None
        noun = clauses.unwrap(obj)
        lemma = noun.lemma_.lower()
        if lemma in OWN_ACT_NOUNS:
            return None  # "vowed a response": an act of the actor's own, still to come
        named = next((c.lemma_.lower() for c in noun.children if c.dep_ in ("acl", "xcomp") and c.pos_ == "VERB"),
                     None)
        for ev in reversed(self.history):  # "the decision to lift martial law": the act that lifted it
            if named is not None and self._lemma.get(ev.event_id) == named and ev.actor.key != actor.key:
                return ev.actor
        types = {e.cameo.plover_type for e in self.o.coder.lexicon.nouns.get(lemma, ())}
        if not types and lemma not in ACT_NOUNS:
            return None
        for wanted in (types, set() if lemma in ACT_NOUNS else types):
            for ev in reversed(self.history):
                if wanted and ev.event_type not in wanted or ev.modality != "actual":
                    continue
                if ev.actor.key != actor.key and (ev.actor.country != actor.country or ev.actor.country is None):
                    return ev.actor
        return None

    def _demander(self, actor: Actor) -> Actor | None:
        """'France refused to comply': a response with no one named answers the last
        demand, threat or measure by another state that fell on the responder's side."""
        for ev in reversed(self.history[-12:]):
            if ev.event_type not in PRESSURES or ev.actor.key == actor.key or ev.modality == "hypothetical":
                continue
            if ev.actor.country is not None and ev.actor.country == actor.country:
                continue
            target = ev.recipient
            if target is None or target.key == actor.key or (
                    target.country is not None and target.country == actor.country):
                return ev.actor
        return None

    def _target_of_act(self, cand: Candidate, actor: Actor) -> Actor | None:
        """'did not take part in that strike', 'was not involved in the strikes': a
        definite nominal trigger names an act already reported; its target is the same."""
        if not any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in cand.trigger.children):
            return None
        ptype = cand.entry.cameo.plover_type
        for ev in reversed(self.history):
            if ev.event_type == ptype and ev.recipient is not None and ev.recipient.key != actor.key:
                return ev.recipient
        return None

    def _names_someone(self, tok: Token) -> bool:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in PLACE_LABELS:
            return False
        if tok.ent_type_ in ("PERSON", "ORG", "NORP"):
            return True
        return self.ctx.resolve(tok.text, on=self.on) is not None

    def _sentence_places(self, sent: Span, context: tuple[str, ...]) -> list[tuple[Token, Place]]:
        """Places named in the sentence: NER toponyms, plus gazetteer names the NER
        missed or mislabelled (facilities, "Vladivostok" tagged as a person)."""
        key = (id(sent.doc), sent.start, context)
        if key in self._places_cache:
            return self._places_cache[key]
        out: list[tuple[Token, Place]] = []
        seen: set[int] = set()
        for ent in self._ents.get(sent.start, ()):
            if ent.label_ in PLACE_LABELS:
                place = self.o.places.resolve(ent.text, context, ent.label_)
                if place is not None:
                    out.append((ent.root, place))
                    seen.update(range(ent.start, ent.end))
        capital = self._the_capital(sent, context)
        if capital is not None:
            out.append(capital)
            seen.add(capital[0].i)
        for start, end, place in self.o.places.find(sent.text, context):
            span = sent.doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
            if span is None or any(t.i in seen for t in span):
                continue
            if span.root.ent_type_ in ("ORG", "NORP") and place.feature not in FACILITY_FEATURES \
                    and not (span.start > 0 and sent.doc[span.start - 1].lower_ in ("in", "near", "outside")):
                continue  # "killed ... in El Fasher" tagged ORG is still a town
            if span.root.ent_type_ == "PERSON" and place.country not in context:
                continue  # "Kim", a town in Gujarat, is a person here
            out.append((span.root, place))
        self._places_cache[key] = out
        return out

    def _the_capital(self, sent: Span, context: tuple[str, ...]) -> tuple[Token, Place] | None:
        """'in several points of the capital': the capital of the state the story is in."""
        for tok in sent:
            if tok.lower_ != "capital" or tok.pos_ != "NOUN" or not any(
                    c.dep_ in ("det", "poss") and c.lower_ in ("the", "country's", "its") for c in tok.children):
                continue
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children) or tok.dep_ == "compound":
                continue  # "the capital of North Darfur" names its own place
            story = self.story_place or self.dateline
            country = story.country if story is not None and story.country else (context[0] if context else None)
            place = self.o.places.capital(country) if country and hasattr(self.o.places, "capital") else None
            if place is not None:
                return tok, place
        return None

    def _relocate(self, actor: Actor, here: Place) -> Actor:
        """An institution named generically ("the Foreign Office", "the interior ministry")
        that the knowledge base pins to one state, acting in another state's city that the
        article is about, is that state's: "In Islamabad, the Foreign Office condemned"."""
        if actor.kind not in ("organization", "state") or actor.sector not in ("GOV", "JUD", "LEG", "MIL", "COP") \
                or not actor.country or not here.country or here.country == actor.country \
                or here.feature == "country":
            return actor
        if self.countries.get(actor.country, 0) > 1 or self.countries.get(here.country, 0) == 0:
            return actor
        words = (w.lower().removesuffix("'s").removesuffix("’s") for w in actor.text.split() if w[:1].isupper())
        if any(w in self._state_words(actor.country) for w in words):
            return actor  # "the British Foreign Office" names its state
        sector = actor.sector or ""
        return replace(actor, country=here.country, cameo_code=here.country + sector, kb_id=None)

    def _state_words(self, country: str) -> set[str]:
        kb = getattr(self.o.actors, "kb", None)
        state = kb.states.get(country) if kb is not None else None
        if state is None:
            return set()
        words = {state.name.lower(), *(a.lower() for a in getattr(state, "aliases", ()) or ())}
        words |= {a.lower() for a in getattr(state, "adjectives", ()) or ()}
        return {w for n in words for w in n.split()} - {"the", "of", "and"}

    def _situate(self, actor: Actor, here: Place | None) -> Actor:
        """A state organ named without its state ("the junta", "the regional governor",
        "police") belongs to the state where it acts: local officials to the country of
        the event's place, others to the state where the story happens (the lead's
        place) or, failing that, the state the article is mostly about."""
        if actor.country or actor.org_code or actor.kb_id or actor.sector not in LOCAL_SECTORS | {"MIL", "REB"}:
            return actor
        words = set(actor.text.lower().split())
        if here is not None and here.country and actor.sector not in ("GOV", "MIL"):
            # rebels, militants, civilians: of the state where the event happens
            return replace(actor, country=here.country, cameo_code=here.country + (actor.sector or ""))
        story = self.story_place if self.story_place is not None and self.story_place.country else None
        here = here or story or self.dateline
        if here is not None and here.country and (words & LOCAL_WORDS or actor.sector == "COP"):
            country = here.country
        elif story is not None:  # the state where the story happens
            country = story.country
        elif self.countries:
            country = self.countries.most_common(1)[0][0]
        else:
            return actor
        return replace(actor, country=country, cameo_code=country + (actor.sector or ""))

    def _token_at(self, doc: Doc, char: int) -> Token | None:
        i = bisect.bisect_right(self._starts, char) - 1
        return doc[i] if 0 <= i < len(doc) else None

    # -- time --------------------------------------------------------------
    def _date(self, cand: Candidate, sent: Span, base: int, modality: str, in_title: bool):
        tense = "future" if modality == "future" else "past"
        offset = sent.start_char
        found = self.time.find(sent.text, base + offset, tense, remember=False) if not in_title else []
        report_verbs = {cand.frame.verb.i} if cand.frame is not None and cand.frame.verb is not None else set()
        trig = cand.trigger
        clause = {trig.i} | {a.i for a in trig.ancestors if a.pos_ in ("VERB", "AUX")}
        scored: list[tuple[int, Timex]] = []
        for tx in found:
            if tx.date is None or tx.kind == "dateline":
                continue
            tok = self._token_at(sent.doc, tx.start - base)
            if tok is None:
                continue
            head = _attachment(tok)
            rel = _relative_clause_of(head) if head is not None else None
            if rel is not None and rel[1].i != trig.i and trig.i not in {x.i for x in rel[0].subtree}:
                nouns = [rel[1], *clauses.prep_objects(rel[1], "of")]  # "the end of that visit, which"
                if any(n.i != trig.i and n.lemma_.lower() in self.o.coder.lexicon.nouns for n in nouns):
                    continue  # "at the end of that visit, which began on Tuesday": another act's date
            if head is not None and head.i in report_verbs:
                score = 3
            elif head is not None and _governs(trig, head):
                score = 0
            elif head is not None and head.i in clause:
                score = 1
            else:
                score = 2
            scored.append((score * 1000 + abs(tok.i - trig.i), tx))
        if scored:
            scored.sort(key=lambda s: s[0])
            best = scored[0][1]
            quality = scored[0][0] // 1000
            value = (best.date, best.date_end, best.precision, quality)
            if quality < 3:
                self.last_date = value[:3] + (4,)
            return value
        if self.last_date is not None:
            return self.last_date
        if self.on is not None:
            return self.on.isoformat(), None, "day", 6
        return None, None, None, 7

    # -- place -------------------------------------------------------------
    def _place(self, cand: Candidate, sent: Span, actor: Actor, recipient: Actor | None,
               struck: bool = False, in_title: bool = False) -> tuple[Place | None, bool]:
        """The event's place, and whether it was read from the event's own sentence."""
        context = tuple(c for c in (actor.country, recipient.country if recipient else None) if c)
        context = context + tuple(c for c, _ in self.countries.most_common(3) if c not in context)
        trig = cand.trigger
        targets = {t.i for t in cand.recipients}
        arg_tokens = {t.i for t in cand.actors} | targets
        clause = _own_clause(trig)
        obj = clauses.direct_object(trig) if trig.pos_ in ("VERB", "AUX") else None
        obj_i = obj.i if obj is not None else -1
        moving = cand.entry.cameo.mode == "visit"
        best: tuple[int, Place] | None = None
        for root, place in self._sentence_places(sent, context):
            if root.dep_ in ("amod", "compound") and root.head.lemma_.lower() in AREA_NOUNS:
                root = root.head  # "in the Oğuzeli district", "the Kursk region"
            if root.dep_ == "poss" or root.pos_ == "ADJ":
                continue  # "Israel's cabinet", "Brazilian sorghum": owners, not places
            modifier = root.dep_ == "compound" and root.head.dep_ == "pobj" and root.head.pos_ == "NOUN"
            if modifier:
                root = root.head  # "at a Yekaterinburg restaurant"
            prep = root.head if root.dep_ == "pobj" else None
            if prep is not None and prep.head.i not in clause and prep.head.i != trig.i \
                    and self._names_someone(prep.head):
                continue  # "the ambassador in Dakar": someone's post, not the event's place
            if prep is not None and prep.lower_ in PLACE_PREPS and (
                    prep.head.i in clause or prep.head.i == trig.i or prep.head.i == obj_i
                    or prep.head.head.i == trig.i and prep.head.dep_ in ("dobj", "nsubjpass")):
                # on the clause, or on its object: "struck sites across Yemen"
                rank = 0 if prep.lower_ not in ORIGIN_PREPS else 2
            elif root.i in arg_tokens:
                struck_here = struck and root.i in targets and (
                    recipient is None or recipient.kind != "person"
                    or recipient.kb_id is None and recipient.name == place.text)  # "Enerhodar" taken for a name
                if not (moving or struck_here):
                    continue  # a party to the event is not where it happened, except for visits
                rank = 1  # and places attacked: "shelled Enerhodar"
            elif prep is not None and _verb_of(prep).i in {a.i for a in trig.ancestors}:
                rank = 4  # the place of another coordinated clause, with its own subject
            elif prep is not None and prep.lower_ in PLACE_PREPS and _situates_a_place_of(prep.head, clause):
                rank = 1  # "in a field hospital established in Oğuzeli"
            else:
                rank = 1 if prep is not None and prep.lower_ in PLACE_PREPS and not _in_clause_below(
                    root, trig.sent.root) else 4
            if place.feature == "country" or modifier:
                rank += 1
            if best is None or rank < best[0]:
                best = (rank, place)
        if best is not None and best[0] < 3:
            return best[1], True
        story = self.story_place
        if struck and not in_title and cand.entry.cameo.plover_type == "ASSAULT" and recipient is not None \
                and recipient.country \
                and recipient.kind != "person" and (story is None or story.feature == "sea"
                                                    or story.country not in (None, recipient.country)):
            # an attack with no place of its own: on the target's state, not wherever the
            # story began ("destroyed Houthi missiles" in a story placed at sea)
            target_state = self.o.places.country(recipient.country) if hasattr(self.o.places, "country") else None
            if target_state is not None and (recipient.country != actor.country or story is None):
                return target_state, False
        if story is not None:
            return story, False
        if self.dateline is not None:
            return self.dateline, False
        if best is not None:
            return best[1], True
        if self.place_counts:
            key, _ = self.place_counts.most_common(1)[0]
            return self.place_seen[key], False
        return None, False


POINTING_BACK = {"this", "that", "these", "so", "thus", "which"}


def _points_back(verb: Token) -> bool:
    """A report of the sentence before: its subject or object points back ("This
    communicated the spokesman"), or it opens its sentence with nothing to report
    ("so the spokesman", "he added.")."""
    if any(c.lower_ in POINTING_BACK and c.dep_ in ("nsubj", "dobj", "advmod", "npadvmod", "attr")
           for c in verb.children):
        return True
    reports_nothing = not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children)
    return reports_nothing and verb.dep_ == "ROOT" and verb.i <= verb.sent.start + 2


# An announced act of force is THREATEN (CAMEO 13): PLOVER codes the statement, not
# the act that has not happened. (Recoding promised cooperation as AGREE was measured
# too and cost dev F1, so future cooperative events keep their type, modality future.)
THREAT_OF = {"ASSAULT": "138", "MOBILIZE": "138", "COERCE": "137", "SANCTION": "1312", "PROTEST": "133"}
# A cooperative act its actor commits to ("agreed to continue the talks", "will continue
# to stand by", "stood ready to buy") is PLOVER AGREE, the CAMEO 03 intent codes.
INTENT_OF = {"COOPERATE": "031", "AID": "033", "SUPPORT": "032", "CONSULT": "036", "CONCEDE": "034",
             "RETREAT": "035"}
INTENT_CUES = {f for w in ("agree", "pledge", "promise", "vow", "offer", "commit", "undertake", "continue",
                            "decide") for f in (w, w + "s", w + "d", w + "ed")} | {
    "ready", "committed"}  # a bare "will" is a future act, not a promise: "will visit" stays CONSULT
PROMISE_CUES = {"will", "would", "shall", "'ll", "agree", "pledge", "promise", "vow", "continue", "ready",
                "offer", "commit", "undertake", "plan", "intend", "decide", "want", "seek", "determined"}


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


def _in_clause_below(tok: Token, top: Token) -> bool:
    """`tok` sits in a clause embedded under `top` (a relative or adverbial clause),
    not in `top`'s own phrase."""
    t = tok
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp"):
            return True
        t = t.head
    return False


def _relative_clause_of(tok: Token) -> tuple[Token, Token] | None:
    """(relative clause verb, the noun it describes) for a word inside a relative clause,
    also when the parser hung the clause elsewhere: the noun is then the nearest one
    before the relative pronoun."""
    t = tok
    for _ in range(8):
        if t.dep_ == "relcl":
            return t, t.head
        pron = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "who")),
                    None) if t.pos_ in ("VERB", "AUX") else None
        if pron is not None:
            noun = next((x for x in reversed(t.doc[t.sent.start:pron.i]) if x.pos_ in ("NOUN", "PROPN")), None)
            return (t, noun) if noun is not None else None
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _situates_a_place_of(head: Token, clause: set[int]) -> bool:
    """Whether `head` is a participle describing where the clause happens: "giving service
    in a field hospital established in X" (a place noun after a locative preposition)."""
    if head.dep_ not in ("acl", "relcl") or head.pos_ != "VERB":
        return False
    noun = head.head
    return noun.dep_ == "pobj" and noun.head.lower_ in LOCATIVE_PREPS and noun.head.head.i in clause


def _verb_of(tok: Token) -> Token:
    """The nearest verb above a word (the word itself at the root)."""
    t = tok.head
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def _own_clause(trig: Token) -> set[int]:
    """The trigger and the words it hangs from, up to the first coordinated clause with a
    subject of its own: in "jets struck Iraq, and drones hit Syrian posts", "hit" does
    not share "struck"'s "in Iraq"."""
    out = {trig.i}
    t = trig
    while t.head.i != t.i:
        if t.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            break
        t = t.head
        out.add(t.i)
    return out


def _agrees(pronoun: str, actor: Actor, speaker: Token) -> bool:
    """Whether a pronoun can stand for the actor: "he"/"she" for one person, "it" for
    a state or organisation, "they" for several people or any collective."""
    if pronoun in ("he", "she"):
        return actor.kind == "person"
    if pronoun == "it":
        return actor.kind in ("state", "organization")
    return actor.kind != "person" or speaker.tag_ in ("NNS", "NNPS")


def _generic(a: Actor) -> bool:
    """An actor of no known state, organisation or entry ("115 prisoners")."""
    return not (a.country or a.org_code or a.kb_id)


RECIPROCAL_WORDS = {"each", "mutually", "reciprocally"}


def _reciprocal(cand: Candidate) -> bool:
    """'Russia and Ukraine freed 115 prisoners each', '... offered each other': coordinated
    actors doing the same thing to one another."""
    if not any(c.dep_ == "conj" for t in cand.actors for c in t.children):
        return False
    window = cand.trigger.sent
    return any(t.lower_ in RECIPROCAL_WORDS or (t.lower_ == "one" and t.nbor(1).lower_ == "another")
               for t in window if t.i + 1 < len(t.doc))


def _reverse(ev: Event) -> Event:
    digest = hashlib.sha1((ev.event_id + "|reverse").encode()).hexdigest()[:16]
    return replace(ev, event_id=f"ev-{digest}", actor=ev.recipient, recipient=ev.actor, extra=dict(ev.extra))


def _governs(trig: Token, tok: Token) -> bool:
    """`tok` belongs to the trigger's own clause: on its path up to the trigger no
    embedded clause of another word intervenes ("met after the visit, which began on
    Tuesday": Tuesday is the visit's, not the meeting's)."""
    t = tok
    for _ in range(12):
        if t.i == trig.i:
            return True
        if t.head.i == t.i:
            return False
        if t.dep_ in ("relcl", "acl", "advcl", "ccomp") and t.head.i != trig.i:
            return False
        t = t.head
    return False


def _ents_by_sentence(doc: Doc) -> dict[int, list[Span]]:
    """Entities grouped by the start token of their sentence (Doc.ents and Span.ents
    rebuild spans on every access)."""
    out: dict[int, list[Span]] = {}
    for ent in doc.ents:
        out.setdefault(ent.sent.start, []).append(ent)
    return out


def _attachment(tok: Token) -> Token | None:
    """The verb or noun a temporal expression modifies."""
    t = tok
    for _ in range(6):
        if t.head.i == t.i:
            return t
        t = t.head
        if t.pos_ in ("VERB", "AUX") or (t.pos_ == "NOUN" and t.dep_ not in ("npadvmod",) and t.ent_type_ != "DATE"):
            return t
    return t


def _quote(sent: Span, trigger: Token) -> str | None:
    rel = trigger.idx - sent.start_char
    first = None
    for m in QUOTE_RE.finditer(sent.text):
        if first is None:
            first = m.group(1)
        if m.start() <= rel <= m.end():
            return m.group(1)
    return first


def _merge_dates(first: Event, other: Event) -> Event:
    """Restatements date one event better together: a clause-attached date beats a
    report or publication date; two clause dates of one event ("began on Tuesday",
    "ended on Sunday") span it."""
    rank = DATE_SOURCES.index
    a, b = first.extra.get("date_source", "none"), other.extra.get("date_source", "none")
    if other.date is None or first.extra.get("in_title") is False and other.extra.get("in_title"):
        return first
    if rank(b) < rank(a) or first.date is None:
        return replace(first, date=other.date, date_end=other.date_end, date_precision=other.date_precision,
                       extra={**first.extra, "date_source": b})
    if a == b == "clause" and first.date_precision == other.date_precision == "day" and first.date != other.date:
        days = sorted(d for d in (first.date, other.date, first.date_end, other.date_end) if d)
        return replace(first, date=days[0], date_end=days[-1])
    return first


def _headline_sources(events: list[Event]) -> list[Event]:
    """A headline reports what the body reports: a headline event with no source of its
    own takes the source of the body's first event of the same type by the same side that
    has one, else of that side's first sourced event ("Tehran vows response" is what the
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


def _restates(first: Event, other: Event) -> bool:
    """Whether `other` restates `first`: a headline restates the body's act of the same
    type between the same sides; two body sentences do so only with the same CAMEO act."""
    if first.extra.get("in_title") or other.extra.get("in_title"):
        return True
    return first.cameo_code == other.cameo_code


def merge_restatements(events: list[Event]) -> list[Event]:
    """One event per real action per article: the same type, sides, polarity and
    modality restated (title and body, repeated sentences) merge; the first body
    mention is kept and later mentions are listed in `mentions`."""
    kept: dict[tuple, Event] = {}
    order: list[tuple] = []
    for ev in events:
        sides = (ev.actor.key, ev.recipient.key if ev.recipient else None)
        if ev.extra.get("symmetric"):
            sides = tuple(sorted(s or "" for s in sides))
        key = (ev.event_type, sides, ev.negated, ev.modality)
        n = 0
        while key + (n,) in kept and not _restates(kept[key + (n,)], ev):
            n += 1  # two body sentences with different acts of one type ("will stand by", "will extend aid")
        key = key + (n,)
        if key in kept:
            first = kept[key]
            first.extra.setdefault("mentions", []).append(
                {"sentence": ev.evidence.sentence, "start": ev.evidence.start, "trigger": ev.evidence.trigger})
            kept[key] = first = _merge_dates(first, ev)
            if ev.location is not None and (first.location is None or ev.extra.get("location_source") == "clause"
                                            and first.extra.get("location_source") != "clause"):
                kept[key] = first = replace(first, location=ev.location,
                                            extra={**first.extra, "location_source": ev.extra.get("location_source")})
            if first.attributed_to is None and ev.attributed_to is not None:
                kept[key] = replace(kept[key], attributed_to=ev.attributed_to, attribution_cue=ev.attribution_cue)
            continue
        kept[key] = ev
        order.append(key)
    out = [kept[k] for k in order]
    specific = {(e.event_type, e.actor.key, e.negated, e.modality) for e in out if e.recipient is not None}
    return [e for e in out if e.recipient is not None
            or (e.event_type, e.actor.key, e.negated, e.modality) not in specific]
