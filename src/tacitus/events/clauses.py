"""Clause structure from the dependency parse: which tokens fill an event's argument
slots (subject, direct object, dative, prepositional obliques, possessors,
"between X and Y") for a verb or noun trigger, including passives, light verbs
("held talks with", "paid a visit to"), control ("agreed to meet") and coordination."""
from __future__ import annotations

from spacy.tokens import Token

SUBJ = {"nsubj", "csubj"}
# Prepositions whose nominal event is the clause subject's own ("met him during his
# visit", "ended without an agreement"), unlike "respond to the strike".
FRAME_PREPS = {"after", "during", "before", "following", "upon", "since", "on", "at", "in", "without",
               "through", "throughout", "amid", "ahead", "as"}
# Verbs whose subject speaks of an act rather than doing it: the object noun's actor is not
# their subject ("Beijing has not confirmed the trip", "Seoul welcomed the visit").
OBSERVER_VERBS = {"confirm", "announce", "welcome", "condemn", "criticise", "criticize", "deny", "denounce",
                  "postpone", "cancel", "discuss", "report", "praise", "describe", "call", "hail",
                  "question", "dismiss", "reject", "applaud", "decry", "deplore", "oppose", "support", "back",
                  "endorse", "note", "cite", "recall", "investigate", "probe", "observe", "monitor", "witness",
                  "film", "document", "approve", "ratify"}
NAMING_VERBS = {"describe", "call", "term", "dub", "label", "brand", "characterise", "characterize", "see",
                "consider", "regard", "deem"}
PARTICIPATION = {"involve", "engage", "implicate"}  # passive verbs whose subject takes part
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
# Nouns that only measure or group the real object: "a package of agreements".
CONTAINER_NOUNS = {"package", "series", "number", "set", "range", "pair", "round", "host", "wave",
                   "string", "batch", "raft", "slew", "spate", "day", "week", "month", "hour", "year",
                   "kind", "type", "lot", "group", "part", "bundle", "volley", "barrage", "flurry"}
# Governing verbs whose subject is also the subject of their xcomp ("agreed to meet").
LINKING_DEPS = {"xcomp", "conj", "advcl", "ccomp", "pcomp"}


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children)


QUANTIFIER_SUBJECTS = {"some", "many", "most", "all", "none", "several", "others", "both", "each", "few"}


def subject_of(verb: Token) -> Token | None:
    """The grammatical actor of a verb (see `_subject_of`); a coordinated verb that
    the parser hung on a side clause ("..., some of them draped in flags, and thanked
    the UAE") takes the subject of the sentence's main verb."""
    subj = _subject_of(verb)
    if (subj is None or subj.lower_ in QUANTIFIER_SUBJECTS) and verb.dep_ == "conj" and not is_passive(verb):
        root = verb.sent.root
        if root.i != verb.i:
            main = _subject_of(root)
            if main is not None:
                return main
    return subj


def _subject_of(verb: Token) -> Token | None:
    """The grammatical actor of a verb: its subject, a passive "by" agent, or, when the
    verb has none, the subject inherited through control or coordination."""
    seen = 0
    v: Token | None = verb
    while v is not None and seen < 4:
        seen += 1
        for c in v.children:
            if c.dep_ in SUBJ:
                if c.lower_ in RELATIVE_PRONOUNS and v.dep_ == "relcl":
                    return v.head  # "Oman, which has been hosting talks"
                return c
            if c.dep_ == "agent":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        if seen > 1 and is_passive(v):
            # "the king was expected to travel": the raised subject of a passive governor
            subj = next((c for c in v.children if c.dep_ in PASS_SUBJ), None)
            if subj is not None:
                return subj
        if seen == 1 and is_passive(v):
            return None  # "should never have been arrested": the subject is not the doer
        if v.dep_ == "advcl" and v.tag_ == "VBG" and v.head.pos_ in ("VERB", "AUX") \
                and not any(c.dep_ == "mark" for c in v.children):
            v = v.head  # "Biden said ..., calling on Moscow to release him": the same speaker
            continue
        if v.dep_ in ("xcomp", "conj") and v.head.i != v.i:
            # object control: "urged Pakistan to exercise restraint" -> Pakistan
            if v.dep_ == "xcomp":
                obj = next((c for c in v.head.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    return obj
            v = v.head
            continue
        if v.dep_ in ("advcl", "relcl", "acl") and v.head.pos_ in ("NOUN", "PROPN") and v.dep_ == "relcl":
            return v.head
        return None
    return None


def passive_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in PASS_SUBJ), None)


