import pytest

from factcheck.pipeline.quantities import (
    ABOUT_TOLERANCE,
    Qualifier,
    Quantity,
    compatible,
    find_quantities,
)


def quantities(sentence: str, **kwargs) -> list[Quantity]:
    found = find_quantities(sentence, **kwargs)
    for q in found:
        assert sentence[q.start : q.end] == q.text
    return found


def only(sentence: str) -> Quantity:
    found = quantities(sentence)
    assert len(found) == 1, found
    return found[0]


def texts(sentence: str) -> list[str]:
    return [q.text for q in quantities(sentence)]


def interval(q: Quantity) -> tuple:
    return (q.low, q.high, q.low_inclusive, q.high_inclusive)


# --- digits -----------------------------------------------------------------------------------


def test_thousands_separator_is_read_as_one_number():
    q = only("The charity has 1,500 volunteers across the region.")
    assert (q.text, q.value, q.counted, q.qualifier) == ("1,500", 1500, "volunteer", "exact")
    assert interval(q) == (1500, 1500, True, True)


def test_decimal_point_and_millions_separators():
    assert only("The bridge is 1.5 miles long.").value == 1.5
    assert only("Turnout was 2,345,678 voters.").value == 2_345_678


def test_decimal_percentage_is_a_percentage_of_nothing_in_particular():
    q = only("Inflation eased to 2.35% in the spring.")
    assert (q.text, q.value, q.unit, q.is_percentage) == ("2.35%", 2.35, "percent", True)
    assert q.counted is None


def test_sentence_without_numbers_has_no_quantities():
    assert find_quantities("The minister said the plan would be published soon.") == []


def test_comma_not_followed_by_three_digits_is_a_list_not_a_separator():
    assert [q.value for q in quantities("The votes were 4,5 and 6 in turn.")] == [4, 5, 6]


# --- number words -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Nearly everyone agreed that a million visitors came.", "a million", 1_000_000),
        ("The council hired two inspectors.", "two", 2),
        ("She waited twenty-five days for a reply.", "twenty-five days", 25),
        ("Three hundred workers walked out.", "Three hundred", 300),
        ("The dam displaced half a million residents.", "half a million", 500_000),
        ("Police arrested a dozen fans.", "a dozen", 12),
        ("It cost seven hundred and fifty thousand dollars.", None, 750_000),
        ("The grant pays two and a half million over the decade.", None, 2_500_000),
    ],
)
def test_number_words_are_parsed(sentence, text, value):
    q = only(sentence)
    assert q.value == value
    if text is not None:
        assert q.text == text


def test_hundreds_of_is_a_vague_interval_from_two_hundred_to_a_thousand():
    q = only("Hundreds of residents gathered outside the town hall.")
    assert q.qualifier == Qualifier.VAGUE
    assert interval(q) == (200, 1000, True, False)
    assert q.counted == "resident"


def test_dozens_of_counts_the_noun_after_of():
    q = only("Dozens of firefighters tackled the blaze.")
    assert (q.text, q.qualifier, q.counted) == ("Dozens", "vague", "firefighter")
    assert q.low == 24


def test_bare_thousands_is_vague():
    q = only("Thousands marched through the capital on Sunday.")
    assert (q.qualifier, q.low) == ("vague", 2000)


def test_tens_of_thousands_and_hundreds_of_thousands_scale_up():
    a, b = quantities("Tens of thousands joined and hundreds of thousands more watched online.")
    assert (a.text, a.low, a.high) == ("Tens of thousands", 20_000, 100_000)
    assert (b.text, b.low, b.high) == ("hundreds of thousands", 200_000, 1_000_000)


def test_several_hundred_is_at_least_three_hundred():
    q = only("Several hundred homes lost power.")
    assert (q.low, q.high, q.counted) == (300, 1000, "home")


