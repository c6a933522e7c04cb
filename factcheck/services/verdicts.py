"""Verdicts: drafting, the review workflow (submit, approve, publish), corrections and
withdrawals. A verdict once published is a fact-check."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from factcheck import ratings, selectors
from factcheck.models import (
    ClaimGroup,
    Correction,
    Evidence,
    InvalidTransition,
    Transition,
    Verdict,
)
from factcheck.services.audit import require, save_as


class StaleVerdict(Exception):
    """The verdict is not the one this person read: someone changed or started it since."""


def _stale(verdict: Verdict, what: str) -> StaleVerdict:
    return StaleVerdict(
        f"Someone else ({selectors.last_editor(verdict)}) {what} after you opened it, so your "
        "changes were not saved. Reload the page to see their version."
    )


def check_verdict_draft(*, group: ClaimGroup, version: int | None) -> Verdict | None:
    """The verdict a writer may save over, locked until the transaction ends.

    ``version`` is the one the writer opened (``None``: the group had no verdict then). Raises
    ``StaleVerdict`` if that is no longer the current one, ``InvalidTransition`` if the verdict
    has left the stages where its text may change.
    """
    # Locking the group serialises two editors writing its first verdict at the same moment.
    ClaimGroup.objects.select_for_update().get(pk=group.pk)
    current = Verdict.objects.select_for_update().filter(group=group).first()
    if current is None:
        return None
    if version is None:
        raise _stale(current, "started a verdict on this group")
    if version != current.version:
        raise _stale(current, "saved this verdict")
    if not current.is_editable:
        raise InvalidTransition(
            "This verdict has left the draft stage; correct it with the Correct button instead."
        )
    return current


def save_verdict(
    *,
    group: ClaimGroup,
    user,
    rating: str,
    summary: str,
    explanation: str,
    version: int | None,
) -> Verdict:
    """Write a group's first verdict, or a new version of its text while it is editable."""
    if ratings.get(rating) is None:
        raise ValueError(f"Unknown rating {rating!r}.")
    with transaction.atomic():
        verdict = check_verdict_draft(group=group, version=version)
        if verdict is None:
            require(user, "factcheck.add_verdict", "write verdicts")
            verdict = Verdict(group=group, author=user)
        else:
            require(user, "factcheck.change_verdict", "edit verdicts")
            if (verdict.rating, verdict.summary, verdict.explanation) == (
                rating,
                summary,
                explanation,
            ):
                return verdict
            verdict.version += 1
        verdict.rating, verdict.summary, verdict.explanation = rating, summary, explanation
        try:
            with transaction.atomic():
                save_as(verdict, user)
        except IntegrityError as error:
            # Only reachable where the lock above does not serialise writers (SQLite).
            raise StaleVerdict(
                "Someone else started a verdict on this group at the same moment; reload the "
                "page to see it."
            ) from error
    return verdict


def verdict_writers(verdict: Verdict) -> set[int]:
    """Everyone who wrote any of what a reviewer approves: the verdict's rating, summary or
    explanation, the wording of the claim it reviews, or its evidence (since it was begun)."""
    writers = {verdict.author_id}
    previous = None
    for record in verdict.history.order_by("history_id").only(
        "history_user_id", "rating", "summary", "explanation"
    ):
        text = (record.rating, record.summary, record.explanation)
        if text != previous and record.history_user_id is not None:
            writers.add(record.history_user_id)
        previous = text
    since = verdict.created_at
    wording = None
    for record in verdict.group.history.order_by("history_id").only(
        "history_user_id", "history_date", "canonical_text"
    ):
        changed = wording is not None and record.canonical_text != wording
        if changed and record.history_date >= since and record.history_user_id is not None:
            writers.add(record.history_user_id)
        wording = record.canonical_text
    writers.update(
        Evidence.history.filter(group_id=verdict.group_id, history_date__gte=since)
        .exclude(history_user_id=None)
        .values_list("history_user_id", flat=True)
    )
    return writers


def content_changed(*, group: ClaimGroup, user, reason: str) -> None:
    """The group's wording or evidence changed: its verdict is a new version, so an approval
    of what a reviewer read before is refused."""
    verdict = Verdict.objects.select_for_update().filter(group=group).first()
    if verdict is not None and verdict.is_editable:
        verdict.version += 1
        save_as(verdict, user, reason)


