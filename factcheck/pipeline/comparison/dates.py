"""Dates: the same event on dates whose resolved intervals do not overlap.

Names in the clause of each date must match: "the Cup in 2003" is not "the Cup Sevens in
1993".
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from factcheck.pipeline.comparison.names import unshared
from factcheck.pipeline.comparison.values import Difference

if TYPE_CHECKING:
    from factcheck.pipeline.comparison.analysis import Analysis
    from factcheck.pipeline.comparison.names import Namer
    from factcheck.pipeline.comparison.timing import Timing
    from factcheck.pipeline.dates import DateMention


@dataclass(slots=True)
class DateFact:
    low: datetime.date
    high: datetime.date
    relation: str  # "at" | "since" | "until" | "after"
    text: str
    qualifiers: frozenset[str] = frozenset()  # names in its clause: "World Cup Sevens"


_DATE_RELATION = {
    None: "at",
    "in": "at",
    "on": "at",
    "at": "at",
    "during": "at",
    "of": "at",
    "since": "since",
    "from": "since",
    "until": "until",
    "till": "until",
    "by": "until",
    "before": "until",
    "after": "after",
}


def read_dates(text: str, raw: Sequence[DateMention], namer: Namer) -> list[DateFact]:
    out: list[DateFact] = []
    for d in raw:
        if not d.earliest or not d.latest or d.kind == "time":
            continue
        if regex.match(r"\s+(?:\p{Lu}|'s|’s)", text[d.end : d.end + 3]):
            continue  # "the 1997 Ottawa Treaty", "2023's": part of a name, not an event date
        relation = _DATE_RELATION.get(d.qualifier, "other")
        low, high = d.earliest, d.latest
        if d.relative and d.granularity in ("day", "time"):
            # "today" and "on Tuesday" hang on a publication date that time zones and late
            # edits make uncertain by a day.
            low -= datetime.timedelta(days=1)
            high += datetime.timedelta(days=1)
        qualifiers = namer.around(d.start, d.end)
        out.append(DateFact(low, high, relation, d.text or "", qualifiers))
    return out


def date_differences(
    a: Analysis, b: Analysis, sim: float, matched: list[str], when: Timing
) -> list[tuple[Difference, float]]:
    if not a.dates or not b.dates:
        return []
    for da in a.dates:
        for db in b.dates:
            if da.relation == db.relation and da.low <= db.high and db.low <= da.high:
                matched.append("date")
                return []
    left = [d for d in a.dates if d.relation == "at"]
    right = [d for d in b.dates if d.relation == "at"]
    if len(left) != 1 or len(right) != 1 or sim < 0.3:
        return []
    da, db = left[0], right[0]
    if unshared(da.qualifiers, b.mentions) or unshared(db.qualifiers, a.mentions):
        when.apart = True
        return []  # "the Rugby World Cup in 2003" and "the Rugby World Cup Sevens in 1993"
    if a.measured and b.measured:
        # "Claims rose to 787,000 in the week ending Oct. 10" and "to 898,000 in the week
        # ending Oct. 17": the dates say which period each figure measures.
        when.notes.append(
            f"Different time periods: source A gives its figure for “{da.text}”, source B for "
            f"“{db.text}”; both may be right."
        )
        return []
    text = f"“{da.text}” ({_span(da)}) and “{db.text}” ({_span(db)}) do not overlap."
    return [(Difference("date", da.text, db.text, text), 0.7)]


def _span(d: DateFact) -> str:
    if d.low == d.high:
        return d.low.isoformat()
    if d.low.month == 1 and d.low.day == 1 and d.high.month == 12 and d.high.day == 31:
        return str(d.low.year) if d.low.year == d.high.year else f"{d.low.year}-{d.high.year}"
    return f"{d.low.isoformat()} to {d.high.isoformat()}"