def test_fraction_of_a_population_is_a_percentage():
    q = only("Two-thirds of nurses said they were exhausted.")
    assert q.is_percentage
    assert q.of_what == "nurse"
    assert q.low < 67 < q.high


# --- scale words and currencies ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("The contract is worth 10 billion zloty.", "10 billion zloty", 1e10, "PLN"),
        ("The merger was valued at $1.5bn last week.", "$1.5bn", 1.5e9, "USD"),
        ("The club spent £3m on a striker.", "£3m", 3e6, "GBP"),
        ("Brussels pledged €20 million in aid.", "€20 million", 2e7, "EUR"),
        ("Global debt passed 5 trillion last year.", "5 trillion", 5e12, None),
        ("Tickets cost US$5 each.", "US$5", 5, "USD"),
        ("The fine was 1,000 euros.", "1,000 euros", 1000, "EUR"),
        ("Exports reached 2.4 trillion yen.", "2.4 trillion yen", 2.4e12, "JPY"),
        ("A stamp now costs 85p.", "85p", 0.85, "GBP"),
        ("The loan was 40bn Australian dollars.", "40bn Australian dollars", 4e10, "AUD"),
    ],
)
def test_scale_words_and_currencies_are_applied(sentence, text, value, unit):
    q = only(sentence)
    assert (q.text, q.value, q.unit) == (text, value, unit)


def test_rate_after_a_currency_amount():
    q = only("Tenants pay $100 a month for a single room.")
    assert (q.text, q.value, q.unit, q.per) == ("$100 a month", 100, "USD", "month")


def test_rate_after_a_counted_noun():
    q = only("The hospital treats 40 patients a day.")
    assert (q.counted, q.per) == ("patient", "day")


def test_a_year_ago_is_not_a_rate():
    q = only("Sales were up 4% a year ago.")
    assert q.per is None


# --- percentages ------------------------------------------------------------------------------


def test_percentage_of_gdp_records_what_it_is_a_share_of():
    q = only("Several allies now spend 5% of their GDP on defence.")
    assert (q.value, q.is_percentage, q.counted, q.of_what) == (5, True, None, "gdp")


def test_gross_domestic_product_is_normalised_to_gdp():
    assert only("Debt reached 90 per cent of gross domestic product.").of_what == "gdp"


@pytest.mark.parametrize(
    "sentence",
    ["Wages rose 2 percent.", "Wages rose two per cent.", "Wages rose 2 per cent.", "Up 2pc."],
)
def test_spelled_out_percent_forms_are_percentages(sentence):
    q = only(sentence)
    assert (q.value, q.unit, q.is_percentage) == (2, "percent", True)


def test_percentage_points_are_not_percent():
    q = only("The lead narrowed by 3 percentage points.")
    assert q.unit == "percentage_point"


# --- ranges -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "unit", "qualifier"),
    [
        ("Support stands at 30%-40% in most polls.", "30%-40%", "percent", "range"),
        ("Support stands at 30-40% in most polls.", "30-40%", "percent", "range"),
        ("Support stands between 30 and 40 in most polls.", "between 30 and 40", None, "between"),
        ("The queue held from 30 to 40 people.", "from 30 to 40", None, "range"),
        ("Turnout was 30 to 40 per cent.", "30 to 40 per cent", "percent", "range"),
        ("Support stands at 30–40% (en dash).", "30–40%", "percent", "range"),
    ],
)
def test_ranges_assert_a_closed_interval(sentence, text, unit, qualifier):
    q = only(sentence)
    assert (q.text, q.unit, q.qualifier) == (text, unit, qualifier)
    assert interval(q) == (30, 40, True, True)
    assert q.value == 35


def test_scale_on_the_second_number_of_a_range_applies_to_both():
    q = only("The repairs will cost $2-3bn.")
    assert (q.low, q.high, q.unit) == (2e9, 3e9, "USD")


