from factcheck.pipeline.stance import stance_of


def _st(text):
    stance = stance_of(text)
    assert text[stance.cue_start : stance.cue_end] == stance.cue
    return stance.polarity, stance.modality


def test_has_left_is_done():
    assert _st("Hungary has left the International Criminal Court.") == ("affirmed", "done")


def test_simple_past_of_an_action_is_done():
    assert _st("Norway withdrew from the fisheries pact in 2021.") == ("affirmed", "done")


def test_announced_plans_to_leave_is_planned_not_done():
    text = "Chile, Peru and Bolivia have announced their plans to leave the water accord."
    assert _st(text) == ("affirmed", "planned")


def test_will_is_planned():
    assert _st("The council will close three libraries next spring.") == ("affirmed", "planned")


def test_urging_recommend_proposed_and_could_reconsider_are_considered():
    assert _st("Farmers are urging the ministry to scrap the levy.")[1] == "considered"
    assert _st("The mayors unanimously recommend scrapping the levy.")[1] == "considered"
    assert _st("Last year, the finance chief proposed scrapping the levy.")[1] == "considered"
    assert _st("Portugal could reconsider its ban on night flights.")[1] == "considered"


def test_rejected_and_denied_are_rejected():
    assert _st("The cabinet has rejected calls to scrap the levy.")[1] == "rejected"
    assert _st("The ministry denied that it plans to scrap the levy.")[1] == "rejected"


def test_not_a_member_is_negated():
    assert _st("Switzerland is not a member of the customs union.") == ("negated", "asserted")
    assert _st("Switzerland is a member of the customs union.") == ("affirmed", "asserted")


def test_non_prefixed_predicate_is_negated():
    assert _st("Norway and Iceland are notable non-members.")[0] == "negated"


def test_not_only_but_also_is_not_a_negation():
    assert _st("Kenya is not only a member but also a founder of the bloc.")[0] == "affirmed"


def test_not_yet_decided_is_under_consideration_not_a_negation():
    assert _st("The board has not yet decided whether to sell the stadium.") == (
        "affirmed",
        "considered",
    )


def test_reported_clause_gives_the_status():
    assert _st("The minister said the country would not leave the pact.") == ("negated", "planned")


def test_reported_would_with_a_condition_is_not_a_plan():
    text = "The regulator said it would be classed as advertising if firms phoned voters."
    assert _st(text)[1] == "asserted"


def test_opening_adverbial_and_relative_clause_are_skipped():
    text = "In a surprise move, three towns that share a river have joined the flood scheme."
    stance = stance_of(text)
    assert stance.cue == "have joined"
    assert stance.modality == "done"


def test_participle_after_a_noun_is_not_the_main_verb():
    text = "The risk posed by the storm is so great that schools closed early."
    assert stance_of(text).cue.startswith("is")


def test_name_containing_a_verb_form_is_not_a_verb():
    stance = stance_of("The United States has never ratified the treaty.")
    assert stance.cue == "has never ratified"
    assert stance.polarity == "negated"


def test_there_are_no_plans_is_a_negated_plan():
    assert _st("There are currently no plans to deploy the missiles.") == ("negated", "planned")


def test_not_until_is_a_time_limit_not_a_negation():
    assert _st("The console is not expected to reach the shops until 2026.")[0] == "affirmed"


# --- forecasts and decisions -----------------------------------------------------------------


def test_will_and_expected_to_are_forecasts():
    assert stance_of("Critics say Dana Moss will win best actress at the Lisbon awards.").future
    assert stance_of("The Chilean economy is expected to grow this year.").future
    assert stance_of("The choir is due to perform at the opening ceremony.").future


def test_a_hedge_is_a_considered_forecast():
    stance = stance_of("The central bank may raise interest rates again in June.")
    assert (stance.modality, stance.future) == ("considered", True)
    assert stance_of("The minister should resign over the visa affair.").future


def test_experts_predict_is_a_forecast():
    stance = stance_of("Most pundits predict the Harbour Party will win the by-election.")
    assert stance.modality == "planned"
    assert stance.future


def test_announced_plans_and_urging_are_decisions_not_forecasts():
    announced = stance_of("Chile and Peru have announced plans to leave the water accord.")
    urging = stance_of("Farmers are urging the ministry to scrap the levy.")
    assert (announced.modality, announced.future) == ("planned", False)
    assert (urging.modality, urging.future) == ("considered", False)


def test_a_completed_action_is_not_a_forecast():
    stance = stance_of("Dana Moss won best actress at the Lisbon awards.")
    assert (stance.modality, stance.future) == ("done", False)


def test_the_idea_was_to_is_a_purpose_not_a_schedule():
    stance = stance_of("The idea was to flood the spam servers with traffic.")
    assert stance.modality == "considered"
    assert not stance.future


def test_a_figure_that_declined_is_a_change_not_a_refusal():
    assert _st("The jobless rate declined to 4.8% in March.")[1] == "done"
    assert _st("Retail sales declined 3% last year.")[1] == "done"
    assert _st("Exports declined for the third month running.")[1] == "done"


def test_declining_to_do_something_is_still_a_refusal():
    assert _st("The mayor declined to comment on the audit.")[1] == "rejected"
    assert _st("Spain declined the invitation to the summit.")[1] == "rejected"
