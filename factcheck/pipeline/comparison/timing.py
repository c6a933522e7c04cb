"""Time: two statements written at different moments may both be right.

A forecast ("expected", "could") against a figure as it stands; figures dated to different
periods; figures in articles published more than ``SAME_MOMENT_DAYS`` apart unless both date
them to one shared period. Such differences are never contradictions.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.pipeline.comparison.analysis import Analysis
    from factcheck.pipeline.comparison.quantities import QuantityFact


# Articles published this many days apart or less report the same moment: coverage of one
# event lands within a day, and time zones shift a date by one.
SAME_MOMENT_DAYS = 1


class Timing:
    """When the two claims were written and what they date, and the conflicts that turned out
    to belong to different moments (``notes``: reasons for the editor) or to different
    things (``apart``)."""

    __slots__ = ("a", "apart", "b", "gap", "left", "notes", "right")

    def __init__(
        self,
        left: datetime.date | None,
        right: datetime.date | None,
        a: Analysis,
        b: Analysis,
    ) -> None:
        self.left, self.right, self.a, self.b = left, right, a, b
        self.gap: int | None = None  # days from the left article to the right one
        if left is not None and right is not None:
            days = (right - left).days
            self.gap = days if abs(days) > SAME_MOMENT_DAYS else None
        self.notes: list[str] = []
        # A fact that would have conflicted turned out to be about something else ("the
        # Oscar field" / "the field"): the claims are related, never the same claim.
        self.apart = False

    def same_period(self) -> bool:
        """Both claims date what they say, to the same period ("in 2004", "in September")."""
        a, b = self.a, self.b
        if not a.date_texts or not b.date_texts:
            return False
        if a.date_texts & b.date_texts:
            return True
        return any(
            abs((da.low - db.low).days) <= 3 and abs((da.high - db.high).days) <= 3
            for da in a.dates
            for db in b.dates
        )

    def periods_differ(self) -> bool:
        return bool(self.a.date_texts and self.b.date_texts) and not self.same_period()

    def published(self) -> str:
        left, right = self.left, self.right
        return f"published {left} and {right}"


def different_moments(lq: QuantityFact, rq: QuantityFact, when: Timing, membership: bool) -> bool:
    """Do the two figures belong to different moments? Notes the reason when they do."""
    shown_l, shown_r = lq.shown or lq.q.text, rq.shown or rq.q.text
    if lq.forecast != rq.forecast:
        forecast, actual = (shown_l, shown_r) if lq.forecast else (shown_r, shown_l)
        side, other = ("A", "B") if lq.forecast else ("B", "A")
        when.notes.append(
            f"Different time periods: source {side} gives a forecast or estimate ({forecast}), "
            f"source {other} a figure as it stands ({actual}); both may be right."
        )
        return True
    if not membership and when.periods_differ():
        da = min(when.a.date_texts)
        db = min(when.b.date_texts)
        when.notes.append(
            f"Different time periods: source A gives {shown_l} for “{da}”, source B gives "
            f"{shown_r} for “{db}”."
        )
        return True
    if when.gap is not None and not when.same_period():
        when.notes.append(
            f"Different time periods: source A gives {shown_l}, source B {shown_r}, in articles "
            f"{when.published()}; neither ties its figure to a date the other shares, so the "
            f"figure may have changed in between."
        )
        return True
    return False