def unwrap(tok: Token) -> Token:
    """'a package of agreements' -> 'agreements'; 'four days of talks' -> 'talks'."""
    seen = 0
    while tok.lemma_.lower() in CONTAINER_NOUNS and seen < 3:
        seen += 1
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if obj is None:
            break
        tok = obj
    return tok


def direct_object(verb: Token) -> Token | None:
    if is_passive(verb):
        return passive_subject(verb)
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if len(objs) > 1:  # "aircraft that Russia used to strike Ukraine's grid": not the relative pronoun
        objs = [c for c in objs if c.lower_ not in RELATIVE_PRONOUNS] or objs
    if objs and objs[0].lower_ == "what":
        return _described(verb) or objs[0]
    if not objs and any(c.dep_ == "ccomp" and any(g.lower_ == "what" for g in c.children) for c in verb.children):
        return _described(verb)  # the parser hung "what" on the naming verb
    return objs[0] if objs else None


def _described(verb: Token) -> Token | None:
    """The thing a free relative names: "struck what the army described as a depot",
    "condemned what it called repeated Serbian violations"."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "relcl", "advcl") and c.lemma_.lower() in NAMING_VERBS:
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ == "as":
                    obj = next((x for x in g.children if x.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
                if g.dep_ in ("oprd", "dobj", "attr") and g.lower_ != "what":
                    return g
    return None


def prep_objects(head: Token, prep: str) -> list[Token]:
    """Objects of `prep` under `head`; "on Friday" and other dates are no party."""
    out = []
    for c in head.children:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ == prep:
            out.extend(g for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME"))
        elif c.dep_ == "dative" and prep == "dative" and c.pos_ != "ADP":
            out.append(c)
    return out


def conjuncts(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON")]


def governing_verb(noun: Token) -> Token | None:
    """The verb a nominal trigger hangs from: its light verb ("held talks") or the verb
    whose prepositional adjunct it is ("thanked him after his visit")."""
    h = noun
    for _ in range(4):
        if h.dep_ in ("dobj", "nsubjpass", "nsubj", "attr", "oprd") and h.head.pos_ in ("VERB", "AUX"):
            return h.head
        if h.dep_ == "pobj" and h.head.dep_ == "prep":
            if h.head.lower_ not in FRAME_PREPS:
                return None  # "respond to the strike": someone else's act
            h = h.head.head
            if h.pos_ in ("VERB", "AUX"):
                return h
            if h.pos_ == "ADJ" and h.dep_ == "acomp" and h.head.pos_ in ("VERB", "AUX"):
                return h.head  # "was not involved in the strikes": the copula's subject
            continue
        if h.dep_ in ("conj", "appos", "compound"):
            h = h.head
            continue
        return None
    return None


def noun_actor(noun: Token) -> Token | None:
    """Possessor ("Russia's attack"), demonym/compound ("Russian strikes", "Hezbollah
    drone"), or "by" agent ("attacks by the RSF")."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    by = prep_objects(noun, "by")
    if by:
        return by[0]
    for c in noun.children:
        if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
            return c
    return None


def arg_slot(trigger: Token, slot: str, pos: str) -> list[Token]:
    """Tokens filling `slot` for the trigger. Noun triggers read their obliques from
    themselves and, failing that, from the light verb that governs them."""
    if slot == "subject":
        if pos == "verb":
            s = subject_of(trigger)
            return [s] if s is not None else []
        a = noun_actor(trigger)
        if a is not None:
            return [a]
        gv = governing_verb(trigger)
        if gv is not None and gv.lemma_.lower() in OBSERVER_VERBS and trigger.dep_ in ("dobj", "nsubjpass"):
            return []  # "Beijing has not confirmed the trip", "welcomed the visit": not the one who acts
        if gv is not None and trigger.dep_ != "nsubj":
            s = subject_of(gv)
            if s is None and gv.lemma_.lower() in PARTICIPATION and is_passive(gv):
                s = passive_subject(gv)  # "it was not involved in the strikes"
            return [s] if s is not None and s is not trigger else []
        return []
    if slot == "dobj":
        if pos == "verb":
            o = direct_object(trigger)
            return [unwrap(o)] if o is not None else []
        return prep_objects(trigger, "of")
    if slot == "between":
        objs = prep_objects(trigger, "between") or prep_objects(trigger, "among")
        out: list[Token] = []
        for o in objs:
            out.append(o)
            out.extend(conjuncts(o))
        return out
    if slot == "dative":
        out = [c for c in trigger.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        return out or prep_objects(trigger, "to")
    found = prep_objects(trigger, slot)
    if not found and pos == "verb":
        obj = direct_object(trigger)
        if obj is not None:
            found = prep_objects(obj, slot)
        if not found:
            # one level down: "received drones as a gift from the governor"
            for c in trigger.rights:
                if c.dep_ == "prep":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            found = found or prep_objects(g, slot)
    if not found and pos == "noun":
        gv = governing_verb(trigger)
        if gv is not None:
            found = prep_objects(gv, slot)
        for c in trigger.children:  # "the call he made with the Chilean leader", "talks held with Iran"
            if not found and c.dep_ in ("relcl", "acl") and c.pos_ == "VERB":
                found = prep_objects(c, slot)
    return found


def subject_lemma(verb: Token) -> str | None:
    """Lemma of the head noun of the verb's subject, through container nouns ("the first
    convoy of Belgian soldiers" -> "soldier")."""
    subj = subject_of(verb)
    if subj is None:
        return None
    return unwrap(subj).lemma_.lower()


def object_lemmas(trigger: Token) -> set[str]:
    """Lemmas of what the verb acts on: direct object (through container nouns), passive
    subject, or xcomp object ("agreed to sign a deal")."""
    out: set[str] = set()
    obj = direct_object(trigger)
    if obj is not None:
        for o in (obj, unwrap(obj), *conjuncts(obj)):
            out.update(_phrases(o))
    for c in trigger.children:
        if c.dep_ == "prt":
            out.add(c.lemma_.lower())
        if c.dep_ == "oprd" and c.pos_ in ("NOUN", "ADJ", "PROPN"):
            # "called the trial a sham", "called it disgraceful"; and "called an indefinite
            # general strike", which the parser reads as a predicate too
            out.update(_phrases(c))
            out.update(g.lemma_.lower() for g in c.children if g.dep_ == "conj")
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj":
                    out.update(_phrases(g))
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB":
            out.add(c.lemma_.lower())
            o = direct_object(c)
            if o is not None:
                out.update(_phrases(o))
    return out


def _phrases(o: Token) -> set[str]:
    """'economic aid' and 'aid' for the object 'economic aid': the head lemma, each
    modifier + head, and the whole modifier run + head."""
    head = o.lemma_.lower()
    mods = [c for c in o.lefts if c.dep_ in ("compound", "amod")]
    out = {head}
    out.update(f"{m.lemma_.lower()} {head}" for m in mods)
    out.update(f"{m.lower_} {head}" for m in mods)
    if len(mods) > 1:
        out.add(" ".join(m.lemma_.lower() for m in mods) + " " + head)
    return out


def particles(trigger: Token) -> set[str]:
    """Particles and prepositions after the verb ("call on", "pull out"), leaving out
    those that only introduce a date ("called Xi on Tuesday")."""
    out = set()
    for c in trigger.children:
        if c.dep_ in ("prt", "prep", "advmod") and c.i > trigger.i:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs and all(g.ent_type_ in ("DATE", "TIME") for g in objs):
                continue
            out.add(c.lower_)
    return out