def test_between_a_small_and_a_scaled_number_keeps_the_small_one():
    q = only("Estimates ranged between 500 and 1 million.")
    assert (q.low, q.high) == (500, 1_000_000)


def test_from_to_after_a_verb_of_change_is_two_values_not_a_range():
    assert texts("Unemployment rose from 4% to 5% last year.") == ["4%", "5%"]


def test_percentage_to_an_amount_is_two_values():
    found = quantities("Profits jumped 12% to $2.1bn.")
    assert [(q.unit, q.value) for q in found] == [("percent", 12), ("USD", 2.1e9)]


def test_football_scores_are_not_ranges_or_quantities():
    assert quantities("United won 3-1 and then drew 2-2 with a 1-0 lead at half time.") == []


def test_hyphenated_score_with_rising_numbers_in_a_match_report_is_skipped():
    assert quantities("They lost 1-2 at home on Saturday.") == []


# --- qualifiers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "qualifier", "expected"),
    [
        ("over", "over", (160, None, False, False)),
        ("more than", "over", (160, None, False, False)),
        ("above", "over", (160, None, False, False)),
        ("upwards of", "at_least", (160, None, True, False)),
        ("upward of", "at_least", (160, None, True, False)),
        ("at least", "at_least", (160, None, True, False)),
        ("under", "under", (None, 160, False, False)),
        ("less than", "under", (None, 160, False, False)),
        ("below", "under", (None, 160, False, False)),
        ("fewer than", "under", (None, 160, False, False)),
        ("up to", "up_to", (None, 160, False, True)),
        ("no more than", "at_most", (None, 160, False, True)),
        ("nearly", "almost", (144, 160, True, False)),
        ("almost", "almost", (144, 160, True, False)),
        ("about", "about", (152, 168, True, True)),
        ("around", "about", (152, 168, True, True)),
        ("roughly", "about", (152, 168, True, True)),
        ("approximately", "about", (152, 168, True, True)),
        ("some", "about", (152, 168, True, True)),
    ],
)
def test_qualifier_sets_the_asserted_interval(phrase, qualifier, expected):
    q = only(f"The treaty now has {phrase} 160 parties.")
    assert q.text == f"{phrase} 160"
    assert q.qualifier == qualifier
    assert q.qualifier_text == phrase
    assert interval(q) == pytest.approx(expected)
    assert q.counted == "party"


def test_about_five_hundred_uses_the_documented_tolerance():
    q = only("About 500 troops were moved.")
    assert (q.low, q.high) == (500 * (1 - ABOUT_TOLERANCE), 500 * (1 + ABOUT_TOLERANCE))
    assert (q.low, q.high) == (475, 525)


@pytest.mark.parametrize(
    ("sentence", "qualifier", "low", "high"),
    [
        ("It hired 200 or more engineers.", "at_least", 200, None),
        ("A 500-plus crowd turned up.", "at_least", 500, None),
        ("Groups of 6 or fewer people may meet.", "at_most", None, 6),
    ],
)
def test_qualifiers_after_the_number(sentence, qualifier, low, high):
    q = only(sentence)
    assert (q.qualifier, q.low, q.high) == (qualifier, low, high)


# --- counted nouns ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        ("The convention has over 160 parties.", "party"),
        ("The accord was signed by 133 nations.", "nation"),
        ("Moscow massed 500,000 experienced Russian troops.", "troop"),
        ("The flood forced 3,000 people from their homes.", "people"),
        ("The school teaches 420 children.", "child"),
        ("Only 12 women and 30 men applied.", "woman"),
        ("Parliament has 650 MPs.", "mp"),
        ("The airline grounded 40 aircraft.", "aircraft"),
        ("The firm opened 12 branches.", "branch"),
        ("One new hospital was built.", "hospital"),
    ],
)
def test_counted_noun_head_is_lemmatised(sentence, counted):
    assert quantities(sentence)[0].counted == counted


