"""The parsed facts of a claim, and the JSON they are stored as (``Claim.facts``).

``Facts`` is what extraction produces and what retrieval and comparison read: typed values
(``Quantity``, ``DateMention``, ``Actor``, ``Attribution``), never dictionaries. ``to_json``
writes the stored shape with its schema version; ``from_json`` reads it back and refuses a
shape it does not know with a ``FactsError``, so a stored claim written by a newer version
(or edited by hand) fails loudly instead of being compared on missing fields.

Shape of ``to_json()`` (all offsets are into the claim text)::

    {
      "schema": 1,
      "quantities": [{"text", "start", "end", "value", "low", "high", "low_inclusive",
                      "high_inclusive", "qualifier", "unit", "counted", "of_what", "per",
                      "is_percentage"}],
      "dates": [{"text", "start", "end", "kind", "relative", "earliest", "latest",
                 "granularity", "qualifier"}],            # earliest/latest: ISO dates or null
      "actors": [{"text", "start", "end", "kind", "name", "members", "role", "country",
                  "title"}],
      "attribution": {"speaker", "speaker_start", "speaker_end", "role", "verb", "medium",
                      "quote", "quote_start", "quote_end", "is_direct_quote",
                      "from_sentence"} | null,     # from_sentence: "same" or "quote_close"
      "signals": [...],       # news signals that fired (checkworthiness)
      "types": [...],         # every claim type whose cues fired, primary first
      "type_cues": [...]
    }

Facts stored before the schema was versioned have no "schema" key and the same shape: they
read as schema 1.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.pipeline.actors import Actor
from factcheck.pipeline.attribution import Attribution
from factcheck.pipeline.dates import DateMention
from factcheck.pipeline.quantities import Quantity

SCHEMA = 1
READABLE_SCHEMAS = frozenset({1})


class FactsError(ValueError):
    """Stored facts this version cannot read; the message says what is wrong."""


_QUANTITY_FIELDS = (
    "text",
    "start",
    "end",
    "value",
    "low",
    "high",
    "low_inclusive",
    "high_inclusive",
    "qualifier",
    "unit",
    "counted",
    "of_what",
    "per",
    "is_percentage",
)
_DATE_FIELDS = (
    "text",
    "start",
    "end",
    "kind",
    "relative",
    "earliest",
    "latest",
    "granularity",
    "qualifier",
)
_ACTOR_FIELDS = ("text", "start", "end", "kind", "name", "members", "role", "country", "title")
_ATTRIBUTION_FIELDS = tuple(field.name for field in dataclasses.fields(Attribution))


@dataclass(frozen=True, slots=True)
class Facts:
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    actors: tuple[Actor, ...] = ()
    attribution: Attribution | None = None
    attribution_from: str | None = None  # "same" sentence, or where the quote closes
    signals: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    type_cues: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        attribution = None
        if self.attribution is not None:
            attribution = _pick(self.attribution, _ATTRIBUTION_FIELDS)
            attribution["from_sentence"] = self.attribution_from
        return {
            "schema": SCHEMA,
            "quantities": [_pick(q, _QUANTITY_FIELDS) for q in self.quantities],
            "dates": [_pick(d, _DATE_FIELDS) for d in self.dates],
            "actors": [_pick(a, _ACTOR_FIELDS) for a in self.actors],
            "attribution": attribution,
            "signals": list(self.signals),
            "types": list(self.types),
            "type_cues": list(self.type_cues),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Facts:
        """The facts of a stored claim; ``None`` or ``{}`` (nothing parsed) is no facts."""
        if not data:
            return cls()
        if not isinstance(data, Mapping):
            raise FactsError(f"facts must be a JSON object, not {type(data).__name__}")
        schema = data.get("schema", 1)
        if schema not in READABLE_SCHEMAS:
            raise FactsError(
                f"facts schema {schema!r} is not known: this version reads schema "
                f"{', '.join(map(str, sorted(READABLE_SCHEMAS)))}"
            )
        try:
            attribution = data.get("attribution")
            return cls(
                quantities=tuple(_quantity(q) for q in data.get("quantities") or ()),
                dates=tuple(_date(d) for d in data.get("dates") or ()),
                actors=tuple(_actor(a) for a in data.get("actors") or ()),
                attribution=_attribution(attribution) if attribution else None,
                attribution_from=(attribution or {}).get("from_sentence"),
                signals=tuple(data.get("signals") or ()),
                types=tuple(data.get("types") or ()),
                type_cues=tuple(data.get("type_cues") or ()),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise FactsError(f"facts do not have the schema {schema} shape ({error!r})") from error


def _quantity(d: Mapping[str, Any]) -> Quantity:
    return Quantity(
        text=d["text"],
        start=int(d["start"]),
        end=int(d["end"]),
        value=_number(d["value"]),
        low=_number(d.get("low")),
        high=_number(d.get("high")),
        low_inclusive=bool(d.get("low_inclusive")),
        high_inclusive=bool(d.get("high_inclusive")),
        qualifier=d.get("qualifier") or "exact",
        unit=d.get("unit"),
        counted=d.get("counted"),
        of_what=d.get("of_what"),
        per=d.get("per"),
        is_percentage=bool(d.get("is_percentage")),
    )


def _date(d: Mapping[str, Any]) -> DateMention:
    return DateMention(
        text=d["text"],
        start=int(d["start"]),
        end=int(d["end"]),
        kind=d["kind"],
        relative=bool(d.get("relative")),
        earliest=_day(d.get("earliest")),
        latest=_day(d.get("latest")),
        granularity=d.get("granularity") or "",
        qualifier=d.get("qualifier"),
    )


def _actor(d: Mapping[str, Any]) -> Actor:
    return Actor(
        text=d["text"],
        start=int(d["start"]),
        end=int(d["end"]),
        kind=d["kind"],
        name=d["name"],
        members=tuple(d.get("members") or ()),
        role=d.get("role"),
        country=d.get("country"),
        title=d.get("title"),
    )


def _attribution(d: Mapping[str, Any]) -> Attribution:
    return Attribution(
        speaker=d.get("speaker"),
        speaker_start=d.get("speaker_start"),
        speaker_end=d.get("speaker_end"),
        role=d.get("role"),
        verb=d.get("verb") or "",
        medium=d.get("medium"),
        quote=d.get("quote"),
        quote_start=d.get("quote_start"),
        quote_end=d.get("quote_end"),
        is_direct_quote=bool(d.get("is_direct_quote")),
    )


def _number(value: Any) -> float | None:
    # JSON has no infinity: an open bound ("more than 160": no upper bound) is stored as null.
    if value is None:
        return None
    number = float(value)
    if math.isnan(number):
        raise ValueError(f"{value!r} is not a number")
    return number


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _pick(value: object, names: Sequence[str]) -> dict[str, Any]:
    return {name: _jsonable(getattr(value, name)) for name in names}


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return None
    return value
