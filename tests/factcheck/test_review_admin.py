"""The review screens as each role uses them: every page, every action, every refusal."""

import pytest
from django.urls import reverse

from factcheck.models import (
    Claim,
    ClaimGroup,
    ClaimLink,
    Correction,
    LinkDecision,
    ReviewStatus,
    Verdict,
    VerdictState,
)
from factcheck.roles import EDITOR, PUBLISHER, REVIEWER
from factcheck.services import analyse_source
from tests.factories import SourceFactory, UserFactory, VerdictFactory

pytestmark = pytest.mark.django_db

TREATY_A = (
    "The Ottawa Convention, which bans landmines, came into force in 1999.\n\n"
    "As of last year, it had over 160 parties, according to the campaign."
)
TREATY_B = (
    "The Ottawa Convention, the treaty that bans landmines, has been signed by 133 nations, "
    "officials said."
)


@pytest.fixture
def contradiction():
    first, second = SourceFactory(body=TREATY_A), SourceFactory(body=TREATY_B)
    analyse_source(source=first)
    analyse_source(source=second)
    claim = first.claims.get(text__contains="over 160")
    link = ClaimLink.objects.get(relation="contradicts")
    return claim, link


def verdict_page(group) -> str:
    return reverse("admin:factcheck_claimgroup_change", args=[group.pk])


def transition_url(group, transition: str) -> str:
    return reverse("admin:factcheck_claimgroup_transition", args=[group.pk, transition])


def group_form_data(group, verdict=None, **verdict_fields) -> dict:
    """The POST of the group page: canonical text, the verdict inline, no evidence."""
    data = {
        "canonical_text": group.canonical_text,
        "verdict-TOTAL_FORMS": "1",
        "verdict-INITIAL_FORMS": "1" if verdict else "0",
        "verdict-MIN_NUM_FORMS": "0",
        "verdict-MAX_NUM_FORMS": "1",
        "verdict-0-group": str(group.pk),
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
    }
    if verdict is not None:
        data["verdict-0-id"] = str(verdict.pk)
        data["verdict-0-opened_version"] = str(verdict.version)
        verdict_fields = {
            "rating": verdict.rating,
            "summary": verdict.summary,
            "explanation": verdict.explanation,
        } | verdict_fields
    data.update({f"verdict-0-{name}": value for name, value in verdict_fields.items()})
    return data


def test_the_queue_puts_contradicted_claims_first(client_for, contradiction):
    SourceFactory(body="Unemployment fell to 4.1% in March, official figures show.")
    for source in SourceFactory._meta.model.objects.filter(claims__isnull=True):
        analyse_source(source=source)
    page = client_for(EDITOR).get(reverse("admin:factcheck_claim_changelist"))
    assert page.status_code == 200
    results = list(page.context["cl"].result_list)
    flags = [item.has_contradiction for item in results]
    assert flags == sorted(flags, reverse=True)
    assert flags[0] is True


@pytest.mark.parametrize(
    "query",
    [
        {"status__exact": "needs_review"},
        {"has_contradiction__exact": "1"},
        {"checked": "yes"},
        {"checked": "no"},
        {"claim_type__exact": "quantity"},
        {"score": "high"},
        {"score": "medium"},
        {"score": "low"},
        {"assigned": "me"},
        {"assigned": "nobody"},
        {"q": "Ottawa"},
    ],
)
def test_every_queue_filter_opens(client_for, contradiction, query):
    page = client_for(EDITOR).get(reverse("admin:factcheck_claim_changelist"), query)
    assert page.status_code == 200


def test_the_claim_page_shows_the_contradiction_side_by_side(client_for, contradiction):
    claim, link = contradiction
    page = client_for(EDITOR).get(reverse("admin:factcheck_claim_change", args=[claim.pk]))
    html = page.content.decode()
    assert "factdesk-side-by-side" in html
    assert link.reason in html
    assert reverse("admin:factcheck_claim_decide_link", args=[claim.pk, link.pk, "confirmed"]) in (
        html
    )


