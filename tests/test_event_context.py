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


def test_report_closing_the_sentence_attributes_all_of_it(extractor):
    text = ("Interior Minister Ali Hassan on Monday rejected the charges as baseless and said Iraq "
            "reserved the right to respond, the state news agency INA reported.")
    ev = find(events_of(extractor, text), "REJECT", "IRQ")
    assert ev.attributed_to is not None and "agency" in ev.attributed_to.text.lower() + ev.attributed_to.name.lower()


def test_headline_event_takes_the_body_source(extractor):
    article = Article(id="t", title="Chad troops shell rebel camp",
                      text="Chad troops shelled a rebel camp near Abeche on Monday, the army said.",
                      published=dt.date(2024, 5, 10))
    evs = [ev for res in extractor.pipe([article]) for ev in res.events]
    assert evs and all(e.attributed_to is not None for e in evs if e.event_type == "ASSAULT")


def test_calling_a_strike_is_not_a_phone_call(extractor):
    evs = events_of(extractor, "The union called an indefinite general strike on Monday.")
    assert not [e for e in evs if e.event_type == "CONSULT"]


def test_finite_verb_after_a_denial_is_not_denied(extractor):
    text = "The rebels denied targeting civilians and accused the army of shelling the town."
    ev = find(events_of(extractor, text), "ACCUSE")
    assert not ev.negated


def test_voting_to_demand_is_a_demand(extractor):
    evs = events_of(extractor, "Lawmakers in Peru voted to demand the resignation of the interior minister.")
    demands = [e for e in evs if e.event_type == "REQUEST"]
    assert demands and all(e.modality == "actual" for e in demands)


def test_calling_someone_a_friend_is_praise(extractor):
    ev = find(events_of(extractor, 'Lula called China "a reliable friend and partner".'), "SUPPORT", "BRA")
    assert ev.cameo_code == "051" and ev.recipient is not None and ev.recipient.country == "CHN"


def test_calling_an_act_a_sham_accuses_its_author(extractor):
    text = ("A Belarusian court jailed a Polish journalist on Monday.\n\n"
            "Poland called the verdict a sham.")
    ev = find(events_of(extractor, text), "ACCUSE", "POL")
    assert ev.cameo_code == "111" and ev.recipient is not None and ev.recipient.country == "BLR"


def test_participle_after_a_report_keeps_the_speaker(extractor):
    text = "The German chancellor said in a statement on Monday, calling on Moscow to free the prisoners."
    ev = find(events_of(extractor, text), "REQUEST", "DEU")
    assert ev.recipient is not None and ev.recipient.country == "RUS"


def test_agentless_arrest_is_the_states(extractor):
    text = ("CARACAS, May 10 - Venezuelan police detained an opposition leader on Monday.\n\n"
            "The activist Ana Perez, who has not been detained, went into hiding.")
    evs = events_of(extractor, text)
    held = [e for e in evs if e.cameo_code == "173" and e.negated]
    assert held and held[0].actor.country == "VEN" and held[0].actor.sector == "GOV"


def test_passive_verb_does_not_inherit_the_speakers_subject(extractor):
    text = '"He did nothing wrong and should never have been jailed," the Canadian minister said.'
    evs = events_of(extractor, text)
    assert not [e for e in evs if e.event_type == "COERCE" and e.actor.country == "CAN"]


def test_coordinated_demonyms_exchange_fire_with_each_other(extractor):
    evs = events_of(extractor, "Armenian and Azerbaijani troops exchanged heavy fire along the border on Monday.")
    sides = {(e.actor.country, e.recipient.country if e.recipient else None) for e in evs
             if e.event_type == "ASSAULT"}
    assert ("ARM", "AZE") in sides or ("AZE", "ARM") in sides


def test_appositive_names_a_vague_subject(extractor):
    text = ("Russia's military gave its own account. Its press office, the Russian Defence Ministry, "
            "accused Ukrainian troops of shelling villages.")
    ev = find(events_of(extractor, text), "ACCUSE", "RUS")
    assert ev.recipient is not None and ev.recipient.country == "UKR"
    assert "shelling" not in ev.recipient.text


def test_dismissing_an_allegation_rejects_the_accuser(extractor):
    text = ("Pakistan accused India of violating the ceasefire on Monday.\n\n"
            "New Delhi dismissed the allegation.")
    evs = events_of(extractor, text)
    ev = find(evs, "REJECT", "IND")
    assert ev.recipient is not None and ev.recipient.country == "PAK"
    assert not [e for e in evs if e.event_type == "ACCUSE" and e.actor.country == "IND"]


