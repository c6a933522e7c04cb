import datetime
import itertools
import json
import time

from factcheck.pipeline.actors import find_actors
from factcheck.pipeline.attribution import find_attribution
from factcheck.pipeline.comparison import (
    SAME_CLAIM_CONFIDENCE,
    ClaimView,
    compare,
    text_similarity,
)
from factcheck.pipeline.dates import find_dates
from factcheck.pipeline.facts import Facts
from factcheck.pipeline.quantities import find_quantities

PUBLISHED = datetime.date(2024, 6, 12)
_ids = itertools.count(1)


def view(text, context="", source=None, published=PUBLISHED):
    attribution = find_attribution(text)
    # Through the stored JSON, as the services hand claims to comparison.
    facts = Facts(
        quantities=tuple(find_quantities(text)),
        dates=tuple(find_dates(text, published=published)),
        actors=tuple(find_actors(text)),
        attribution=attribution,
        attribution_from="same" if attribution and attribution.speaker else None,
    )
    facts = Facts.from_json(json.loads(json.dumps(facts.to_json())))
    n = next(_ids)
    return ClaimView(n, source if source is not None else n, text, facts, context, published)


def kinds(result):
    return [d.fact for d in result.differences]


# --- subject gate ----------------------------------------------------------------------------


def test_claims_about_different_things_are_unrelated():
    left = view("The Geneva motor show opened with a record number of electric cars.")
    right = view("Kenya's central bank cut its main interest rate for the second time.")
    assert compare(left, right) is None


def test_same_subject_with_a_different_point_is_related():
    left = view("The Aral Sea has shrunk to a tenth of its former size since the 1960s.")
    right = view("Fishing communities around the Aral Sea have moved away as the sea shrunk.")
    result = compare(left, right)
    assert result is not None
    assert result.relation == "related"
    assert not result.differences


def test_similarity_is_symmetric_and_higher_for_paraphrases():
    a = view("The Danube flood forced 4,000 people from their homes in Bavaria.")
    b = view("In Bavaria, 4,000 people fled their homes as the Danube flooded.")
    c = view("The Bavarian football league postponed two matches.")
    assert text_similarity(a, b) == text_similarity(b, a)
    assert text_similarity(a, b) > text_similarity(a, c)


# --- numbers ---------------------------------------------------------------------------------


MONTREAL = "The Montreal Protocol regulates nearly 100 man-made chemicals."


def test_over_160_parties_is_more_than_133_nations_for_one_treaty():
    left = view("As of last year, it had over 160 parties.", context=MONTREAL)
    right = view("The Montreal Protocol has been ratified by 133 nations, officials say.")
    result = compare(left, right)
    assert result is not None
    assert result.relation == "contradicts"
    assert kinds(result) == ["quantity"]
    difference = result.differences[0]
    assert difference.left == "over 160 parties"
    assert difference.right == "133 nations"
    assert difference.explanation == "133 is not more than 160."
    assert "over 160 parties" in result.reason
    assert "133 nations" in result.reason


def test_over_160_parties_agrees_with_164_nations():
    left = view("As of last year, it had over 160 parties.", context=MONTREAL)
    right = view("The Montreal Protocol has been ratified by 164 nations, officials say.")
    result = compare(left, right)
    assert result is None or result.relation != "contradicts"


def test_range_of_percentages_contains_a_point():
    left = view("Between 30% and 40% of the shells fired by the Moldovan army fail to explode.")
    right = view("About 35% of the shells fired by the Moldovan army fail to explode.")
    result = compare(left, right)
    assert result is not None
    assert result.relation == "agrees"


def test_different_percentages_of_the_same_thing_contradict():
    left = view("Between 30% and 40% of the shells fired by the Moldovan army fail to explode.")
    right = view("Only 12% of the shells fired by the Moldovan army fail to explode.")
    result = compare(left, right)
    assert result.relation == "contradicts"
    assert kinds(result) == ["quantity"]
    assert "12%" in result.differences[0].explanation


def test_a_million_equals_one_million_written_in_digits():
    left = view("Tesla plans to build a million batteries at the Nevada plant.")
    right = view("Tesla plans to build 1,000,000 batteries at the Nevada plant.")
    assert compare(left, right).relation == "agrees"


