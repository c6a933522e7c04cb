"""Status and polarity of the same action: done / planned / considered / rejected,
affirmed / negated (read by stance.py), and when a difference of status is only a change over
time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.pipeline.comparison.names import unshared
from factcheck.pipeline.comparison.values import Difference
from factcheck.pipeline.stance import Stance

if TYPE_CHECKING:
    from factcheck.pipeline.comparison.analysis import Analysis
    from factcheck.pipeline.comparison.timing import Timing


_MODALITY_WORDS = {
    "done": "has already happened",
    "planned": "is decided or announced but not yet carried out",
    "considered": "is only proposed, urged or under consideration",
    "rejected": "was rejected",
}


# How strongly two modalities conflict (symmetric); missing pairs do not conflict.
_MODALITY_CONFLICT = {
    frozenset({"done", "considered"}): 0.75,
    frozenset({"done", "rejected"}): 0.8,
    frozenset({"planned", "considered"}): 0.65,
    frozenset({"planned", "rejected"}): 0.8,
    frozenset({"considered", "rejected"}): 0.7,
    frozenset({"done", "planned"}): 0.5,  # may simply be an older report
}


def status_differences(
    a: Analysis, b: Analysis, sim: float, when: Timing
) -> list[tuple[Difference, float]]:
    sa, sb = a.stance, b.stance
    left, right = a.action_text or sa.cue, b.action_text or sb.cue
    if _status_changed(sa, sb, when):
        return []
    weight = _MODALITY_CONFLICT.get(frozenset({sa.modality, sb.modality}))
    if weight is not None and sa.polarity == sb.polarity == "affirmed":
        text = (
            f"Source A says it {_MODALITY_WORDS[sa.modality]} (“{sa.cue}”); source B says "
            f"it {_MODALITY_WORDS[sb.modality]} (“{sb.cue}”)."
        )
        return [(Difference("status", left, right, text), weight)]
    if sa.polarity != sb.polarity:
        if elsewhere(a, b) or elsewhere(b, a):
            when.apart = True
            return []  # "won at Stade de France" and "not won at Murrayfield"
        negative = {"rejected"}
        if sa.modality in negative or sb.modality in negative:
            return []  # "rejected X" and "did not X" agree
        if {sa.modality, sb.modality} - {"asserted", "done"} and sa.modality != sb.modality:
            return []  # "will not" vs "is considering": no direct conflict
        pos, neg = ("A", "B") if sa.polarity == "affirmed" else ("B", "A")
        pos_cue, neg_cue = (sa.cue, sb.cue) if pos == "A" else (sb.cue, sa.cue)
        text = f"Source {pos} affirms it (“{pos_cue}”); source {neg} negates it (“{neg_cue}”)."
        return [(Difference("polarity", left, right, text), 0.75)]
    return []


def _status_changed(sa: Stance, sb: Stance, when: Timing) -> bool:
    """Is a difference of status a change over time? Notes the reason when it is.

    A forecast ("will win", "is due to perform", "may raise") and a report that it happened
    ("won") are written before and after the event; two forecasts differ only in certainty.
    Between articles published days apart, an action reported done in the later one may
    simply have been carried out since the earlier one was written. Unless both date the
    action to one shared period, none of these is a contradiction.
    """
    if sa.polarity != sb.polarity or sa.modality == sb.modality:
        return False
    if when.same_period() and not when.notes:
        return False  # both date it to one period (unless the figures showed a forecast)
    if sa.future and sb.future:
        return True  # "will face" and "could face": one prediction, held more or less firmly
    done, other, side = (sa, sb, "A") if sa.modality == "done" else (sb, sa, "B")
    if done.modality != "done":
        return False
    if other.future:
        other_side = "B" if side == "A" else "A"
        when.notes.append(
            f"Different time periods: source {other_side} looks ahead (“{other.cue}”), source "
            f"{side} reports it done (“{done.cue}”); the forecast may simply predate the outcome."
        )
        return True
    later_is_done = when.gap is not None and (when.gap > 0) == (side == "B")
    if later_is_done:
        when.notes.append(
            f"Different time periods: the later article (source {side}) reports it done "
            f"(“{done.cue}”), the earlier one says “{other.cue}”; articles {when.published()}."
        )
        return True
    return False


def elsewhere(a: Analysis, b: Analysis) -> bool:
    """Does each claim name something the other does not, after its verb? Then they are
    about different occasions: "have won two of their visits to Stade de France" and "at
    Murrayfield, Wales have not won"."""
    return bool(unshared(a.object_names, b.mentions)) and bool(unshared(b.all_names, a.mentions))