def test_purpose_clause_is_not_an_actual_act(extractor):
    text = "Macron urged China to use its influence on Moscow so that Russia withdraws its troops from Ukraine."
    evs = events_of(extractor, text)
    withdrawals = [e for e in evs if e.event_type == "RETREAT"]
    assert all(e.modality != "actual" for e in withdrawals)


def test_modal_light_verb_makes_the_nominal_event_future(extractor):
    text = "The minister said the Commission would hold talks with the farmers' unions."
    evs = events_of(extractor, text)
    talks = [e for e in evs if e.event_type == "CONSULT"]
    assert talks and all(e.modality == "future" for e in talks)


def test_speaking_anonymously_is_no_consultation(extractor):
    text = ("French forces destroyed two rebel rocket launchers, a French official told reporters, "
            "speaking on condition of anonymity.")
    evs = events_of(extractor, text)
    assert not [e for e in evs if e.event_type == "CONSULT"]


def test_descriptive_state_noun_refers_back_to_a_named_state(extractor):
    text = ("Russia and Ukraine freed 90 prisoners each in an exchange brokered by the United Arab Emirates, "
            "the latest of several swaps mediated by the Gulf state.")
    evs = events_of(extractor, text)
    assert not [e for e in evs if e.actor.country == "PNG"]


def test_both_sides_are_the_two_protagonists(extractor):
    text = ("Ethiopia's army and the Tigray People's Liberation Front fought near Mekelle on Monday. The army "
            "shelled TPLF positions, and the Tigray People's Liberation Front attacked army bases.\n\n"
            "Neither side has agreed to a truce.")
    evs = events_of(extractor, text)
    truce = [e for e in evs if e.event_type == "AGREE" and e.negated]
    assert truce and truce[0].recipient is not None and truce[0].recipient.key != truce[0].actor.key


def test_noun_event_takes_the_oblique_of_its_relative_clause(extractor):
    text = "Ruto, in the telephone conversation he held with Chilean President Gabriel Boric, thanked Chile."
    evs = events_of(extractor, text)
    call = [e for e in evs if e.event_type == "CONSULT"]
    assert call and call[0].recipient is not None and call[0].recipient.country == "CHL"


def test_vowed_response_answers_the_last_pressure(extractor):
    text = ("The European Union imposed sanctions on Belarusian officials on Monday.\n\n"
            "Minsk vowed a response.")
    ev = find(events_of(extractor, text), "THREATEN", "BLR")
    assert ev.recipient is not None and ev.recipient.kb_id == "eu"


def test_relative_pronoun_is_not_the_object_when_the_verb_has_another(extractor):
    text = "Iran supplied drones that Russia has used to strike Ukraine's power grid."
    ev = find(events_of(extractor, text), "ASSAULT", "RUS")
    assert ev.recipient is not None and ev.recipient.country == "UKR"


def test_topic_of_a_working_group_is_no_event(extractor):
    evs = events_of(extractor, "Chile and Peru set up a joint working group on customs inspections.")
    assert not [e for e in evs if e.cameo_code.startswith("09")]


def test_time_reference_to_an_unowned_act_is_background(extractor):
    evs = events_of(extractor, "Iran sent drones to Russia months before the invasion of Ukraine.")
    assert not [e for e in evs if e.event_type == "ASSAULT" and e.actor.country == "IRN"]


def test_free_relative_object_is_the_thing_it_names(extractor):
    text = "In Kabul, the government condemned what it called repeated Pakistani violations of the border."
    ev = find(events_of(extractor, text), "ACCUSE")
    assert ev.recipient is not None and ev.recipient.country == "PAK"


def test_generic_institution_acts_for_the_state_whose_city_it_is_in(extractor):
    text = ("Kenya and Somalia traded fire on Monday, and Somalia blamed Kenya.\n\n"
            "In Nairobi, the Foreign Office on Wednesday condemned what it called repeated Somali violations.")
    evs = events_of(extractor, text)
    ev = [e for e in evs if e.event_type == "ACCUSE" and "Foreign Office" in e.actor.text]
    assert ev and ev[0].actor.country == "KEN" and ev[0].recipient.country == "SOM"


def test_standing_by_a_state_is_support_for_it(extractor):
    ev = find(events_of(extractor, "Norway will continue to stand by Chile, the prime minister said."), "AGREE", "NOR")
    assert ev.recipient is not None and ev.recipient.country == "CHL"


