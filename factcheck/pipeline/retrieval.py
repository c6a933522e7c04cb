"""Candidate retrieval for comparison: which stored claims could be the same claim?

Comparing every pair of claims is quadratic; instead each claim is indexed under a few keys
(content words of its sentence and its context, the canonical names of its actors, the values
of its quantities), and a new claim is compared only with claims sharing its rarest keys.
The index itself lives wherever the caller keeps it (the database, or a dict in a benchmark):
this module only says which keys a claim has, which of them to look up, and how to rank the
claims found, so the cost of one lookup is bounded by ``MAX_POSTINGS`` per key, whatever the
size of the collection.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from factcheck.pipeline import matching

# A key carried by more claims than this says little about any of them and would make every
# lookup read a long posting list; such keys are skipped when looking up.
MAX_POSTINGS = 2_000
# Only the rarest few keys of a claim are looked up: they carry almost all of the evidence.
QUERY_KEYS = 10
# Keys stored per claim: actors and numbers first, then the longest words.
MAX_KEYS = 24

# Words news claims share whatever they are about; the general stop words are in matching.
_NEWS_STOP = frozenset(
    """
    said say says told tell according year years last new one two three four five also may
    might must per cent percent people time week weeks month months day days today yesterday
    monday tuesday wednesday thursday friday saturday sunday including however despite
    """.split()
)
_NEWS_STOP_STEMS = frozenset(matching.stem(word) for word in _NEWS_STOP) | _NEWS_STOP


def content_words(text: str) -> list[str]:
    """The stemmed content words of a text, as the matcher sees them (shared stemmer)."""
    return [
        term
        for term in matching.terms(text)
        if term not in _NEWS_STOP_STEMS and (len(term) > 2 or term[0].isdigit())
    ]


def claim_keys(text: str, context: str, facts: Mapping[str, Any]) -> list[str]:
    """The keys a claim is indexed under, most informative first, at most ``MAX_KEYS``."""
    keys: dict[str, None] = {}
    for actor in facts.get("actors", ()):
        if actor.get("kind") != "unknown":
            keys[f"a:{actor['name'].lower()}"] = None
        for member in actor.get("members", ())[:6]:
            keys[f"a:{member.lower()}"] = None
    for quantity in facts.get("quantities", ()):
        keys[f"n:{quantity['value']:g}"] = None
    # Longest first, then alphabetical: a set's order changes with the process's hash seed,
    # and every worker must index and look up a claim under the same keys.
    own = sorted(set(content_words(text)), key=_longest_first)
    keys.update((f"w:{word}", None) for word in own)
    borrowed = sorted(set(content_words(context)) - set(own), key=_longest_first)
    keys.update((f"w:{word}", None) for word in borrowed)
    return list(keys)[:MAX_KEYS]


def _longest_first(word: str) -> tuple[int, str]:
    return -len(word), word


def idf(frequency: int, collection_size: int) -> float:
    return math.log(1 + (collection_size - frequency + 0.5) / (frequency + 0.5))


def keys_to_look_up(keys: Iterable[str], frequencies: Mapping[str, int]) -> list[str]:
    """The rarest keys worth reading postings for.

    ``frequencies`` count the claim itself (it is indexed before it looks up), so a key
    with frequency 1 is carried by nobody else and is not worth a read.
    """
    usable = [key for key in keys if 1 < frequencies.get(key, 0) <= MAX_POSTINGS]
    return sorted(usable, key=lambda key: frequencies[key])[:QUERY_KEYS]


def rank_candidates(
    keys: Iterable[str],
    postings: Mapping[str, Iterable[int]],
    frequencies: Mapping[str, int],
    collection_size: int,
    *,
    exclude: Iterable[int] = (),
    limit: int = 30,
    min_shared: int = 2,
) -> list[tuple[int, float]]:
    """Claims sharing at least ``min_shared`` looked-up keys, best first, scored by IDF."""
    excluded = set(exclude)
    scores: Counter[int] = Counter()
    shared: Counter[int] = Counter()
    for key in keys:
        weight = idf(frequencies.get(key, 1), collection_size)
        for claim_id in postings.get(key, ()):
            if claim_id not in excluded:
                scores[claim_id] += weight
                shared[claim_id] += 1
    ranked = [(claim, score) for claim, score in scores.items() if shared[claim] >= min_shared]
    ranked.sort(key=lambda item: (-item[1], item[0]))
    return ranked[:limit]
