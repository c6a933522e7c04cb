"""Claim types after Full Fact's typology, with the cue that decided each."""

import pytest

from factcheck.pipeline.claim_types import (
    CAUSATION,
    LAW,
    OTHER,
    PERSONAL,
    PREDICTION,
    QUANTITY,
    classify,
)


@pytest.mark.parametrize(
    ("sentence", "has_quantity", "expected"),
    [
        ("Unemployment fell to 4.1% in March.", True, QUANTITY),
        ("The company doubled its profits last year.", False, QUANTITY),
        ("Inflation will reach 5% by next spring, the bank forecast.", True, PREDICTION),
        ("The reservoir could run dry within a decade.", False, PREDICTION),
        ("The outbreak was caused by contaminated water.", False, CAUSATION),
        ("Prices rose 8% because of the drought.", True, CAUSATION),
        ("The treaty prohibits the use of anti-personnel mines.", False, LAW),
        ("Under the new law, landlords must register every tenancy.", False, LAW),
        ("I waited eleven hours in the emergency department.", False, PERSONAL),
        ("The minister visited the flooded village on foot.", False, OTHER),
    ],
)
def test_each_type_is_recognised_by_its_cues(sentence, has_quantity, expected):
    assert classify(sentence, has_quantity=has_quantity).primary == expected


def test_a_forecast_with_a_number_is_a_prediction_first_and_a_quantity_too():
    typing = classify("Exports will grow by 3% next year.", has_quantity=True)
    assert typing.primary == PREDICTION
    assert typing.types == (PREDICTION, QUANTITY)
    assert typing.cues[0] == "will"


def test_an_announced_plan_is_not_a_prediction():
    typing = classify("The council announced plans to close two libraries.", has_quantity=False)
    assert PREDICTION not in typing.types


def test_may_the_month_and_could_not_be_reached_are_not_forecasts():
    assert classify("In May, the port handled more cargo.", has_quantity=False).primary != (
        PREDICTION
    )
    assert classify("The mayor could not be reached for comment.", has_quantity=False).primary == (
        OTHER
    )


def test_due_to_open_is_a_schedule_not_a_cause():
    typing = classify("The bridge is due to open in June.", has_quantity=False)
    assert typing.primary == PREDICTION
    assert CAUSATION not in typing.types
