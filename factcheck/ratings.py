"""The rating scale verdicts use, read from ``settings.FACTDESK_RATING_SCALE``.

Each entry is ``(key, label, value)``: ``value`` is the position on the truth scale used by
ClaimReview's ``ratingValue`` (``None`` for ratings off the scale, such as "Unproven").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True, slots=True)
class Rating:
    key: str
    label: str
    value: int | None


def scale() -> list[Rating]:
    return [Rating(*entry) for entry in settings.FACTDESK_RATING_SCALE]


def get(key: str) -> Rating | None:
    return next((rating for rating in scale() if rating.key == key), None)


def choices() -> list[tuple[str, str]]:
    return [(rating.key, rating.label) for rating in scale()]


def bounds() -> tuple[int, int]:
    """(worst, best) rating values on the scale."""
    values = [rating.value for rating in scale() if rating.value is not None]
    return min(values), max(values)