def test_aid_for_victims_in_a_state_goes_to_that_state(extractor):
    text = "The Norwegian government decided to extend emergency aid for the flood victims in Chad."
    evs = [e for e in events_of(extractor, text) if e.actor.country == "NOR"]
    assert evs and evs[0].recipient is not None and evs[0].recipient.country == "TCD"


def test_examining_ways_is_no_investigation(extractor):
    evs = events_of(extractor, "Japan is examining ways of sending aid to Syria.")
    assert not [e for e in evs if e.cameo_code.startswith("09")]
    assert all(e.modality != "actual" for e in evs if e.event_type in ("AID", "AGREE"))


def test_two_promises_in_two_sentences_stay_two_events(extractor):
    text = ("Norway will continue to stand by Chad, the prime minister said.\n\n"
            "The Norwegian government also decided to extend emergency aid to Chad.")
    evs = [e for e in events_of(extractor, text) if e.actor.country == "NOR"]
    assert len({e.cameo_code for e in evs}) >= 2


def test_confirming_a_trip_is_not_making_it(extractor):
    evs = events_of(extractor, "Tokyo has not confirmed the trip.")
    assert not [e for e in evs if e.event_type == "CONSULT" and e.actor.country == "JPN"]


def test_expected_to_travel_to_a_state_is_a_future_visit(extractor):
    text = "Indian Prime Minister Narendra Modi was expected to travel to Chile in November."
    ev = find(events_of(extractor, text), "CONSULT", "IND")
    assert ev.recipient is not None and ev.recipient.country == "CHL" and ev.modality != "actual"


def test_them_refers_to_coordinated_people_in_the_sentence(extractor):
    text = 'Ortega said that Perez and Gomez "belong in prison" and he accused them of plotting a coup.'
    evs = [e for e in events_of(extractor, text) if e.event_type == "ACCUSE"]
    assert evs and "Perez" in (evs[0].recipient.name if evs[0].recipient else "")


def test_demand_that_an_act_be_undone_targets_its_author(extractor):
    text = ("President Tinubu of Nigeria declared a curfew on Tuesday.\n\n"
            "Hours later, 200 lawmakers voted to demand that the decree be lifted.")
    ev = find(events_of(extractor, text), "REQUEST")
    assert ev.recipient is not None and ev.recipient.country == "NGA"


def test_statement_made_by_an_office_is_that_offices(extractor):
    text = ("According to the statement made by the presidential press office, President Ruto "
            "thanked Norway for its help.")
    ev = find(events_of(extractor, text), "SUPPORT", "KEN")
    assert ev.attributed_to is not None and "press office" in ev.attributed_to.text


def test_a_civil_defence_agency_is_no_news_agency(extractor):
    text = "Russian air strikes killed 30 people across Kharkiv overnight, Kharkiv's civil defence agency said."
    ev = find(events_of(extractor, text), "ASSAULT", "RUS")
    assert ev.attributed_to is not None and "civil defence" in ev.attributed_to.text


def test_third_party_officials_do_not_allege(extractor):
    text = "A U.S. defence official said Russian forces shelled Kharkiv overnight."
    evs = events_of(extractor, text)
    assert [e for e in evs if e.event_type == "ASSAULT" and e.actor.country == "RUS" and e.attributed_to]
    assert not [e for e in evs if e.event_type == "ACCUSE" and e.actor.country == "USA"
                and e.recipient is not None and e.recipient.country == "RUS"]


def test_a_sides_officials_reporting_attacks_on_it_allege(extractor):
    text = "A Thai army spokesman said Cambodian troops had opened fire on Thai posts."
    evs = events_of(extractor, text)
    assert [e for e in evs if e.event_type == "ACCUSE" and e.actor.country == "THA"
            and e.recipient is not None and e.recipient.country == "KHM"]


def test_nominal_subject_acts_through_its_agent(extractor):
    evs = events_of(extractor, "Shelling by the Tigray People's Liberation Front killed 9 civilians in Mekelle, medics said.")
    assert [e for e in evs if e.event_type == "ASSAULT" and e.actor.country == "ETH"]


def test_weapon_fired_by_a_group_is_the_groups_attack(extractor):
    text = "A drone launched by Lebanon's Hezbollah struck an Israeli patrol boat on Monday, the Israeli military said."
    ev = find(events_of(extractor, text), "ASSAULT", "LBN")
    assert ev.recipient is not None and ev.recipient.country == "ISR" and ev.attributed_to is not None


