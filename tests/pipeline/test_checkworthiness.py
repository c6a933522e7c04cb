import json
import math

import pytest

from factcheck.pipeline import checkworthiness as cw
from factcheck.pipeline.checkworthiness import (
    SIGNAL_NAMES,
    CheckWorthiness,
    ngrams,
    score_sentence,
    signals,
    threshold,
    tokenize,
)

FACTUAL = [
    "Unemployment fell to 4.2% in March, the statistics office said.",
    "The company reported a net loss of $2.3bn for the first quarter, according to its filing.",
    "The council spent 12 million pounds on the scheme last year, up from 9 million in 2019.",
    "The treaty was ratified by 164 countries, according to the United Nations.",
    "Police said three people were arrested on Tuesday.",
    "Exports to Brazil rose by 30 percent between 2015 and 2020.",
]

NOT_FACTUAL = [
    "I think this is a wonderful day for all of us.",
    "What happens next?",
    "Is this the end of the road for the coalition?",
    "Thank you very much.",
    "Well, let me just say this.",
    "I believe we can do better.",
    "Click here to subscribe to our newsletter.",
    "Share this article.",
    "We will never give up.",
]


# --- scores --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [*FACTUAL, *NOT_FACTUAL, "", "   ", "?", "1" * 5000])
def test_score_is_a_probability_and_flag_agrees_with_threshold(text):
    result = score_sentence(text)
    assert isinstance(result, CheckWorthiness)
    assert 0.0 <= result.score <= 1.0
    assert result.check_worthy == (result.score >= threshold())


def test_a_whole_article_passed_as_one_sentence_does_not_overflow():
    result = score_sentence(" ".join(FACTUAL * 200))
    assert 0.0 <= result.score <= 1.0


@pytest.mark.parametrize("text", FACTUAL)
def test_sentences_with_quantities_and_attributions_are_check_worthy(text):
    assert score_sentence(text).check_worthy


@pytest.mark.parametrize("text", NOT_FACTUAL)
def test_opinion_filler_and_questions_are_not_check_worthy(text):
    assert not score_sentence(text).check_worthy


def test_adding_a_quantity_and_a_date_raises_the_score():
    plain = score_sentence("The council approved the plan.")
    specific = score_sentence("The council approved the £3m plan on 4 June 2024.")
    assert specific.score > plain.score


def test_turning_a_statement_into_a_question_lowers_the_score():
    statement = score_sentence("The bridge cost 40 million dollars.")
    question = score_sentence("Did the bridge cost 40 million dollars?")
    assert question.score < statement.score


def test_threshold_is_a_probability_strictly_inside_zero_one():
    assert 0.0 < threshold() < 1.0


# --- signals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Turnout was 61.4 in the north.", "number"),
        ("Seven ministers resigned.", "number"),
        ("Prices rose 3% in a year.", "percent"),
        ("Prices rose three per cent.", "percent"),
        ("The ticket costs £40.", "money"),
        ("The deficit widened again.", "money"),
        ("Rain is expected, according to forecasters.", "attribution"),
        ("The mayor told reporters the road would reopen.", "attribution"),
        ("“We are ready,” the coach said.", "attribution"),
        ("The vote took place on 3 May.", "date"),
        ("The vote took place on Thursday.", "date"),
        ("The bridge opened in 1932.", "date"),
        ("Sales were weak last year.", "date"),
        ("The mill closed three years ago.", "date"),
        ("Output is higher than before.", "comparison"),
        ("It is the largest port in the region.", "comparison"),
        ("Membership doubled.", "comparison"),
        ("The treaty entered into force.", "legal_policy"),
        ("Parliament passed the bill.", "legal_policy"),
        ("Smoking in bars is illegal there.", "legal_policy"),
        ("Residents met Maria Lopez of the Harbour Trust.", "named_actor"),
        ("Residents met officials from the Ministry.", "named_actor"),
        ("The plan was backed by Lopez.", "proper_noun"),
        ("I believe the plan is sound.", "opinion"),
        ("Frankly, nobody cares.", "opinion"),
        ("We will fix the roads.", "promise"),
        ("Where were you?", "question"),
    ],
)
def test_signal_fires_on_its_cue(text, name):
    assert name in signals(text)
    assert name in score_sentence(text).signals


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("No one came to the meeting.", "number"),
        ("Officials may review the decision.", "date"),
        ("They will march through the town.", "date"),
        ("Bill Clinton spoke first.", "legal_policy"),
        ("The weather was pleasant.", "named_actor"),
        ("The Mayor spoke.", "named_actor"),
        ("May I ask something?", "named_actor"),
        ("The road is quiet.", "proper_noun"),
        ("The road is quiet.", "question"),
        ("The bridge cost a lot.", "attribution"),
    ],
)
def test_signal_stays_quiet_without_its_cue(text, name):
    assert name not in signals(text)


def test_signals_are_reported_in_declared_order():
    fired = signals("The court said 3% of the £2m budget was spent in 2020, more than planned.")
    assert list(fired) == [n for n in SIGNAL_NAMES if n in fired]
    assert {"number", "percent", "money", "attribution", "date", "comparison"} <= set(fired)


# --- tokenizer -----------------------------------------------------------------------------


