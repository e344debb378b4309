"""Event dates and places read like an analyst reads them: the story's date and place
from the lead, the place attacked as the event's place, a blank line as a sentence
break, and country names before towns that share them. Project-written articles."""
from __future__ import annotations

import datetime as dt

from tacitus.records import Article


def events_of(extractor, text, published="2024-05-10", title=None):
    article = Article(id="t", text=text, title=title, published=dt.date.fromisoformat(published))
    return [ev for res in extractor.pipe([article]) for ev in res.events]


def find(events, etype, actor=None):
    for ev in events:
        if ev.event_type == etype and (actor is None or ev.actor.country == actor):
            return ev
    raise AssertionError(f"no {etype} by {actor} in {[(e.event_type, e.actor.name) for e in events]}")


def test_undated_sentence_takes_the_story_date_not_publication(extractor):
    text = ("OSLO, May 10 - Norway and Chile signed a fisheries accord on Wednesday, officials said.\n\n"
            "Norway also criticised Argentina over its trawler seizures.")
    evs = events_of(extractor, text)
    assert find(evs, "SUPPORT").date == "2024-05-08"
    later = find(evs, "ACCUSE")
    assert later.date == "2024-05-08" and later.extra["date_source"] == "story"


def test_date_of_the_saying_is_not_the_story_date(extractor):
    # the lead dates the announcement, the second paragraph dates the talks
    text = ("Portugal announced on Thursday that its prime minister had spoken with the Moroccan king.\n\n"
            "The conversation took place on Tuesday evening. Portugal praised Morocco for its help.")
    evs = events_of(extractor, text)
    assert find(evs, "SUPPORT").date == "2024-05-07"


def test_future_events_keep_publication_fallback(extractor):
    text = ("Kenya and Uganda signed a rail deal on Monday.\n\n"
            "Kenya will provide military aid to Uganda.")
    evs = events_of(extractor, text)
    fut = [e for e in evs if e.modality == "future"]
    assert fut and all(e.extra["date_source"] != "story" for e in fut)


def test_place_attacked_is_the_event_place(extractor):
    evs = events_of(extractor, "Russian forces shelled Kharkiv on Tuesday, Ukrainian officials said.")
    ev = find(evs, "ASSAULT", "RUS")
    assert ev.location is not None and ev.location.name.startswith("Kharkiv")


def test_place_on_the_object_of_the_clause(extractor):
    evs = events_of(extractor, "Israeli jets struck several sites across Lebanon in response to rocket fire "
                               "on Galilee towns.")
    ev = find(evs, "ASSAULT", "ISR")
    assert ev.location is not None and ev.location.country == "LBN"


def test_sentence_without_place_takes_the_story_place_not_the_dateline(extractor):
    text = ("NAIROBI, May 10 - Militants killed nine soldiers in Mogadishu on Thursday, police said.\n\n"
            "The militants also kidnapped two aid workers.")
    evs = events_of(extractor, text)
    later = [e for e in evs if "kidnapped" in e.evidence.sentence]
    assert later and all(e.location is not None and e.location.name == "Mogadishu" for e in later)


def test_dateline_when_the_lead_names_no_place(extractor):
    text = "NAIROBI, May 10 - Kenya criticised Ethiopia on Thursday over the border dispute."
    ev = find(events_of(extractor, text), "ACCUSE")
    assert ev.location is not None and ev.location.name == "Nairobi"


def test_blank_line_ends_a_sentence_after_a_quotation(extractor):
    doc = extractor.nlp('The minister said the attack "will not go unanswered".\n\nTroops shelled the town.')
    assert len(list(doc.sents)) == 2


def test_country_name_beats_a_town_of_that_name(extractor):
    resolver = extractor.coder.places
    place = resolver.resolve("Armenia", ("USA",), "GPE")
    assert place is not None and place.country == "ARM" and place.feature == "country"


def test_the_capital_is_the_capital_of_the_story_state(extractor):
    text = ("NAIROBI, May 10 - Kenyan police fired tear gas at protesters in Mombasa on Thursday.\n\n"
            "Police also arrested dozens of demonstrators in several parts of the capital.")
    evs = events_of(extractor, text)
    later = [e for e in evs if "capital" in e.evidence.sentence]
    assert later and any(e.location is not None and e.location.name == "Nairobi" for e in later)


def test_coarse_clause_date_takes_the_story_day_inside_it(extractor):
    text = ("Chile and Peru signed a trade accord on Wednesday.\n\n"
            "Peru thanked Chile for backing its bid this year.")
    ev = find(events_of(extractor, text), "SUPPORT", "PER")
    assert ev.date == "2024-05-08"


def test_attack_without_a_place_is_on_the_target_state_not_the_story_place(extractor):
    text = ("ANKARA, May 10 - Turkish police detained 40 people in Istanbul on Tuesday.\n\n"
            "Separately, Turkish jets struck Kurdish militant positions in Iraq, and Turkish drones "
            "hit Syrian army posts.")
    evs = events_of(extractor, text)
    drones = [e for e in evs if e.event_type == "ASSAULT" and e.recipient is not None
              and e.recipient.country == "SYR"]
    assert drones and all(e.location is not None and e.location.country == "SYR" for e in drones)


def test_withdrawn_troops_leave_the_host_state(extractor):
    text = "The last convoy of German soldiers left Mali on Tuesday."
    ev = find(events_of(extractor, text), "RETREAT", "DEU")
    assert ev.recipient is not None and ev.recipient.country == "MLI"


def test_a_minister_leaving_is_no_withdrawal(extractor):
    evs = events_of(extractor, "The German foreign minister left Mali on Tuesday.")
    assert not [e for e in evs if e.event_type == "RETREAT"]


def test_place_of_the_named_object_of_a_free_relative(extractor):
    text = "Israeli jets struck what the army described as a weapons depot near Tyre in Lebanon."
    ev = find(events_of(extractor, text), "ASSAULT", "ISR")
    assert ev.location is not None and ev.location.country == "LBN"


def test_place_named_with_its_area_noun(extractor):
    text = "A Japanese medical team is treating patients in a field hospital set up in the Nizip district of Gaziantep."
    evs = events_of(extractor, text)
    assert evs and all(e.location is not None and e.location.country == "TUR" for e in evs)


def test_promise_is_dated_when_made(extractor):
    text = ("Albanese spoke with Modi on Wednesday.\n\n"
            "Albanese said Australia will continue to stand by India.")
    ev = find(events_of(extractor, text, published="2023-02-16"), "AGREE", "AUS")
    assert ev.date == "2023-02-15"


def test_date_of_another_act_in_a_relative_clause_is_not_taken(extractor):
    text = ('At the end of the trip, which began on Monday, Lukashenko "thanked President Xi for his '
            'hospitality", the official agency said on Friday.')
    evs = [e for e in events_of(extractor, text, published="2023-03-03") if e.event_type == "SUPPORT"]
    assert evs and evs[0].date == "2023-03-03"


def test_demonym_area_places_the_event_in_that_state(extractor):
    text = ("KYIV, Sept 21 - Russia ordered a mobilisation for the war in Ukraine on Wednesday.\n\n"
            "Police detained more than 1,300 people at anti-war protests in 38 Russian cities on Wednesday "
            "evening, a monitoring group said.")
    ev = find(events_of(extractor, text, published="2022-09-22"), "COERCE")
    assert ev.location is not None and ev.location.country == "RUS" and ev.actor.country == "RUS"
    assert not [e for e in events_of(extractor, text, published="2022-09-22")
                if e.event_type == "PROTEST" and "Police" in e.actor.text]
