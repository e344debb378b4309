"""Event coding on project-written sentences, one phenomenon per test: verb and noun
triggers, light verbs, passives, actor/recipient roles, reported speech,
factuality (negation, future, hypothetical), attribution and dates."""
from __future__ import annotations

import pytest


def one(extractor, text, published="2024-03-06", **want):
    events = extractor.extract(text, published=published)
    for ev in events:
        if all(_get(ev, k) == v for k, v in want.items()):
            return ev
    raise AssertionError(f"no event with {want} in {[_summary(e) for e in events]}")


def _get(ev, key):
    obj = ev
    for part in key.split("__"):
        obj = getattr(obj, part) if obj is not None else None
    return obj


def _summary(ev):
    return (ev.event_type, ev.actor.name, ev.actor.country, ev.recipient.country if ev.recipient else None,
            ev.negated, ev.modality, ev.date, ev.attributed_to.name if ev.attributed_to else None)


@pytest.mark.parametrize("text,etype,actor,recipient", [
    ("Russian forces shelled the Ukrainian city of Kharkiv on Tuesday.", "ASSAULT", "RUS", "UKR"),
    ("Egypt's foreign minister held talks with his Qatari counterpart in Cairo on Monday.", "CONSULT", "EGY", "QAT"),
    ("Indian Prime Minister Narendra Modi paid a visit to Japan last week.", "CONSULT", "IND", "JPN"),
    ("The United States imposed sanctions on Iranian drone makers on Friday.", "SANCTION", "USA", "IRN"),
    ("Turkey thanked Japan for its earthquake aid.", "SUPPORT", "TUR", "JPN"),
    ("Pakistan accused India of violating the ceasefire.", "ACCUSE", "PAK", "IND"),
    ("Police arrested dozens of protesters in Nairobi on Tuesday.", "COERCE", None, None),
])
def test_event_type_and_roles(extractor, text, etype, actor, recipient):
    kw = {"event_type": etype}
    if actor:
        kw["actor__country"] = actor
    if recipient:
        kw["recipient__country"] = recipient
    one(extractor, text, **kw)


def test_passive_by_agent_is_actor(extractor):
    one(extractor, "The Ukrainian city of Odesa was attacked by Russian drones on Sunday.",
        event_type="ASSAULT", actor__country="RUS")


def test_negated_deal(extractor):
    ev = one(extractor, "No agreement was signed by Serbia and Kosovo during the talks.", event_type="SUPPORT")
    assert ev.negated is True


def test_did_not_lift(extractor):
    ev = one(extractor, "China did not lift its ban on Australian wine imports.", actor__country="CHN")
    assert ev.negated is True


def test_hypothetical_could_supply(extractor):
    ev = one(extractor, "Officials fear that Iran could supply Russia with missiles.", event_type="AID",
             actor__country="IRN")
    assert ev.modality == "hypothetical" and ev.negated is False


def test_future_will_visit(extractor):
    ev = one(extractor, "French President Emmanuel Macron will visit India next month.", event_type="CONSULT")
    assert ev.modality == "future"


def test_reported_speech_wraps_event(extractor):
    events = extractor.extract("Kenyan Foreign Minister said Kenya thanked Ethiopia for its help.",
                               published="2024-03-06")
    assert all(e.attribution_cue is None or e.event_type != "SAY" for e in events)
    ev = one(extractor, "Xinhua reported that China praised Pakistan for its support.", event_type="SUPPORT",
             actor__country="CHN")
    assert ev.attributed_to is not None and "Xinhua" in (ev.attributed_to.name + ev.attributed_to.text)


def test_according_to(extractor):
    ev = one(extractor, "Israeli troops attacked a refugee camp near Jenin, according to the Palestinian health "
                        "ministry.", event_type="ASSAULT", actor__country="ISR")
    assert ev.attribution_cue == "according to"


def test_event_date_is_clause_date_not_publication(extractor):
    ev = one(extractor, "Japan and South Korea held talks on Wednesday in Tokyo.", published="2023-09-18",
             event_type="CONSULT")
    assert ev.date == "2023-09-13"


def test_question_is_not_an_event(extractor):
    assert extractor.extract("Will Russia attack Finland?", published="2024-03-06") == []


def test_event_ids_are_stable(extractor):
    text = "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday."
    a = [e.event_id for e in extractor.extract(text, published="2024-03-06")]
    b = [e.event_id for e in extractor.extract(text, published="2024-03-06")]
    assert a == b and a
