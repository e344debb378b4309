"""Word lists the article coder reasons with: which acts answer pressure, which nouns name
an act again, which name two sides, and the like. Data in code, kept in one place."""
from __future__ import annotations

import re

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
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
PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_PREPS = {"in", "at", "near", "outside", "off", "across", "along", "inside", "into", "around",
               "on", "over", "within", "through", "toward", "towards", "from", "of"}
ORIGIN_PREPS = {"from"}
LOCATIVE_PREPS = {"in", "at", "near", "outside", "off", "inside", "across", "around", "along", "within"}
LOCAL_SECTORS = {"GOV", "COP", "JUD", "LEG", "CVL", "MED", "EDU", "BUS", "LAB", "REF", "REL", "OPP"}
RECIPROCAL_WORDS = {"each", "mutually", "reciprocally"}
POINTING_BACK = {"this", "that", "these", "so", "thus", "which"}
# An announced act of force is THREATEN (CAMEO 13): PLOVER codes the statement, not
# the act that has not happened. (Recoding promised cooperation as AGREE was measured
# too and cost dev F1, so future cooperative events keep their type, modality future.)
THREAT_OF = {"ASSAULT": "138", "MOBILIZE": "138", "COERCE": "137", "SANCTION": "1312", "PROTEST": "133"}
# A cooperative act its actor commits to ("agreed to continue the talks", "will continue
# to stand by", "stands ready to help") is PLOVER AGREE, the CAMEO 03 intent codes.
INTENT_OF = {"COOPERATE": "031", "AID": "033", "SUPPORT": "032", "CONSULT": "036", "CONCEDE": "034",
             "RETREAT": "035"}
INTENT_CUES = {f for w in ("agree", "pledge", "promise", "vow", "offer", "commit", "undertake", "continue",
                            "decide") for f in (w, w + "s", w + "d", w + "ed")} | {
    "ready", "committed"}  # a bare "will" is a future act, not a promise: "will visit" stays CONSULT
PROMISE_CUES = {"will", "would", "shall", "'ll", "agree", "pledge", "promise", "vow", "continue", "ready",
                "offer", "commit", "undertake", "plan", "intend", "decide", "want", "seek", "determined"}
QUOTE_RE = re.compile(r'"(.+?)"')
# How an event's date was found, best first (kept as `date_source` in the record).
DATE_SOURCES = ("clause", "clause", "sentence", "report", "paragraph", "story", "publication", "none")



