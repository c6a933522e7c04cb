"""What an editor is shown for a pair: the failure patterns seen on real multi-outlet news.

Every case here has a positive expectation (a relation that must be found, or a link that must
not be), so switching comparison off fails this module.
"""

import dataclasses

import pytest

from factcheck.pipeline.comparison import compare, events
from factcheck.pipeline.comparison.quotes import quote_words
from tests.pipeline.test_comparison import view


def with_event(claim, title: str, body: str, weight=lambda word: 1.0):
    """The claim as it comes from an article with this headline and opening."""
    vector = events.event_vector(events.event_words(title, body), weight)
    return dataclasses.replace(claim, event=vector)


def test_two_articles_on_one_event_are_linked():
    left = with_event(
        view("Lawmakers in Brenmark voted 61-40 to approve the coastal wind farm bill."),
        "Brenmark parliament approves coastal wind farm bill",
        "Lawmakers in Brenmark voted 61-40 to approve the coastal wind farm bill on Monday.",
    )
    right = with_event(
        view("Brenmark's parliament approved the coastal wind farm bill by 61 votes to 40."),
        "Wind farm bill clears Brenmark parliament",
        "Brenmark's parliament approved the coastal wind farm bill by 61 votes to 40.",
    )
    assert compare(left, right).relation == "agrees"


def test_stories_sharing_only_a_name_and_topic_words_are_not_linked():
    # Words many stored claims carry weigh little (their IDF is low).
    common = {"presid", "halvorsen", "creat", "job", "40000"}

    def weight(word):
        return 0.2 if word in common else 1.0

    left = with_event(
        view("President Halvorsen said the trade deal would create 40,000 jobs."),
        "Halvorsen hails Pacific trade deal",
        "President Halvorsen said the Pacific trade deal would create 40,000 jobs in ports.",
        weight,
    )
    right = with_event(
        view("President Halvorsen said the hospital plan would create 40,000 jobs."),
        "Halvorsen unveils rural hospital plan",
        "President Halvorsen said the rural hospital plan would create 40,000 jobs for nurses.",
        weight,
    )
    assert compare(left, right) is None
    # Without article vectors (an import that did not compute them) the pair is compared.
    assert compare(view(left.text), view(right.text)) is not None


def test_figures_for_different_weeks_are_a_different_time_not_a_contradiction():
    left = view("Initial jobless claims rose to 787,000 in the week ending Oct. 10, 2020.")
    right = view("Initial jobless claims rose to 898,000 in the week ending Oct. 17, 2020.")
    assert compare(left, right).relation == "different_time"


def test_a_rate_that_declined_does_not_contradict_one_that_fell():
    left = view("The unemployment rate declined to 4.8% in June, the Labor Department said.")
    right = view("The unemployment rate fell to 4.8% in June, the Labor Department said.")
    assert compare(left, right).relation == "agrees"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (
            "“We can’t wait for Congress to act on this,” she said.",
            '"We can\'t wait for Congress to act on this," she said.',
        ),
        (
            "“We’ve got to protect jobs & wages for families,” he said.",
            "“We have got to protect jobs and wages for families,” he said.",
        ),
        (
            "“The [WHO] team will travel to the region next week,” he said.",
            "“The team will travel to the region next week,” he said.",
        ),
    ],
)
def test_typography_inside_a_quotation_is_no_wording_difference(left, right):
    assert quote_words(left) == quote_words(right)
    assert compare(view(left), view(right)).relation == "agrees"


def test_a_reworded_quotation_is_a_wording_difference_not_a_contradiction():
    left = view("“We will remain committed to protecting civilians in every conflict,” he said.")
    right = view("“We will remain committed to protecting civilians during any conflict,” he said.")
    result = compare(left, right)
    assert result.relation == "wording"
    assert result.differences[0].fact == "quote_wording"


def test_incompatible_counts_of_one_event_still_contradict():
    left = view("The earthquake in Larrino killed at least 63 people, officials said on Thursday.")
    right = view("The earthquake in Larrino killed 41 people, officials said on Thursday.")
    result = compare(left, right)
    assert result.relation == "contradicts"
    assert result.differences[0].fact == "quantity"