def test_a_goal_and_a_proposed_new_level_are_not_the_same_quantity():
    left = view("Chile and Peru are spending more on schools than the bloc's suggested 4% of GDP.")
    right = view("Chile and Bolivia have endorsed raising school spending to 6% of their GDP.")
    result = compare(left, right)
    assert result is None or result.relation == "related"


def test_numbers_of_different_things_in_one_sentence_are_not_cross_matched():
    left = view("The Lagos clinic treated 300 patients and hired 12 nurses last month.")
    right = view("The Lagos clinic hired 12 nurses and treated 300 patients last month.")
    result = compare(left, right)
    assert result.relation == "agrees"


def test_counts_of_different_subjects_are_not_compared():
    left = view("The Oslo band have been nominated for five prizes at the music awards.")
    right = view("The Dublin singer walked off with three prizes at the music awards.")
    result = compare(left, right)
    assert result is None or result.relation != "contradicts"


# --- participants ----------------------------------------------------------------------------


def test_a_country_more_in_one_list_is_a_contradiction_that_names_it():
    left = view(
        "Estonia, Latvia, Lithuania, Poland and Finland announced a joint air-defence fund."
    )
    right = view("Poland, Lithuania, Latvia and Estonia announced a joint air-defence fund.")
    result = compare(left, right)
    assert result.relation == "contradicts"
    assert kinds(result) == ["actors"]
    assert result.reason == (
        "Source A includes Finland; source B lists only Poland, Lithuania, Latvia and Estonia."
    )


def test_a_group_expands_to_its_members():
    left = view("The Baltic states and Poland announced a joint air-defence fund.")
    right = view("Estonia, Latvia, Lithuania and Poland announced a joint air-defence fund.")
    result = compare(left, right)
    assert result.relation == "agrees"


def test_a_country_named_in_passing_is_not_a_participant_list():
    left = view("Norway and Sweden announced a new rail link bordering Finland and Russia.")
    right = view("Norway, Sweden and Denmark announced a new rail link.")
    result = compare(left, right)
    assert result.relation == "contradicts"
    assert "Denmark" in result.reason
    assert "Russia" not in result.reason


def test_a_partial_list_agrees_with_a_complete_one():
    left = view("The US, Russia and China are notable non-signatories of the cluster treaty.")
    right = view(
        "Several major powers, including China, Russia and the United States, are not "
        "signatories to the cluster treaty."
    )
    result = compare(left, right)
    assert result.relation == "agrees"
    assert "China" in result.reason
    assert "Russia" in result.reason


def test_a_count_against_a_list_of_another_length():
    left = view("Four Nordic states are leaving the whaling commission.")
    right = view("Norway, Iceland, Denmark, Finland and Sweden are leaving the whaling commission.")
    result = compare(left, right)
    assert result.relation == "contradicts"
    assert kinds(result) == ["actors"]
    assert "Four Nordic states" in result.reason
    assert "five" in result.reason


# --- status and polarity ---------------------------------------------------------------------


def test_done_and_only_urged_contradict():
    left = view("Greece and Cyprus have left the regional fishing pact.")
    right = view(
        "Greece and Cyprus are urging their governments to leave the regional fishing pact."
    )
    result = compare(left, right)
    assert result.relation == "contradicts"
    assert kinds(result) == ["status"]
    assert "have left" in result.reason
    assert "are urging" in result.reason


def test_announced_plans_and_pulling_out_are_compatible():
    left = view("Greece and Cyprus are pulling out of the regional fishing pact.")
    right = view(
        "Greece and Cyprus have announced plans to withdraw from the regional fishing pact."
    )
    assert compare(left, right).relation == "agrees"


def test_affirmed_and_negated_membership_contradict():
    left = view("Serbia is a signatory of the Aarhus convention on pollution.")
    right = view("Serbia is not a signatory of the Aarhus convention on pollution.")
    result = compare(left, right)
    assert result.relation == "contradicts"
    assert kinds(result) == ["polarity"]


def test_not_only_but_also_does_not_contradict_the_plain_statement():
    left = view("Serbia is not only a signatory of the Aarhus convention but also its host.")
    right = view("Serbia is a signatory of the Aarhus convention.")
    result = compare(left, right)
    assert result.relation != "contradicts"


def test_not_yet_decided_and_considering_are_compatible():
    left = view("The Zurich council has not yet decided whether to sell the stadium.")
    right = view("The Zurich council is considering whether to sell the stadium.")
    result = compare(left, right)
    assert result.relation == "agrees"


