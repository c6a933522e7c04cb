"""Context for claims that cannot be read on their own.

"They've also looked at reinstating conscription." means nothing in a review queue without the
sentence that says who "they" are. A claim whose subject is a pronoun or an anaphoric noun
phrase ("The move", "This decision", "The four countries") carries the nearest earlier sentence
that introduces a subject of its own.

Detection looks only at how the sentence opens (after quotes and linking words), because that is
where English puts the subject; a pronoun later in a sentence usually points back to a subject
in the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.pipeline.sentences import Sentence

_LEAD_IN = re.compile(
    r"^(?:[\"“”‘’'(\[\s—–-]+|(?:and|but|or|so|yet|still|also|however|meanwhile|instead"
    r"|moreover|furthermore|in addition|as a result|even so|at the same time)\b,?\s+)*",
    re.IGNORECASE,
)
_PRONOUN_SUBJECT = re.compile(
    r"^(?:he|she|it|they|them|we|its|their|his|her|this|that|these|those|such|both|neither"
    r"|either|the latter|the former|the same|he's|she's|it's|they're|they've|they'd|they'll"
    r"|it'll|he'd|she'd)\b(?!\s+(?:is|was)\s+(?:also\s+)?(?:said|reported|expected|estimated)\b)",
    re.IGNORECASE,
)
# "The move", "This decision", "The four members", "Those countries": a determiner and a noun
# that stands for something named earlier.
_ANAPHORIC_NOUN = re.compile(
    # Modifiers must be lower-case: "The Ottawa Convention" names its subject.
    r"^(?i:the|this|that|these|those|such|both)\s+(?:(?:[a-z][a-z'-]*|\d+)\s+){0,2}?"
    r"(?i:move|moves|decision|decisions|step|statement|announcement|plan|plans|proposal|deal"
    r"|agreement|measure|measures|policy|change|changes|effort|efforts|initiative|country"
    r"|countries|nations?|states|members|allies|governments?|ministers?|officials?|leaders?"
    r"|group|groups|bloc|company|firm|organisation|organization|agency|ministry|minister"
    r"|report|study|survey|figures?|data|numbers?|findings|letter|declaration|communique"
    r"|treaty|convention|law|bill|weapons?|devices?|mines|latter|former|two|three|four|five)\b"
    # ...unless the phrase defines itself: "The ministers of Estonia and Latvia".
    r"(?!\s+(?:of|in|from|at|for)\s+(?:the\s+)?[A-Z])"
)
# "It is noteworthy that...", "It was unclear whether...": "it" stands for nothing earlier.
_EXPLETIVE_IT = re.compile(
    r"^it(?:'s|’s|\s+is|\s+was|\s+has\s+been|\s+seems|\s+appears|\s+remains)\s+"
    r"(?:\w+\s+){0,3}?(?:that|to|whether|if|how|why|when)\b",
    re.IGNORECASE,
)
_LEADING_ADVERBIAL = re.compile(
    r"^(?:as of|as|in|on|at|by|during|since|after|before|until|last|this|next|earlier"
    r"|later|for now|so far|by then|at the time|in recent)\b[^,;:.]{0,40},\s+",
    re.IGNORECASE,
)
# How far back to look for a sentence that names its own subject.
_MAX_HOPS = 3


@dataclass(frozen=True, slots=True)
class Context:
    text: str
    start: int
    end: int


def needs_context(sentence: str) -> bool:
    """Does the sentence open with a subject that points back to an earlier sentence?"""
    opening = sentence[_LEAD_IN.match(sentence).end() :]
    # The subject often follows a short time or place phrase: "As of last fall, it had...".
    if adverbial := _LEADING_ADVERBIAL.match(opening):
        opening = opening[adverbial.end() :]
    if _EXPLETIVE_IT.match(opening):
        return False
    return bool(_PRONOUN_SUBJECT.match(opening) or _ANAPHORIC_NOUN.match(opening))


def context_for(body: str, sentences: Sequence[Sentence], index: int) -> Context | None:
    """The earlier sentences a claim depends on, up to the nearest that stands on its own.

    Looks back across paragraph breaks, since a paragraph often opens with "They" after
    the previous one named them; never further than ``_MAX_HOPS`` sentences.
    """
    if not needs_context(sentences[index].text):
        return None
    first = index - 1
    while first >= 0 and index - first < _MAX_HOPS and needs_context(sentences[first].text):
        first -= 1
    if first < 0:
        return None if index == 0 else _span(body, sentences[0], sentences[index - 1])
    return _span(body, sentences[first], sentences[index - 1])


def _span(body: str, first: Sentence, last: Sentence) -> Context:
    return Context(text=body[first.start : last.end], start=first.start, end=last.end)