def test_number_followed_by_of_a_pronoun_counts_nothing():
    q = only("A million of them signed the petition.")
    assert (q.value, q.counted, q.of_what) == (1_000_000, None, None)


def test_number_followed_by_a_verb_counts_nothing():
    assert only("Police said 14 died in the crash.").counted is None


def test_counted_noun_is_not_part_of_the_span():
    q = only("It employs 5,000 skilled staff.")
    assert (q.text, q.counted) == ("5,000", "staff")


# --- units ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The fence runs for 12km.", 12, "km"),
        ("The lorry carried 20 tonnes.", 20, "tonne"),
        ("He was jailed for 10 years.", 10, "year"),
        ("She finished the 200m in record time.", 200, "m"),
        ("Temperatures hit 38C on Monday.", 38, "celsius"),
        ("The storm brought winds of 90 mph.", 90, "mph"),
        ("Rates went up by 25 basis points.", 25, "basis_point"),
    ],
)
def test_measurement_units(sentence, value, unit):
    q = only(sentence)
    assert (q.value, q.unit) == (value, unit)


def test_glued_m_without_currency_before_a_noun_is_million():
    q = only("The show drew 5m viewers.")
    assert (q.value, q.counted) == (5e6, "viewer")


def test_hyphenated_duration_adjective():
    q = only("They signed a 10-year lease.")
    assert (q.value, q.unit) == (10, "year")


# --- not quantities ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The law was passed in 1997.",
        "Turnout fell in the 2024 election.",
        "Since 2010 the region has changed.",
        "The 2004-05 season was a disaster.",
        "The hearing is on March 21.",
        "The hearing is on 21 March.",
        "The plane landed at 20:39.",
        "The meeting starts at 5pm.",
        "The meeting starts at 5 p.m. sharp.",
        "The rally ended at 10.30 on Sunday.",
        "She finished first and he came 2nd.",
        "He was the 21st member to resign.",
        "Call 020 7946 0958 for details.",
        "Call 555-1234 for details.",
        "The Covid-19 rules were lifted.",
        "The air force ordered F-16 jets.",
        "The G7 summit opened.",
        "The FTSE 100 closed lower.",
        "Article 50 was triggered.",
        "He lives at 10 Downing Street.",
        "Music of the 1990s is back.",
        "The 9/11 attacks changed policy.",
        "One of the officers was suspended.",
        "No one was hurt.",
        "It was a one-off payment.",
        "The third quarter was weak.",
        "The 5G network is expanding.",
        "Qualifiers run from 16-28 November.",
        "Hyde (Pitman 105) and Purdie (Mills 83) came on late.",
        "The novel was called Runaway Zero-Eight.",
        "He never got beyond round four.",
        "Formula One bosses met.",
    ],
)
def test_near_misses_are_not_quantities(sentence):
    assert quantities(sentence) == []


def test_four_digit_count_with_a_plural_noun_is_not_a_year():
    q = only("The tournament attracted 2000 players.")
    assert (q.value, q.counted, q.is_year) == (2000, "player", False)


def test_four_digit_count_after_more_than_is_not_a_year():
    assert only("It has more than 1800 members.").value == 1800


def test_years_are_returned_flagged_only_when_asked():
    sentence = "In 2019 the firm made 300 cars."
    assert texts(sentence) == ["300"]
    years = [q for q in quantities(sentence, include_years=True) if q.is_year]
    assert [(q.text, q.value) for q in years] == [("2019", 2019)]


def test_number_in_a_date_and_a_real_count_in_one_sentence():
    assert texts("On 3 May, 40 people were evacuated.") == ["40"]


# --- spans ------------------------------------------------------------------------------------


def test_spans_point_into_the_original_sentence():
    sentence = "Around £2.5bn, or about 3% of revenue, was lost by nearly 4,000 firms."
    found = quantities(sentence)
    assert [q.text for q in found] == ["Around £2.5bn", "about 3%", "nearly 4,000"]
    assert all(sentence[q.start : q.end] == q.text for q in found)


