import datetime

import pytest

from factcheck.pipeline.dates import DateMention, find_dates

D = datetime.date
WED = D(2025, 3, 19)  # a Wednesday
TUE = D(2025, 3, 18)


def only(sentence: str, published: datetime.date | None = WED) -> DateMention:
    found = find_dates(sentence, published=published)
    assert len(found) == 1, found
    return found[0]


def span(mention: DateMention) -> tuple[D | None, D | None]:
    return mention.earliest, mention.latest


def test_every_mention_text_is_the_exact_slice_of_the_sentence():
    sentence = (
        "On Tuesday, 18 March 2025, at 20:39 GMT the firm said profits had doubled since 2014 "
        "and would rise in coming weeks, after a slump in the late 1990s and last fall."
    )
    found = find_dates(sentence, published=WED)
    assert len(found) >= 6
    for m in found:
        assert sentence[m.start : m.end] == m.text


def test_on_tuesday_in_a_wednesday_article_is_the_day_before():
    m = only("The ministers announced the decision on Tuesday.")
    assert (m.text, m.kind, m.relative) == ("Tuesday", "date", True)
    assert span(m) == (TUE, TUE)
    assert m.qualifier == "on"


def test_on_tuesday_in_a_tuesday_article_is_the_same_day():
    assert span(only("The bill passed on Tuesday.", published=TUE)) == (TUE, TUE)


def test_weekday_after_a_future_cue_is_the_next_such_day():
    assert span(only("The vote will take place on Tuesday.")) == (D(2025, 3, 25), D(2025, 3, 25))


def test_possessive_weekday_is_a_date_without_the_apostrophe():
    m = only("Tuesday's vote was close.")
    assert m.text == "Tuesday"
    assert span(m) == (TUE, TUE)


def test_last_and_next_weekday_exclude_publication_day():
    assert span(only("It rained last Wednesday.")) == (D(2025, 3, 12), D(2025, 3, 12))
    assert span(only("They meet next Wednesday.")) == (D(2025, 3, 26), D(2025, 3, 26))


def test_sunday_times_and_black_friday_are_not_dates():
    assert find_dates("The Sunday Times reported the leak.", published=WED) == []
    assert find_dates("Black Friday sales beat Good Friday sales.", published=WED) == []


def test_may_the_modal_verb_and_may_the_surname_are_not_months():
    assert find_dates("They may leave the country.", published=WED) == []
    assert find_dates("Bush and May met at the summit.", published=WED) == []


def test_a_march_on_the_capital_is_not_a_month_but_in_march_2023_is():
    m = only("A march on the capital in March 2023 drew crowds.")
    assert (m.text, m.kind, m.relative) == ("March 2023", "month", False)
    assert span(m) == (D(2023, 3, 1), D(2023, 3, 31))


def test_1997_people_is_a_count_but_in_1997_is_a_year():
    m = only("1997 people died in 1997.")
    assert (m.text, m.kind, m.start) == ("1997", "year", 20)
    assert span(m) == (D(1997, 1, 1), D(1997, 12, 31))


def test_in_2023_and_in_2024_resolve_to_disjoint_years():
    a = only("Sales peaked in 2023.", published=None)
    b = only("Sales peaked in 2024.", published=None)
    assert a.latest is not None
    assert b.earliest is not None
    assert a.latest < b.earliest


def test_year_before_an_event_noun_is_a_year_but_before_a_count_noun_is_not():
    assert only("He lost the 2024 election.").text == "2024"
    assert only("The party's 2001 election defeat hurt.").text == "2001"
    assert find_dates("The 2000 workers went on strike.", published=WED) == []
    assert find_dates("A total of 2000 jobs were cut.", published=WED) == []


def test_money_percentages_and_thousands_are_not_years():
    assert find_dates("It cost $2000 and 1,997 staff got a 2010% rise.", published=WED) == []


def test_since_keeps_the_qualifier_and_the_year_interval():
    m = only("Prices have risen since 2014.")
    assert (m.text, m.qualifier) == ("2014", "since")
    assert span(m) == (D(2014, 1, 1), D(2014, 12, 31))


def test_written_dates_in_both_orders_resolve_without_publication():
    a = only("The law was passed on March 21, 2023.", published=None)
    b = only("The law was passed on 21 March 2023.", published=None)
    for m in (a, b):
        assert (m.kind, m.relative, m.granularity) == ("date", False, "day")
        assert span(m) == (D(2023, 3, 21), D(2023, 3, 21))


def test_day_and_month_without_year_take_the_closest_occurrence():
    m = only("It was signed on 18 March.")
    assert (m.text, m.relative) == ("18 March", True)
    assert span(m) == (TUE, TUE)
    january = only("Talks began on 5 December.", published=D(2025, 1, 10))
    assert span(january) == (D(2024, 12, 5), D(2024, 12, 5))


def test_month_without_year_is_unresolved_without_publication():
    m = only("Sales fell in May.", published=None)
    assert (m.text, m.kind, m.relative, m.earliest, m.latest) == ("May", "month", True, None, None)


