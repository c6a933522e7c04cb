"""Which comparisons become links an editor is shown."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.pipeline.comparison.values import Comparison


# Claims on one story are nearly all "related"; an editor needs the few closest, not dozens.
RELATED_PER_CLAIM = 5


def strongest_links(
    comparisons: Mapping[tuple[int, int], Comparison], *, related_per_claim: int = RELATED_PER_CLAIM
) -> dict[tuple[int, int], Comparison]:
    """Every finding (agrees, contradicts, wording, different time), and only the most
    similar "related" pairs.

    A related pair is kept when it is among the ``related_per_claim`` most similar related
    pairs of either of its claims.
    """
    kept = {pair: c for pair, c in comparisons.items() if c.relation != "related"}
    by_claim: dict[int, list[tuple[float, tuple[int, int]]]] = {}
    for pair, comparison in comparisons.items():
        if comparison.relation == "related":
            for claim in pair:
                by_claim.setdefault(claim, []).append((comparison.similarity, pair))
    for ranked in by_claim.values():
        ranked.sort(key=lambda item: (-item[0], item[1]))
        for _, pair in ranked[:related_per_claim]:
            kept[pair] = comparisons[pair]
    return kept
