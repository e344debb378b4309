"""Mentions: from an argument token to the words that name the actor, and
within-article coreference for pronouns and bare role nouns.

The span of a mention is the token with its left modifiers (titles, demonyms,
possessors: "Russian President Vladimir Putin", "Chile's foreign ministry"), plus
an "of" complement for role nouns ("the foreign ministers of Armenia") and a
person apposition ("his counterpart, Ana Torres"). Coreference is a salience
resolver: a pronoun takes the most recent compatible actor, preferring the subjects
of earlier clauses (the centre of attention in news prose)."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from tacitus.records import Actor

LEFT_DEPS = {"compound", "amod", "det", "poss", "nmod", "nummod", "punct", "case", "quantmod", "npadvmod"}
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
GROUP_PRONOUNS = {"it", "its", "they", "them", "their", "itself", "themselves"}
ROLE_HEADS_TAKING_OF = {"minister", "ministers", "government", "president", "leader", "leaders", "army",
                        "forces", "ministry", "people", "head", "chief", "foreign", "prime", "secretary",
                        "embassy", "ambassador", "parliament", "military", "police", "navy", "delegation",
                        "authorities", "officials", "official", "representatives", "envoy", "troops"}
NON_ACTOR_PRONOUNS = {"i", "me", "we", "us", "you", "this", "that", "these", "those", "which", "who",
                      "what", "there", "something", "everything", "nothing", "one", "both", "each", "all"}


def mention_span(tok: Token) -> Span:
    """The words naming the actor whose head is `tok`."""
    doc = tok.doc
    ent = (entity_start(tok), entity_end(tok)) if tok.ent_iob_ in ("B", "I") else None
    start = tok.i
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.lefts:
            if c.dep_ in LEFT_DEPS and c.i < start and not (c.dep_ == "det" and c.lower_ in ("a", "an")):
                start = min(start, c.i)
                stack.append(c)
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ in ("compound", "flat") and c.i == end:
            end = c.i + 1
    if ent is not None:
        comma = next((i for i in range(tok.i + 1, ent[1]) if doc[i].text == ","), None)
        if comma is not None:  # "Tass, Peskov" tagged as one entity: the name stops at the comma
            ent = (ent[0], comma)
        start, end = min(start, ent[0]), max(end, ent[1])
    if tok.lower_ in ROLE_HEADS_TAKING_OF or tok.lemma_.lower() in ROLE_HEADS_TAKING_OF:
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ == "of" and not any(g.pos_ in ("VERB", "AUX") for g in c.children):
                end = max(end, c.right_edge.i + 1)  # "troops of Chad", not "troops of deliberately targeting"
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return doc[start:end]


def entity_start(tok: Token) -> int:
    """First token of the named entity `tok` belongs to (tok itself when none); walks
    the IOB tags instead of rebuilding Doc.ents."""
    i = tok.i
    doc = tok.doc
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return i


def entity_end(tok: Token) -> int:
    doc = tok.doc
    i = tok.i + 1
    while i < len(doc) and doc[i].ent_iob_ == "I":
        i += 1
    return i


def apposed_person(tok: Token) -> Token | None:
    """The person an office noun is apposed to ("the spokesman, Li Ming"); never for a
    named organisation or place, where a following name is a misparsed subject ("According
    to Tass, Peskov said")."""
    if tok.ent_type_ in ("ORG", "GPE", "NORP", "LOC", "FAC"):
        return None
    for c in tok.children:
        if c.dep_ == "appos" and c.ent_type_ == "PERSON":
            return c
    return None


@dataclass
class SalienceCoref:
    """Per-article memory of resolved actors in reading order."""

    history: list[tuple[int, bool, Actor]] = field(default_factory=list)  # (token index, is_subject, actor)

    def remember(self, tok: Token, actor: Actor) -> None:
        self.history.append((tok.i, tok.dep_ in ("nsubj", "nsubjpass"), actor))

    def antecedent(self, tok: Token) -> Actor | None:
        word = tok.lower_
        if word in PERSON_PRONOUNS:
            wanted = ("person",)
        elif word in GROUP_PRONOUNS:
            wanted = ("state", "organization", "group")
        else:
            return None
        before = [(i, subj, a) for i, subj, a in self.history if i < tok.i and a.kind in wanted]
        if not before:
            return None
        sent_start = tok.sent.start
        same = [h for h in before if h[0] >= sent_start]
        if word in ("his", "her", "its", "their") and same:
            subj = [h for h in same if h[1]]
            return (subj or same)[-1][2]
        if same and tok.dep_ not in ("nsubj", "nsubjpass"):
            return same[-1][2]
        subjects = [h for h in before if h[1] and h[0] < sent_start]
        if subjects and subjects[-1][0] >= (before[-1][0] - 60):
            return subjects[-1][2]
        return before[-1][2]

    def protagonist(self, tok: Token, exclude: Actor | None = None) -> Actor | None:
        """The actor at the centre of the story so far: the most recent person (else
        any actor) that was a clause subject before `tok`."""
        for kinds in (("person",), ("state", "organization", "group")):
            for i, subj, a in reversed(self.history):
                if i < tok.i and subj and a.kind in kinds and (exclude is None or a.key != exclude.key):
                    return a
        return None

    def main_pair(self, tok: Token) -> tuple[Actor, Actor] | None:
        """The story's two protagonists, for "both sides", "neither side", "the two
        ministers": the two parties named most often before `tok`, each represented by
        its latest mention. Parties are counted by entry, not by state, so that the army
        and a paramilitary of one state are two sides."""
        counts: dict[str, int] = {}
        latest: dict[str, Actor] = {}
        for i, _, a in self.history:
            if i >= tok.i or not (a.country or a.kb_id or a.org_code):
                continue
            key = a.key
            counts[key] = counts.get(key, 0) + 1
            latest[key] = a
        if len(counts) < 2:
            return None
        first, second = sorted(counts, key=lambda k: -counts[k])[:2]
        return latest[first], latest[second]

    def last_state(self, tok: Token) -> Actor | None:
        """The state named last before `tok` ("... brokered by Oman ... the Gulf state")."""
        for i, _, a in reversed(self.history):
            if i < tok.i and a.kind == "state" and a.country:
                return a
        return None

    def counterpart(self, tok: Token, actor: Actor) -> Actor | None:
        """The other party of a two-sided act named without one ("no deal was signed"):
        the most recent subject of another state before `tok`."""
        for leading in (True, False):  # a state or its leaders before its parties and groups
            for i, subj, a in reversed(self.history):
                if i < tok.i and subj and a.country and a.country != actor.country and a.key != actor.key \
                        and (not leading or a.kind == "state" or a.kind == "person" and a.kb_id):
                    return a
        return None

    def holder_of(self, tok: Token, office_word: str, before: int | None = None) -> Actor | None:
        """The person named earlier whose office contains `office_word` ("the
        Chancellor" -> Olaf Scholz, "Chancellor of Germany")."""
        if len(office_word) < 4:
            return None
        limit = tok.i if before is None else before
        for i, _, a in reversed(self.history):
            if i < limit and a.kind == "person" and a.name.lower() != a.text.lower() and (
                    a.role and office_word in a.role.lower()
                    or office_word in a.text.lower().split() and a.name.lower() in a.text.lower()):
                return a  # by office held, or by the description the person was named with
        return None


def reporting_speaker(tok: Token) -> Token | None:
    """The named subject a pronoun subject refers to when its clause hangs from that
    subject's verb: a reported clause ("the two envoys said they had agreed", "Iran
    insists it has not sent drones") or a coordinated one ("Maduro affirmed ... and he
    accused them"). None unless the subject is named (not a pronoun) and agrees in
    number with the pronoun."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ not in ("ccomp", "conj"):
        return None
    if tok.head.dep_ == "conj" and tok.head.head.dep_ in ("ccomp", "xcomp", "advcl", "relcl"):
        return None  # coordinated with a reported clause, not with the speaker's own verb
    speaker = next((c for c in tok.head.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.pos_ == "PRON":
        return None
    plural = speaker.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in speaker.children)
    word = tok.lower_
    if word in ("he", "she", "it"):
        return speaker if not plural else None
    return speaker if word == "they" else None
