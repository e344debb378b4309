"""The event coder: from a parsed sentence to candidate events.

For every token that is a lexicon trigger (verb, phrasal verb or noun lemma, with its
object constraints), the coder reads the argument slots the entry names from the
dependency tree (events.clauses), judges factuality, and finds the reporting frame.
It predicts; turning candidates into contract records (actor resolution, dates,
places) is the pipeline's job."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from tacitus.attribution import REPORTING_VERBS, Frame, frame_for, reporting_frames
from tacitus.events import clauses
from tacitus.events.lexicon import Lexicon, Trigger
from tacitus.factuality import Factuality, factuality

# Outer events that absorb the event in their complement: "agreed to meet" is one
# AGREE, "urged X to withdraw" one REQUEST, "threatened to impose sanctions" one THREATEN.
ABSORBING_TYPES = {"AGREE", "REQUEST", "THREATEN", "REJECT"}
QUESTION_MARK = "?"
TOPIC_HEADS = {"group", "committee", "commission", "panel", "report", "study", "law", "bill", "rule", "rules",
               "policy", "debate", "conference", "workshop", "seminar", "agreement", "deal", "treaty", "accord",
               "resolution", "stance", "position", "view", "views", "information", "data", "statistics"}
TIME_PREPS = {"before", "after", "since", "until", "following", "ahead", "during"}
# Acts that, in the passive with no agent, are still coded: "was detained" is an arrest by
# the authorities of the state where it happens.
AGENTLESS_CODES = {"173"}
NON_EVENT_ENTITIES = {"DATE", "TIME", "PERSON", "GPE", "ORG", "NORP", "FAC", "LOC", "MONEY", "CARDINAL",
                      "ORDINAL", "QUANTITY", "PERCENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"}


@dataclass(frozen=True, slots=True)
class Candidate:
    trigger: Token
    trigger_text: str
    entry: Trigger
    actors: tuple[Token, ...]
    recipients: tuple[Token, ...]
    fact: Factuality
    frame: Frame | None


class EventCoder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def code(self, sent: Span, frames: list[Frame] | None = None) -> list[Candidate]:
        """Candidate events of one sentence; `frames` are its reporting frames when the
        caller has them already."""
        if sent.text.rstrip().endswith(QUESTION_MARK):
            return []
        if frames is None:
            frames = reporting_frames(sent)
        reporting = {f.verb.i for f in frames if f.verb is not None}
        found: list[Candidate] = []
        consumed: set[int] = set()
        # participles that only describe a noun ("protesting farmers") name no act
        verbs = [t for t in sent if (t.pos_ == "VERB" and t.dep_ not in ("amod", "compound"))
                 or (t.pos_ == "AUX" and t.dep_ == "ROOT")]
        nouns = [t for t in sent if t.pos_ in ("NOUN", "PROPN")]
        for tok in verbs + nouns:
            if tok.i in consumed:
                continue
            if tok.i in reporting and tok.lemma_.lower() in REPORTING_VERBS:
                entry = self._match(tok)
                if entry is None:
                    continue
            else:
                entry = self._match(tok)
            if entry is None:
                continue
            cand = self._candidate(tok, entry, frames, reporting)
            if cand is None:
                continue
            found.append(cand)
            if entry.pos == "verb":
                obj = clauses.direct_object(tok)
                if obj is not None:
                    consumed.add(obj.i)
                    consumed.add(clauses.unwrap(obj).i)
                if entry.cameo.plover_type in ABSORBING_TYPES:
                    for c in tok.subtree:
                        if c.dep_ in ("xcomp", "ccomp", "pcomp") and c.head.i in (tok.i, *(o.i for o in [obj] if o)):
                            consumed.update(x.i for x in c.subtree)
                        if c.dep_ == "acl" and obj is not None and c.head.i == obj.i:
                            consumed.update(x.i for x in c.subtree)
            else:
                for c in tok.children:
                    if c.dep_ == "acl" and entry.cameo.plover_type in ABSORBING_TYPES:
                        consumed.update(x.i for x in c.subtree)
        return found

    def _match(self, tok: Token) -> Trigger | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "PROPN" and lemma not in self.lexicon.nouns:
            return None
        if tok.pos_ in ("VERB", "AUX"):
            entries = self.lexicon.verbs.get(lemma, ())
            if not entries:
                return None
            objs = clauses.object_lemmas(tok)
            parts = clauses.particles(tok)
            best: tuple[tuple[int, int], Trigger] | None = None
            for e in entries:
                if len(e.words) > 1 and not set(e.words[1:]) <= parts:
                    continue
                matched = e.objects & objs
                if e.objects and not matched:
                    continue
                if e.exclude_objects & objs:
                    continue
                if e.subjects and clauses.subject_lemma(tok) not in e.subjects:
                    continue
                # the most specific entry wins; among equals, the longest matched object
                score = (e.specificity, max((len(o.split()) for o in matched), default=0))
                if best is None or score > best[0]:
                    best = (score, e)
            return best[1] if best else None
        if tok.ent_type_ in NON_EVENT_ENTITIES:
            return None  # "March" the month, "Strike Group" a name
        entries = self.lexicon.nouns.get(lemma, ())
        for e in entries:
            if len(e.words) > 1:
                prev = [c.lemma_.lower() for c in tok.lefts if c.dep_ in ("compound", "amod")]
                if not set(e.words[:-1]) <= set(prev):
                    continue
            return e
        return None

    def _candidate(self, tok: Token, entry: Trigger, frames: list[Frame], reporting: set[int]) -> Candidate | None:
        actors: list[Token] = []
        for slot in entry.actor:
            actors = clauses.arg_slot(tok, slot, entry.pos)
            if actors:
                break
        recipients: list[Token] = []
        for slot in entry.recipient:
            if slot == "subject":
                recipients = clauses.arg_slot(tok, "subject", entry.pos)
            else:
                recipients = clauses.arg_slot(tok, slot, entry.pos)
            if recipients:
                break
        if "between" in entry.recipient and len(recipients) >= 2 and not actors:
            actors, recipients = [recipients[0]], recipients[1:]
        frame = frame_for(tok, frames)
        if not actors and frame is not None and entry.pos == "verb" and clauses.is_passive(tok) and entry.symmetric:
            # "the Kremlin assures no deal was signed": the speaker is a party to it
            actors = [frame.source]
        if not actors and not (entry.pos == "verb" and entry.cameo.code in AGENTLESS_CODES
                               and clauses.is_passive(tok)):
            return None  # (an arrest with no one named as arresting is the state's: see build)
        if entry.pos == "noun" and _is_background_topic(tok):
            return None
        if entry.pos == "noun" and entry.cameo.plover_type == "PROTEST" and clauses.noun_actor(tok) is None \
                and tok.dep_ == "pobj" and tok.head.lower_ in ("at", "during", "after", "amid"):
            return None  # "police detained 1,300 people at anti-war protests": not the police's protest
        obj = clauses.direct_object(tok) if entry.pos == "verb" else None
        fact = factuality(tok, obj, reporting)
        if frame is not None and frame.source.i in {a.i for a in actors} and frame.verb is not None \
                and frame.verb.i == tok.i:
            frame = None
        text = tok.text
        if entry.pos == "noun":
            gv = clauses.governing_verb(tok)
            if gv is not None and tok.dep_ == "dobj":
                text = f"{gv.text} {tok.text}"
        elif entry.objects and obj is not None:
            text = f"{tok.text} {obj.text}"
        return Candidate(tok, text, entry, tuple(actors), tuple(recipients), fact, frame)


def _is_background_topic(noun: Token) -> bool:
    """Nominal triggers that only name a topic: 'talks on the issue of sanctions',
    'a conference about the attack', 'the war' as a compound modifier."""
    if noun.dep_ == "compound":
        return True
    h = noun.head
    if noun.dep_ == "pobj" and h.lower_ in ("about", "regarding", "concerning", "over", "despite", "amid"):
        return True
    if noun.dep_ == "pobj" and h.lower_ == "on" and h.head.pos_ == "NOUN" and h.head.lemma_.lower() in TOPIC_HEADS:
        return True  # "a working group on customs inspections"
    if noun.dep_ == "pobj" and h.lower_ in TIME_PREPS and clauses.noun_actor(noun) is None:
        return True  # "months before the invasion of Ukraine": a time reference, not a report of it
    return False
