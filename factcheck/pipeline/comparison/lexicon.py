"""Words as comparison reads claims: content terms with their word classes applied.

The stemmer, stop words and word classes are the pipeline's shared lexicon
(``factcheck.pipeline.lexicon``): retrieval, comparison and matching see a word the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from factcheck.pipeline import lexicon
from factcheck.pipeline.lexicon import stem

__all__ = [
    "GENERIC_ACTION",
    "GENERIC_SUBJECT",
    "STOP",
    "WORD",
    "Term",
    "count_class",
    "stem",
    "terms",
]

STOP = lexicon.stop_words() | lexicon.NEWS_WORDS


# Reporting verbs say nothing about the action itself.
GENERIC_ACTION = lexicon.stems(
    "say tell add note state claim report believe think argue assert insist explain stress "
    "emphasis emphasise emphasize warn clarify statement"
)


# Subject words too common to make two subjects the same (class names: country, government).
GENERIC_SUBJECT = frozenset({"country", "government", "minister"}) | lexicon.stems(
    "official report statement"
)


WORD = regex.compile(r"[\p{L}][\p{L}\p{M}'’-]*")


def _normal(word: str) -> str:
    """Lower case, curly apostrophe straightened, possessive and "non-" off."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if w.startswith("non-"):
        w = w[4:]  # "non-signatories" is about signing; the negation is the stance's business
    return w


def count_class(counted: str | None) -> str | None:
    """The kind of thing a quantity counts: its class, else the stem of the counted noun."""
    if not counted:
        return None
    return lexicon.count_classes().of(counted) or stem(_normal(counted))


@dataclass(frozen=True, slots=True)
class Term:
    stem: str  # the class name when the word belongs to a predicate class
    start: int
    end: int


def terms(text: str) -> list[Term]:
    """Content words of ``text`` as stems (word classes applied), in order."""
    classes = lexicon.predicate_classes()
    out: list[Term] = []
    matches = list(WORD.finditer(text))
    skip_next = False
    for i, m in enumerate(matches):
        if skip_next:
            skip_next = False
            continue
        low = _normal(m.group())
        if i + 1 < len(matches):
            phrase = classes.phrases.get((low, _normal(matches[i + 1].group())))
            if phrase is not None:
                out.append(Term(phrase, m.start(), matches[i + 1].end()))
                skip_next = True
                continue
        if low in STOP or len(low) < 2:
            continue
        named = classes.forms.get(low)
        if named is not None:
            out.append(Term(named, m.start(), m.end()))
            continue
        # Only the word itself is checked against the stop list: "monthly" stems to "month",
        # and "donations" to "don", and neither says nothing.
        out.append(Term(stem(low), m.start(), m.end()))
    return out
