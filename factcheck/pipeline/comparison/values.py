"""What comparison takes and gives: plain frozen dataclasses."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from factcheck.pipeline.facts import Facts


@dataclass(frozen=True, slots=True)
class ClaimView:
    """What comparison needs of a stored claim."""

    id: int
    source_id: int
    text: str
    facts: Facts = field(default_factory=Facts)  # stored JSON read with Facts.from_json
    context: str = ""  # earlier sentence(s) the claim depends on, may be ""
    published: datetime.date | None = None
    # The article's event vector (events.event_vector); shared by the claims of one source.
    event: Mapping[str, float] | None = None


@dataclass(frozen=True, slots=True)
class Difference:
    fact: str  # "quantity" | "actors" | "status" | "polarity" | "role" | "speaker"
    #            | "quote_wording" | "date"
    left: str  # the left claim's value as the editor should see it: "over 160 parties"
    right: str  # "133 nations"
    explanation: str  # one plain sentence: "133 is not more than 160."


@dataclass(frozen=True, slots=True)
class Comparison:
    relation: str  # "agrees" | "contradicts" | "wording" | "different_time" | "related"
    confidence: float  # [0, 1]
    reason: str  # one or two plain-English sentences for the editor
    differences: tuple[Difference, ...]  # behind a contradiction; empty for agrees
    similarity: float  # topical similarity used