def test_decision_to_do_an_act_points_to_who_did_it(extractor):
    text = ("MANILA - President Ferdinand Marcos lifted the curfew on Wednesday. Protesters cheered in the streets.\n\n"
            "British Foreign Secretary David Cameron welcomed the decision to lift the curfew.")
    ev = find(events_of(extractor, text), "SUPPORT", "GBR")
    assert ev.recipient is not None and ev.recipient.country == "PHL" and "Marcos" in ev.recipient.name


def test_a_party_name_belongs_to_the_story_state(extractor):
    text = "TOKYO - The main opposition Democratic Party accused the prime minister of lying on Wednesday."
    evs = [e for e in events_of(extractor, text) if "Democratic" in e.actor.text]
    assert evs and evs[0].actor.country == "JPN"


def test_troops_landing_at_a_building_is_a_show_of_force(extractor):
    text = "LIMA - Soldiers in armoured trucks landed at the Congress building on Tuesday night."
    ev = find(events_of(extractor, text), "MOBILIZE")
    assert ev.recipient is not None and "Congress" in ev.recipient.text


def test_verbless_closing_attribution_opens_a_report(extractor):
    text = ("VIENNA - Austria's chancellor spoke with Erdogan on Tuesday, a government spokesman said on Wednesday."
            "\n\nThe call lasted an hour, so the spokesman. The Austrian Chancellor warned Ankara against "
            "buying weapons from Russia.")
    ev = find(events_of(extractor, text), "REQUEST", "AUT")
    assert ev.attributed_to is not None and "spokesman" in ev.attributed_to.text


def test_headline_takes_the_sides_reported_reaction(extractor):
    article = Article(id="t", title="EU sanctions Belarusian officials; Minsk vows response",
                      text=("The European Union imposed sanctions on Belarusian officials on Friday.\n\n"
                            "Belarus's foreign ministry spokesman rejected the sanctions on Saturday, "
                            "the state news agency reported."),
                      published=dt.date(2023, 2, 4))
    evs = [ev for res in extractor.pipe([article]) for ev in res.events]
    title = [e for e in evs if e.extra.get("in_title") and e.actor.country == "BLR"]
    assert title and title[0].attributed_to is not None and title[0].attributed_to.country == "BLR"


def test_headline_description_refers_to_the_person_the_body_names(extractor):
    article = Article(id="t", title="Belarusian court jails Polish reporter for 8 years",
                      text="A Belarusian court on Friday convicted Gazeta Wyborcza reporter Adam Nowak of extremism.",
                      published=dt.date(2023, 2, 8))
    evs = [ev for res in extractor.pipe([article]) for ev in res.events if ev.extra.get("in_title")]
    assert evs and evs[0].recipient is not None and "Nowak" in evs[0].recipient.name


def test_a_leader_promising_for_the_state_makes_the_promise(extractor):
    text = "Chancellor Olaf Scholz said that Germany will continue to stand by Moldova."
    ev = find(events_of(extractor, text, published="2023-02-16"), "AGREE", "DEU")
    assert "Scholz" in ev.actor.name


def test_detained_persons_are_a_group_of_the_state(extractor):
    text = "LIMA - Peruvian security forces detained more than 200 persons on Monday."
    ev = find(events_of(extractor, text), "COERCE", "PER")
    assert ev.recipient is not None and "persons" in ev.recipient.name


def test_crowd_control_targets_the_people_named(extractor):
    text = "Agents of the Colombian National Police dispersed with tear gas to demonstrators in the capital."
    evs = [e for e in events_of(extractor, text) if e.event_type in ("ASSAULT", "COERCE")]
    assert evs and evs[0].recipient is not None and "demonstrators" in evs[0].recipient.name


def test_has_to_approve_is_not_yet_approved(extractor):
    evs = events_of(extractor, "Armenia's parliament still has to approve the agreement.")
    assert evs and all(e.modality != "actual" for e in evs)


def test_a_sides_spokesman_reporting_fire_is_its_target(extractor):
    text = 'A Thai army spokesman said Cambodian troops had opened "unprovoked" fire with mortars overnight.'
    ev = find(events_of(extractor, text), "ASSAULT", "KHM")
    assert ev.recipient is not None and ev.recipient.country == "THA"


def test_a_third_states_official_reporting_a_war_is_not_its_target(extractor):
    text = ("DELHI - Japan's prime minister met India's prime minister on Monday.\n\n"
            "Kishida also raised Russia's invasion of Ukraine, Japanese Deputy Chief Cabinet Secretary "
            "Seiji Kihara said.")
    evs = [e for e in events_of(extractor, text) if e.event_type == "ASSAULT" and e.actor.country == "RUS"]
    assert evs and all(e.recipient is None or e.recipient.country != "JPN" for e in evs)
