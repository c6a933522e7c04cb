"""Do two claims state the same thing, and do they agree or contradict each other?

``compare(left, right)`` receives two stored claims (text, parsed ``facts`` as a
``factcheck.pipeline.facts.Facts``, the context sentence(s) a pronoun subject points to) and
returns ``None`` when they are about different things, else a :class:`Comparison`.

The package, one concern a module:

=================  ==========================================================================
``values``         ``ClaimView`` in, ``Comparison`` and ``Difference`` out
``lexicon``        content terms, word classes applied (the shared ``pipeline.lexicon``)
``analysis``       one claim read once: weighted terms, subject, action, and its facts
``names``          names that qualify a fact ("the Oscar field"), shared or not
``quantities``     figures: what they count, their frame, and numeric conflicts
``participants``   lists of countries doing the action, and participant conflicts
``status``         done / planned / considered / rejected, affirmed / negated
``roles``          one office, two holders; one quotation, two speakers
``quotes``         the same quotation in different words
``dates``          the same event on different dates
``timing``         differences that belong to different moments
``reasons``        the sentences an editor reads
``decide``         ``compare``: the gate, the conflicts, agreement
``policy``         which comparisons become links an editor is shown
=================  ==========================================================================
"""

from factcheck.pipeline.comparison.decide import (
    SAME_CLAIM_CONFIDENCE,
    compare,
    text_similarity,
)
from factcheck.pipeline.comparison.policy import RELATED_PER_CLAIM, strongest_links
from factcheck.pipeline.comparison.values import ClaimView, Comparison, Difference

__all__ = [
    "RELATED_PER_CLAIM",
    "SAME_CLAIM_CONFIDENCE",
    "ClaimView",
    "Comparison",
    "Difference",
    "compare",
    "strongest_links",
    "text_similarity",
]
