"""Who acts on whom: actors from mentions (with coreference), recipients named or implied by
the article (the author of an act named again, the target of an act referred back to, the
party a response answers, the two sides), and the state a party belongs to."""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import replace

from spacy.tokens import Span, Token

from tacitus.actors.mentions import (
    GROUP_PRONOUNS,
    NON_ACTOR_PRONOUNS,
    PERSON_PRONOUNS,
    apposed_person,
    entity_start,
    mention_span,
    reporting_speaker,
)
from tacitus.events import clauses
from tacitus.events.coder import Candidate
from tacitus.events.vocab import (
    ACT_NOUNS,
    ANAPHORIC_DETS,
    ENTITY_LABELS,
    LOCAL_SECTORS,
    LOCAL_WORDS,
    MEMBER_NOUNS,
    OWN_ACT_NOUNS,
    PAIR_NOUNS,
    PAIR_WORDS,
    PARTY_SECTORS,
    PLACE_LABELS,
    PRESSURES,
    RECIPROCAL_WORDS,
    STATE_NOUNS,
)
from tacitus.events.where import in_clause_below
from tacitus.records import Actor, Event, Place
from tacitus.reference import QUAD_CLASS, cameo_table


class PartiesMixin:
    """Methods of the article coder (`tacitus.events.build`); see the module docstring."""

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
            return self.actor_of(tok.head.head, remember)  # "the activist, who has not been detained"
        if word in NON_ACTOR_PRONOUNS:
            return None
        pair = self._pair(tok)
        if pair is not None:
            return replace(pair[0], text=mention_span(tok).text)

        if word in PERSON_PRONOUNS or word in GROUP_PRONOUNS:
            speaker = reporting_speaker(tok)
            bound = self.actor_of(speaker) if speaker is not None else None
            if bound is not None and agrees(word, bound, speaker):
                return replace(bound, text=tok.text)
            if word in ("they", "them", "their"):  # "Perez and Gomez ... he accused them"
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
            # "the Chancellor", "the minister", "the Canadian teacher": the person last named with
            # that office or description, when of the same state
            # (a headline, read after the body, may refer to anyone the body named)
            ante = self.coref.holder_of(tok, tok.lemma_.lower(), before=10 ** 9 if self._in_title else None)
            if ante is not None and (not actor.country or ante.country in (None, actor.country)):
                actor = replace(ante, text=span.text)
        if actor is not None and actor.country and actor.country not in self.countries \
                and tok.lemma_.lower() in STATE_NOUNS and tok.pos_ == "NOUN":
            # "the Alpine state" read as a state the article never names: the state last named
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
            if a is None or is_generic(a):  # "its media wing, Inter-Services Public Relations (ISPR),"
                named = next((self.actor_of(c) for c in t.children if c.dep_ == "appos"), None)
                a = named if named is not None and not is_generic(named) else a
            if a is None and t.lemma_.lower() in MEMBER_NOUNS:  # "the last convoy of Belgian soldiers"
                members = clauses.prep_objects(t, "of")
                a = self.actor_of(members[0]) if members else None
            if a is None and t.pos_ == "NOUN" and t.lemma_.lower() in self.o.coder.lexicon.nouns:
                agent = clauses.noun_actor(t)  # "Shelling by the RSF killed 14 civilians"
                a = self.actor_of(agent) if agent is not None else None
            if a is None and t.pos_ == "NOUN":  # "a drone launched by the rebels struck"
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
        Guterres's proposal", "a proposal by the UN", "the solidarity that Norway
        showed" -> its author; "imports from Chilean plants", "sites across Syria",
        "the city of Goma" -> the state they belong to. Nearest owner first; the
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
                    a = self.ctx.resolve(c.text, on=self.on, label=c.ent_type_)  # "Serbian violations"
                    if other(a):
                        return a
                if owner is not None and owner.i != t.i:
                    a = self.actor_of(owner)
                    if other(a):
                        return a
        for t in toks:
            for c in t.subtree:
                if c.i == t.i or c.dep_ not in ("pobj", "poss") or in_clause_below(c, t):
                    continue
                if c.ent_type_ in PLACE_LABELS:
                    place = self.o.places.resolve(mention_span(c).text, tuple(self.countries), c.ent_type_)
                    if place is not None and place.country:
                        a = self.state_of(place, text=mention_span(c).text)
                        if other(a):
                            return a
                elif c.pos_ in ("NOUN", "PROPN") and any(m.ent_type_ in ("NORP", "GPE") for m in c.lefts):
                    a = self.actor_of(c, remember=False)  # "five Chilean fish farms"
                    if other(a):
                        return a
        return None

    def _co_actors(self, cand: Candidate, ev: Event) -> list[Event]:
        """'French and German jets struck Libya': one event per coordinated actor
        (one-sided acts; two-sided ones made the second party the recipient)."""
        if cand.entry.symmetric or reciprocal(cand) or ev.recipient is None:
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
        """'French and German jets struck': the first party is the French jets (the
        German ones act in an event of their own, see `_co_actors`)."""
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
        modifiers of one head, "French and German jets"."""
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
        it: "A Thai army spokesman said Cambodian troops opened fire" is also ACCUSE
        (Thailand -> Cambodia), as PLOVER codes allegations. Press reports, third parties and
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
        """Party names recur from state to state ("the Labour Party" of Britain, of Norway,
        of Israel...): a party the knowledge base places in another state than the
        one the story is in, named without its state, is the story state's party."""
        story = self.story_place or self.dateline
        home = story.country if story is not None else None
        if not home or home == actor.country:
            return actor
        return self._moved_to(actor, home)

    def _pair_of_sides(self, tok: Token) -> tuple[Actor, Actor] | None:
        counts: Counter[tuple] = Counter()
        sides: dict[tuple, tuple[Actor, Actor]] = {}
        for ev in self.history:  # the pair of parties most often acting on each other
            a, r = ev.actor, ev.recipient
            if r is None or is_generic(a) or is_generic(r) or a.key == r.key:
                continue
            pid = tuple(sorted((a.country, r.country))) if a.country and r.country and a.country != r.country \
                else tuple(sorted((a.key, r.key)))
            counts[pid] += 1
            sides.setdefault(pid, (a, r))
        if counts:
            return sides[counts.most_common(1)[0][0]]
        return self.coref.main_pair(tok)

    def _at_odds(self, one: str, other: str, tok: Token) -> bool:
        """Whether two states are the article's two sides (so a side reporting the other's
        fire reports fire on itself, not on a third party's war)."""
        pair = self._pair_of_sides(tok)
        return pair is not None and {pair[0].country, pair[1].country} == {one, other}

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
        for ev in reversed(self.history):  # "the decision to lift the curfew": the act that lifted it
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

    def _relocate(self, actor: Actor, here: Place) -> Actor:
        """An institution named generically ("the Foreign Office", "the interior ministry")
        that the knowledge base pins to one state, acting in another state's city that the
        article is about, is that state's: "In Nairobi, the Foreign Office protested"."""
        if actor.kind not in ("organization", "state") or actor.sector not in ("GOV", "JUD", "LEG", "MIL", "COP") \
                or not actor.country or not here.country or here.country == actor.country \
                or here.feature == "country":
            return actor
        if self.countries.get(actor.country, 0) > 1 or self.countries.get(here.country, 0) == 0:
            return actor
        return self._moved_to(actor, here.country)

    def _moved_to(self, actor: Actor, country: str) -> Actor:
        """The actor as the same kind of body of `country`, unless its mention names the
        state the knowledge base gave it ("the British Foreign Office")."""
        words = (w.lower().removesuffix("'s").removesuffix("’s") for w in actor.text.split() if w[:1].isupper())
        if any(w in self._state_words(actor.country or "") for w in words):
            return actor
        return replace(actor, country=country, cameo_code=country + (actor.sector or ""), kb_id=None)

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


