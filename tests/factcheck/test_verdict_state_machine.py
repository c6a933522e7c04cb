"""The verdict state machine: every allowed move, and every refused one."""

import pytest

from factcheck.models import (
    TRANSITIONS,
    InvalidTransition,
    Transition,
    Verdict,
    VerdictState,
)
from tests.factories import UserFactory

ALLOWED = {
    (VerdictState.DRAFT, Transition.SUBMIT): VerdictState.IN_REVIEW,
    (VerdictState.IN_REVIEW, Transition.RETURN): VerdictState.DRAFT,
    (VerdictState.APPROVED, Transition.RETURN): VerdictState.DRAFT,
    (VerdictState.IN_REVIEW, Transition.APPROVE): VerdictState.APPROVED,
    (VerdictState.APPROVED, Transition.PUBLISH): VerdictState.PUBLISHED,
    (VerdictState.PUBLISHED, Transition.CORRECT): VerdictState.CORRECTED,
    (VerdictState.CORRECTED, Transition.CORRECT): VerdictState.CORRECTED,
    (VerdictState.PUBLISHED, Transition.WITHDRAW): VerdictState.WITHDRAWN,
    (VerdictState.CORRECTED, Transition.WITHDRAW): VerdictState.WITHDRAWN,
}


def verdict_in(state: str, author_id: int = 1) -> Verdict:
    return Verdict(state=state, author_id=author_id, rating="false", summary="s", explanation="e")


def test_the_table_of_moves_is_the_documented_workflow():
    table = {
        (source, transition): target
        for transition, (sources, target) in TRANSITIONS.items()
        for source in sources
    }
    assert table == ALLOWED


@pytest.mark.parametrize(("state", "transition"), list(ALLOWED))
def test_allowed_moves_reach_their_target(state, transition):
    verdict = verdict_in(state)
    verdict.move(transition, by=UserFactory.build(pk=99))
    assert verdict.state == ALLOWED[(state, transition)]


@pytest.mark.parametrize(
    ("state", "transition"),
    [
        (state, transition)
        for state in VerdictState.values
        for transition in Transition.values
        if (state, transition) not in ALLOWED
    ],
)
def test_every_other_move_is_refused_and_changes_nothing(state, transition):
    verdict = verdict_in(state)
    with pytest.raises(InvalidTransition):
        verdict.move(transition, by=UserFactory.build(pk=99))
    assert verdict.state == state


def test_an_author_cannot_approve_their_own_verdict():
    verdict = verdict_in(VerdictState.IN_REVIEW, author_id=7)
    with pytest.raises(InvalidTransition, match="own verdict"):
        verdict.move(Transition.APPROVE, by=UserFactory.build(pk=7))
    assert verdict.state == VerdictState.IN_REVIEW


def test_self_approval_can_be_allowed_by_setting(settings):
    settings.FACTDESK_FORBID_SELF_APPROVAL = False
    verdict = verdict_in(VerdictState.IN_REVIEW, author_id=7)
    verdict.move(Transition.APPROVE, by=UserFactory.build(pk=7))
    assert verdict.state == VerdictState.APPROVED


def test_publishing_stamps_the_time_and_approval_names_the_reviewer():
    verdict = verdict_in(VerdictState.IN_REVIEW)
    reviewer = UserFactory.build(pk=42)
    verdict.move(Transition.APPROVE, by=reviewer)
    assert verdict.reviewer == reviewer
    verdict.move(Transition.PUBLISH)
    assert verdict.published_at is not None
    first = verdict.published_at
    verdict.move(Transition.CORRECT)
    assert verdict.published_at == first
    assert verdict.last_corrected_at is not None
