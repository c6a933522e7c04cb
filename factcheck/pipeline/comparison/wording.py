"""Lists of names as an editor reads them: "Estonia, Latvia and Lithuania"."""

from __future__ import annotations

from collections.abc import Sequence


def fmt_list(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def ordered(names: frozenset[str], text_order: str) -> list[str]:
    return sorted(names, key=lambda n: (text_order.find(n) if n in text_order else 10_000, n))
