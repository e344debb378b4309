"""Attribution: according to whom an event is reported.

Reporting frames are found once per sentence: a reporting verb whose complement or
adjunct holds the event ("KCNA said Kim thanked Putin", "Kim thanked Putin, KCNA
said", "..., state media reported"), "according to X", "in a statement carried by
X", "X quoted Y as saying" (the outer reporter wins). A sentence without its own
frame that continues a report ("KCNA added", quotes) inherits the previous one."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

REPORTING_VERBS = {
    "say", "report", "tell", "add", "announce", "state", "claim", "confirm", "write", "quote", "assure",
    "insist", "note", "declare", "explain", "stress", "emphasize", "emphasise", "maintain", "reiterate",
    "acknowledge", "disclose", "reveal", "indicate", "suggest", "argue", "comment", "remark", "tweet",
    "post", "cite", "brief", "inform", "describe", "learn", "publish", "broadcast", "carry", "recount",
    "recall", "point", "underline", "underscore", "observe", "predict", "estimate", "told", "communicate",
    "relay", "affirm",
}
DEMONSTRATIVES = {"this", "that", "these", "those", "it"}
ACCORDING = ("according", "to")
SOURCE_NOUNS = {"statement", "readout", "report", "communique", "communiqué", "release", "dispatch",
                "broadcast", "interview", "briefing", "account", "post", "message", "letter"}


@dataclass(frozen=True, slots=True)
class Frame:
    """A reporting frame: who reports (a token to resolve), the cue word, and the verb
    whose complement holds what is reported (None for 'according to')."""

    source: Token
    cue: str
    verb: Token | None
    anchor: Token | None = None  # the word "according" for 'according to' frames


def reporting_frames(sent: Span) -> list[Frame]:
    frames: list[Frame] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in REPORTING_VERBS:
            subj = _reporter(tok)
            if subj is not None:
                frames.append(Frame(subj, tok.text, tok))
        elif tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            obj = next((g for g in tok.nbor(1).children if g.dep_ == "pobj"), None)
            if obj is not None:
                frames.append(Frame(_through_source_noun(obj), "according to", None, tok))
        elif lemma in ("carry", "issue", "release", "publish") and tok.dep_ in ("acl", "relcl"):
            by = [g for c in tok.children if c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
            if by and tok.head.lemma_.lower() in SOURCE_NOUNS:
                frames.append(Frame(by[0], tok.text, None))
        elif tok.lower_ == "so" and tok.i > sent.start and tok.nbor(-1).text == ",":
            source = _closing_source(sent, tok)
            if source is not None:
                frames.append(Frame(source, "so", None, tok))
    return frames


def _closing_source(sent: Span, so: Token) -> Token | None:
    """The speaker of a report closed by ", so the spokesman." (a verbless attribution,
    common in copy translated from German or Turkish): a noun phrase ending the sentence."""
    rest = [t for t in sent if t.i > so.i and not (t.is_punct or t.is_space)]
    if not rest or len(rest) > 6 or rest[0].pos_ not in ("DET", "PROPN", "NOUN", "ADJ"):
        return None
    nouns = [t for t in rest if t.pos_ in ("NOUN", "PROPN")]
    return nouns[-1] if nouns and all(t.pos_ in ("DET", "PROPN", "NOUN", "ADJ", "PUNCT") for t in rest) else None


def _reporter(verb: Token) -> Token | None:
    """The reporting verb's source: its subject, a passive's agent, or, when the
    subject only points back ("This communicated the spokesman"), its object."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ in DEMONSTRATIVES:
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")), None)
        if obj is not None:
            return _through_source_noun(obj)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    # two subjects are a misparse of "X did Y, the agency said": the speaker is the nearer one
    for c in sorted(subjects, key=lambda c: abs(verb.i - c.i)):
        if c.dep_ in ("nsubj", "nsubjpass"):
            if c.dep_ == "nsubjpass":
                by = [g for a in verb.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
                return by[0] if by else None
            return _through_source_noun(c)
    return None


def _through_source_noun(tok: Token) -> Token:
    """'a statement from Chile's foreign ministry' -> the ministry; 'the readout' stays."""
    if tok.lemma_.lower() in SOURCE_NOUNS:
        for c in tok.children:
            if c.dep_ == "poss":
                return c
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
            if c.dep_ in ("acl", "relcl"):  # "the statement made by the presidential press office"
                agent = next((g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"),
                             None)
                if agent is not None:
                    return agent
    return tok


def frame_for(trigger: Token, frames: list[Frame]) -> Frame | None:
    """The frame that reports the event at `trigger`: a reporting verb that governs the
    trigger, or one attached to the trigger's clause as an adjunct or parenthetical,
    or an 'according to' anywhere in the sentence. The outermost reporter wins."""
    if not frames:
        return None
    ancestors = {a.i for a in trigger.ancestors}
    for f in frames:
        # "According to the statement, the president stated that ...": the outer source reports
        if f.anchor is not None and f.anchor.head.i in ancestors and f.anchor.head.lemma_.lower() in REPORTING_VERBS:
            return f
    best: Frame | None = None
    for f in frames:
        if f.verb is None:
            best = best or f
            continue
        if f.verb.i == trigger.i:
            continue
        if f.verb.i in ancestors:
            best = f  # ancestors are visited innermost first; keep the outermost
        elif _trailing(f):
            best = best or f
        elif f.verb.head.i == trigger.i or f.verb.head.i in ancestors or f.verb.dep_ in ("parataxis", "ROOT"):
            if trigger.i not in {a.i for a in f.verb.ancestors}:
                best = best or f
    return best


def _trailing(f: Frame) -> bool:
    """A report closing its sentence (", the state news agency reported."): it
    reports all of the sentence, wherever the parser hung it."""
    verb = f.verb
    # only punctuation or the report's own adjuncts follow: "..., the ministry said in a readout."
    adjuncts = {t.i for c in verb.children if c.i > verb.i and c.dep_ in ("prep", "advmod", "npadvmod")
                for t in c.subtree}
    if any(not (t.is_punct or t.is_space) and t.i not in adjuncts for t in verb.sent if t.i > verb.i):
        return False
    left = min([f.source.left_edge.i] + [c.left_edge.i for c in verb.children
                                         if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i and c.i > f.source.i - 8])
    return left > verb.sent.start and verb.doc[left - 1].text == ","
