"""One lexicon for retrieval, comparison and matching: one stemmer, one set of word classes,
checked when loaded."""

import json

import pytest

from factcheck.pipeline import lexicon, matching, retrieval
from factcheck.pipeline.comparison import lexicon as comparison_lexicon
from factcheck.pipeline.lexicon import LexiconError, load_classes, noun_forms, verb_forms


def write_classes(tmp_path, classes):
    path = tmp_path / "classes.json"
    path.write_text(json.dumps({"classes": classes}))
    return path


def test_the_shipped_word_classes_load_without_conflicts():
    assert lexicon.predicate_classes().of("withdrew") == "withdraw"
    assert lexicon.count_classes().of("nations") == "state"


def test_a_reporting_verb_is_not_read_as_a_country():
    # "state" (a country) and "stated" share the stem "stat"; classes go by word form.
    classes = lexicon.predicate_classes()
    assert classes.of("states") == "country"
    assert classes.of("stated") is None
    stems = [term.stem for term in comparison_lexicon.terms("The minister stated the figures.")]
    assert "country" not in stems


def test_quitting_a_treaty_is_withdrawing_and_resigning_has_its_own_class():
    classes = lexicon.predicate_classes()
    assert classes.of("quit") == classes.of("quitting") == "withdraw"
    assert classes.of("resigned") == "resign"
    assert [t.stem for t in comparison_lexicon.terms("He stepped down on Monday.")] == ["resign"]


def test_a_word_form_in_two_classes_is_an_error_naming_the_file_and_the_word(tmp_path):
    path = write_classes(
        tmp_path, {"withdraw": {"verbs": ["quit"]}, "resign": {"verbs": ["resign", "quit"]}}
    )
    with pytest.raises(LexiconError, match=r"classes\.json: 'quit'.*'withdraw' and 'resign'"):
        load_classes(path)


def test_inflections_of_different_words_colliding_are_an_error(tmp_path):
    # "rose" (a verb form listed) and the plural of the noun "rose" are the same form.
    path = write_classes(tmp_path, {"increase": {"verbs": ["rose"]}, "flower": {"nouns": ["rose"]}})
    with pytest.raises(LexiconError, match="'rose'"):
        load_classes(path)


def test_a_class_word_that_is_a_stop_word_is_an_error(tmp_path):
    path = write_classes(tmp_path, {"win": {"verbs": ["won"]}})
    with pytest.raises(LexiconError, match="'won' in 'win' is a stop word"):
        load_classes(path, stop={"won"})


def test_a_malformed_class_file_is_an_error_naming_it(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    with pytest.raises(LexiconError, match=r"broken\.json"):
        load_classes(path)
    path = write_classes(tmp_path, {"win": ["win"]})
    with pytest.raises(LexiconError, match="'win' must list only 'verbs' and 'nouns'"):
        load_classes(path)


def test_verbs_stand_for_their_inflections_and_nouns_for_their_plural():
    assert {"plans", "planned", "planning"} <= verb_forms("plan")
    assert {"rises", "rising"} <= verb_forms("rise")
    assert {"denies", "denied", "denying"} <= verb_forms("deny")
    assert "dying" in verb_forms("die")
    assert noun_forms("treaty") == {"treaty", "treaties"}
    assert noun_forms("tax") == {"tax", "taxes"}


def test_two_word_verbs_are_matched_in_every_form():
    terms = comparison_lexicon.terms("Poland is pulling out of the treaty.")
    assert [t.stem for t in terms] == ["poland", "withdraw", "treaty"]


def test_retrieval_comparison_and_matching_share_one_stemmer():
    assert matching.stem is lexicon.stem
    assert comparison_lexicon.stem is lexicon.stem
    assert retrieval.content_words("vaccinated vaccines") == [lexicon.stem("vaccine")] * 2
    assert matching.terms("stories") == [lexicon.stem("story")]


def test_the_matcher_keeps_the_verb_won_but_drops_the_contraction():
    assert matching.terms("Biden won Georgia") == ["biden", "won", "georgia"]
    assert matching.terms("He won't run") == ["run"]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("family", "families"),
        ("supply", "supplies"),
        ("try", "tried"),
        ("tries", "try"),
        ("year-old", "year-olds"),
        ("by-election", "by-elections"),
        ("licence", "license"),
        ("defence", "defense"),
        ("quickly", "quick"),
    ],
)
def test_forms_of_one_word_meet_at_one_stem(one, other):
    assert lexicon.stem(one) == lexicon.stem(other)


def test_a_word_whose_stem_is_a_stop_word_still_counts_in_comparison():
    stems = [
        t.stem for t in comparison_lexicon.terms("Average monthly wages fell after donations.")
    ]
    assert lexicon.stem("monthly") in stems
    assert lexicon.stem("donations") in stems
