"""Claim extraction: from a cleaned article body to check-worthy claims with parsed facts.

The stages, each its own module and each usable alone::

    sentences -> checkworthiness -> (quantities, dates, actors, attribution) -> claim_types
              -> context

``extract_claims`` runs them over one article. Everything is plain data: the result is a list
of ``ExtractedClaim`` whose ``facts`` (``factcheck.pipeline.facts.Facts``) serialise to the
stored JSON with ``Facts.to_json``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from factcheck.pipeline import checkworthiness
from factcheck.pipeline.actors import find_actors_in_sentences
from factcheck.pipeline.attribution import Attribution, find_attribution
from factcheck.pipeline.claim_types import classify
from factcheck.pipeline.context import Context, context_for
from factcheck.pipeline.dates import find_dates
from factcheck.pipeline.facts import Facts
from factcheck.pipeline.quantities import find_quantities
from factcheck.pipeline.sentences import Sentence, split_sentences
from sources.cleaning import boilerplate_reason
from sources.language import primary

# Fewer words than this is a fragment (a label, a dateline), not a statement to check.
MIN_WORDS = 5
# Longer than this is a run-on (a list, a table row the cleaner kept); too long to review.
MAX_WORDS = 120

# A statement ends with a full stop (or ! or …, possibly inside quotes or brackets); a table
# row, a label ("Madrid – Brussels (18 flights)") or a sentence cut off mid-way does not.
_ENDS_LIKE_A_SENTENCE = re.compile(r"[.!…][\"'”’»)\]]*\s*$")


def _reads_as_a_statement(text: str) -> bool:
    # A list item completing a lead-in ("The study found: - bees made 38% more errors") starts
    # in lower case and carries no full stop, yet states a fact.
    return _ENDS_LIKE_A_SENTENCE.search(text) is not None or text[:1].islower()


_OPEN_QUOTES = '“‘"'
_QUOTE_PAIRS = {"“": "”", "‘": "’", '"': '"'}


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    text: str
    start: int  # offsets into the body
    end: int
    paragraph: int
    sentence_index: int
    score: float
    claim_type: str
    is_attributed: bool
    is_quote: bool
    speaker: str | None
    facts: Facts = field(default_factory=Facts)
    context: Context | None = None


# The sentence rules, lexicons and the check-worthiness model are English: text in another
# language would come out as English-looking nonsense, so it is not mined at all.
LANGUAGES = frozenset({"en"})


def mines(language: str | None) -> bool:
    """Whether claims are extracted from a text in this language (unknown: yes)."""
    return primary(language) in LANGUAGES or not primary(language)


def extract_claims(
    body: str,
    *,
    published: datetime.date | datetime.datetime | None = None,
    threshold: float | None = None,
) -> list[ExtractedClaim]:
    """Every check-worthy sentence of ``body``, in reading order."""
    cutoff = checkworthiness.threshold() if threshold is None else threshold
    sentences = split_sentences(body)
    candidates = [
        index
        for index, sentence in enumerate(sentences)
        if MIN_WORDS <= sentence.text.count(" ") + 1 <= MAX_WORDS
        and not sentence.text.rstrip("”’\"') ").endswith("?")
        and boilerplate_reason(sentence.text) is None
        and sentence.text.count("|") < 2  # a table row: cells, not a statement
        and _reads_as_a_statement(sentence.text)
    ]
    scores = {index: checkworthiness.score_sentence(sentences[index].text) for index in candidates}
    attributions = {index: find_attribution(sentences[index].text) for index in candidates}
    chosen = [
        index
        for index in candidates
        if scores[index].score >= cutoff or _names_who_said_what(attributions[index])
    ]
    if not chosen:
        return []
    # Surnames ("Bejda said") resolve against people named earlier in the article, so actors
    # are found over all sentences up to the last claim.
    actors_by_sentence = find_actors_in_sentences(s.text for s in sentences[: chosen[-1] + 1])
    quote_attributions = _quote_attributions(sentences)
    claims = []
    for index in chosen:
        sentence = sentences[index]
        worthiness = scores[index]
        quantities = tuple(find_quantities(sentence.text))
        attribution = attributions[index]
        attribution_from = "same" if attribution and attribution.speaker else None
        if attribution_from is None and index in quote_attributions:
            attribution, attribution_from = quote_attributions[index], "quote_close"
        typing = classify(sentence.text, has_quantity=bool(quantities))
        speaker = attribution.speaker if attribution else None
        claims.append(
            ExtractedClaim(
                text=sentence.text,
                start=sentence.start,
                end=sentence.end,
                paragraph=sentence.paragraph,
                sentence_index=index,
                score=round(worthiness.score, 4),
                claim_type=typing.primary,
                is_attributed=bool(speaker),
                is_quote=bool(attribution and attribution.is_direct_quote),
                speaker=speaker,
                facts=Facts(
                    quantities=quantities,
                    dates=tuple(find_dates(sentence.text, published=published)),
                    actors=tuple(actors_by_sentence[index]),
                    attribution=attribution,
                    attribution_from=attribution_from,
                    signals=worthiness.signals
                    + (("who_said_what",) if worthiness.score < cutoff else ()),
                    types=typing.types,
                    type_cues=typing.cues,
                ),
                context=context_for(body, sentences, index),
            )
        )
    return claims


def _names_who_said_what(attribution: Attribution | None) -> bool:
    """A quotation or statement pinned on a named, described speaker is itself checkable.

    "X, Lithuania's defence minister, told Y: ..." asserts who holds the office and what they
    said, even when the words quoted are opinion, so it is kept whatever its score.
    """
    if attribution is None or not attribution.speaker or not attribution.role:
        return False
    return any(word[:1].isupper() for word in attribution.speaker.split()[-2:])


def _quote_attributions(sentences: Sequence[Sentence]) -> dict[int, Attribution]:
    """Speakers of quotations that run over several sentences.

    In “We want ... capacities. The issue is ... the state-owned one,” Bejda told RMF FM.
    the speaker is named only where the quote closes; every sentence inside the quote is
    theirs too.
    """
    found: dict[int, Attribution] = {}
    open_since: int | None = None
    closer = ""
    for index, sentence in enumerate(sentences):
        text = sentence.text
        if open_since is not None and sentences[open_since].paragraph != sentence.paragraph:
            open_since = None  # an unclosed quote does not run into the next paragraph
        if open_since is None:
            opener = _unclosed_opening(text)
            if opener:
                open_since, closer = index, _QUOTE_PAIRS[opener]
            continue
        if closer in text:
            attribution = find_attribution(text)
            if attribution is not None and attribution.speaker:
                for inside in range(open_since, index):
                    found[inside] = attribution
            open_since = None
    return found


def _unclosed_opening(text: str) -> str | None:
    """The quote mark a sentence opens and does not close, if any."""
    for opener in _OPEN_QUOTES:
        closer = _QUOTE_PAIRS[opener]
        if opener == closer:
            if text.count(opener) % 2 == 1 and text.lstrip().startswith(opener):
                return opener
        elif text.count(opener) > text.count(closer):
            return opener
    return None