def test_same_verb_with_different_objects_is_not_a_status_conflict():
    left = view("Coach Arne Solberg has signed a new contract with the Bergen club.")
    right = view("Coach Arne Solberg would consider signing the striker Lars Moe.")
    result = compare(left, right)
    assert result is None or result.relation != "contradicts"


# --- roles and quotes ------------------------------------------------------------------------


def test_two_people_given_the_same_unique_role_contradict():
    left = view("Chile's defence minister, Ana Rojas, visited the northern base on Monday.")
    right = view("Carlos Vega, Chile's minister of defense, visited the northern base on Monday.")
    result = compare(left, right)
    assert result.relation == "contradicts"
    assert "role" in kinds(result)
    assert "Ana Rojas" in result.reason
    assert "Carlos Vega" in result.reason


def test_the_same_person_with_the_role_worded_differently_agrees():
    left = view("Chile's defence minister, Ana Rojas, visited the northern base on Monday.")
    right = view("Ana Rojas, Chile's minister of defense, visited the northern base on Monday.")
    assert compare(left, right).relation == "agrees"


def test_a_misquoted_word_is_shown():
    left = view('"It is of paramount important to keep the northern corridor open," Rojas said.')
    right = view('"It is of paramount importance to keep the northern corridor open," Rojas said.')
    result = compare(left, right)
    assert result.relation == "wording"
    assert kinds(result) == ["quote_wording"]
    assert result.differences[0].left == "of paramount important to"
    assert result.differences[0].right == "of paramount importance to"


def test_british_and_american_spellings_are_not_a_misquote():
    left = view('"We are kicking the tyres of every shipping firm in the region," Vega said.')
    right = view('"We are kicking the tires of every shipping firm in the region," Vega said.')
    assert compare(left, right).relation == "agrees"


def test_the_same_quote_from_two_people_contradicts():
    left = view('"The corridor will stay open for every convoy," said Ana Rojas.')
    right = view('"The corridor will stay open for every convoy," said Carlos Vega.')
    result = compare(left, right)
    assert result.relation == "contradicts"
    assert kinds(result) == ["speaker"]


# --- dates -----------------------------------------------------------------------------------


def test_the_same_event_in_different_years_contradicts():
    left = view("Montenegro joined the World Trade Organization in 2012.")
    right = view("Montenegro joined the World Trade Organization in 2014.")
    result = compare(left, right)
    assert result.relation == "contradicts"
    assert kinds(result) == ["date"]


def test_a_year_inside_a_period_agrees():
    left = view("The Kyoto Protocol was adopted in 1997 by the member states.")
    right = view("The Kyoto Protocol was adopted in the late 1990s by the member states.")
    assert compare(left, right).relation == "agrees"


# --- agreement and confidence ----------------------------------------------------------------


def test_paraphrases_agree_with_a_reason_naming_what_matches():
    left = view("The United States has not ratified the cluster munitions treaty.")
    right = view("The US has never ratified the cluster munitions treaty, officials said.")
    result = compare(left, right)
    assert result.relation == "agrees"
    assert result.confidence >= SAME_CLAIM_CONFIDENCE
    assert result.reason.startswith("Both say ")
    assert result.differences == ()


def test_confidence_is_higher_for_a_number_than_for_a_status():
    number = compare(
        view("The Vienna clinic treated 300 patients during the heatwave."),
        view("The Vienna clinic treated 900 patients during the heatwave."),
    )
    status = compare(
        view("The Vienna clinic has closed its heatwave ward."),
        view("The Vienna clinic is considering closing its heatwave ward."),
    )
    assert number.relation == status.relation == "contradicts"
    assert 0 < status.confidence < number.confidence <= 1


def test_compare_is_fast_on_cached_claims():
    claims = [
        view("Estonia, Latvia and Poland announced a joint air-defence fund of €1bn."),
        view("Poland, Latvia and Estonia announced a joint air-defence fund of €2bn."),
        view("The Vienna clinic treated 300 patients during the heatwave."),
        view("Montenegro joined the World Trade Organization in 2012."),
    ]
    pairs = [(a, b) for a in claims for b in claims if a is not b] * 500
    compare(*pairs[0])
    start = time.perf_counter()
    for a, b in pairs:
        compare(a, b)
    rate = len(pairs) / (time.perf_counter() - start)
    assert rate > 5_000  # pairs/second; far above in practice, kept loose for slow CI


