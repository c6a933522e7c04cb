"""Quotations: the same words in two claims, and where their wording differs.

Quotations meet only when their matching runs cover most of the shorter one
(``QUOTE_COVERAGE``), so two statements sharing a stock phrase are not a misquote.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

import regex

from factcheck.pipeline.comparison.roles import surname
from factcheck.pipeline.comparison.values import Difference

if TYPE_CHECKING:
    from factcheck.pipeline.attribution import Attribution
    from factcheck.pipeline.comparison.analysis import Analysis


_QUOTE_SPAN = regex.compile(r"“([^”]{12,})”|\"([^\"]{12,})\"|‘([^’]{12,})’(?!\w)")


_QWORD = regex.compile(r"[\p{L}\p{M}\d]+(?:['’][\p{L}]+)?")


def read_quotes(text: str, attribution: Attribution | None) -> list[tuple[str, list[str]]]:
    found: list[str] = []
    for m in _QUOTE_SPAN.finditer(text):
        found.append(next(g for g in m.groups() if g))
    quote = attribution.quote if attribution else None
    if quote and not found and not regex.search(r"[“”\"]", quote):
        found.append(quote)
    out = []
    for q in found:
        words = quote_words(q)
        if len(words) >= 5:
            out.append((q, words))
    return out


# Spellings of one word that are not a different wording: "I've" is "I have", "&" is "and".
_CONTRACTIONS = {"'ve": "have", "'re": "are", "'ll": "will", "'m": "am", "'d": "would"}


def quote_words(quote: str) -> list[str]:
    """The speaker's words, lowercased, in a form where typography is no difference."""
    # "[the four nations]" is the reporter's insertion, not the speaker's words.
    quote = regex.sub(r"\[[^\]]*\]|\([^)]*\)", " ", quote).replace("’", "'")
    quote = regex.sub(r"\s&\s", " and ", quote)
    words: list[str] = []
    for word in _QWORD.findall(quote):
        word = word.lower()
        if word.endswith("n't") and len(word) > 3:
            words.extend(["can" if word == "can't" else word[:-3], "not"])
            continue
        for ending, full in _CONTRACTIONS.items():
            if word.endswith(ending) and len(word) > len(ending):
                words.extend([word[: -len(ending)], full])
                break
        else:
            words.append(word)
    return words


# Share of the shorter quotation that must lie in runs matching the other one.
_QUOTE_COVERAGE = 0.75


def matching_quotes(a: Analysis, b: Analysis) -> tuple[int, int] | None:
    best: tuple[float, int, int] | None = None
    for i, (_, wa) in enumerate(a.quotes):
        sa = set(wa)
        for j, (_, wb) in enumerate(b.quotes):
            shared = len(sa & set(wb))
            if shared < 5:
                continue
            containment = shared / min(len(sa), len(set(wb)))
            if containment < 0.6 or (best is not None and containment <= best[0]):
                continue
            # Shared words are not enough ("the forgotten majority"): a run must match, and
            # the matching runs must cover most of the shorter quotation, or two statements
            # merely share a stock phrase ("a slowdown in the housing market").
            matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
            blocks = matcher.get_matching_blocks()
            covered = sum(blk.size for blk in blocks) / min(len(wa), len(wb))
            if max(blk.size for blk in blocks) >= 5 and covered >= _QUOTE_COVERAGE:
                best = (containment, i, j)
    return None if best is None else (best[1], best[2])


def quote_differences(a: Analysis, b: Analysis, i: int, j: int) -> list[tuple[Difference, float]]:
    out: list[tuple[Difference, float]] = []
    if a.speaker and b.speaker and surname(a.speaker) != surname(b.speaker):
        text = (
            f"The same words are attributed to {a.speaker} by source A "
            f"and to {b.speaker} by source B."
        )
        out.append((Difference("speaker", a.speaker, b.speaker, text), 0.75))
    wa, wb = a.quotes[i][1], b.quotes[j][1]
    regions, changed, aligned = _word_diff(wa, wb)
    # Much rewording is a paraphrase or another statement, not a misquote.
    if regions and changed <= aligned / 3:
        shown = regions[:3]
        left = " … ".join(r[0] for r in shown)
        right = " … ".join(r[1] for r in shown)
        text = (
            "The quotation is worded differently: "
            + "; ".join(f"“{r[0]}” vs “{r[1]}”" for r in shown)
            + "."
        )
        weight = 0.55 if changed <= 3 else 0.45
        out.append((Difference("quote_wording", left, right, text), weight))
    return out


def _spelling(word: str) -> str:
    """British and American spellings meet: tyres/tires, defence/defense, organise/organize."""
    for pattern, repl in _SPELLING_RULES:
        word = pattern.sub(repl, word)
    return word


_SPELLING_RULES = [
    (regex.compile(p), r)
    for p, r in (
        (r"(..)our(s?)$", r"\1or\2"),
        (r"yre(s?)$", r"ire\1"),
        (r"([^aeiou])re(s?)$", r"\1er\2"),
        (r"is(e|ed|es|ing|ation|ations)$", r"iz\1"),
        (r"ence$", "ense"),
        (r"ll(ed|ing|er)$", r"l\1"),
        (r"ogue$", "og"),
    )
]


def _word_diff(wa: list[str], wb: list[str]) -> tuple[list[tuple[str, str]], int, int]:
    """Differing stretches inside the part both quotations cover, with two words of context;
    stretches fewer than three equal words apart are merged."""
    shown_a, shown_b = wa, wb
    wa = [_spelling(w) for w in wa]
    wb = [_spelling(w) for w in wb]
    matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    blocks = [blk for blk in matcher.get_matching_blocks() if blk.size]
    if not blocks:
        return [], 0, 0
    a0, b0 = blocks[0].a, blocks[0].b
    a1, b1 = blocks[-1].a + blocks[-1].size, blocks[-1].b + blocks[-1].size
    ops = list(difflib.SequenceMatcher(a=wa[a0:a1], b=wb[b0:b1], autojunk=False).get_opcodes())
    changes = [op for op in ops if op[0] != "equal"]
    aligned = max(a1 - a0, b1 - b0)
    changed = sum(max(i2 - i1, j2 - j1) for _, i1, i2, j1, j2 in changes)
    if not changes:
        return [], 0, aligned
    merged: list[list[int]] = []
    for _, i1, i2, j1, j2 in changes:
        if merged and i1 - merged[-1][1] < 3:
            merged[-1][1], merged[-1][3] = i2, j2
        else:
            merged.append([i1, i2, j1, j2])
    out = []
    for i1, i2, j1, j2 in merged:
        ctx = 2
        left = shown_a[a0 + max(0, i1 - ctx) : a0 + i2 + 1]
        right = shown_b[b0 + max(0, j1 - ctx) : b0 + j2 + 1]
        out.append((" ".join(left), " ".join(right)))
    return out, changed, aligned
