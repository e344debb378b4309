"""When an event happened: the temporal expression attached to its own clause, else the
sentence's, the report's, the paragraph's."""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from tacitus.events import clauses
from tacitus.events.coder import Candidate
from tacitus.timex import Timex


class DatingMixin:
    """Methods of the article coder (`tacitus.events.build`); see the module docstring."""

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
            head = attachment(tok)
            rel = relative_clause_of(head) if head is not None else None
            if rel is not None and rel[1].i != trig.i and trig.i not in {x.i for x in rel[0].subtree}:
                nouns = [rel[1], *clauses.prep_objects(rel[1], "of")]  # "the end of the trip, which"
                if any(n.i != trig.i and n.lemma_.lower() in self.o.coder.lexicon.nouns for n in nouns):
                    continue  # "at the end of the trip, which began on Monday": another act's date
            if head is not None and head.i in report_verbs:
                score = 3
            elif head is not None and governs(trig, head):
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

    def _token_at(self, doc: Doc, char: int) -> Token | None:
        i = bisect.bisect_right(self._starts, char) - 1
        return doc[i] if 0 <= i < len(doc) else None


def attachment(tok: Token) -> Token | None:
    """The verb or noun a temporal expression modifies."""
    t = tok
    for _ in range(6):
        if t.head.i == t.i:
            return t
        t = t.head
        if t.pos_ in ("VERB", "AUX") or (t.pos_ == "NOUN" and t.dep_ not in ("npadvmod",) and t.ent_type_ != "DATE"):
            return t
    return t


def governs(trig: Token, tok: Token) -> bool:
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


def relative_clause_of(tok: Token) -> tuple[Token, Token] | None:
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
