"""Roles and speakers: one unique office held by two people, one quotation said by two."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from factcheck.pipeline.actors import find_actors
from factcheck.pipeline.comparison.values import Difference

if TYPE_CHECKING:
    from factcheck.pipeline.actors import Actor
    from factcheck.pipeline.comparison.analysis import Analysis
    from factcheck.pipeline.facts import Facts


_ROLE_CUT = regex.compile(r"\s+(?:and|who|which|,)\b.*$|,.*$", regex.IGNORECASE)


_ROLE_OF = regex.compile(r"\bminister\s+(?:of|for)\s+(?:national\s+|the\s+)?(\w+(?:\s+affairs)?)")


_ROLE_DROP = regex.compile(
    r"\b(?:the|a|an|top|national|country['’]s|nation['’]s|its|current|incumbent|new|"
    r"then-?|acting)\b",
)


# Offices that many people hold at once: a second holder is not a contradiction.
_SHARED_OFFICES = regex.compile(
    r"\b(?:deputy|vice|assistant|spokes\w*|advis[eo]r|official|officer|member|lawmaker|mp|"
    r"diplomat|analyst|expert|representative|senator|envoy|aide|adviser|general|commander|"
    r"ambassador|negotiator|lead\w*|head|director|secretary)\b"
)


_UNIQUE_OFFICES = regex.compile(
    r"^(?:(?:\w+\s+)?minister|president|prime\s+minister|chancellor|premier|king|queen|pope"
    r"|(?:defense|army|military|armed\s+forces)\s+chief|chief\s+of\s+(?:the\s+)?(?:defense|general)"
    r"\s+staff)$"
)


@lru_cache(maxsize=20_000)
def role_key(role: str) -> tuple[str, str] | None:
    """("Estonia", "defense minister") for "Estonia’s minister of defense and a signatory..."."""
    role = role.strip()
    if regex.search(r"\b(?:former|ex-|then|previous|late)\b", role, regex.IGNORECASE):
        return None  # past holders do not compete with present ones
    role = _ROLE_CUT.sub("", role)
    countries = [a.name for a in find_actors(role) if a.kind == "country"]
    if len(set(countries)) != 1:
        return None
    low = role.lower().replace("defence", "defense").replace("’", "'")
    for a in find_actors(role):
        low = low.replace(a.text.lower().replace("’", "'"), " ")
    low = regex.sub(r"\b(?:of|for)\s*$|'s\b|\bof\s+(?=\s*$)", " ", low)
    m = _ROLE_OF.search(low)
    if m:
        low = low[: m.start()] + f"{m.group(1)} minister" + low[m.end() :]
    low = _ROLE_DROP.sub(" ", low)
    low = regex.sub(r"\s+of\s*$|^\s*of\s+", " ", low)
    office = " ".join(low.split())
    if not office or _SHARED_OFFICES.search(office) or not _UNIQUE_OFFICES.match(office):
        return None
    return countries[0], office


def read_roles(facts: Facts) -> list[tuple[tuple[str, str], str, str]]:
    out = []
    for a in facts.actors:
        if a.kind == "person" and a.role:
            key = role_key(a.role)
            if key:
                out.append((key, a.name, a.role))
    return out


def read_speaker(facts: Facts, actors: Sequence[Actor]) -> str | None:
    speaker = facts.attribution.speaker if facts.attribution else None
    if not speaker:
        return None
    for a in actors:
        if a.kind == "person" and (a.text in speaker or a.name in speaker):
            last = a.name.split()[-1].lower()
            if last.endswith("s") and last[:-1] in _PLURAL_ROLE_STEMS:
                return None  # "the Law Lords": a body, whose members may say the same
            return a.name
    return None


_PLURAL_ROLE_STEMS = frozenset(
    "lord minister official judge mp leader member senator governor justice".split()
)


def surname(name: str) -> str:
    return name.split()[-1].lower() if name.split() else ""


def role_differences(a: Analysis, b: Analysis) -> list[tuple[Difference, float]]:
    out: list[tuple[Difference, float]] = []
    for key_a, person_a, role_a in a.roles:
        for key_b, person_b, role_b in b.roles:
            if key_a == key_b and surname(person_a) != surname(person_b):
                text = (
                    f"Source A names {person_a} as {role_a}; source B names {person_b} as "
                    f"{role_b}: one country has one {key_a[1]}."
                )
                out.append(
                    (
                        Difference("role", f"{role_a}, {person_a}", f"{role_b}, {person_b}", text),
                        0.7,
                    )
                )
            elif (
                surname(person_a) == surname(person_b)
                and key_a[1] == key_b[1]
                and key_a[0] != key_b[0]
            ):
                text = f"Source A makes {person_a} {role_a}; source B makes them {role_b}."
                out.append(
                    (
                        Difference("role", f"{person_a}, {role_a}", f"{person_b}, {role_b}", text),
                        0.7,
                    )
                )
    return out