# --- false alarms: different moments ---------------------------------------------------------

LATER = PUBLISHED + datetime.timedelta(days=21)


def not_a_contradiction(left, right):
    result = compare(left, right)
    return result is None or result.relation != "contradicts"


def test_a_forecast_and_the_outcome_are_different_moments():
    left = view("Most critics predict Dana Moss will win best actress at the Lisbon film awards.")
    right = view("Dana Moss won best actress at the Lisbon film awards.")
    result = compare(left, right)
    assert result.relation == "different_time"
    assert result.reason.startswith("Different time periods")
    assert "will win" in result.reason


def test_due_to_perform_and_performed_are_different_moments():
    left = view("The Kavala choir is due to perform at the harbour festival in Thessaloniki.")
    right = view("The Kavala choir performed at the harbour festival in Thessaloniki.")
    assert compare(left, right).relation == "related"


def test_a_forecast_and_an_outcome_for_one_stated_period_still_contradict():
    left = view("Dana Moss will win best actress at the Lisbon film awards in 2023.")
    right = view("Dana Moss won best actress at the Lisbon film awards in 2023.")
    assert compare(left, right).relation == "contradicts"


def test_two_forecasts_of_different_certainty_do_not_contradict():
    left = view("Rail operators that miss the punctuality targets could lose their franchises.")
    right = view("Rail operators that miss the punctuality targets will lose their franchises.")
    assert not_a_contradiction(left, right)


def test_a_forecast_figure_and_a_measured_figure_are_different_moments():
    left = view("The Chilean economy is expected to grow by 4.5% this year, the central bank said.")
    right = view("The Chilean economy grew by 3.1% this year, the central bank said.")
    result = compare(left, right)
    assert result.relation == "different_time"
    assert "forecast" in result.reason


def test_figures_in_articles_weeks_apart_are_different_moments():
    left = view("Star Harbour took $12.5m at the North American box office.")
    right = view("Star Harbour took $8.1m at the North American box office.", published=LATER)
    result = compare(left, right)
    assert result.relation == "different_time"
    assert result.reason.startswith("Different time periods")
    assert str(LATER) in result.reason


def test_figures_in_articles_published_the_same_day_contradict():
    left = view("Star Harbour took $12.5m at the North American box office.")
    right = view("Star Harbour took $8.1m at the North American box office.")
    assert compare(left, right).relation == "contradicts"


def test_figures_for_one_stated_year_contradict_whenever_published():
    left = view("Peru's economy grew 3.9% in 2023, the statistics office said.")
    right = view("Peru's economy grew 2.1% in 2023, the statistics office said.", published=LATER)
    result = compare(left, right)
    assert result.relation == "contradicts"
    assert kinds(result) == ["quantity"]


def test_figures_for_different_years_are_different_periods():
    left = view("Peru's economy grew 3.9% in 2022, the statistics office said.")
    right = view("Peru's economy grew 2.1% in 2023, the statistics office said.")
    result = compare(left, right)
    assert result.relation == "different_time"
    assert result.reason.startswith("Different time periods")


def test_a_later_article_reporting_it_done_is_a_change_not_a_contradiction():
    earlier = view("Norway is considering leaving the whaling commission.")
    later = view("Norway has left the whaling commission.", published=LATER)
    result = compare(earlier, later)
    assert result.relation == "different_time"
    assert "later article" in result.reason


def test_a_later_article_undoing_a_done_action_still_contradicts():
    earlier = view("Norway has left the whaling commission.")
    later = view("Norway is considering leaving the whaling commission.", published=LATER)
    assert compare(earlier, later).relation == "contradicts"


# --- false alarms: figures about different things --------------------------------------------


def test_money_for_a_loan_is_not_money_sued_for():
    left = view("The owners of Brindle Steel want the buyer to repay a $700m loan.")
    right = view("The owners of Brindle Steel have sued the buyer for $12bn in damages.")
    assert not_a_contradiction(left, right)


def test_two_amounts_of_one_loan_contradict():
    left = view("The owners of Brindle Steel want the buyer to repay a $700m loan.")
    right = view("The owners of Brindle Steel want the buyer to repay a $900m loan.")
    result = compare(left, right)
    assert result.relation == "contradicts"
    assert kinds(result) == ["quantity"]


