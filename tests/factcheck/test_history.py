"""Every editorial change is recorded with who, when and what, and shown on the page."""

import pytest
from django.urls import reverse

from factcheck.models import ReviewStatus, Transition
from factcheck.roles import EDITOR, REVIEWER
from factcheck.services import (
    decide_link,
    move_claim,
    set_claims_status,
    transition_verdict,
)
from tests.factories import ClaimFactory, ClaimLinkFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def latest(obj):
    return obj.history.order_by("-history_id").first()


def test_a_status_change_is_recorded_with_its_author(make_role_user):
    editor = make_role_user(EDITOR)
    claim = ClaimFactory()
    set_claims_status(claims=[claim], user=editor, status=ReviewStatus.NOT_CHECK_WORTHY)
    record = latest(claim)
    assert record.status == ReviewStatus.NOT_CHECK_WORTHY
    assert record.history_user == editor


def test_a_link_decision_and_a_group_move_are_recorded(make_role_user):
    editor = make_role_user(EDITOR)
    link = ClaimLinkFactory()
    decide_link(link=link, user=editor, decision="rejected")
    assert latest(link).decision == "rejected"
    assert latest(link).history_user == editor
    group = move_claim(claim=link.left, user=editor, group=None)
    assert latest(link.left).group_id == group.pk


def test_verdict_transitions_are_recorded_with_their_reason(make_role_user):
    editor = make_role_user(EDITOR)
    verdict = VerdictFactory(author=editor)
    transition_verdict(verdict=verdict, user=editor, transition=Transition.SUBMIT, note="Ready")
    record = latest(verdict)
    assert (record.state, record.history_change_reason, record.history_user) == (
        "in_review",
        "Ready",
        editor,
    )


def test_history_is_shown_on_the_object_pages(client_for):
    reviewer = client_for(REVIEWER)
    editor = client_for(EDITOR)
    verdict = VerdictFactory(author=editor.user)
    transition_verdict(
        verdict=verdict, user=editor.user, transition=Transition.SUBMIT, note="Please check"
    )
    page = reviewer.get(reverse("admin:factcheck_claimgroup_change", args=[verdict.group.pk]))
    html = page.content.decode()
    assert "factdesk-history" in html
    assert "state: draft → in_review (Please check)" in html
    claim = ClaimFactory()
    set_claims_status(claims=[claim], user=editor.user, status=ReviewStatus.IN_REVIEW)
    html = reviewer.get(reverse("admin:factcheck_claim_change", args=[claim.pk])).content.decode()
    assert "status: needs_review → in_review" in html
