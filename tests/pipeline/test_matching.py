import pytest

from factcheck.pipeline.matching import (
    MATCH_THRESHOLD,
    RERANK_FEATURES,
    Match,
    MatchIndex,
    normalise,
    stem,
    terms,
)

CLAIMS = {
    "bleach": (
        "Drinking diluted bleach cures the flu.",
        {"title": "Does Bleach Cure Influenza?", "subtitle": "A viral post recommends bleach."},
    ),
    "moon": (
        "Astronauts found a city of ruins on the far side of the moon.",
        {"title": "Moon Ruins Photographed", "subtitle": "An old rumour about a lunar city."},
    ),
    "mayor-bridge": (
        "The mayor of Springfield sold the old river bridge to a private company for $1.",
        {"title": "Was a Bridge Sold for One Dollar?", "subtitle": ""},
    ),
    "mayor-statue": (
        "The mayor of Springfield ordered the removal of a statue from the town square.",
        {"title": "Statue Removed by Mayor", "subtitle": ""},
    ),
    "sharks": (
        "Sharks were seen swimming on a flooded highway after the hurricane.",
        {"title": "Sharks on the Highway", "subtitle": "A photograph shared after every storm."},
    ),
    "vaccine-chip": (
        "Vaccines contain microchips that track the people who receive them.",
        {"title": "Vaccine Microchip Rumour", "subtitle": ""},
    ),
    "coins": (
        "A new law bans paying with coins at grocery stores from next year.",
        {"title": "Coin Ban at Grocery Stores", "subtitle": ""},
    ),
    "penguin": (
        "A penguin walked into a police station in Cape Town to report a stolen fish.",
        {"title": "Penguin Reports Crime", "subtitle": ""},
    ),
}


@pytest.fixture
def index() -> MatchIndex:
    idx = MatchIndex()
    for doc_id, (text, fields) in CLAIMS.items():
        idx.add(doc_id, text, fields=fields)
    return idx


# --- normalise ----------------------------------------------------------------------------


def test_normalise_drops_urls_retweet_marker_and_emoji():
    text = "RT @newsbot: Sharks on the highway!! 🦈🌊 https://t.co/AbC123 pic.twitter.com/xyz"
    assert normalise(text) == "Sharks on the highway!!"


def test_normalise_unescapes_html_entities():
    assert normalise("Salt &amp; vinegar &quot;cure&quot;") == 'Salt & vinegar "cure"'


def test_normalise_splits_camel_case_hashtags():
    assert normalise("Stay safe #HurricaneSeason2024 #COVIDVaccine #flu") == (
        "Stay safe Hurricane Season 2024 COVID Vaccine flu"
    )


def test_normalise_splits_body_mentions_but_drops_signature_handle():
    text = "@JaneDoeMP says the bridge was sold — Town Watch (@TownWatch99) May 3, 2021"
    assert normalise(text) == "Jane Doe MP says the bridge was sold — Town Watch May 3, 2021"


def test_normalise_leaves_mixed_case_names_alone():
    assert normalise("McDonald and YouTube and iPhone") == "McDonald and YouTube and iPhone"


def test_normalise_splits_words_glued_by_a_removed_link():
    assert normalise("flooded roads in FloridaToday") == "flooded roads in Florida Today"


# --- terms --------------------------------------------------------------------------------


def test_terms_lower_cases_and_drops_stop_words():
    assert terms("The Mayor of the town") == ["mayor", "town"]


def test_terms_keep_negations_because_they_change_the_claim():
    assert "not" in terms("The senator is not dead")


def test_inflected_forms_share_a_stem():
    assert stem("vaccines") == stem("vaccinated") == stem("vaccine") == stem("vaccinating")
    assert stem("stories") == stem("story")
    assert stem("stopped") == stem("stop")


def test_short_words_and_numbers_are_not_stemmed():
    assert stem("bus") == "bus"
    assert terms("1,000 sharks") == ["1000", stem("sharks")]


def test_possessive_is_removed_before_stemming():
    assert terms("Obama's speech") == ["obama", stem("speech")]


# --- search -------------------------------------------------------------------------------


def test_paraphrase_is_ranked_above_a_distractor_with_shared_words(index):
    results = index.search("Springfield's mayor sold the bridge over the river for one dollar")
    assert [m.doc_id for m in results[:2]] == ["mayor-bridge", "mayor-statue"]


