"""The trigger lexicon as data (src/tacitus/data/lexicon/triggers.yaml): schema and
coverage through scripts/check_lexicon.py, the checker's own failure modes, and short
project-written sentences parsed with the real model whose trigger lemma must be found
under the expected CAMEO code. The small matcher here applies the README's matching
rules in miniature; it checks the data, not the production coder."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LEXICON = ROOT / "src" / "tacitus" / "data" / "lexicon" / "triggers.yaml"


def _load_checker():
    spec = importlib.util.spec_from_file_location("check_lexicon", ROOT / "scripts" / "check_lexicon.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("check_lexicon", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


check = _load_checker()


@pytest.fixture(scope="module")
def entries():
    return check.load_lexicon(LEXICON)


@pytest.fixture(scope="module")
def codes():
    return check.load_codes()


# --- schema and coverage ---------------------------------------------------------------

def test_lexicon_passes_the_check_script(entries, codes):
    report = check.check_lexicon(entries, codes)
    assert report.errors == []
    assert report.warnings == []


def test_every_cameo_code_in_the_reference_table_has_an_entry(entries, codes):
    covered = {e["cameo"] for e in entries}
    assert len(codes) == 312
    assert set(codes) <= covered
    assert covered <= set(codes)


def test_lexicon_is_broad(entries, codes):
    stats = check.check_lexicon(entries, codes).stats
    assert stats["entries"] >= 500
    assert stats["distinct_verbs"] >= 700
    assert stats["distinct_nouns"] >= 800
    assert stats["constrained_entries"] >= 300


def test_slots_are_words_not_yaml_booleans(entries):
    # YAML 1.1 reads a bare `on` as True: every slot must have stayed a string.
    for e in entries:
        for key in ("recipient", "actor"):
            assert all(isinstance(s, str) for s in e.get(key, [])), e
        for key in ("verbs", "nouns", "objects", "exclude_objects"):
            assert all(isinstance(s, str) and s == s.lower() for s in e.get(key) or []), e


def test_say_verbs_are_not_triggers(entries):
    verbs = {v for e in entries for v in e.get("verbs") or []}
    assert not verbs & {"say", "tell", "add", "state", "report", "announce", "claim"} - {
        v for e in entries if e.get("objects") for v in e["verbs"]}


def test_run_as_script_exits_zero(capsys):
    assert check.main(["--quiet"]) == 0
    out = capsys.readouterr().out
    assert "312/312 CAMEO codes covered" in out
    assert "0 errors" in out


# --- the checker catches what it should --------------------------------------------------

def _entry(code, **kw):
    return {"cameo": code, "recipient": ["dobj"], "note": "test", **kw}


def test_check_flags_unknown_code_and_missing_coverage(codes):
    report = check.check_lexicon([_entry("999", verbs=["visit"])], codes)
    assert any("999 is not in cameo-codes.csv" in e for e in report.errors)
    assert any(e.startswith("code 042 ") for e in report.errors)


def test_check_flags_same_trigger_unconstrained_under_two_codes(codes):
    report = check.check_lexicon([_entry("042", verbs=["visit"]), _entry("043", verbs=["visit"])], codes)
    assert any("'visit': unconstrained in both 042 and 043" in e for e in report.errors)


def test_check_flags_overlapping_objects_but_allows_disjoint_ones(codes):
    overlapping = [_entry("085", verbs=["lift"], objects=["sanction", "curfew"]),
                   _entry("0813", verbs=["lift"], objects=["curfew"])]
    disjoint = [_entry("085", verbs=["lift"], objects=["sanction"]),
                _entry("0813", verbs=["lift"], objects=["curfew"])]
    assert any("objects ['curfew'] map to both" in e for e in check.check_lexicon(overlapping, codes).errors)
    assert not any("map to both" in e for e in check.check_lexicon(disjoint, codes).errors)


def test_check_flags_yaml_boolean_slots_and_bad_keys(codes):
    report = check.check_lexicon([_entry("042", verbs=["visit"], recipient=[True], colour="red")], codes)
    assert any("recipient must be a list of slot names" in e for e in report.errors)
    assert any("unknown keys ['colour']" in e for e in report.errors)


def test_check_flags_objects_without_verbs(codes):
    report = check.check_lexicon([_entry("0871", nouns=["truce"], objects=["ceasefire"])], codes)
    assert any("objects only constrain verbs" in e for e in report.errors)


# --- lemmas the model produces -----------------------------------------------------------

LEMMAS = [
    ("They held talks in Geneva.", "talks", "talk"),
    ("Israeli airstrikes killed 73 people.", "airstrikes", "airstrike"),
    ("Russia and Ukraine swapped prisoners.", "swapped", "swap"),
    ("The court jailed the reporter.", "jailed", "jail"),
    ("The two sides exchanged fire overnight.", "exchanged", "exchange"),
    ("He expressed his thanks to Japan.", "thanks", "thank"),
    ("Police staged raids on Monday.", "staged", "stag"),       # model quirk, listed under 143/150
    ("Troops retook the village.", "retook", "retook"),          # model quirk, listed under 192
]


@pytest.mark.parametrize("sentence, word, lemma", LEMMAS)
def test_model_lemma_is_the_one_the_lexicon_lists(nlp, entries, sentence, word, lemma):
    tok = next(t for t in nlp(sentence) if t.text == word)
    assert tok.lemma_.lower() == lemma
    listed = {w for e in entries for w in (e.get("verbs") or []) + (e.get("nouns") or [])}
    assert lemma in listed


# --- sentences: trigger found under the expected code --------------------------------------

def _index(entries):
    verbs, nouns = {}, {}
    for e in entries:
        for v in e.get("verbs") or []:
            words = tuple(v.split())
            verbs.setdefault(words[0], []).append((words, e))
        for n in e.get("nouns") or []:
            words = tuple(n.split())
            nouns.setdefault(words[-1], []).append((words, e))
    return verbs, nouns


CONTAINERS = {"package", "series", "number", "set", "round", "wave"}


def _phrases(tok):
    """Head lemma/text, modifier + head, and the whole modifier run + head."""
    head = {tok.lemma_.lower(), tok.lower_}
    mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod")]
    out = set(head)
    for h in head:
        for m in mods:
            out |= {f"{m.lemma_.lower()} {h}", f"{m.lower_} {h}"}
        if len(mods) > 1:
            out.add(" ".join(m.lemma_.lower() for m in mods) + " " + h)
    return out


def _object_candidates(verb):
    """README rule 4: direct object / passive subject, preposition objects, complement verbs."""
    out = set()
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    for o in objs:
        while o.lemma_.lower() in CONTAINERS:
            of = [g for c in o.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            if not of:
                break
            o = of[0]
        out |= _phrases(o)
        for c in o.children:
            if c.dep_ == "conj":
                out |= _phrases(c)
    for c in verb.children:
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj":
                    out |= _phrases(g)
        is_to_advcl = c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children)
        if c.dep_ in ("xcomp", "ccomp") or is_to_advcl:
            lem = c.lemma_.lower()
            out.add(lem)
            out |= {f"{lem} {p.lower_}" for p in c.children if p.dep_ == "prt"}
            for o in (g for g in c.children if g.dep_ in ("dobj", "nsubjpass")):
                phr = _phrases(o)
                out |= phr | {f"{lem} {p}" for p in phr}
    return out


def codes_for(tok, index):
    """CAMEO codes the lexicon gives `tok`, best first: 2 points per trigger word, 3 for an
    object match (the coder's specificity), then the longest matched object string."""
    verbs, nouns = index
    scored = []
    if tok.pos_ in ("VERB", "AUX"):
        parts = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "advmod") and c.i > tok.i}
        cands = _object_candidates(tok)
        for words, e in verbs.get(tok.lemma_.lower(), []):
            if not set(words[1:]) <= parts:
                continue
            objects = set(e.get("objects") or [])
            matched = objects & cands
            if objects and not matched:
                continue
            if set(e.get("exclude_objects") or []) & cands:
                continue
            longest = max((len(m.split()) for m in matched), default=0)
            scored.append(((2 * len(words) + (3 if matched else 0), longest), e["cameo"]))
    for key in {tok.lemma_.lower(), tok.lower_}:
        for words, e in nouns.get(key, []):
            mods = {w for c in tok.lefts if c.dep_ in ("compound", "amod") for w in (c.lemma_.lower(), c.lower_)}
            if set(words[:-1]) <= mods:
                scored.append(((2 * len(words), 0), e["cameo"]))
    return [code for _, code in sorted(scored, key=lambda s: s[0], reverse=True)]