def test_an_editor_confirms_and_rejects_links(client_for, contradiction):
    claim, link = contradiction
    editor = client_for(EDITOR)
    url = reverse("admin:factcheck_claim_decide_link", args=[claim.pk, link.pk, "rejected"])
    assert editor.get(url).status_code == 405
    response = editor.post(url)
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.decision == LinkDecision.REJECTED
    assert link.decided_by == editor.user
    claim.refresh_from_db()
    assert claim.has_contradiction is False


def test_a_publisher_cannot_decide_on_links(client_for, contradiction):
    claim, link = contradiction
    url = reverse("admin:factcheck_claim_decide_link", args=[claim.pk, link.pk, "confirmed"])
    assert client_for(PUBLISHER).post(url).status_code == 403
    link.refresh_from_db()
    assert link.decision == LinkDecision.PENDING


def test_an_editor_moves_a_claim_to_a_new_group_and_to_an_existing_one(client_for, contradiction):
    claim, _ = contradiction
    editor = client_for(EDITOR)
    url = reverse("admin:factcheck_claim_move", args=[claim.pk])
    editor.post(url, {"group": "new"})
    claim.refresh_from_db()
    assert claim.group_locked
    first_group = claim.group
    other = ClaimGroup.objects.create(canonical_text="Another group")
    editor.post(url, {"group": str(other.pk)})
    claim.refresh_from_db()
    assert claim.group == other
    assert first_group.canonical_text == claim.text
    response = editor.post(url, {"group": "999999"}, follow=True)
    assert "No group with id" in response.content.decode()


def test_a_publisher_cannot_move_claims(client_for, contradiction):
    claim, _ = contradiction
    url = reverse("admin:factcheck_claim_move", args=[claim.pk])
    assert client_for(PUBLISHER).post(url, {"group": "new"}).status_code == 403


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("mark_not_check_worthy", ReviewStatus.NOT_CHECK_WORTHY),
        ("send_to_review", ReviewStatus.IN_REVIEW),
        ("assign_to_me", ReviewStatus.IN_REVIEW),
    ],
)
def test_bulk_actions_in_the_queue(client_for, contradiction, action, status):
    editor = client_for(EDITOR)
    ids = list(Claim.objects.values_list("pk", flat=True))
    response = editor.post(
        reverse("admin:factcheck_claim_changelist"),
        {"action": action, "_selected_action": [str(pk) for pk in ids]},
    )
    assert response.status_code == 302
    assert set(Claim.objects.values_list("status", flat=True)) == {status}
    if action == "assign_to_me":
        assert set(Claim.objects.values_list("assigned_to", flat=True)) == {editor.user.pk}


def test_bulk_actions_are_not_offered_to_a_publisher(client_for, contradiction):
    publisher = client_for(PUBLISHER)
    changelist = reverse("admin:factcheck_claim_changelist")
    assert 'value="mark_not_check_worthy"' not in publisher.get(changelist).content.decode()
    publisher.post(
        changelist,
        {"action": "mark_not_check_worthy", "_selected_action": [str(contradiction[0].pk)]},
    )
    assert Claim.objects.get(pk=contradiction[0].pk).status == ReviewStatus.NEEDS_REVIEW


