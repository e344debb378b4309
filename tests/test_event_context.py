"""Participants an event takes from the rest of the article: the author of an act
named again ("rejected the sanctions"), the target of an act referred back to ("that
strike"), the party a response answers ("refused to comply"), the speaker bound to a
pronoun in its own report, and cooperative promises coded as AGREE. Project-written
articles."""
from __future__ import annotations

import datetime as dt

from tacitus.records import Article


def events_of(extractor, text, published="2024-05-10"):
    article = Article(id="t", text=text, published=dt.date.fromisoformat(published))
    return [ev for res in extractor.pipe([article]) for ev in res.events]


def find(events, etype, actor=None, **want):
    for ev in events:
        if ev.event_type != etype or (actor is not None and ev.actor.country != actor):
            continue
        if all(getattr(ev, k) == v for k, v in want.items()):
            return ev
    raise AssertionError(f"no {etype} by {actor} in {[(e.event_type, e.actor.name, e.recipient and e.recipient.name) for e in events]}")


def test_rejecting_a_reported_measure_targets_its_author(extractor):
    text = ("Canada imposed sanctions on Venezuelan officials on Monday.\n\n"
            "Venezuela's foreign minister rejected the sanctions on Tuesday.")
    ev = find(events_of(extractor, text), "REJECT", "VEN")
    assert ev.recipient is not None and ev.recipient.country == "CAN"


def test_general_act_noun_points_to_the_last_act_by_another_state(extractor):
    text = ("Chile expelled two Peruvian diplomats on Monday.\n\n"
            "Peru condemned the decision.")
    ev = find(events_of(extractor, text), "ACCUSE", "PER")
    assert ev.recipient is not None and ev.recipient.country == "CHL"


def test_definite_act_noun_keeps_the_earlier_target(extractor):
    text = ("U.S. forces struck militia positions in Syria on Sunday.\n\n"
            "France said it was not involved in the strikes.")
    ev = find(events_of(extractor, text), "ASSAULT", "FRA")
    assert ev.negated
    assert ev.recipient is not None and ev.recipient.country == "SYR"


def test_refusal_answers_the_last_demand_on_its_side(extractor):
    text = ("Mali's junta demanded on Monday that Denmark withdraw its special forces.\n\n"
            "Denmark refused to comply.")
    ev = find(events_of(extractor, text), "REJECT", "DNK")
    assert ev.recipient is not None and ev.recipient.country == "MLI"


def test_pronoun_in_a_report_is_the_speaker(extractor):
    text = ("Qatar hosted talks on Monday.\n\n"
            "The Kenyan and Ugandan ministers said they had agreed to continue the talks.")
    evs = events_of(extractor, text)
    agree = [e for e in evs if e.event_type == "AGREE"]
    assert agree and all(e.actor.country != "QAT" for e in agree)


def test_promised_cooperation_is_agree(extractor):
    text = "Japan will continue to provide reconstruction aid to Turkey, the Japanese prime minister said."
    ev = find(events_of(extractor, text), "AGREE", "JPN")
    assert ev.cameo_code.startswith("03") and ev.modality == "future"


def test_unnamed_junta_belongs_to_the_state_where_the_story_happens(extractor):
    text = ("PARIS, May 10 - Soldiers shelled villages near Bamako on Tuesday, officials said. "
            "France and Germany criticised the attack.\n\n"
            "The junta accused France of spreading lies.")
    ev = find(events_of(extractor, text), "ACCUSE", "MLI")
    assert ev.recipient is not None and ev.recipient.country == "FRA"