def test_tokenizer_lowercases_and_keeps_contractions_with_either_apostrophe():
    assert tokenize("Don’t STOP, we've said.") == ["don't", "stop", "we've", "said"]


def test_tokenizer_collapses_numbers_and_years_to_placeholders():
    assert tokenize("$1,200.50 in 1990s and 2024, 13bn, 7") == [
        "$",
        "<num>",
        "in",
        "<year>",
        "and",
        "<year>",
        "<num>",
        "<num>",
    ]


def test_tokenizer_splits_hyphens_keeps_accents_and_symbols():
    assert tokenize("Šakalienė's high-speed 40% link?") == [
        "šakalienė's",
        "high",
        "speed",
        "<num>",
        "%",
        "link",
        "?",
    ]


def test_tokenizer_on_empty_and_punctuation_only_input():
    assert tokenize("") == []
    assert tokenize("... — !!") == []


def test_tokenizer_cannot_produce_placeholders_from_text():
    assert tokenize("<num> <year>") == ["num", "year"]


def test_ngrams_are_unigrams_and_adjacent_bigrams():
    assert ngrams(["a", "b", "a"]) == {"a", "b", "a b", "b a"}


# --- weights file --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def weights():
    return json.loads(cw.WEIGHTS_PATH.read_text(encoding="utf-8"))


def test_weights_file_has_documented_keys(weights):
    assert {
        "format",
        "tokenizer_version",
        "bias",
        "threshold",
        "signal_weights",
        "ngram_weights",
        "metadata",
    } <= set(weights)
    meta = weights["metadata"]
    assert {"trained", "dataset", "split", "test", "baselines"} <= set(meta)
    assert {"precision", "recall", "f1"} <= set(meta["test"])
    assert {"words", "signals"} <= set(meta["baselines"])
    assert weights["tokenizer_version"] == cw.TOKENIZER_VERSION
    assert set(weights["signal_weights"]) == set(SIGNAL_NAMES)
    assert {"slope", "intercept", "fitted_on", "report"} <= set(weights["calibration"])


# --- calibration -----------------------------------------------------------------------------


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def test_the_score_is_the_calibrated_log_odds(weights):
    calibration = weights["calibration"]
    for text in ("Unemployment fell to 3.9% in April.", "What a lovely morning it is!"):
        z = cw.log_odds(text)
        expected = sigmoid(calibration["slope"] * z + calibration["intercept"])
        assert cw.score_sentence(text).score == pytest.approx(expected)


def test_the_threshold_keeps_the_sentences_the_raw_threshold_kept(weights):
    # Calibration is monotone and the threshold is mapped with it: the decision is the raw
    # model's at its raw threshold, whatever the numbers now read as.
    raw = weights["threshold"]
    calibration = weights["calibration"]
    mapped = sigmoid(calibration["slope"] * math.log(raw / (1 - raw)) + calibration["intercept"])
    assert threshold() == pytest.approx(mapped)
    for text in (
        "The port reopened on Tuesday after a 12-day strike, the authority said.",
        "I think we should all stay calm.",
        "About 4,000 dock workers returned after accepting a 6% pay rise.",
        "Thank you very much.",
    ):
        raw_decision = sigmoid(cw.log_odds(text)) >= raw
        assert cw.score_sentence(text).check_worthy == raw_decision


def test_on_news_a_sentence_at_the_threshold_is_more_likely_a_claim_than_not(weights):
    # Debate speech has a quarter check-worthy sentences, news two thirds: the raw cut-off
    # (0.28) reads as about an even chance on news once calibrated.
    assert 0.45 <= threshold() <= 0.65
    report = weights["calibration"]["report"]
    assert report["news_calibrated_out_of_fold"]["ece"] < report["news_raw"]["ece"]


def test_weights_file_is_compact():
    assert cw.WEIGHTS_PATH.stat().st_size < 2_000_000


def test_learned_signal_weights_point_the_expected_way(weights):
    w = weights["signal_weights"]
    assert w["number"] > 0
    assert w["percent"] > 0
    assert w["question"] < 0
    assert w["opinion"] < 0


def test_every_vocabulary_entry_is_something_the_tokenizer_produces(weights):
    placeholders = {cw.NUM_TOKEN, cw.YEAR_TOKEN}
    for gram in weights["ngram_weights"]:
        parts = gram.split(" ")
        assert 1 <= len(parts) <= 2, gram
        for part in parts:
            assert part in placeholders or tokenize(part) == [part], gram


def test_text_made_of_every_negative_ngram_still_scores_without_overflow(weights):
    negative = [g for g, w in weights["ngram_weights"].items() if w < 0 and "<" not in g]
    result = score_sentence(" . ".join(negative))
    assert result.score == pytest.approx(0.0, abs=1e-9)
    assert not result.check_worthy


def test_weights_from_another_tokenizer_version_are_refused(tmp_path, monkeypatch, weights):
    stale = dict(weights, tokenizer_version=cw.TOKENIZER_VERSION + 1)
    path = tmp_path / "checkworthiness.json"
    path.write_text(json.dumps(stale), encoding="utf-8")
    monkeypatch.setattr(cw, "WEIGHTS_PATH", path)
    cw._model.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="tokenizer"):
            score_sentence("Anything.")
    finally:
        monkeypatch.undo()
        cw._model.cache_clear()
