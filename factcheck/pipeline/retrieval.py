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
from collections.abc import Collection, Iterable, Mapping

from factcheck.pipeline import lexicon, matching
from factcheck.pipeline.facts import Facts

# A key carried by more claims than this says little about any of them and would make every
# lookup read a long posting list; such keys are skipped when looking up.
MAX_POSTINGS = 2_000
# Only the rarest few keys of a claim are looked up: they carry almost all of the evidence.
QUERY_KEYS = 10
# Keys stored per claim: actors and numbers first, then the longest words.
MAX_KEYS = 24

# Words news claims share whatever they are about (the lexicon's; general stop words are
# already out of the matcher's terms).
_NEWS_STOP_STEMS = frozenset(lexicon.stem(word) for word in lexicon.NEWS_WORDS) | lexicon.NEWS_WORDS


def content_words(text: str) -> list[str]:
    """The stemmed content words of a text, as the matcher sees them (shared stemmer)."""
    return [
        term
        for term in matching.terms(text)
        if term not in _NEWS_STOP_STEMS and (len(term) > 2 or term[0].isdigit())
    ]


def claim_keys(text: str, context: str, facts: Facts) -> list[str]:
    """The keys a claim is indexed under, most informative first, at most ``MAX_KEYS``."""
    keys: dict[str, None] = {}
    for actor in facts.actors:
        if actor.kind != "unknown":
            keys[f"a:{actor.name.lower()}"] = None
        for member in actor.members[:6]:
            keys[f"a:{member.lower()}"] = None
    for quantity in facts.quantities:
        if quantity.value is not None:
            keys[f"n:{quantity.value:g}"] = None
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
    postings: Mapping[str, Collection[int]],
    frequencies: Mapping[str, int],
    collection_size: int,
    *,
    exclude: Iterable[int] = (),
    limit: int = 30,
    min_shared: int = 2,
) -> list[tuple[int, float]]:
    """Claims sharing at least ``min_shared`` looked-up keys, best first, scored by IDF.

    Postings given as sets are used as they are (a caller ranking many claims builds them
    once): the shared keys are counted in C, and only claims sharing enough are scored.
    """
    looked_up = [
        (idf(frequencies.get(key, 1), collection_size), postings.get(key, ())) for key in keys
    ]
    shared: Counter[int] = Counter()
    for _, claims in looked_up:
        shared.update(claims)
    for claim in exclude:
        shared.pop(claim, None)
    found = [claim for claim, n in shared.items() if n >= min_shared]
    if not found:
        return []
    as_sets = [
        (weight, claims if isinstance(claims, (set, frozenset)) else set(claims))
        for weight, claims in looked_up
    ]
    ranked = [
        (claim, sum(weight for weight, claims in as_sets if claim in claims)) for claim in found
    ]
    ranked.sort(key=lambda item: (-item[1], item[0]))
    return ranked[:limit]
