"""Claim type, after Full Fact's typology of check-worthy claims.

Full Fact (Konstantinovskiy et al., "Toward Automated Factchecking: Developing an Annotation
Schema and Benchmark for Consistent Automated Claim Detection", 2021) sorts claims into:
quantity in the past or present, prediction, correlation or causation, current laws or rules
of operation, personal experience, and other. A sentence can carry several; editors need one
primary type to route the check, so the types are tried in an order that puts the hardest to
verify first: a prediction cannot be checked like a quantity even when it contains a number,
and a causal claim needs evidence of cause, not only of the figures it cites.

The cues are lexical on purpose: without a parser (the pipeline must stay fast and model-free)
a closed list of unambiguous words is more predictable for editors than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUANTITY = "quantity"
PREDICTION = "prediction"
CAUSATION = "causation"
LAW = "law"
PERSONAL = "personal"
OTHER = "other"

_PREDICTION = re.compile(
    r"\b(?:will|won't|shall|'ll|going to|expected to|set to|due to (?:be|start|begin|take|open)"
    r"|forecasts?|forecast to|predicts?|predicted|projected|projections?|likely to|unlikely to"
    r"|poised to|on track to|next (?:year|month|week)"
    r"|in (?:the )?coming (?:days|weeks|months|years)|by (?:20[3-9]\d|the end of))\b",
    re.IGNORECASE,
)
# "plans to" and "intends to" are left out: an announced plan is a present fact an editor can
# check now. "could", "may", "might" and "would" count only before a verb-like word, so "May"
# the month (capitalised) and "could not be reached" (a report, not a forecast) do not.
_MODAL_FORECAST = re.compile(r"\b(?:could|might|may|would) (?!not\b|have\b|be reached\b)[a-z]+")
_CAUSATION = re.compile(
    r"\b(?:because|due to(?! (?:be|start|begin|take|open)\b)|caused|causes?|causing|led to"
    r"|leads? to|leading to|results? in|resulted in|as a result|thanks to|blamed (?:on|for)"
    r"|linked to|associated with|contribut(?:e|es|ed|ing) to|responsible for|driven by"
    r"|fu?elled by|fueled by|therefore|consequently|which means|triggering|triggered"
    r"|attributed to|in response to|prompted|the reason)\b",
    re.IGNORECASE,
)
_LAW = re.compile(
    r"\b(?:laws?|legal(?:ly)?|illegal(?:ly)?|unlawful|treaty|treaties|convention|conventions"
    r"|ban|bans|banned|banning|prohibit(?:s|ed|ing|ion)?|regulations?|rules?|ruled|ruling"
    r"|legislation|legislative|bill|statute|constitution(?:al)?|court|courts|ratif(?:y|ied|ies)"
    r"|signator(?:y|ies)|non-signator(?:y|ies)|mandatory|obliged|obligations?|required by"
    r"|entitled to|permitted|licen[cs]e[ds]?|sanctions?|directive|decree|accord|agreement"
    r"|parliamentary approval|policy|policies)\b|\b[A-Z][a-z]+ Act\b",
    re.IGNORECASE,
)
_PERSONAL = re.compile(
    r"\b(?:I|I've|I'd|I'm|me|my|myself)\b.*\b(?:was|were|have|had|saw|seen|met|went|lost"
    r"|waited|experienced|told|lived|worked|grew up|remember)\b",
)
_COMPARATIVE_QUANTITY = re.compile(
    r"\b(?:doubled|tripled|halved|quadrupled|record|largest|smallest|highest|lowest|most"
    r"|fewest|majority|minority|increase[sd]?|decrease[sd]?|rose|fell|grew|shrank|percent"
    r"|per cent)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ClaimTyping:
    primary: str
    types: tuple[str, ...]  # every type whose cues fired, primary first
    cues: tuple[str, ...]  # the words that fired, for the editor's "why"


def classify(sentence: str, *, has_quantity: bool) -> ClaimTyping:
    """The claim's types; ``has_quantity`` comes from the quantities stage."""
    found: list[tuple[str, str]] = []
    if match := _PREDICTION.search(sentence) or _MODAL_FORECAST.search(sentence):
        found.append((PREDICTION, match.group(0)))
    if match := _CAUSATION.search(sentence):
        found.append((CAUSATION, match.group(0)))
    if has_quantity:
        found.append((QUANTITY, "number"))
    elif match := _COMPARATIVE_QUANTITY.search(sentence):
        found.append((QUANTITY, match.group(0)))
    if match := _LAW.search(sentence):
        found.append((LAW, match.group(0)))
    if match := _PERSONAL.search(sentence):
        found.append((PERSONAL, match.group(0).split()[0]))
    if not found:
        return ClaimTyping(OTHER, (OTHER,), ())
    return ClaimTyping(
        found[0][0], tuple(kind for kind, _ in found), tuple(cue.lower() for _, cue in found)
    )