_TRANSITION_PERMISSION = {
    Transition.SUBMIT: ("factcheck.change_verdict", "send verdicts for review"),
    Transition.RETURN: ("factcheck.approve_verdict", "return verdicts to draft"),
    Transition.APPROVE: ("factcheck.approve_verdict", "approve verdicts"),
    Transition.PUBLISH: ("factcheck.publish_verdict", "publish verdicts"),
    Transition.CORRECT: ("factcheck.publish_verdict", "correct published verdicts"),
    Transition.WITHDRAW: ("factcheck.publish_verdict", "withdraw published verdicts"),
}


def may_transition(*, verdict: Verdict, user, transition: str) -> bool:
    """Can this user make this move now? (What the buttons show; the services enforce it.)"""
    permission, _ = _TRANSITION_PERMISSION[transition]
    if not verdict.allowed(transition):
        return False
    if transition == Transition.RETURN and verdict.author_id == user.pk:
        return True  # authors may take their own verdict back to work on it
    if not user.has_perm(permission):
        return False
    return not (
        transition == Transition.APPROVE
        and settings.FACTDESK_FORBID_SELF_APPROVAL
        and user.pk in verdict_writers(verdict)
    )


def transition_verdict(
    *, verdict: Verdict, user, transition: str, note: str = "", version: int | None = None
) -> Verdict:
    """Move a verdict one step in its workflow, recording who did it and why.

    An approval names the ``version`` the reviewer read: text changed since is not approved.
    """
    if transition in (Transition.CORRECT, Transition.WITHDRAW) and not note.strip():
        raise ValueError("Say what changed and why; readers see this note.")
    if transition == Transition.CORRECT:
        raise ValueError("Use correct_verdict() to correct a verdict.")
    permission, action = _TRANSITION_PERMISSION[transition]
    if not (transition == Transition.RETURN and verdict.author_id == user.pk):
        require(user, permission, action)
    with transaction.atomic():
        verdict = Verdict.objects.select_for_update().get(pk=verdict.pk)
        if transition == Transition.APPROVE:
            if settings.FACTDESK_FORBID_SELF_APPROVAL and user.pk in verdict_writers(verdict):
                raise InvalidTransition(
                    "An editor cannot approve their own verdict."
                    if user.pk == verdict.author_id
                    else "A reviewer cannot approve text they wrote."
                )
            if version != verdict.version and verdict.allowed(transition):
                raise StaleVerdict(
                    "The verdict changed since you opened it (or the approval did not say "
                    "which version you read); read it again before approving."
                )
        verdict.move(transition, by=user)
        if transition == Transition.PUBLISH and not verdict.slug:
            verdict.slug = _unique_slug(verdict)
        verdict.version += 1
        save_as(verdict, user, note or Transition(transition).label)
    return verdict


def correct_verdict(
    *, verdict: Verdict, user, rating: str, summary: str, explanation: str, note: str
) -> Verdict:
    """Change a published verdict; its earlier wording stays visible as a correction note."""
    require(user, *_TRANSITION_PERMISSION[Transition.CORRECT])
    if not note.strip():
        raise ValueError("Say what changed and why; readers see this note.")
    if ratings.get(rating) is None:
        raise ValueError(f"Unknown rating {rating!r}.")
    with transaction.atomic():
        verdict = Verdict.objects.select_for_update().get(pk=verdict.pk)
        previous = (verdict.rating, verdict.summary, verdict.explanation)
        verdict.move(Transition.CORRECT, by=user)
        Correction.objects.create(
            verdict=verdict,
            previous_rating=previous[0],
            previous_summary=previous[1],
            previous_explanation=previous[2],
            note=note,
            corrected_by=user,
            corrected_at=verdict.last_corrected_at,
        )
        verdict.rating, verdict.summary, verdict.explanation = rating, summary, explanation
        verdict.version += 1
        save_as(verdict, user, f"Corrected: {note}")
    return verdict


def withdraw_verdict(*, verdict: Verdict, user, note: str) -> Verdict:
    return transition_verdict(verdict=verdict, user=user, transition=Transition.WITHDRAW, note=note)


def _unique_slug(verdict: Verdict) -> str:
    base = slugify(verdict.group.canonical_text)[:100].strip("-") or "fact-check"
    return f"{base}-{verdict.pk}"