def test_an_editor_drafts_a_verdict_with_evidence_on_the_group_page(client_for):
    group = ClaimGroup.objects.create(canonical_text="The treaty has 133 parties.")
    editor = client_for(EDITOR)
    data = group_form_data(
        group, rating="false", summary="It has 164.", explanation="The depositary lists 164."
    )
    data.update(
        {
            "evidence-TOTAL_FORMS": "1",
            "evidence-0-group": str(group.pk),
            "evidence-0-position": "0",
            "evidence-0-title": "Depositary status list",
            "evidence-0-url": "https://treaties.example/status",
            "evidence-0-publisher": "UN",
            "evidence-0-note": "164 states parties",
        }
    )
    response = editor.post(verdict_page(group), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    verdict = Verdict.objects.get(group=group)
    assert (verdict.state, verdict.author, verdict.rating) == (
        VerdictState.DRAFT,
        editor.user,
        "false",
    )
    assert group.evidence.get().title == "Depositary status list"


def test_saving_only_the_wording_does_not_create_an_empty_verdict(client_for):
    group = ClaimGroup.objects.create(canonical_text="Old wording.")
    data = group_form_data(group, rating="", summary="", explanation="")
    data["canonical_text"] = "New wording."
    response = client_for(EDITOR).post(verdict_page(group), data)
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.canonical_text == "New wording."
    assert not Verdict.objects.filter(group=group).exists()


def test_the_full_workflow_through_the_admin(client_for):
    editor, reviewer, publisher = client_for(EDITOR), client_for(REVIEWER), client_for(PUBLISHER)
    verdict = VerdictFactory(author=editor.user)
    group = verdict.group

    page = editor.get(verdict_page(group)).content.decode()
    assert transition_url(group, "submit") in page
    assert transition_url(group, "approve") not in page
    assert editor.get(transition_url(group, "submit")).status_code == 200
    editor.post(transition_url(group, "submit"))
    verdict.refresh_from_db()
    assert verdict.state == VerdictState.IN_REVIEW

    assert editor.post(transition_url(group, "approve")).status_code == 403
    assert transition_url(group, "approve") in reviewer.get(verdict_page(group)).content.decode()
    reviewer.post(transition_url(group, "approve"), {"version": verdict.version})
    verdict.refresh_from_db()
    assert (verdict.state, verdict.reviewer) == (VerdictState.APPROVED, reviewer.user)

    assert reviewer.post(transition_url(group, "publish")).status_code == 403
    publisher.post(transition_url(group, "publish"))
    verdict.refresh_from_db()
    assert verdict.state == VerdictState.PUBLISHED
    assert verdict.slug

    correct = transition_url(group, "correct")
    assert editor.get(correct).status_code == 403
    response = publisher.post(
        correct,
        {
            "rating": "mostly_false",
            "summary": "New summary.",
            "explanation": "New explanation.",
            "note": "The count was updated.",
        },
    )
    assert response.status_code == 302
    verdict.refresh_from_db()
    assert (verdict.state, verdict.rating) == (VerdictState.CORRECTED, "mostly_false")
    correction = Correction.objects.get(verdict=verdict)
    assert correction.previous_summary == "The treaty has 164 states parties, not 133."
    assert "The count was updated." in publisher.get(verdict_page(group)).content.decode()

    withdraw = transition_url(group, "withdraw")
    publisher.post(withdraw, {"note": ""})
    verdict.refresh_from_db()
    assert verdict.state == VerdictState.CORRECTED  # a withdrawal needs a reason
    publisher.post(withdraw, {"note": "Published by mistake."})
    verdict.refresh_from_db()
    assert verdict.state == VerdictState.WITHDRAWN


def test_a_reviewer_cannot_approve_their_own_verdict(client_for):
    reviewer = client_for(REVIEWER)
    verdict = VerdictFactory(author=reviewer.user, state=VerdictState.IN_REVIEW)
    assert transition_url(verdict.group, "approve") not in (
        reviewer.get(verdict_page(verdict.group)).content.decode()
    )
    response = reviewer.post(transition_url(verdict.group, "approve"), follow=True)
    assert "cannot approve their own verdict" in response.content.decode()
    verdict.refresh_from_db()
    assert verdict.state == VerdictState.IN_REVIEW


def test_published_verdicts_are_read_only_on_the_group_page(client_for):
    publisher = client_for(PUBLISHER)
    verdict = VerdictFactory(
        state=VerdictState.PUBLISHED, reviewer=UserFactory(), published_at="2025-03-19T10:00Z"
    )
    editor = client_for(EDITOR)
    page = editor.get(verdict_page(verdict.group)).content.decode()
    assert 'name="verdict-0-summary"' not in page
    data = group_form_data(verdict.group, verdict, summary="Sneaky edit.")
    editor.post(verdict_page(verdict.group), data)
    verdict.refresh_from_db()
    assert verdict.summary != "Sneaky edit."
    assert publisher.get(verdict_page(verdict.group)).status_code == 200


def test_users_without_a_role_see_nothing(client):
    user = UserFactory(is_staff=True)
    client.force_login(user)
    for name in ("claim", "claimgroup", "claimlink", "verdict"):
        assert client.get(reverse(f"admin:factcheck_{name}_changelist")).status_code == 403
