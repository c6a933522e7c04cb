"""Grouping: which claims state the same proposition, decided from agreeing pairs.

Groups are the stable identity editors' verdicts hang on, so this module only ever adds:
a claim already in a group stays there, and a new claim joins the group of its strongest
agreeing partner, or founds a group with its ungrouped partners. Nothing is merged or split
automatically; that is an editor's decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Member:
    """What choosing a canonical wording needs to know of a claim."""

    id: int
    text: str
    score: float
    needs_context: bool
    is_quote: bool


@dataclass(slots=True)
class GroupPlan:
    joins: dict[int, int] = field(default_factory=dict)  # claim id -> existing group id
    new_groups: list[list[int]] = field(default_factory=list)  # member ids of each new group


def plan_groups(
    agreeing: Iterable[tuple[int, int, float]],
    group_of: Mapping[int, int | None],
    locked: Iterable[int] = (),
) -> GroupPlan:
    """Where ungrouped claims go, given same-claim pairs ``(a, b, confidence)``.

    ``group_of`` maps every claim in the pairs to its current group (or None); claims in
    ``locked`` were placed by an editor and are never moved or used to pull others in.
    """
    frozen = set(locked)
    parent: dict[int, int] = {}

    def find(node: int) -> int:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    best_group: dict[int, tuple[float, int]] = {}
    for left, right, confidence in sorted(agreeing, key=lambda pair: -pair[2]):
        if left in frozen or right in frozen:
            continue
        left_group, right_group = group_of.get(left), group_of.get(right)
        if left_group is None and right_group is None:
            parent[find(left)] = find(right)
        elif left_group is None:
            _offer(best_group, left, right_group, confidence)
        elif right_group is None:
            _offer(best_group, right, left_group, confidence)

    plan = GroupPlan()
    components: dict[int, list[int]] = {}
    for node in list(parent):
        components.setdefault(find(node), []).append(node)
    for members in components.values():
        offers = [best_group[member] for member in members if member in best_group]
        if offers:
            _, group = max(offers)
            plan.joins.update((member, group) for member in members)
        elif len(members) > 1:
            plan.new_groups.append(sorted(members))
    for claim, (_, group) in best_group.items():
        plan.joins.setdefault(claim, group)
    return plan


def _offer(best: dict[int, tuple[float, int]], claim: int, group: int, confidence: float) -> None:
    if claim not in best or best[claim][0] < confidence:
        best[claim] = (confidence, group)


def canonical_member(members: Iterable[Member]) -> Member:
    """The clearest wording: stands on its own, not a quotation, of a readable length."""

    def clarity(member: Member) -> tuple:
        words = member.text.count(" ") + 1
        return (
            not member.needs_context,
            not member.is_quote,
            8 <= words <= 40,
            member.score,
            -abs(words - 20),
            -member.id,
        )

    return max(members, key=clarity)