def agrees(pronoun: str, actor: Actor, speaker: Token) -> bool:
    """Whether a pronoun can stand for the actor: "he"/"she" for one person, "it" for
    a state or organisation, "they" for several people or any collective."""
    if pronoun in ("he", "she"):
        return actor.kind == "person"
    if pronoun == "it":
        return actor.kind in ("state", "organization")
    return actor.kind != "person" or speaker.tag_ in ("NNS", "NNPS")


def is_generic(a: Actor) -> bool:
    """An actor of no known state, organisation or entry ("115 prisoners")."""
    return not (a.country or a.org_code or a.kb_id)


def reciprocal(cand: Candidate) -> bool:
    """'Russia and Ukraine freed 115 prisoners each', '... offered each other': coordinated
    actors doing the same thing to one another."""
    if not any(c.dep_ == "conj" for t in cand.actors for c in t.children):
        return False
    window = cand.trigger.sent
    return any(t.lower_ in RECIPROCAL_WORDS or (t.lower_ == "one" and t.nbor(1).lower_ == "another")
               for t in window if t.i + 1 < len(t.doc))


def reversed_event(ev: Event) -> Event:
    digest = hashlib.sha1((ev.event_id + "|reverse").encode()).hexdigest()[:16]
    return replace(ev, event_id=f"ev-{digest}", actor=ev.recipient, recipient=ev.actor, extra=dict(ev.extra))
