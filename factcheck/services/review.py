"""Editorial review of claims: deciding on machine links, moving claims between groups,
queue status and assignment."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from factcheck.models import (
    MEMBERSHIP_FROZEN_STATES,
    Claim,
    ClaimGroup,
    ClaimLink,
    LinkDecision,
    LinkRelation,
    ReviewStatus,
    Verdict,
)
from factcheck.services.audit import require, save_as
from factcheck.services.comparison import refresh_contradiction_flags
from factcheck.services.verdicts import content_changed


def decide_link(*, link: ClaimLink, user, decision: str) -> ClaimLink:
    """An editor confirms or rejects a machine link; the decision is final for the machine.

    Confirming an agreement puts both claims in one group (the editor has said they are the
    same claim), and neither is moved by recomputation afterwards.
    """
    require(user, "factcheck.change_claimlink", "decide on links")
    if decision not in (LinkDecision.CONFIRMED, LinkDecision.REJECTED):
        raise ValueError(f"not a decision: {decision!r}")
    with transaction.atomic():
        link.decision = decision
        link.decided_by = user
        link.decided_at = timezone.now()
        save_as(link, user)
        if decision == LinkDecision.CONFIRMED and link.relation == LinkRelation.AGREES:
            left, right = link.left, link.right
            group = left.group or right.group
            if group is None:
                group = ClaimGroup.objects.create(canonical_text=left.text, canonical_claim=left)
            for claim in (left, right):
                if claim.group_id is None:
                    _may_change_membership(group, claim, user)
                    claim.group = group
                    claim.group_locked = True
                    save_as(claim, user, "Confirmed as the same claim")
        refresh_contradiction_flags([link.left_id, link.right_id])
    return link


class GroupFrozen(Exception):
    """A claim cannot join or leave this group now (its fact-check was approved or published)."""


def _may_change_membership(group: ClaimGroup, claim: Claim, user) -> None:
    """Adding or removing an appearance of an approved or published fact-check changes what
    the reviewer approved and, once published, what readers see at once: only a publisher may,
    and only with a claim a person has looked at."""
    verdict = Verdict.objects.filter(group=group).only("state").first()
    if verdict is None or verdict.state not in MEMBERSHIP_FROZEN_STATES:
        return
    label = "a published fact-check" if verdict.is_public else "an approved fact-check"
    if not user.has_perm("factcheck.publish_verdict"):
        raise GroupFrozen(
            f"Group #{group.pk} is {label}; only a publisher can change which claims it lists."
        )
    if claim.status != ReviewStatus.IN_REVIEW:
        raise GroupFrozen(
            f"Claim #{claim.pk} is {claim.get_status_display().lower()}; review it before "
            f"adding it to {label}."
        )


def move_claim(*, claim: Claim, user, group: ClaimGroup | None) -> ClaimGroup:
    """Put a claim in another group, or in a new one of its own (``group=None``)."""
    require(user, "factcheck.change_claim", "move claims between groups")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        if claim.group_id is not None and claim.group_id != getattr(group, "pk", None):
            _may_change_membership(claim.group, claim, user)
        if group is None:
            group = ClaimGroup.objects.create(canonical_text=claim.text, canonical_claim=claim)
        else:
            group = ClaimGroup.objects.select_for_update().get(pk=group.pk)
            _may_change_membership(group, claim, user)
        claim.group = group
        claim.group_locked = True
        save_as(claim, user, f"Moved to group #{group.pk}")
    return group


def set_claims_status(*, claims: Iterable[Claim], user, status: str) -> int:
    require(user, "factcheck.change_claim", "change the status of claims")
    count = 0
    with transaction.atomic():
        for claim in claims:
            if claim.status != status:
                claim.status = status
                claim.reviewed_by = user
                save_as(claim, user)
                count += 1
    return count


def assign_claims(*, claims: Iterable[Claim], user) -> int:
    require(user, "factcheck.change_claim", "take claims")
    count = 0
    with transaction.atomic():
        for claim in claims:
            if claim.assigned_to_id != user.pk:
                claim.assigned_to = user
                if claim.status == ReviewStatus.NEEDS_REVIEW:
                    claim.status = ReviewStatus.IN_REVIEW
                save_as(claim, user, "Assigned")
                count += 1
    return count


def review_claim(*, claim: Claim, user, status: str, assigned_to, editor_note: str) -> Claim:
    """An editor's decisions on one claim (the claim page): status, who has it, a note."""
    require(user, "factcheck.change_claim", "review claims")
    if status not in ReviewStatus.values:
        raise ValueError(f"not a review status: {status!r}")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        decided = (claim.status, claim.assigned_to_id, claim.editor_note)
        if decided == (status, getattr(assigned_to, "pk", None), editor_note):
            return claim
        claim.status, claim.assigned_to, claim.editor_note = status, assigned_to, editor_note
        claim.reviewed_by = user
        save_as(claim, user)
    return claim


def reword_group(*, group: ClaimGroup, user, canonical_text: str) -> ClaimGroup:
    """Change a group's canonical wording: the claim its fact-check reviews, as readers see it,
    so only while its verdict may still change (a published one is corrected instead)."""
    require(user, "factcheck.change_claimgroup", "reword claim groups")
    canonical_text = canonical_text.strip()
    if not canonical_text:
        raise ValueError("The canonical wording cannot be empty.")
    with transaction.atomic():
        group = ClaimGroup.objects.select_for_update().get(pk=group.pk)
        if group.canonical_text == canonical_text:
            return group
        verdict = Verdict.objects.filter(group=group).only("state").first()
        if verdict is not None and verdict.state in MEMBERSHIP_FROZEN_STATES:
            raise GroupFrozen(
                f"Group #{group.pk}'s fact-check is {verdict.get_state_display().lower()}; its "
                "wording is what was approved and cannot change."
            )
        group.canonical_text = canonical_text
        save_as(group, user, "Reworded")
        content_changed(group=group, user=user, reason="The claim was reworded")
    return group
