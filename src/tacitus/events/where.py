"""Where an event happened: the place its clause governs (or its object, or the place
attacked), the places of a sentence, and the story's fallbacks."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from tacitus.events import clauses
from tacitus.events.coder import Candidate
from tacitus.events.vocab import AREA_NOUNS, LOCATIVE_PREPS, ORIGIN_PREPS, PLACE_LABELS, PLACE_PREPS
from tacitus.places.gazetteer import FACILITY_FEATURES
from tacitus.records import Actor, Place


class PlacingMixin:
    """Methods of the article coder (`tacitus.events.build`); see the module docstring."""

    # -- place -------------------------------------------------------------
    def _place(self, cand: Candidate, sent: Span, actor: Actor, recipient: Actor | None,
               struck: bool = False, in_title: bool = False) -> tuple[Place | None, bool]:
        """The event's place, and whether it was read from the event's own sentence."""
        context = tuple(c for c in (actor.country, recipient.country if recipient else None) if c)
        context = context + tuple(c for c, _ in self.countries.most_common(3) if c not in context)
        trig = cand.trigger
        targets = {t.i for t in cand.recipients}
        arg_tokens = {t.i for t in cand.actors} | targets
        clause = own_clause(trig)
        obj = clauses.direct_object(trig) if trig.pos_ in ("VERB", "AUX") else None
        obj_i = obj.i if obj is not None else -1
        moving = cand.entry.cameo.mode == "visit"
        best: tuple[int, Place] | None = None
        for root, place in self._sentence_places(sent, context):
            if root.dep_ in ("amod", "compound") and root.head.lemma_.lower() in AREA_NOUNS:
                root = root.head  # "in the Nizip district", "the Kursk region"
            if root.dep_ == "poss" or root.pos_ == "ADJ":
                continue  # "Israel's cabinet", "Chilean salmon": owners, not places
            modifier = root.dep_ == "compound" and root.head.dep_ == "pobj" and root.head.pos_ == "NOUN"
            if modifier:
                root = root.head  # "at a Novosibirsk restaurant"
            prep = root.head if root.dep_ == "pobj" else None
            if prep is not None and prep.head.i not in clause and prep.head.i != trig.i \
                    and self._names_someone(prep.head):
                continue  # "the ambassador in Dakar": someone's post, not the event's place
            if prep is not None and prep.lower_ in PLACE_PREPS and (
                    prep.head.i in clause or prep.head.i == trig.i or prep.head.i == obj_i
                    or prep.head.head.i == trig.i and prep.head.dep_ in ("dobj", "nsubjpass")):
                # on the clause, or on its object: "struck sites across Syria"
                rank = 0 if prep.lower_ not in ORIGIN_PREPS else 2
            elif root.i in arg_tokens:
                struck_here = struck and root.i in targets and (
                    recipient is None or recipient.kind != "person"
                    or recipient.kb_id is None and recipient.name == place.text)  # a town the tagger took for a name
                if not (moving or struck_here):
                    continue  # a party to the event is not where it happened, except for visits
                rank = 1  # and places attacked: "shelled Kramatorsk"
            elif prep is not None and verb_of(prep).i in {a.i for a in trig.ancestors}:
                rank = 4  # the place of another coordinated clause, with its own subject
            elif prep is not None and prep.lower_ in PLACE_PREPS and situates_a_place_of(prep.head, clause):
                rank = 1  # "in a field hospital set up in Nizip"
            else:
                top = trig if trig.is_ancestor(root) else trig.sent.root  # within its own clause, or the sentence
                rank = 1 if prep is not None and prep.lower_ in PLACE_PREPS and not in_clause_below(root, top) else 4
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
            # story began ("destroyed rebel launchers" in a story placed at sea)
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
        for tok in sent:  # "in 38 Russian cities": the state the demonym names
            if tok.dep_ == "pobj" and tok.lemma_.lower() in AREA_NOUNS and tok.i not in seen:
                demonym = next((c for c in tok.children if c.dep_ == "amod" and c.ent_type_ == "NORP"), None)
                state = self.ctx.resolve(demonym.text, on=self.on, label="NORP") if demonym is not None else None
                place = self.o.places.country(state.country) if state is not None and state.kind == "state" \
                    and state.country and hasattr(self.o.places, "country") else None
                if place is not None:
                    out.append((tok, replace(place, text=f"{demonym.text} {tok.text}")))
                    seen.add(tok.i)
        for start, end, place in self.o.places.find(sent.text, context):
            span = sent.doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
            if span is None or any(t.i in seen for t in span):
                continue
            if span.root.ent_type_ in ("ORG", "NORP") and place.feature not in FACILITY_FEATURES \
                    and not (span.start > 0 and sent.doc[span.start - 1].lower_ in ("in", "near", "outside")):
                continue  # "killed ... in Goma" tagged ORG is still a town
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

    def _names_someone(self, tok: Token) -> bool:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in PLACE_LABELS:
            return False
        if tok.ent_type_ in ("PERSON", "ORG", "NORP"):
            return True
        return self.ctx.resolve(tok.text, on=self.on) is not None


def situates_a_place_of(head: Token, clause: set[int]) -> bool:
    """Whether `head` is a participle describing where the clause happens: "giving service
    in a field hospital established in X" (a place noun after a locative preposition)."""
    if head.dep_ not in ("acl", "relcl") or head.pos_ != "VERB":
        return False
    noun = head.head
    return noun.dep_ == "pobj" and noun.head.lower_ in LOCATIVE_PREPS and noun.head.head.i in clause


def verb_of(tok: Token) -> Token:
    """The nearest verb above a word (the word itself at the root)."""
    t = tok.head
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def own_clause(trig: Token) -> set[int]:
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


def in_clause_below(tok: Token, top: Token) -> bool:
    """`tok` sits in a clause embedded under `top` (a relative or adverbial clause),
    not in `top`'s own phrase."""
    t = tok
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp"):
            return True
        t = t.head
    return False
