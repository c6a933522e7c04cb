"""What the review workflow refuses: approving one's own text, approving unread text, adding
unreviewed claims to a published fact-check, and the races two editors run into."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import escape

from factcheck import services
from factcheck.models import Claim, ReviewStatus, Transition, Verdict, VerdictState
from factcheck.roles import EDITOR, PUBLISHER, REVIEWER
from tests.factcheck.test_review_admin import (
    group_form_data,
    transition_url,
    verdict_page,
)
from tests.factories import (
    ClaimFactory,
    ClaimGroupFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def in_review(author) -> Verdict:
    return VerdictFactory(author=author, state=VerdictState.IN_REVIEW)


def published_group():
    verdict = VerdictFactory(
        state=VerdictState.PUBLISHED, reviewer=UserFactory(), published_at="2025-03-19T10:00Z"
    )
    ClaimFactory(group=verdict.group, status=ReviewStatus.IN_REVIEW)
    return verdict.group


def test_a_reviewer_who_rewrote_a_verdict_in_review_cannot_approve_it(client_for):
    editor, reviewer = client_for(EDITOR, "anna"), client_for(REVIEWER, "rita")
    verdict = in_review(editor.user)
    rewritten = group_form_data(verdict.group, verdict, summary="Rita's own wording.")
    assert reviewer.post(verdict_page(verdict.group), rewritten).status_code == 302
    verdict.refresh_from_db()

    assert transition_url(verdict.group, "approve") not in (
        reviewer.get(verdict_page(verdict.group)).content.decode()
    )
    response = reviewer.post(
        transition_url(verdict.group, "approve"), {"version": verdict.version}, follow=True
    )
    assert "cannot approve text they wrote" in response.content.decode()
    verdict.refresh_from_db()
    assert verdict.state == VerdictState.IN_REVIEW

    other = client_for(REVIEWER, "olga")
    other.post(transition_url(verdict.group, "approve"), {"version": verdict.version})
    verdict.refresh_from_db()
    assert (verdict.state, verdict.reviewer) == (VerdictState.APPROVED, other.user)


def test_the_approve_page_shows_the_text_and_carries_the_version_read(client_for):
    reviewer = client_for(REVIEWER)
    verdict = in_review(UserFactory())
    page = reviewer.get(transition_url(verdict.group, "approve")).content.decode()
    assert verdict.summary in page
    assert escape(verdict.explanation) in page
    assert f'name="version" value="{verdict.version}"' in page


def test_an_approval_of_text_changed_after_it_was_read_is_refused(client_for):
    editor, reviewer = client_for(EDITOR, "anna"), client_for(REVIEWER, "rita")
    verdict = in_review(editor.user)
    read_version = verdict.version
    editor.post(
        verdict_page(verdict.group),
        group_form_data(verdict.group, verdict, summary="Changed after Rita read it."),
    )

    response = reviewer.post(
        transition_url(verdict.group, "approve"), {"version": read_version}, follow=True
    )
    assert "changed since you opened it" in response.content.decode()
    verdict.refresh_from_db()
    assert verdict.state == VerdictState.IN_REVIEW


def test_an_approval_must_say_which_version_was_read(make_role_user):
    reviewer = make_role_user(REVIEWER)
    verdict = in_review(UserFactory())
    with pytest.raises(services.StaleVerdict):
        services.transition_verdict(verdict=verdict, user=reviewer, transition=Transition.APPROVE)
    services.transition_verdict(
        verdict=verdict, user=reviewer, transition=Transition.APPROVE, version=verdict.version
    )
    assert Verdict.objects.get(pk=verdict.pk).state == VerdictState.APPROVED


def test_an_editor_cannot_move_an_unreviewed_claim_into_a_published_fact_check(client_for):
    editor = client_for(EDITOR)
    group = published_group()
    claim = ClaimFactory(status=ReviewStatus.NEEDS_REVIEW)
    response = editor.post(
        reverse("admin:factcheck_claim_move", args=[claim.pk]), {"group": group.pk}, follow=True
    )
    assert "published fact-check" in response.content.decode()
    claim.refresh_from_db()
    assert claim.group_id != group.pk
    assert group.claims.count() == 1


def test_only_a_publisher_adds_a_reviewed_claim_to_a_published_fact_check(make_role_user):
    group = published_group()
    claim = ClaimFactory(status=ReviewStatus.IN_REVIEW)
    with pytest.raises(services.GroupFrozen, match="only a publisher"):
        services.move_claim(claim=claim, user=make_role_user(EDITOR), group=group)
    unreviewed = ClaimFactory(status=ReviewStatus.NEEDS_REVIEW)
    publisher = make_role_user(EDITOR, "pat")
    publisher.groups.add(Group.objects.get(name=PUBLISHER))
    publisher = type(publisher).objects.get(pk=publisher.pk)  # fresh permission cache
    with pytest.raises(services.GroupFrozen):
        services.move_claim(claim=unreviewed, user=publisher, group=group)
    services.move_claim(claim=claim, user=publisher, group=group)
    assert Claim.objects.get(pk=claim.pk).group_id == group.pk


def test_an_editor_cannot_take_a_claim_out_of_a_published_fact_check(make_role_user):
    group = published_group()
    claim = group.claims.get()
    with pytest.raises(services.GroupFrozen, match="only a publisher"):
        services.move_claim(claim=claim, user=make_role_user(EDITOR), group=None)
    assert Claim.objects.get(pk=claim.pk).group_id == group.pk


def test_two_editors_starting_the_first_verdict_at_once_get_a_message_not_an_error(client_for):
    anna, ben = client_for(EDITOR, "anna"), client_for(EDITOR, "ben")
    group = ClaimGroupFactory()
    first = {"rating": "false", "summary": "Anna's.", "explanation": "Anna's reasons."}
    second = {"rating": "true", "summary": "Ben's.", "explanation": "Ben's reasons."}
    # Both opened the page while the group had no verdict.
    assert anna.post(verdict_page(group), group_form_data(group, **first)).status_code == 302
    response = ben.post(verdict_page(group), group_form_data(group, **second))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else (anna) started a verdict on this group" in html
    assert "Ben&#x27;s reasons." in html
    assert Verdict.objects.get(group=group).summary == "Anna's."


def test_the_service_refuses_a_second_first_verdict(make_role_user):
    group = ClaimGroupFactory()
    editor = make_role_user(EDITOR)
    text = {"rating": "false", "summary": "S.", "explanation": "E."}
    services.save_verdict(group=group, user=editor, version=None, **text)
    with pytest.raises(services.StaleVerdict):
        services.save_verdict(group=group, user=editor, version=None, **text)
    assert Verdict.objects.filter(group=group).count() == 1


def test_saving_a_group_whose_verdict_left_draft_reports_no_conflict(client_for):
    editor = client_for(EDITOR)
    verdict = VerdictFactory(state=VerdictState.APPROVED, reviewer=UserFactory())
    # A read-only verdict inline posts only its id and group.
    data = group_form_data(verdict.group) | {
        "verdict-INITIAL_FORMS": "1",
        "verdict-0-id": str(verdict.pk),
    }
    response = editor.post(verdict_page(verdict.group), data)
    errors = re.findall(r"errorlist[^<]*<li>([^<]*)", response.content.decode())
    assert response.status_code == 302, errors


def test_the_wording_of_an_approved_or_published_fact_check_cannot_change(client_for):
    editor = client_for(EDITOR)
    group = published_group()
    wording = group.canonical_text
    assert 'name="canonical_text"' not in editor.get(verdict_page(group)).content.decode()
    editor.post(verdict_page(group), group_form_data(group) | {"canonical_text": "Reworded."})
    group.refresh_from_db()
    assert group.canonical_text == wording
    with pytest.raises(services.GroupFrozen):
        services.reword_group(group=group, user=editor.user, canonical_text="Reworded.")


def test_an_editor_rewords_a_group_in_draft(client_for):
    editor = client_for(EDITOR)
    group = VerdictFactory().group
    editor.post(verdict_page(group), group_form_data(group) | {"canonical_text": "Reworded."})
    group.refresh_from_db()
    assert group.canonical_text == "Reworded."
    assert group.history.first().history_user == editor.user


def test_the_comparison_does_not_add_new_appearances_to_a_published_fact_check():
    sentence = "Lithuania's parliament voted 107 to 3 to leave the Ottawa Convention on Tuesday."
    first, second = SourceFactory(body=sentence), SourceFactory(body=sentence)
    services.analyse_source(source=first)
    services.analyse_source(source=second)
    group = first.claims.get().group
    assert group is not None
    assert group == second.claims.get().group
    VerdictFactory(
        group=group,
        state=VerdictState.PUBLISHED,
        reviewer=UserFactory(),
        published_at="2025-03-19T10:00Z",
    )

    third = SourceFactory(body=sentence)
    services.analyse_source(source=third)
    repeated = third.claims.get()
    assert repeated.group_id != group.pk
    assert group.claims.count() == 2
    assert repeated.links_as_right.filter(relation="agrees").exists() or (
        repeated.links_as_left.filter(relation="agrees").exists()
    )


def test_a_reviewer_who_reworded_the_claim_cannot_approve_it(client_for):
    editor, reviewer = client_for(EDITOR, "anna"), client_for(REVIEWER, "rita")
    verdict = in_review(editor.user)
    reviewer.post(
        verdict_page(verdict.group),
        group_form_data(verdict.group, verdict) | {"canonical_text": "Rita's own wording."},
    )
    verdict.refresh_from_db()
    response = reviewer.post(
        transition_url(verdict.group, "approve"), {"version": verdict.version}, follow=True
    )
    assert "cannot approve text they wrote" in response.content.decode()
    assert Verdict.objects.get(pk=verdict.pk).state == VerdictState.IN_REVIEW


@pytest.mark.parametrize("change", ["wording", "evidence"])
def test_an_approval_after_the_claim_or_its_evidence_changed_is_refused(client_for, change):
    editor, reviewer = client_for(EDITOR, "anna"), client_for(REVIEWER, "rita")
    verdict = in_review(editor.user)
    read_version = verdict.version
    data = group_form_data(verdict.group, verdict)
    if change == "wording":
        data["canonical_text"] = "Reworded after Rita read it."
    else:
        data |= {
            "evidence-TOTAL_FORMS": "1",
            "evidence-0-position": "1",
            "evidence-0-title": "Treaty status",
            "evidence-0-url": "https://treaties.example/ottawa",
        }
    assert editor.post(verdict_page(verdict.group), data).status_code == 302
    response = reviewer.post(
        transition_url(verdict.group, "approve"), {"version": read_version}, follow=True
    )
    assert "changed since you opened it" in response.content.decode()
    assert Verdict.objects.get(pk=verdict.pk).state == VerdictState.IN_REVIEW


def test_a_group_and_its_first_verdict_can_be_added_together(client_for):
    editor = client_for(EDITOR)
    data = group_form_data(ClaimGroupFactory.build()) | {
        "verdict-0-rating": "false",
        "verdict-0-summary": "Not so.",
        "verdict-0-explanation": "Because.",
    }
    del data["verdict-0-group"]
    response = editor.post(reverse("admin:factcheck_claimgroup_add"), data)
    assert response.status_code == 302
    assert Verdict.objects.get().author == editor.user


def test_a_group_frozen_while_its_page_was_open_gives_a_message(client_for, monkeypatch):
    editor = client_for(EDITOR)
    verdict = VerdictFactory()
    data = group_form_data(verdict.group) | {"canonical_text": "Reworded."}
    # Approved between the editor opening the page and saving it.
    Verdict.objects.filter(pk=verdict.pk).update(
        state=VerdictState.APPROVED, reviewer=UserFactory()
    )
    monkeypatch.setattr(
        "factcheck.admin.ClaimGroupAdmin.get_readonly_fields",
        lambda self, request, obj=None: self.readonly_fields,
    )
    response = editor.post(verdict_page(verdict.group), data, follow=True)
    assert response.status_code == 200
    assert "its wording is what was approved" in response.content.decode()
    verdict.group.refresh_from_db()
    assert verdict.group.canonical_text != "Reworded."


def test_a_new_version_of_a_source_keeps_its_appearance_in_a_published_fact_check():
    body = (
        "The Ottawa Convention, which bans landmines, came into force in 1999.\n\n"
        "As of last year, it had over 160 parties, according to the campaign."
    )
    source = SourceFactory(body=body)
    services.analyse_source(source=source)
    claim = source.claims.get(text__contains="over 160")
    group = published_group()
    Claim.objects.filter(pk=claim.pk).update(group=group)  # grouped by the machine, untouched
    source.body = "The Ottawa Convention, which bans landmines, came into force in 1999."
    source.version += 1
    source.save()
    services.analyse_source(source=source)
    assert Claim.objects.filter(pk=claim.pk, group=group).exists()