SENTENCES = [
    # (sentence, trigger word, expected code) - written for this test, not taken from any article
    ("The foreign minister visited Tokyo on Monday.", "visited", "042"),
    ("The president hosted his Kenyan counterpart in Nairobi.", "hosted", "043"),
    ("The two leaders held talks in Geneva.", "talks", "040"),
    ("The chancellor phoned the Chinese president on Tuesday.", "phoned", "041"),
    ("The envoys negotiated for three days.", "negotiated", "046"),
    ("Qatar mediated between the two sides.", "mediated", "045"),
    ("The minister thanked Japan for its help.", "thanked", "051"),
    ("Ankara expressed gratitude to Tokyo.", "expressed", "051"),
    ("The prime minister conveyed condolences to the families.", "conveyed", "018"),
    ("The two governments signed a trade agreement.", "signed", "057"),
    ("Officials declined to comment on the report.", "declined", "011"),
    ("Both sides agreed to a ceasefire.", "agreed", "0356"),
    ("The government pledged economic aid to the region.", "pledged", "0331"),
    ("The United Nations urged both sides to exercise restraint.", "urged", "0256"),
    ("The opposition demanded the resignation of the prime minister.", "demanded", "1041"),
    ("The ministry accused Russia of war crimes.", "accused", "1124"),
    ("The foreign office condemned the attack.", "condemned", "111"),
    ("Tehran threatened to impose sanctions on Washington.", "threatened", "1312"),
    ("Thousands of farmers protested in Brussels.", "protested", "141"),
    ("Protesters blocked roads around the parliament.", "blocked", "144"),
    ("The army deployed troops to the border.", "deployed", "154"),
    ("The United States imposed sanctions on Iranian executives.", "imposed", "163"),
    ("The junta expelled the French ambassador.", "expelled", "166"),
    ("Police arrested more than 100 protesters.", "arrested", "173"),
    ("The court sentenced the reporter to 16 years.", "sentenced", "116"),
    ("Gunmen kidnapped three aid workers.", "kidnapped", "181"),
    ("Israeli airstrikes killed 73 people.", "airstrikes", "195"),
    ("Troops from both countries exchanged fire along the frontier.", "exchanged", "193"),
    ("Russia and Ukraine swapped 115 prisoners.", "swapped", "0841"),
    ("Hamas freed three hostages.", "freed", "0841"),
    ("The government lifted the curfew.", "lifted", "0813"),
    ("The president lifted martial law.", "lifted", "0814"),
    ("The president declared martial law.", "declared", "1724"),
    ("Japan sent tents and blankets to Turkey.", "sent", "073"),
    ("Iran supplied drones to Russia.", "supplied", "072"),
    ("The minister resigned on Friday.", "resigned", "0831"),
    ("Prosecutors opened an investigation into the killing.", "opened", "090"),
    ("The army staged a military drill near the border.", "staged", "150"),
    ("The rebels retook the village.", "retook", "192"),
    ("Police fired tear gas at the demonstrators.", "fired", "175"),
    ("The country withdrew its ambassador from Paris.", "withdrew", "161"),
    ("The council vetoed the resolution.", "vetoed", "129"),
    ("The rebels rejected the peace plan.", "rejected", "127"),
]


