"""Words: the stemmer, stop words and the word classes comparison reads claims with.

Predicate classes (data/predicate_classes.json: "withdraw", "leave" and "pull out" are one
action) and counted-noun classes (data/count_nouns.json: nation, country, party, signatory and
member all count states).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import regex

DATA_DIR = Path(__file__).parent.parent / "data"


STOP = frozenset(
    """a about above according across after afterwards again against ago all almost alone along
    already also although always am among amongst an and another any anyone anything are around
    as at back be became because become becomes been before being below beside besides between
    both but by can cannot could did do does doing done down due during each either else
    enough especially etc even ever every few for former formerly from further had has have
    having he her here hers herself him himself his how however i if in including inside into
    is it its itself just last latter least less like made many may me meanwhile might mine
    more moreover most mostly much must my myself namely neither never nevertheless next no
    nobody none nor not nothing now of off often on once one only onto or other others
    otherwise our ours ourselves out over own per perhaps please quite rather really said same
    say says saying see seem seemed seems several she should since so some something sometimes
    still such than that the their theirs them themselves then there thereby therefore these
    they this those though through throughout thus to together told too toward towards under
    until up upon us very via was we well were what whatever when whenever where whereas
    whether which while who whoever whole whom whose why will with within without would yet
    you your yours yourself mr mrs ms dr told tell tells added adds according including
    new year years month months week weeks day days time times today yesterday tomorrow
    monday tuesday wednesday thursday friday saturday sunday currently recently now
    two three four five six seven eight nine ten hundred thousand million billion percent
    per cent first second third make makes making get gets got go goes going went take takes
    took want wants come comes came put puts give gives gave use used uses using way ways
    lot lots thing things people part number include includes included told""".split()
)


# Reporting verbs say nothing about the action itself.
GENERIC_ACTION = frozenset(
    "say tell add note stat claim report believ think argu assert insist explain stress "
    "emphasis emphasiz warn clarify statement".split()
)


# Subject words too common to make two subjects the same.
GENERIC_SUBJECT = frozenset("country government official minister report statement".split())


WORD = regex.compile(r"[\p{L}][\p{L}\p{M}'’-]*")


_SPELLING = {"defence": "defense", "offence": "offense", "licence": "license"}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light stemmer: plural, -ed, -ing and a final -e go, doubled consonants are undone, so
    "announced", "announces" and "announcing" meet at "announc" and "planned" at "plan"."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if w.startswith("non-"):
        w = w[4:]  # "non-signatories" is about signing; the negation is the stance's business
    w = _SPELLING.get(w, w)
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


@cache
def predicate_classes() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """stem -> class, and (first stem, particle) -> class for "pull out", "back out"."""
    data = json.loads((DATA_DIR / "predicate_classes.json").read_text(encoding="utf-8"))
    single: dict[str, str] = {}
    pairs: dict[tuple[str, str], str] = {}
    for name, words in data["classes"].items():
        for phrase in words:
            parts = phrase.split()
            if len(parts) == 2:
                pairs.setdefault((stem(parts[0]), parts[1]), name)
            else:
                single.setdefault(stem(phrase), name)
    return single, pairs


@cache
def count_classes() -> dict[str, str]:
    data = json.loads((DATA_DIR / "count_nouns.json").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for name, nouns in data["classes"].items():
        for noun in nouns:
            out.setdefault(noun, name)
            out.setdefault(stem(noun), name)
    return out


def count_class(counted: str | None) -> str | None:
    if not counted:
        return None
    table = count_classes()
    return table.get(counted) or table.get(stem(counted)) or stem(counted)


@dataclass(frozen=True, slots=True)
class Term:
    stem: str  # the class name when the word belongs to a predicate class
    start: int
    end: int


def terms(text: str) -> list[Term]:
    """Content words of ``text`` as stems (predicate classes applied), in order."""
    single, pairs = predicate_classes()
    out: list[Term] = []
    matches = list(WORD.finditer(text))
    for i, m in enumerate(matches):
        raw = m.group()
        low = raw.lower()
        if low in STOP or len(low) < 2:
            continue
        stemmed = stem(low)
        if i + 1 < len(matches):
            particle = matches[i + 1].group().lower()
            if (stemmed, particle) in pairs:
                out.append(Term(pairs[stemmed, particle], m.start(), matches[i + 1].end()))
                continue
        if stemmed in STOP:
            continue
        out.append(Term(single.get(stemmed, stemmed), m.start(), m.end()))
    return out
