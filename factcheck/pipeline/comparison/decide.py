"""``compare``: are two claims about the same thing, and do they agree or conflict?

Cheapest test first (candidate pairs come from a retrieval index, so most pairs must be
rejected after a few set operations): the subject gate (cosine of the term bags and shared
terms), then the conflicts of each kind (each module returns structured differences), then
agreement: no conflict, and the claims share their action and subject, or matching specific
facts (numbers, dates, participants, a quote). Otherwise "related".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.pipeline.comparison import events
from factcheck.pipeline.comparison.analysis import analysis_of, similarity
from factcheck.pipeline.comparison.dates import date_differences
from factcheck.pipeline.comparison.lexicon import GENERIC_ACTION, GENERIC_SUBJECT
from factcheck.pipeline.comparison.participants import participant_differences
from factcheck.pipeline.comparison.quantities import membership_differences, quantity_differences
from factcheck.pipeline.comparison.quotes import matching_quotes, quote_differences
from factcheck.pipeline.comparison.reasons import agreement, contradiction, related_reason
from factcheck.pipeline.comparison.roles import role_differences
from factcheck.pipeline.comparison.status import status_differences
from factcheck.pipeline.comparison.timing import Timing
from factcheck.pipeline.comparison.values import Comparison

if TYPE_CHECKING:
    from factcheck.pipeline.comparison.analysis import Analysis
    from factcheck.pipeline.comparison.values import ClaimView, Difference


# An "agrees" at or above this is the same proposition (grouping threshold).
SAME_CLAIM_CONFIDENCE = 0.7


# Below this cosine, two claims are about different things.
MIN_SIMILARITY = 0.12


def text_similarity(left: ClaimView, right: ClaimView) -> float:
    """Cosine of the weighted term bags (content stems, actor names, context at low weight)."""
    return similarity(analysis_of(left), analysis_of(right))


# Term-bag cosine from which two claims about one event, with nothing in conflict, state the
# same proposition (bench/eval_comparison.py, train split of the labelled pairs).
PARAPHRASE_SIMILARITY = 0.45
# ...and the shorter one's words are mostly in the longer one: a paraphrase, not one subject
# with two points ("the sea has shrunk" / "communities moved away as the sea shrunk").
PARAPHRASE_CONTAINMENT = 0.6


def event_similarity(left: ClaimView, right: ClaimView) -> float:
    """How surely the two claims' articles report one event; one article surely does."""
    if left.source_id == right.source_id:
        return 1.0
    return events.event_similarity(left.event, right.event)


def compare(left: ClaimView, right: ClaimView) -> Comparison | None:
    """Agreement, contradiction or mere relatedness of two claims; None when unrelated."""
    event = event_similarity(left, right)
    if event < events.SAME_EVENT:
        return None
    result = _compare(left, right, event)
    if result is not None and result.relation == "related" and event < events.RELATED_EVENT:
        return None
    return result


def _compare(left: ClaimView, right: ClaimView, event: float) -> Comparison | None:
    a, b = analysis_of(left), analysis_of(right)
    sim = similarity(a, b)
    role_diffs = role_differences(a, b)
    shared_own = len(a.own & b.own)
    shared_all = a.weights.keys() & b.weights.keys()
    when = Timing(left.published, right.published, a, b)
    if sim < MIN_SIMILARITY or (shared_own < 2 and len(shared_all) < 3):
        # Short claims ("it had over 160 parties") share few words with a long one about the
        # same treaty; a membership count of a named treaty or body is specific enough.
        members = membership_differences(a, b, when) if a.anchors & b.anchors else []
        if role_diffs or members:
            return contradiction(role_diffs + members, sim, 0.5)
        if when.notes:
            return _different_time(when, sim)
        return None
    same_action = _same_action(a, b)
    same_subject = _same_subject(a, b, sim)
    diffs: list[tuple[Difference, float]] = list(role_diffs)
    matched: list[str] = []

    quote_pair = matching_quotes(a, b)
    if quote_pair is not None:
        diffs.extend(quote_differences(a, b, *quote_pair))
        matched.append("quote")
    diffs.extend(quantity_differences(a, b, sim, matched, same_subject, when))
    if same_action:
        diffs.extend(participant_differences(a, b, matched))
    same_object = bool((a.objects & b.objects) - a.action - b.action - GENERIC_ACTION)
    if same_action and same_subject and same_object:
        status = status_differences(a, b, sim, when)
        diffs.extend(status)
        if not status and not when.notes:  # a proposal and a decision: two events, two dates
            diffs.extend(date_differences(a, b, sim, matched, when))
    if diffs:
        return contradiction(diffs, sim, 1.0 if same_action and same_subject else 0.6)
    if when.notes:
        # What would have conflicted belongs to different moments: both may be right, and
        # the editor sees them side by side as such, never as the same claim.
        return _different_time(when, sim)

    if not when.apart and (
        (same_action and same_subject and (sim >= 0.3 or matched))
        or ("quote" in matched and sim >= 0.2)
        # Nearly the same words, specific facts that match and nothing that conflicts (word
        # order may hide the shared verb: "treated 300 and hired 12" / "hired 12 and treated").
        or (sim >= 0.6 and matched and same_subject)
        or (sim >= 0.8 and not (a.stance.cue and b.stance.cue))
        # Two reports of one event in mostly the same words, nothing in conflict: a paraphrase
        # ("voted 61-40 to approve the bill" / "approved the bill by 61 votes to 40").
        or (
            sim >= PARAPHRASE_SIMILARITY
            and event >= events.RELATED_EVENT
            and _containment(a, b) >= PARAPHRASE_CONTAINMENT
            and (same_action or not (a.action and b.action))
        )
    ):
        return agreement(left, right, a, b, sim, matched, same_action)
    return Comparison(
        relation="related",
        confidence=round(min(0.9, sim), 3),
        reason=related_reason(a, b),
        differences=(),
        similarity=round(sim, 4),
    )


def _different_time(when: Timing, sim: float) -> Comparison:
    return Comparison(
        relation="different_time",
        confidence=round(min(0.9, sim), 3),
        reason=when.notes[0],
        differences=(),
        similarity=round(sim, 4),
    )


def _containment(a: Analysis, b: Analysis) -> float:
    smaller = min(len(a.own), len(b.own))
    return len(a.own & b.own) / smaller if smaller else 0.0


def _same_action(a: Analysis, b: Analysis) -> bool:
    if not a.stance.cue or not b.stance.cue:
        return False
    return bool((a.action & b.action) - GENERIC_ACTION)


def _same_subject(a: Analysis, b: Analysis, sim: float) -> bool:
    if a.participants and b.participants and a.participants & b.participants:
        return True
    # "Multiple Eastern European countries" may stand for a list of countries.
    if (a.participants and "country" in b.subject) or (b.participants and "country" in a.subject):
        return True
    named_a = a.subject_actors | a.participants
    named_b = b.subject_actors | b.participants
    if named_a and named_b:
        # Two named subjects must share a name: "Phoenix Torrents" is not "suprnova.org".
        return bool(named_a & named_b)
    shared = (a.subject & b.subject) - GENERIC_SUBJECT
    if len(shared) >= 2 or (shared and sim >= 0.5):
        return True
    # A pronoun subject ("it", "they") stands for actors of the context.
    return bool(
        (a.context_actor_names & (b.actor_names | b.context_actor_names))
        and (b.context_actor_names & a.actor_names or a.context_actor_names & b.actor_names)
    )