def test_prizes_nominated_for_are_not_prizes_won():
    left = view("The Oslo band have been nominated for five prizes at the music awards.")
    right = view("The Oslo band won two prizes at the music awards.")
    assert not_a_contradiction(left, right)


def test_nominations_for_a_named_award_are_not_nominations_for_another():
    left = view("Red Meridian leads the field with 12 nominations, including best film.")
    right = view("Red Meridian leads the Golden Globe field with 7 nominations.")
    assert not_a_contradiction(left, right)


def test_nominations_for_the_same_named_award_contradict():
    left = view("Red Meridian leads the Golden Globe field with 12 nominations.")
    right = view("Red Meridian leads the Golden Globe field with 7 nominations.")
    assert compare(left, right).relation == "contradicts"


def test_a_vote_share_in_one_town_is_not_the_national_share():
    left = view("The Green party won 16% of the vote in the regional elections.")
    right = view("The Green party won 31% of the vote in Tamworth in the regional elections.")
    assert not_a_contradiction(left, right)


def test_a_figure_of_a_named_company_is_not_a_figure_of_an_unnamed_one():
    left = view("Norvik said quarterly sales rose 2% to $1.1bn.")
    right = view("Quarterly sales rose 7% to 2.3bn kronor.")
    assert not_a_contradiction(left, right)


def test_a_number_inside_a_name_is_not_a_count():
    left = view("Ireland were favourites to win the Six Nations rugby title this season.")
    right = view("Ireland last won the Five Nations rugby title in 1985.")
    assert not_a_contradiction(left, right)


def test_one_in_ten_is_a_ratio_not_ten_people():
    left = view("One in 10 adult Canadians owns an e-reader, a survey found.")
    right = view("Some 4 million adult Canadians own an e-reader, a survey found.")
    assert not_a_contradiction(left, right)


def test_the_same_cup_in_different_years_is_not_its_sevens_event():
    left = view("Kenya won the Safari Rugby Cup in 2003 with a young side.")
    right = view("Kenya won the Safari Rugby Cup Sevens in 1998 with a young side.")
    assert not_a_contradiction(left, right)


def test_not_winning_at_another_ground_is_not_a_denial():
    left = view("Wales have won their last three games at Stade Riviera.")
    right = view("At Hampden Park, Wales have not won their last three games.")
    assert not_a_contradiction(left, right)


# --- false alarms: words that look alike -----------------------------------------------------


def test_called_this_a_mistake_is_not_called_for():
    left = view("The Senate finance committee called this policy a costly mistake.")
    right = view("The Senate finance committee called for the policy to be scrapped.")
    assert not_a_contradiction(left, right)


def test_two_statements_sharing_a_stock_phrase_are_not_a_misquote():
    left = view(
        '"Rising fuel bills and a sharp slowdown in the housing market have worried '
        'families," Ms Okafor said.'
    )
    right = view('The Nationwide report found "early signs of a slowdown in the housing market".')
    assert not_a_contradiction(left, right)


# --- true contradictions that must survive ---------------------------------------------------


def test_announced_plans_and_only_urging_contradict():
    left = view(
        "Greece and Cyprus have announced plans to withdraw from the regional fishing pact."
    )
    right = view(
        "Greece and Cyprus are urging their governments to withdraw from the regional fishing pact."
    )
    result = compare(left, right)
    assert result.relation == "contradicts"
    assert kinds(result) == ["status"]


def test_announced_plans_and_a_recommendation_contradict():
    left = view(
        "Greece and Cyprus have announced plans to withdraw from the regional fishing pact."
    )
    right = view(
        "The fisheries ministers of Greece and Cyprus recommend withdrawing from the pact."
    )
    result = compare(left, right)
    assert result.relation == "contradicts"
    assert "status" in kinds(result)


def test_a_quotation_reworded_inside_a_longer_one_is_a_wording_difference():
    left = view(
        '"In this climate we must give our coastguard flexibility and freedom of choice of '
        'potential use of new patrol boats," Rojas said.'
    )
    right = view(
        "Rojas stressed the need for “flexibility and freedom of choice to potentially use "
        "new patrol boats”."
    )
    result = compare(left, right)
    assert result.relation == "wording"
    assert "quote_wording" in kinds(result)
