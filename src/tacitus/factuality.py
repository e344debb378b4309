"""Factuality: is the event asserted, negated, planned or only possible?

Reads the trigger's own dependents (negation, modal auxiliaries, "no" determiners on
its object) and walks up the governing clauses (control verbs, complement clauses)
until a reporting verb or the sentence root: "failed to", "refused to", "denied"
negate; "plans to", "agreed to", "is due to", "will" make it future; "could",
"may", "fears that", "suspected of", "if" make it hypothetical."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

NEGATING_GOVERNORS = {"fail", "refuse", "decline", "deny", "reject", "avoid", "neglect", "stop", "halt",
                      "cease", "abandon", "forgo", "prevent", "block", "veto"}
FUTURE_GOVERNORS = {"plan", "intend", "agree", "expect", "schedule", "due", "set", "prepare", "aim",
                    "promise", "pledge", "vow", "decide", "want", "seek", "hope", "offer", "propose",
                    "invite", "invitation", "continue", "resolve", "commit", "undertake", "announce",
                    "move", "threaten", "have", "need", "ready", "willing", "poise", "try", "attempt", "look",
                    "consider", "mull", "weigh", "urge", "call", "ask", "demand", "press"}
# Governors that make a that-clause future ("expects that X will"), unlike "calls X a sham".
FUTURE_THAT_GOVERNORS = {"expect", "plan", "agree", "promise", "pledge", "vow", "decide", "hope", "intend",
                         "propose", "announce", "resolve", "commit"}
HYPOTHETICAL_GOVERNORS = {"fear", "suspect", "allege", "worry", "concern", "believe", "think", "suppose",
                          "speculate", "rumor", "rumour", "doubt", "risk", "could", "possible",
                          "possibility", "potential", "likely", "unlikely", "may", "might", "suspicion",
                          "accuse", "claim", "assume", "consider", "mull", "weigh", "threat", "warn",
                          "examine", "explore", "study", "discuss", "way", "option"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPO_AUX = {"could", "may", "might", "would", "should", "must", "can", "ca"}
HYPO_MODIFIERS = {"possible", "potential", "proposed", "planned", "alleged", "suspected", "rumoured",
                  "rumored", "prospective", "future", "expected", "feared", "reported"}
FUTURE_MODIFIERS = {"planned", "upcoming", "scheduled", "proposed", "expected", "future", "next", "forthcoming"}
NEG_DETS = {"no", "neither", "nor"}
STOP_DEPS = {"relcl"}
FINITE_TAGS = {"VBD", "VBZ", "VBP"}


@dataclass(frozen=True, slots=True)
class Factuality:
    negated: bool
    modality: str  # actual | future | hypothetical
    cue: str | None = None


def _neg_child(tok: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in NEG_DETS) for c in tok.children)


def factuality(trigger: Token, obj: Token | None, reporting: set[int]) -> Factuality:
    """Factuality of the event named by `trigger` (verb or noun). `obj` is its direct
    object or passive subject; `reporting` holds indexes of reporting verbs, where the
    upward walk stops (what a speaker says is judged from inside the quote)."""
    negated = _neg_child(trigger) or (obj is not None and _neg_child(obj))
    subj = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and any(c.dep_ == "det" and c.lower_ in ("neither", "no") for c in subj.children):
        negated = True  # "Neither side has agreed to a truce", "No hostages have been freed"
    modality, cue = "actual", None
    if trigger.pos_ in ("NOUN", "PROPN"):
        mods = {c.lower_ for c in trigger.children if c.dep_ in ("amod", "compound")}
        if mods & FUTURE_MODIFIERS:
            modality, cue = "future", next(iter(mods & FUTURE_MODIFIERS))
        elif mods & HYPO_MODIFIERS:
            modality, cue = "hypothetical", next(iter(mods & HYPO_MODIFIERS))
        if trigger.dep_ == "pobj" and trigger.head.lower_ == "without":
            negated = True
    for c in trigger.children:
        if c.dep_ == "aux":
            if c.lower_ in FUTURE_AUX:
                modality, cue = "future", c.text
            elif c.lower_ in HYPO_AUX and modality == "actual":
                modality, cue = ("future" if _reported(trigger, reporting) and c.lower_ == "would"
                                 else "hypothetical"), c.text
        if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
            modality, cue = "hypothetical", c.text
        if c.dep_ == "mark" and c.lower_ == "so" and trigger.dep_ == "advcl" and modality == "actual":
            modality, cue = "hypothetical", "so that"  # a purpose: "so that Russia withdraws its troops"
        if c.dep_ == "acomp" and c.lemma_ in ("due", "set", "likely", "unlikely", "ready"):
            modality, cue = "future", c.text

    if trigger.pos_ in ("NOUN", "PROPN"):
        # "did not take part in the strike", "was not involved in the attacks": the
        # negation of the verb that carries a nominal event negates it
        h = trigger
        for _ in range(4):
            if h.dep_ not in ("pobj", "prep", "dobj", "attr", "nsubjpass", "acomp") or h.head.i == h.i:
                break
            h = h.head
            if h.pos_ in ("VERB", "AUX", "ADJ") and h.dep_ != "amod":
                if _neg_child(h):
                    negated = True
                if modality == "actual":  # "would present proposals", "will hold talks"
                    aux = next((c for c in h.children if c.dep_ == "aux" and c.lower_ in FUTURE_AUX | HYPO_AUX), None)
                    if aux is not None:
                        modality = "future" if aux.lower_ in FUTURE_AUX or (
                            aux.lower_ == "would" and _reported(h, reporting)) else "hypothetical"
                        cue = aux.text
                break
    tok = trigger
    for _ in range(6):
        if tok.dep_ in STOP_DEPS or tok.head.i == tok.i or tok.i in reporting:
            break
        dep, head = tok.dep_, tok.head
        if head.i in reporting:
            break
        lemma = head.lemma_.lower()
        linked = dep in ("xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "dobj", "advcl", "conj", "nsubjpass", "attr")
        if not linked:
            break
        if dep == "conj" and tok.tag_ in FINITE_TAGS and head.tag_ in ("VBG", "VB") and head.head.i != head.i:
            # "denied targeting civilians and accused the army": a finite verb hung on the
            # complement is coordinated with the governor, outside its scope
            tok = head.head
            continue
        if dep in ("xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "dobj", "attr", "nsubjpass"):
            if lemma in NEGATING_GOVERNORS and dep != "conj":
                negated = True
                cue = head.text
            if _neg_child(head) and dep in ("xcomp", "acl", "pcomp"):
                negated = not negated if lemma in NEGATING_GOVERNORS else True
            if modality == "actual":
                if lemma in HYPOTHETICAL_GOVERNORS:
                    modality, cue = "hypothetical", head.text
                elif lemma in FUTURE_GOVERNORS and (dep in ("xcomp", "acl", "pcomp")
                                                    or dep == "ccomp" and lemma in FUTURE_THAT_GOVERNORS
                                                    or dep == "prep" and tok.lower_ == "to"):  # "agreed to a truce"
                    modality, cue = "future", head.text
                else:
                    for c in head.children:
                        if c.dep_ == "aux" and c.lower_ in FUTURE_AUX and dep == "xcomp":
                            modality, cue = "future", c.text
                        elif c.dep_ == "aux" and c.lower_ in HYPO_AUX and dep in ("xcomp",):
                            modality, cue = "hypothetical", c.text
        if lemma == "be" and modality == "actual" and head.pos_ == "AUX" and dep in ("xcomp", "advcl", "conj") \
                and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in head.children):
            modality, cue = "future", f"{head.text} to"  # "the rebels are to free 20 hostages, while the army releases"
        if head.lower_ == "without" and dep in ("pobj", "pcomp"):
            negated = True
        if dep == "conj" and _neg_child(head) and trigger.pos_ == "VERB":
            pass  # "did not meet and talked" negates only the first verb
        tok = head
    return Factuality(negated, modality, cue)


def _reported(trigger: Token, reporting: set[int]) -> bool:
    tok = trigger
    for _ in range(5):
        if tok.head.i == tok.i:
            return False
        if tok.head.i in reporting:
            return True
        tok = tok.head
    return False