def test_quantity_is_frozen():
    q = only("There were 7 witnesses.")
    with pytest.raises(AttributeError):
        q.value = 8  # type: ignore[misc]


# --- compatible -------------------------------------------------------------------------------


def first(sentence: str) -> Quantity:
    return quantities(sentence)[0]


def test_exact_count_below_more_than_is_incompatible():
    more = first("The treaty had over 160 parties.")
    exact = first("The treaty has been signed by 133 nations.")
    assert not compatible(more, exact)
    assert not compatible(exact, more)


def test_exact_count_above_over_is_compatible():
    assert compatible(first("It had over 160 parties."), first("It has 164 parties."))


def test_over_excludes_its_own_bound():
    assert not compatible(first("It had over 160 parties."), first("It has 160 parties."))
    assert compatible(first("It had at least 160 parties."), first("It has 160 parties."))


def test_under_excludes_its_own_bound_and_up_to_includes_it():
    assert not compatible(first("Fewer than 50 died."), first("Exactly 50 died."))
    assert compatible(first("Up to 50 died."), first("Exactly 50 died."))


def test_percentage_range_contains_a_point_inside_it():
    assert compatible(first("Support is 30%-40%."), first("Support is 35%."))
    assert not compatible(first("Support is 30%-40%."), first("Support is 45%."))


def test_range_ends_are_inclusive():
    assert compatible(first("Support is 30%-40%."), first("Support is 40%."))


def test_about_overlaps_nearby_values_only():
    assert compatible(first("About 500 troops left."), first("Some 520 troops left."))
    assert not compatible(first("About 500 troops left."), first("Some 600 troops left."))


def test_almost_excludes_the_round_number_itself():
    assert compatible(first("Almost 200 died."), first("Some 195 died."))
    assert not compatible(first("Almost 200 died."), first("Exactly 200 died."))


def test_percent_and_plain_number_are_incompatible():
    assert not compatible(first("Prices rose 5%."), first("Prices rose 5 points."))


def test_different_currencies_are_incompatible():
    assert not compatible(first("It cost $10m."), first("It cost £10m."))


def test_same_amount_written_differently_is_compatible():
    assert compatible(first("It cost $1.5bn."), first("It cost 1,500 million dollars."))
    assert compatible(first("Aid of €20 million."), first("Aid of 20m euros."))


def test_vague_hundreds_excludes_thousands():
    hundreds = first("Hundreds of people were evacuated.")
    assert compatible(hundreds, first("Officials said 450 people were evacuated."))
    assert not compatible(hundreds, first("Officials said 4,500 people were evacuated."))


def test_relative_tolerance_absorbs_rounding():
    a, b = first("It cost $1.5bn."), first("It cost $1.53bn.")
    assert not compatible(a, b)
    assert compatible(a, b, rel_tol=0.02)


def test_open_intervals_in_the_same_direction_always_overlap():
    assert compatible(first("Over 100 attended."), first("At least 300 attended."))


def test_opposite_open_intervals_meeting_at_a_point():
    assert not compatible(first("Over 100 attended."), first("Under 100 attended."))
    assert compatible(first("At least 100 attended."), first("Up to 100 attended."))


def test_glued_m_on_a_long_distance_is_metres():
    q = only("The 10,000m champion retired.")
    assert (q.value, q.unit) == (10_000, "m")


def test_quoted_sentence_start_does_not_hide_a_count():
    assert only('"Only 5 people came," she said.').counted == "people"


def test_age_in_words_is_still_a_quantity():
    assert only("The boy, aged two, was found safe.").value == 2


def test_up_to_hundreds_is_bounded_by_the_vague_upper_end():
    q = only("Each shell releases up to hundreds of bomblets.")
    assert (q.qualifier, q.low, q.high, q.counted) == ("up_to", None, 1000, "bomblet")