def test_iso_and_day_first_numeric_dates_are_read_but_ambiguous_ones_are_flagged():
    iso = only("Filed 2025-03-18.", published=None)
    assert span(iso) == (TUE, TUE)
    dmy = only("Filed 18/03/2025.", published=None)
    assert span(dmy) == (TUE, TUE)
    amb = only("Filed 03/04/2025.", published=None)
    assert amb.ambiguous
    assert span(amb) == (None, None)
    assert set(amb.alternatives) == {D(2025, 4, 3), D(2025, 3, 4)}
    same = only("Filed 04/04/2025.", published=None)
    assert not same.ambiguous
    assert span(same) == (D(2025, 4, 4), D(2025, 4, 4))


def test_late_1990s_is_1996_to_1999_and_the_1960s_a_decade():
    late = only("It began in the late 1990s.")
    assert (late.text, late.kind) == ("late 1990s", "period")
    assert span(late) == (D(1996, 1, 1), D(1999, 12, 31))
    sixties = only("It began in the 1960s.")
    assert (sixties.text, sixties.kind) == ("1960s", "decade")
    assert span(sixties) == (D(1960, 1, 1), D(1969, 12, 31))


def test_mid_year_and_early_month_are_periods():
    assert span(only("Output fell in mid-2023.")) == (D(2023, 5, 1), D(2023, 8, 31))
    assert span(only("Output fell in early March.")) == (D(2025, 3, 1), D(2025, 3, 10))


@pytest.mark.parametrize(
    ("sentence", "text", "earliest", "latest"),
    [
        ("It happened yesterday.", "yesterday", TUE, TUE),
        ("It happens today.", "today", WED, WED),
        ("It happened last year.", "last year", D(2024, 1, 1), D(2024, 12, 31)),
        ("It happens next month.", "next month", D(2025, 4, 1), D(2025, 4, 30)),
        ("It happened this week.", "this week", D(2025, 3, 17), D(2025, 3, 23)),
        ("It happened last week.", "last week", D(2025, 3, 10), D(2025, 3, 16)),
        ("It happened last weekend.", "last weekend", D(2025, 3, 15), D(2025, 3, 16)),
        ("It rose earlier this year.", "earlier this year", D(2025, 1, 1), WED),
        ("It rose two years ago.", "two years ago", D(2023, 1, 1), D(2023, 12, 31)),
        ("It rose three days ago.", "three days ago", D(2025, 3, 16), D(2025, 3, 16)),
        ("It rose in recent weeks.", "in recent weeks", D(2025, 2, 5), WED),
        ("It rises in coming weeks.", "in coming weeks", WED, D(2025, 4, 30)),
        ("It rose in the past five years.", "in the past five years", D(2020, 3, 19), WED),
    ],
)
def test_relative_expressions_resolve_against_publication(sentence, text, earliest, latest):
    m = only(sentence)
    assert (m.text, m.relative, m.earliest, m.latest) == (text, True, earliest, latest)


def test_relative_expressions_without_publication_are_found_but_unresolved():
    found = find_dates("Yesterday, last year and in recent weeks.", published=None)
    assert [m.text for m in found] == ["Yesterday", "last year", "in recent weeks"]
    assert all(m.relative and m.earliest is None and m.latest is None for m in found)


def test_last_fall_is_the_previous_northern_autumn():
    m = only("Sales slumped last fall.")
    assert (m.kind, m.granularity) == ("season", "season")
    assert span(m) == (D(2024, 9, 1), D(2024, 11, 30))
    # In December the autumn that just ended is "last fall".
    assert span(only("Sales slumped last autumn.", published=D(2025, 12, 5))) == (
        D(2025, 9, 1),
        D(2025, 11, 30),
    )


def test_fall_as_a_verb_is_not_a_season():
    assert find_dates("Prices are expected to fall.", published=WED) == []


def test_first_administration_is_not_a_date():
    assert find_dates("During his first administration, taxes rose.", published=WED) == []


def test_today_programme_is_a_name_not_a_date():
    assert find_dates("He told the BBC's Today programme he would stay.", published=WED) == []


def test_clock_time_next_to_a_day_is_attached_to_it():
    time, day = find_dates("The blast came at 20:39 on Tuesday.", published=WED)
    assert (time.kind, time.time) == ("time", datetime.time(20, 39))
    assert span(time) == (TUE, TUE)
    assert day.text == "Tuesday"
    assert day.time == datetime.time(20, 39)


def test_lone_clock_time_is_unresolved():
    m = only("Doors open at 8pm.")
    assert (m.kind, m.time, m.earliest) == ("time", datetime.time(20), None)


def test_datetime_publication_anchors_hours_ago_to_the_right_day():
    m = only("Posted 6 hours ago.", published=datetime.datetime(2025, 3, 19, 3, 0))
    assert span(m) == (TUE, TUE)


def test_sentence_without_dates_returns_nothing():
    assert find_dates("The minister denied the claims in a statement.", published=WED) == []


@pytest.mark.parametrize(
    ("sentence", "published"),
    [
        ("The fort was built 999 decades ago.", datetime.date(2025, 3, 18)),
        ("The levy applies over the next 999 decades.", datetime.date(2025, 3, 18)),
        ("The vote is tomorrow.", datetime.date(9999, 12, 31)),
        ("The vote was last Tuesday.", datetime.date(1, 1, 1)),
    ],
)
def test_a_relative_date_beyond_the_calendar_is_found_but_left_unresolved(sentence, published):
    [mention] = find_dates(sentence, published=published)
    assert mention.relative
    assert (mention.earliest, mention.latest) == (None, None)