@pytest.mark.parametrize("sentence, word, expected", SENTENCES)
def test_trigger_is_coded_with_the_expected_cameo_code(nlp, entries, sentence, word, expected):
    tok = next(t for t in nlp(sentence) if t.text == word)
    found = codes_for(tok, _index(entries))
    assert found, f"no lexicon entry for {word!r} (lemma {tok.lemma_!r}, pos {tok.pos_})"
    assert found[0] == expected, f"{word!r}: got {found}"


NOT_EVENTS = [
    ("The minister said the talks would continue.", "said"),
    ("Inflation hit a record high in March.", "hit"),
    ("The two companies struck a deal last year.", "struck"),   # 030, never an attack
    ("Wang called Brazil a trustworthy friend.", "called"),    # object predicate: not a phone call
]


def test_non_attack_readings_do_not_code_as_assault(nlp, entries):
    index = _index(entries)
    for sentence, word in NOT_EVENTS:
        tok = next(t for t in nlp(sentence) if t.text == word)
        found = codes_for(tok, index)
        assert not any(code.startswith(("18", "19", "20")) for code in found[:1]), (sentence, found)
    said = next(t for t in nlp(NOT_EVENTS[0][0]) if t.text == "said")
    assert codes_for(said, index) == []
    struck = next(t for t in nlp(NOT_EVENTS[2][0]) if t.text == "struck")
    assert codes_for(struck, index)[0] == "030"
