"""Who did what: every editorial write records its author (and why) in the history."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


def save_as(obj, user, reason: str = "") -> None:
    """Save, recording ``user`` (and why) in the object's history, in a request or not."""
    obj._history_user = user
    if reason:
        obj._change_reason = reason
    obj.save()


def require(user, permission: str, action: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied(f"You do not have permission to {action}.")
