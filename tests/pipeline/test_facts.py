"""Stored facts: written with their schema version, read back typed, refused when unknown."""

import datetime
import json

import pytest

from factcheck.pipeline.extract import extract_claims
from factcheck.pipeline.facts import SCHEMA, Facts, FactsError

BODY = (
    "The harbour authority said on Tuesday that more than 160 ships had been stuck outside "
    "the port of Klaipeda since the strike began.\n\n"
    '"We have never seen anything like it," said Anna Berg, the port\'s director.'
)


def stored(facts: Facts) -> dict:
    return json.loads(json.dumps(facts.to_json()))


def extracted() -> list[Facts]:
    return [claim.facts for claim in extract_claims(BODY, published=datetime.date(2025, 3, 19))]


def test_facts_read_back_from_json_are_what_was_stored():
    for facts in extracted():
        again = Facts.from_json(stored(facts))
        assert stored(again) == stored(facts)


def test_stored_facts_are_typed_values_with_real_dates_and_open_bounds():
    facts = Facts.from_json(stored(extracted()[0]))
    quantity = facts.quantities[0]
    assert (quantity.value, quantity.low, quantity.high) == (160.0, 160.0, None)
    assert quantity.qualifier == "over"
    tuesday = next(date for date in facts.dates if date.text == "Tuesday")
    assert tuesday.earliest == datetime.date(2025, 3, 18)
    assert facts.attribution.speaker == "The harbour authority"
    assert facts.attribution_from == "same"


def test_facts_carry_their_schema_version():
    assert stored(extracted()[0])["schema"] == SCHEMA


def test_facts_stored_before_the_schema_was_versioned_read_as_version_one():
    legacy = stored(extracted()[0])
    del legacy["schema"]
    assert Facts.from_json(legacy) == Facts.from_json(stored(extracted()[0]))


def test_no_facts_read_as_empty_facts():
    assert Facts.from_json(None) == Facts.from_json({}) == Facts()


def test_an_unknown_schema_is_refused_with_the_versions_this_one_reads():
    data = stored(extracted()[0]) | {"schema": 99}
    with pytest.raises(FactsError, match="facts schema 99 is not known: this version reads"):
        Facts.from_json(data)


def test_a_malformed_fact_is_refused_naming_what_is_missing():
    data = stored(extracted()[0])
    del data["quantities"][0]["start"]
    with pytest.raises(FactsError, match="'start'"):
        Facts.from_json(data)
    with pytest.raises(FactsError, match="JSON object"):
        Facts.from_json(["not", "facts"])
