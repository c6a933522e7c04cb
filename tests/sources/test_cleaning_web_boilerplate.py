"""Boilerplate that web pages glue into articles: embedded posts, promos, "About" blocks,
related-story links inside a paragraph."""

import pytest

from sources.cleaning import boilerplate_reason, clean_article
from tests.sources.test_cleaning import LEAD, SECOND, THIRD, paragraphs, reasons


@pytest.mark.parametrize(
    "line",
    [
        "— Jane Doe (@janedoe) November 1, 2019",
        "Great turnout at the rally tonight! pic.twitter.com/AbC123 — Sen. Tom Reyes "
        "(@SenTomReyes) March 3, 2024",
        "— City of Riverside (@RiversideCity) Jan 12, 2023",
        "A post shared by Riverside Zoo (@riversidezoo) on Nov 1, 2019 at 3:05pm PDT",
        "pic.twitter.com/AbC123xyz",
    ],
)
def test_embedded_social_posts_and_their_signature_lines_are_removed(line):
    article = clean_article(f"{LEAD}\n\n{line}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, SECOND]
    assert reasons(article) == {line: "social_post"}


def test_a_sentence_quoting_a_handle_is_kept():
    text = "The mayor wrote on X (@MayorLopez) that the libraries would reopen in 2026."
    assert boilerplate_reason(text) is None


@pytest.mark.parametrize(
    "line",
    [
        "Be sure to check out our guide to the best libraries in the county.",
        "Make sure to subscribe to our newsletter for daily updates.",
        "Don't forget to follow us on Facebook.",
        "Check out our full coverage of the council elections here.",
        "For the latest news and updates, follow us on Twitter.",
    ],
)
def test_calls_to_action_are_promos(line):
    assert boilerplate_reason(line) == "promo"


def test_be_sure_in_reporting_is_kept():
    text = "Officials said residents should be sure to register before the deadline on Friday."
    assert boilerplate_reason(text) is None


def test_a_company_about_block_under_its_heading_is_removed():
    about = (
        "Acme Robotics is a leading provider of warehouse automation, headquartered in Austin, "
        "Texas. For more information, visit www.acme-robotics.example."
    )
    contact = "Media contact: press@acme-robotics.example"
    text = f"{LEAD}\n\n{SECOND}\n\nAbout Acme Robotics\n\n{about}\n\n{contact}"
    article = clean_article(text)
    assert paragraphs(article) == [LEAD, SECOND]
    assert reasons(article) == {
        "About Acme Robotics": "about_block",
        about: "about_block",
        contact: "about_block",
    }


def test_an_inline_about_paragraph_is_removed():
    line = (
        "About Northwind Energy: Northwind Energy is a global renewable energy company founded "
        "in 2009 and listed on the NASDAQ."
    )
    assert boilerplate_reason(line) == "about_block"


def test_a_paragraph_about_a_subject_is_reporting_not_an_about_block():
    text = (
        f"{LEAD}\n\nAbout 300 residents attended the meeting, which lasted four hours.\n\n{SECOND}"
    )
    assert paragraphs(clean_article(text)) == [
        LEAD,
        "About 300 residents attended the meeting, which lasted four hours.",
        SECOND,
    ]


def test_a_related_story_link_at_the_end_of_a_paragraph_is_cut_off():
    para = f"{THIRD} RELATED: Council faces legal challenge over school closures"
    article = clean_article(f"{LEAD}\n\n{para}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, THIRD, SECOND]
    assert reasons(article) == {
        "RELATED: Council faces legal challenge over school closures": "related_link"
    }


def test_a_related_story_link_inside_a_paragraph_is_cut_out():
    para = f"{THIRD} READ MORE: Library closures across the county. {SECOND}"
    article = clean_article(f"{LEAD}\n\n{para}")
    assert paragraphs(article) == [LEAD, f"{THIRD} {SECOND}"]
    assert reasons(article) == {"READ MORE: Library closures across the county.": "related_link"}


@pytest.mark.parametrize(
    "line",
    [
        "This press release contains forward-looking statements within the meaning of the "
        "Private Securities Litigation Reform Act of 1995.",
        "Safe Harbor Statement: statements in this release that are not historical facts are "
        "based on current expectations.",
    ],
)
def test_a_press_release_legal_notice_is_boilerplate(line):
    assert boilerplate_reason(line) == "disclaimer"


def test_reporting_on_forward_looking_statements_is_kept():
    text = "The regulator said the company's forward-looking statements had misled investors."
    assert boilerplate_reason(text) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The claim was first shared by conservative commentator Jack Posobiec (@JackPosobiec) "
        "on January 5, 2021.",
        "Lawmakers passed the Private Securities Litigation Reform Act in 1995 over President "
        "Bill Clinton's veto, making it harder to sue companies.",
        "Do not forget to visit your elderly neighbours during the heatwave, health officials "
        "urged on Monday.",
        "Make sure you read the fine print before signing any contract, the consumer protection "
        "agency warned.",
        "Check out the latest figures: unemployment fell to 4.1% in March, the bureau said.",
        "For more news on the outbreak, officials said, residents should watch for results "
        "like those reported in the county.",
        "About Face: Nvidia is a leading maker of graphics chips, and its shares rose 4%.",
    ],
)
def test_reporting_that_resembles_boilerplate_is_kept(sentence):
    assert boilerplate_reason(sentence) is None


def test_a_subheading_starting_with_about_keeps_the_reporting_under_it():
    deal = (
        "Northwind, which is headquartered in Santa Clara, agreed to pay $4 billion for the "
        "start-up, according to people familiar with the talks."
    )
    shares = "Its shares, which trade on the Nasdaq, rose 6% in early trading on Tuesday."
    text = f"{LEAD}\n\nAbout the Deal\n\n{deal}\n\n{shares}"
    assert paragraphs(clean_article(text))[-2:] == [deal, shares]
