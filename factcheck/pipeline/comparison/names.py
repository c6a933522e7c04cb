"""Names that qualify a fact.

"leads the Oscar field with 11 nominations" and "leads the field with 14 nominations" count
different things, as do "won 31% of the vote in Erewash" and "16.1% of the vote": a name in
the clause of a number or date narrows what it measures, so the other claim must mention that
name too before the two can conflict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from factcheck.pipeline.actors import find_actors
from factcheck.pipeline.comparison.lexicon import STOP, WORD, stem

if TYPE_CHECKING:
    from factcheck.pipeline.actors import Actor

_CLAUSE_BOUNDARY = regex.compile(
    r",(?=\s)|[;:()—–]|\s-\s|\b(?:while|but|whereas|although|though)\b", regex.IGNORECASE
)


_POSSESSIVE = regex.compile(r"['’]s\b")


_CAP_WORD = regex.compile(r"\b\p{Lu}[\p{L}\p{M}\d&-]*")


_CALENDAR = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday christmas easter gmt bst utc""".split()
)


class Namer:
    """Names (actors and other capitalised words) in a stretch of one claim, its speaker
    excepted: who says a figure is its source, not what it measures."""

    __slots__ = ("actors", "speaker", "text")

    def __init__(self, text: str, actors: Sequence[Actor], speaker: tuple[int, int]) -> None:
        self.text = text
        self.actors = actors
        self.speaker = speaker

    def clause(self, start: int, end: int) -> tuple[int, int]:
        lo = 0
        for m in _CLAUSE_BOUNDARY.finditer(self.text, 0, start):
            lo = m.end()
        m = _CLAUSE_BOUNDARY.search(self.text, end)
        return lo, (m.start() if m else len(self.text))

    def names(self, lo: int, hi: int) -> frozenset[str]:
        out: set[str] = set()
        covered = []
        s0, s1 = self.speaker
        for a in self.actors:
            if a.start >= lo and a.end <= hi:
                covered.append((a.start, a.end))
                if not (s0 <= a.start < s1):
                    out.add(a.name.lower())
        opening = len(self.text) - len(self.text.lstrip(" \"“‘'("))
        for m in _CAP_WORD.finditer(self.text, lo, hi):
            if s0 <= m.start() < s1:
                continue
            if m.start() <= opening and not _POSSESSIVE.match(self.text, m.end()):
                continue  # the sentence's first word is capitalised anyway; "Cairn's" is a name
            if any(s <= m.start() < e for s, e in covered):
                continue
            word = m.group().lower().removesuffix("'s").removesuffix("’s")
            if len(word) < 2 or word in STOP or word in _CALENDAR or stem(word) in STOP:
                continue
            out.add(word)
        return frozenset(out)

    def around(self, start: int, end: int) -> frozenset[str]:
        return self.names(*self.clause(start, end))


@dataclass(slots=True)
class Mentions:
    """Everything a claim and its context name, to test whether a qualifier is shared."""

    names: frozenset[str]  # canonical actor names, lowercased
    words: frozenset[str]  # lowercased words and their stems
    text: str  # lowercased claim and context, for names of several words

    def has(self, name: str) -> bool:
        if name in self.names or name in self.words or stem(name) in self.words:
            return True
        if " " in name:
            # "Rugby World Cup" is in "Rugby World Cup Sevens"; "Dallaglio" names
            # "Lawrence Dallaglio".
            return name in self.text or name.rsplit(" ", 1)[1] in self.words
        return False


def mentions(text: str, context: str, actors: Sequence[Actor]) -> Mentions:
    both = f"{text} {context}".lower().replace("’", "'")
    words = {w.removesuffix("'s") for w in WORD.findall(both)}
    words |= {stem(w) for w in words}
    names = {a.name.lower() for a in actors}
    names |= {name.lower() for name, _ in context_actors(context)}
    return Mentions(frozenset(names), frozenset(words), both)


def unshared(names: frozenset[str], other: Mentions) -> list[str]:
    return [n for n in names if not other.has(n)]


@lru_cache(maxsize=20_000)
def context_actors(context: str) -> tuple[tuple[str, str], ...]:
    """(name, kind) of every actor of the context, unknown kinds included."""
    if not context:
        return ()
    return tuple((a.name, a.kind) for a in find_actors(context[-600:]))
