"""Same event: are two articles about one news event, not only one topic?

Claims are only linked across articles about the same event. Two stories about a president
share "president" and his name; two reports of the same event share what is rare: the bill's
name, the place, the other people involved. Each article becomes a vector of its content
words (title and opening), weighted by how rare each word is among stored claims (inverse
document frequency) and normalised, so the similarity of two articles is the cosine of their
vectors and a topic word everyone uses weighs almost nothing.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from factcheck.pipeline import retrieval

# How much of an article describes its event: the headline and the opening paragraphs.
OPENING_CHARS = 2_000
TITLE_WEIGHT = 2.0
# Word rarity is measured over the stored claims plus this many imagined ones in which no
# word of the pair occurs: in a near-empty database all words weigh about the same.
PRIOR_CLAIMS = 1_000
# Below this cosine, two articles report different events; a link that rests only on a shared
# subject ("related") needs the stronger RELATED_EVENT. Both chosen on the train split of the
# AllSides roundups (bench/eval_comparison.py --split train).
SAME_EVENT = 0.3
RELATED_EVENT = 0.4


def event_words(title: str, body: str) -> dict[str, float]:
    """The content words that say which event an article reports, with their emphasis: a
    headline word counts double, since the headline names the event."""
    # Interned: the words of thousands of cached articles are mostly the same few thousand.
    words = dict.fromkeys(map(sys.intern, retrieval.content_words(body[:OPENING_CHARS])), 1.0)
    words.update(dict.fromkeys(map(sys.intern, retrieval.content_words(title or "")), TITLE_WEIGHT))
    return words


def event_vector(words: Mapping[str, float], weight: Callable[[str], float]) -> dict[str, float]:
    """Unit-length vector of the words, each weighted by ``weight`` (an IDF)."""
    vector = {word: emphasis * weight(word) for word, emphasis in words.items()}
    norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
    return {word: value / norm for word, value in vector.items()}


def event_similarity(left: Mapping[str, float] | None, right: Mapping[str, float] | None) -> float:
    """Cosine of two event vectors; an article without one (unknown) counts as the same event."""
    if left is None or right is None:
        return 1.0
    if len(left) > len(right):
        left, right = right, left
    return sum(value * right.get(word, 0.0) for word, value in left.items())


class EventSpace:
    """Event vectors as arrays over one vocabulary, to compare one article with hundreds.

    The import's gate compares each new article with the articles of every candidate claim,
    hundreds of thousands of pairs on a big import; a dot product of arrays does in
    microseconds what a loop over two dicts does in tens of them. Same figures as
    ``event_similarity``, up to rounding.
    """

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def encode(self, vector: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
        ids = np.fromiter(
            (self._ids.setdefault(word, len(self._ids)) for word in vector),
            dtype=np.int64,
            count=len(vector),
        )
        return ids, np.fromiter(vector.values(), dtype=np.float64, count=len(vector))

    def similarities(
        self,
        one: tuple[np.ndarray, np.ndarray],
        others: Sequence[tuple[np.ndarray, np.ndarray]],
    ) -> list[float]:
        """Cosine of ``one`` with each of ``others`` (all encoded by this space)."""
        dense = np.zeros(len(self._ids))
        dense[one[0]] = one[1]
        return [float(dense[ids] @ weights) for ids, weights in others]