def test_tweet_with_hashtags_finds_the_claim(index):
    tweet = "OMG #SharksOnTheHighway after the hurricane 😱 https://t.co/x — Joe (@joe) Sep 1, 2019"
    assert index.search(tweet)[0].doc_id == "sharks"


def test_scores_are_in_unit_range_sorted_and_limited(index):
    results = index.search("sharks, a penguin and the mayor of Springfield", limit=3)
    assert len(results) == 3
    assert all(isinstance(m, Match) and 0.0 <= m.score <= 1.0 for m in results)
    assert [m.score for m in results] == sorted((m.score for m in results), reverse=True)


def test_restated_claim_scores_above_threshold(index):
    top = index.search("Vaccines contain microchips to track people who receive them")[0]
    assert top.doc_id == "vaccine-chip"
    assert top.score >= MATCH_THRESHOLD


def test_unrelated_news_sentence_scores_below_threshold(index):
    sentence = "The central bank raised interest rates by a quarter point on Thursday."
    assert all(m.score < MATCH_THRESHOLD for m in index.search(sentence))


def test_weak_one_word_overlap_scores_below_threshold(index):
    results = index.search("The mayor opened a new library in the suburbs this week.")
    assert results  # "mayor" matches something...
    assert all(m.score < MATCH_THRESHOLD for m in results)  # ...but not the same claim


def test_removed_claim_is_no_longer_found(index):
    index.remove("penguin")
    assert len(index) == len(CLAIMS) - 1
    results = index.search("penguin walked into a police station to report a stolen fish")
    assert "penguin" not in [m.doc_id for m in results]


def test_removing_an_unknown_id_is_a_no_op(index):
    index.remove("no-such-claim")
    assert len(index) == len(CLAIMS)


def test_re_adding_an_id_replaces_its_text(index):
    index.add("moon", "Penguins can fly over the ocean for hours.")
    assert len(index) == len(CLAIMS)
    assert "moon" not in [m.doc_id for m in index.search("ruins on the far side of the moon")]
    assert index.search("penguins fly over the ocean")[0].doc_id == "moon"


def test_empty_index_returns_no_matches():
    idx = MatchIndex()
    assert len(idx) == 0
    assert idx.search("anything at all") == []


def test_query_without_content_words_returns_no_matches(index):
    assert index.search("it is what it is 🙂 https://t.co/x") == []


def test_first_stage_only_scores_are_query_coverage_in_unit_range(index):
    index.rerank = False
    top = index.search("Drinking diluted bleach cures the flu")[0]
    assert top.doc_id == "bleach"
    assert top.score == pytest.approx(1.0)


def with_vectors(index: MatchIndex, favoured: str):
    """Every claim re-added with a unit vector; the favoured one's equals the query's."""
    import numpy as np

    query = np.zeros(len(CLAIMS), dtype=np.float32)
    query[list(CLAIMS).index(favoured)] = 1.0
    for position, (doc_id, (text, fields)) in enumerate(CLAIMS.items()):
        vector = np.zeros(len(CLAIMS), dtype=np.float32)
        vector[position] = 1.0
        index.add(doc_id, text, fields=fields, vector=vector)
    return query


def test_sentence_embeddings_are_a_re_ranking_feature_when_every_candidate_has_one(index):
    query = with_vectors(index, favoured="mayor-bridge")
    cands = index.candidates("mayor of Springfield", query)
    assert all(len(f) == len(RERANK_FEATURES) + 1 for _, f in cands)
    assert {d: f[-1] for d, f in cands}["mayor-bridge"] == 1.0
    assert index.search("mayor of Springfield")[0].doc_id == "mayor-statue"
    assert index.search("mayor of Springfield", query_vector=query)[0].doc_id == "mayor-bridge"


def test_without_an_embedding_for_every_candidate_the_plain_features_are_used(index):
    query = with_vectors(index, favoured="mayor-statue")
    text, fields = CLAIMS["mayor-statue"]
    index.add("mayor-statue", text, fields=fields)  # no vector now
    assert all(len(f) == len(RERANK_FEATURES) for _, f in index.candidates("mayor", query))


def test_feature_vector_matches_feature_names(index):
    cands = index.candidates("mayor sold the bridge")
    assert cands
    assert all(len(f) == len(RERANK_FEATURES) for _, f in cands)
