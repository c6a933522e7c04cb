"""Claims whose subject points back carry the sentence that names it."""

import pytest

from factcheck.pipeline.context import context_for, needs_context
from factcheck.pipeline.sentences import split_sentences


@pytest.mark.parametrize(
    "sentence",
    [
        "They've also looked at reinstating conscription.",
        "The move, officials said, is meant as a warning.",
        "This decision follows months of talks.",
        "The four countries share a border with Russia.",
        "But it will take decades to clear the mines.",
        "“And they will not back down,” she said.",
        "Both have denied the allegations.",
        "As of last year, it had over 90 members.",
        "Last month, they voted to strike.",
    ],
)
def test_pronoun_and_anaphoric_openings_need_context(sentence):
    assert needs_context(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Ottawa Convention dates back to 1997.",
        "The ministers of Estonia and Latvia signed the letter.",
        "It is unclear whether the vote will pass.",
        "Poland has spent 4% of its GDP on defence.",
        "The United States is not a signatory.",
        "Officials said they would appeal.",
        "In May, the council launched a 10 million euro plan.",
    ],
)
def test_sentences_that_name_their_subject_need_none(sentence):
    assert not needs_context(sentence)


def test_context_is_the_nearest_earlier_sentence_that_names_the_subject():
    body = (
        "Lithuania and Latvia raised defence spending this year. They also bought drones.\n\n"
        "They have looked at conscription too."
    )
    sentences = split_sentences(body)
    context = context_for(body, sentences, 2)
    assert context is not None
    assert context.text == body[context.start : context.end]
    assert context.text.startswith("Lithuania and Latvia raised")
    assert context.text.endswith("They also bought drones.")


def test_a_self_contained_claim_has_no_context():
    body = "The port reopened. Lithuania raised defence spending to 3% this year."
    assert context_for(body, split_sentences(body), 1) is None


def test_the_first_sentence_cannot_borrow_context():
    body = "They said the port would reopen on Monday."
    assert context_for(body, split_sentences(body), 0) is None
