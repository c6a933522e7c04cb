"""Participants: who does the action, and lists that name different countries.

Two or more countries (groups expanded: "the Baltic states and Poland") in subject position
doing the same action; a list introduced by "including", "such as", "among them" is partial
and only conflicts by naming someone the other complete list leaves out; a count ("four NATO
members") conflicts with a complete list of another length.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import regex

from factcheck.pipeline.actors import expand_group
from factcheck.pipeline.comparison.values import Difference
from factcheck.pipeline.comparison.wording import fmt_list, ordered

if TYPE_CHECKING:
    from factcheck.pipeline.actors import Actor
    from factcheck.pipeline.comparison.analysis import Analysis


_LIST_GAP = regex.compile(
    r"^(?:\s*,\s*(?:and\s+|as\s+well\s+as\s+|&\s+)?|\s+(?:and|&|as\s+well\s+as)\s+)(?:the\s+)?$"
)


_PARTIAL_BEFORE = regex.compile(
    r"(?:\b(?:including|includes|include|such\s+as|among\s+them|among|like|notably|especially"
    r"|particularly|led\s+by|not\s+least)\s*[,:]?\s*(?:the\s+)?$)",
    regex.IGNORECASE,
)


_PARTIAL_AFTER = regex.compile(
    r"^\s*,?\s*(?:and|among|as\s+well\s+as)\s+(?:others|other\s+\w+|several\s+others|more)\b",
    regex.IGNORECASE,
)


# What may stand right before a subject list: nothing (after an opener), "of" after a noun
# ("The defense ministers of"), a determiner, "both", "that" opening a reported clause.
_SUBJECT_BEFORE = regex.compile(
    r"(?:^|[,;:—–(“\"]|\b(?:of|the|both|that|and|from)|\bleaders?|\bofficials?)\s*$",
    regex.IGNORECASE,
)


# ...but not a verb or a preposition that makes the list an object: "bordering Russia".
_OBJECT_BEFORE = regex.compile(
    r"\b(?:with|to|against|by|on|in|at|near|into|toward|towards|bordering|borders|border|"
    r"between|about|over|than|for|via|through|across|along|and\s+its\s+ally)\s+(?:the\s+)?$",
    regex.IGNORECASE,
)


_MAX_GROUP_AS_LIST = 10  # "the Baltic states" is a list; "NATO members" (32) is not


def find_participants(
    text: str, actors: Sequence[Actor], cue_start: int
) -> tuple[frozenset[str], str, bool]:
    """Countries listed as the subject of the main verb, groups expanded; their text; partial?"""
    runs: list[list[Actor]] = []
    for a in actors:
        if a.kind not in ("country", "group") or a.end > cue_start:
            continue
        if runs and _LIST_GAP.match(text[runs[-1][-1].end : a.start]):
            runs[-1].append(a)
        else:
            runs.append([a])
    best: list[Actor] = []
    for run in runs:
        members = _run_members(run)
        if len(members) < 2:
            continue
        # The verb must follow the list closely: "X, Y and Z have announced".
        between = text[run[-1].end : cue_start]
        if len(between) > 40 or regex.search(r"[;:]|\b(?:which|who|that)\b", between):
            continue
        before = text[: run[0].start]
        if _OBJECT_BEFORE.search(before[-40:]):
            continue
        if run[0].via_demonym or any(
            a.kind == "group" and regex.match(r"\s*(?:members|allies)\b", text[a.end :])
            for a in run
        ):
            pass
        if not (_SUBJECT_BEFORE.search(before[-30:]) or _PARTIAL_BEFORE.search(before[-30:])):
            continue
        if regex.search(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+$", before):
            continue  # "four NATO members": a count drawn from a pool, not a list
        best = run
    if not best:
        return frozenset(), "", False
    members = _run_members(best)
    start, end = best[0].start, best[-1].end
    before = text[max(0, start - 40) : start]
    partial = bool(_PARTIAL_BEFORE.search(before) or _PARTIAL_AFTER.match(text[end:]))
    return frozenset(members), text[start:end], partial


def _run_members(run: Sequence[Actor]) -> list[str]:
    out: list[str] = []
    for a in run:
        if a.kind == "group":
            members = tuple(a.members or ()) or expand_group(a.name)
            if not members or len(members) > _MAX_GROUP_AS_LIST:
                return []
            out.extend(members)
        else:
            out.append(a.name)
    return list(dict.fromkeys(out))


_NUMBER_WORDS = {
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
}


def participant_differences(
    a: Analysis, b: Analysis, matched: list[str]
) -> list[tuple[Difference, float]]:
    out: list[tuple[Difference, float]] = []
    if a.participants and b.participants:
        if a.partial and b.partial:
            return out
        if not a.participants & b.participants:
            return out  # nobody in common: another event, not another account of this one
        extra_a = a.participants - b.participants
        extra_b = b.participants - a.participants
        if not extra_a and not extra_b:
            matched.append("actors")
            return out
        if a.partial and not extra_a:
            matched.append("actors")
            return out  # "including X and Y" is consistent with a full list containing them
        if b.partial and not extra_b:
            matched.append("actors")
            return out
        if (a.partial and extra_a and not extra_b) or (b.partial and extra_b and not extra_a):
            pass  # a partial list naming someone the complete list lacks: a real conflict
        la = ordered(a.participants, a.participants_text)
        lb = ordered(b.participants, b.participants_text)
        if extra_a and not extra_b:
            text = (
                f"Source A includes {fmt_list(ordered(extra_a, a.participants_text))}; "
                f"source B lists only {fmt_list(lb)}."
            )
        elif extra_b and not extra_a:
            text = (
                f"Source B includes {fmt_list(ordered(extra_b, b.participants_text))}; "
                f"source A lists only {fmt_list(la)}."
            )
        else:
            text = (
                f"Source A names {fmt_list(ordered(extra_a, a.participants_text))}, "
                f"source B names {fmt_list(ordered(extra_b, b.participants_text))} instead."
            )
        out.append((Difference("actors", fmt_list(la), fmt_list(lb), text), 0.8))
        return out
    # A count against a complete list: "four NATO members" vs five countries named.
    for counted, listed, left_is_count in ((a, b, True), (b, a, False)):
        q = counted.subject_count
        if q is None or not listed.participants or listed.partial or counted.participants:
            continue
        n = int(q.q.value)
        m = len(listed.participants)
        if n == m:
            matched.append("actors")
            continue
        names = fmt_list(ordered(listed.participants, listed.participants_text))
        say = q.shown or q.q.text
        count_side, list_side = ("A", "B") if left_is_count else ("B", "A")
        text = (
            f"Source {count_side} says {say}; source {list_side} names "
            f"{_NUMBER_WORDS.get(m, str(m))}: {names}."
        )
        left, right = (say, names) if left_is_count else (names, say)
        out.append((Difference("actors", left, right, text), 0.6))
    return out
