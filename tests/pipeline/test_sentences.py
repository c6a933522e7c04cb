"""Sentence boundaries where news text is tricky: titles and honorifics, table rows."""

import pytest

from factcheck.pipeline.sentences import split_sentences


@pytest.mark.parametrize(
    "text",
    [
        "The Rt. Hon. Theresa May said the bill would pass by Friday.",
        "Atty. Gen. Merrick Garland announced the charges on Monday.",
        "Amb. Linda Thomas-Greenfield told the council that aid would resume.",
        "Asst. Prof. Maria Chen led the study, which followed 4,000 patients.",
    ],
)
def test_titles_and_honorifics_do_not_end_a_sentence(text):
    assert [s.text for s in split_sentences(text)] == [text]


def test_a_sentence_ending_after_a_title_word_still_splits_before_a_new_sentence():
    text = "She thanked the Rt. Hon. member for Leeds. He did not reply."
    assert [s.text for s in split_sentences(text)] == [
        "She thanked the Rt. Hon. member for Leeds.",
        "He did not reply.",
    ]


def test_a_dateline_with_a_state_abbreviation_stays_with_its_sentence():
    text = "MILLBROOK, Wis. (AP) — The former mayor was sentenced on Thursday to 30 months."
    assert [s.text for s in split_sentences(text)] == [text]


def test_a_sentence_ending_in_a_state_abbreviation_splits_before_a_typical_opener():
    text = "The plant is in Millbrook, Wis. It employs 400 people."
    assert [s.text for s in split_sentences(text)] == [
        "The plant is in Millbrook, Wis.",
        "It employs 400 people.",
    ]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("He did 50 reps. Then he rested for two minutes.", 2),
        ("Sens. Elizabeth Warren and Bernie Sanders voted against the bill.", 1),
    ],
)
def test_plural_titles_are_abbreviations_only_when_capitalised(text, count):
    assert len(split_sentences(text)) == count
