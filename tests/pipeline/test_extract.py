"""The whole extraction pipeline over article bodies written for these tests."""

import datetime
import json

from factcheck.pipeline.extract import extract_claims

PUBLISHED = datetime.date(2025, 3, 19)  # a Wednesday

BODY = (
    "The harbour authority said on Tuesday that over 160 ships had been stuck outside the "
    "port since the strike began.\n\n"
    "They added that about 4,000 dock workers had returned after accepting a 6% pay rise.\n\n"
    "“We lost a fortune in those twelve days. Every hour cost us money,” Anna Berg, the "
    "chamber of commerce's president, told the Harbour Gazette.\n\n"
    "What happens next?\n\n"
    "Dock workers unload containers at the port on Monday. REUTERS/Jane Doe\n\n"
    "It was a lovely, sunny afternoon."
)


def by_text(claims, fragment):
    matches = [claim for claim in claims if fragment in claim.text]
    assert len(matches) == 1, [claim.text for claim in claims]
    return matches[0]


def test_claim_offsets_point_exactly_into_the_body():
    claims = extract_claims(BODY, published=PUBLISHED)
    assert claims
    for claim in claims:
        assert BODY[claim.start : claim.end] == claim.text
        assert 0 <= claim.score <= 1


def test_captions_questions_and_filler_are_not_claims():
    texts = [claim.text for claim in extract_claims(BODY, published=PUBLISHED)]
    assert not any("REUTERS" in text for text in texts)
    assert not any(text.endswith("?") for text in texts)
    assert "It was a lovely, sunny afternoon." not in texts


def test_quantities_dates_and_attribution_are_parsed():
    claim = by_text(extract_claims(BODY, published=PUBLISHED), "over 160 ships")
    assert claim.claim_type == "quantity"
    quantity = claim.facts.quantities[0]
    assert (quantity.qualifier, quantity.low, quantity.counted) == ("over", 160, "ship")
    tuesday = next(date for date in claim.facts.dates if date.text == "Tuesday")
    assert tuesday.earliest == datetime.date(2025, 3, 18)
    assert claim.is_attributed
    assert claim.speaker == "The harbour authority"


def test_a_pronoun_subject_carries_the_sentence_it_depends_on():
    claim = by_text(extract_claims(BODY, published=PUBLISHED), "about 4,000 dock workers")
    assert claim.context is not None
    assert claim.context.text.startswith("The harbour authority said")


def test_every_sentence_of_a_multi_sentence_quote_is_attributed_to_its_speaker():
    claims = extract_claims(BODY, published=PUBLISHED)
    inside = [claim for claim in claims if "twelve days" in claim.text]
    assert inside, "the opening sentence of the quote should be a claim"
    assert inside[0].speaker == "Anna Berg"
    assert inside[0].facts.attribution_from == "quote_close"


def test_facts_serialise_to_the_documented_json_shape():
    claim = by_text(extract_claims(BODY, published=PUBLISHED), "over 160 ships")
    facts = json.loads(json.dumps(claim.facts.to_json()))
    assert set(facts) == {
        "schema",
        "quantities",
        "dates",
        "actors",
        "attribution",
        "signals",
        "types",
        "type_cues",
    }
    assert facts["dates"][0]["earliest"] == "2025-03-18"
    assert facts["attribution"]["speaker"] == "The harbour authority"
    quantity = facts["quantities"][0]
    assert claim.text[quantity["start"] : quantity["end"]] == quantity["text"]


def test_without_a_publication_date_relative_dates_stay_unresolved():
    claim = by_text(extract_claims(BODY), "over 160 ships")
    tuesday = next(date for date in claim.facts.dates if date.text == "Tuesday")
    assert tuesday.relative
    assert tuesday.earliest is None


def test_an_empty_or_claimless_body_gives_no_claims():
    assert extract_claims("") == []
    assert extract_claims("Hello there.\n\nWhat now?") == []


def test_the_threshold_can_be_raised_to_keep_only_the_strongest():
    everything = extract_claims(BODY, published=PUBLISHED, threshold=0.0)
    strongest = extract_claims(BODY, published=PUBLISHED, threshold=0.9)
    assert len(strongest) < len(everything)
    assert all(claim.score >= 0.9 or "who_said_what" in claim.facts.signals for claim in strongest)


def test_words_pinned_on_a_named_office_holder_are_kept_whatever_their_score():
    body = (
        "“It is a sad and shameful day for all of us,” Maria Lopez, Chile's interior "
        "minister, told reporters."
    )
    claims = extract_claims(body, threshold=0.99)
    assert [claim.speaker for claim in claims] == ["Maria Lopez"]
    assert "who_said_what" in claims[0].facts.signals


def test_table_rows_are_not_claims_even_with_figures():
    body = (
        "| Estonia | 2004 | 1,200 mines cleared in the year |\n\n"
        "Estonia cleared 1,200 mines in 2004, the defence ministry said."
    )
    texts = [claim.text for claim in extract_claims(body)]
    assert texts == ["Estonia cleared 1,200 mines in 2004, the defence ministry said."]


def test_labels_and_cut_off_sentences_are_not_claims():
    body = (
        "Flights cancelled by the strike:\n\n"
        "Madrid – Brussels (18 flights)\n\n"
        "Animal-welfare groups split over a ballot measure that would give 1,200 hens and calves"
    )
    assert extract_claims(body) == []


def test_a_list_item_completing_a_lead_in_is_still_a_claim():
    body = (
        "The study of 4,000 bees found:\n\n"
        "- exposed bees made 38% more errors in a memory test\n"
        "- foraging trips were on average 12 minutes longer"
    )
    texts = [claim.text for claim in extract_claims(body)]
    assert "exposed bees made 38% more errors in a memory test" in texts
