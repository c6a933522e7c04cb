"""Figures: what a number counts, the role it plays, and numbers that cannot both be true.

Quantities are paired by what they count (equal counted nouns or the same class), by
percentage *of what*, or by unit; and by the role the number plays in its sentence ("goal of
2%" is a target, "to 5%" a new level, "signed by 133 nations" a membership count). They must
also be about the same thing: names in the number's clause occur in the other claim, a claim
naming whose figure it is does not meet one naming nobody, and money, counts and bare
percentages hang on the same word ("a $900m loan" is not "sued for $28bn"). Numbers inside
names ("the Six Nations") and ratios ("one in 10") are not counts. A pair conflicts when
their intervals do not overlap (quantities.compatible).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from factcheck.pipeline.comparison.lexicon import GENERIC_ACTION, WORD, count_class, stem
from factcheck.pipeline.comparison.names import unshared
from factcheck.pipeline.comparison.timing import different_moments
from factcheck.pipeline.comparison.values import Difference
from factcheck.pipeline.quantities import compatible

if TYPE_CHECKING:
    from factcheck.pipeline.comparison.analysis import Analysis
    from factcheck.pipeline.comparison.lexicon import Term
    from factcheck.pipeline.comparison.names import Namer
    from factcheck.pipeline.comparison.timing import Timing
    from factcheck.pipeline.quantities import Quantity


@dataclass(slots=True)
class QuantityFact:
    q: Quantity
    key: tuple[str, ...]
    frame: str  # "level" | "goal" | "new_level" | "change" | "membership" | "benchmark"
    local: frozenset[str]  # stems around the number: its predicate
    shown: str  # "over 160 parties"
    start: int
    conversion: bool = False  # "(£691m)" after "$1.3bn": a converted repeat
    forecast: bool = False  # "growth expected", "the 3% economists had forecast"
    heads: frozenset[str] = frozenset()  # the words the number hangs on: "loan", "sued"
    qualifiers: frozenset[str] = frozenset()  # names in its clause: "Oscar", "Erewash"


# A stated goal: "NATO's goal of 2%", "the suggested 2%".
_GOAL_BEFORE = regex.compile(
    r"\b(?:goal|target|aim|benchmark|guideline|threshold|pledge|commitment|requirement"
    r"|suggested|recommended|required|agreed|minimum|maximum|cap|limit|ceiling)\b[^.;]{0,25}$",
    regex.IGNORECASE,
)


# A new level something is moved to: "increasing defense spending to 5%".
_TO_LEVEL_BEFORE = regex.compile(
    r"\b(?:increas\w*|rais\w*|boost\w*|lift\w*|cut\w*|reduc\w*|lower\w*|bring\w*|doubl\w*"
    r"|rising|rose|fell|falling|grow\w*|hik\w*)\b[^.;,]{0,40}\bto\s+$",
    regex.IGNORECASE,
)


_CHANGE_BEFORE = regex.compile(
    r"(?:\bby\s+|\b(?:up|down|rose|fell|jumped|dropped|increased|decreased|grew|climbed"
    r"|slumped|gained|lost)\s+)$",
    regex.IGNORECASE,
)


_MEMBERSHIP_BEFORE = regex.compile(
    r"\b(?:has|have|had|counts?|counted|comprises?|numbers?|numbered|boasts?|with"
    r"|(?:signed|ratified|joined|backed|adopted|endorsed|supported)\s+by)\s+(?:some\s+|about\s+)?$",
    regex.IGNORECASE,
)


_MEMBERSHIP_NOUNS = frozenset(
    {"party", "signatory", "member", "member state", "nation", "country", "state"}
)


_DIFFERENCE_AFTER = regex.compile(
    r"\s+(?:\w+\s+)?(?:more|less|fewer|higher|lower|greater|bigger|smaller|cheaper|dearer)\s+than\b",
    regex.IGNORECASE,
)


_BENCHMARK_BEFORE = regex.compile(r"\bthan\s+(?:the\s+)?(?:\S+\s+){0,3}$", regex.IGNORECASE)


# A figure someone expects rather than one measured: "7.9% growth expected", "the 3.5% rate
# economists had forecast", "is likely to reach 4%". (Not "will": "will cut 500 jobs" is
# usually a decision, and "may" only in lower case, so the month does not count.)
_FORECAST_CUE = regex.compile(
    r"\b(?:(?i:expect\w*|forecast\w*|predict\w*|projected|projections?|anticipat\w*"
    r"|outlook|likely|on\s+(?:course|track)\s+to)|could|might|may|should)\b"
)


_ESTIMATE_AFTER = regex.compile(r"\b(?:estimat\w*|(?:hoped|aimed)\s+for)\b", regex.IGNORECASE)


# Words before a number that say nothing of what it counts: "a record 174.6 million units",
# "just 0.3%".
_APPROXIMATORS = frozenset(
    stem(w)
    for w in """just nearly roughly approximately some almost around least only record total
    further additional extra another mere whopping staggering estimated reported respectable
    healthy modest annual annualised annualized overall combined""".split()
)


_NEXT_WORD = regex.compile(r"\s*([\p{L}]+)")


# "One in 10 adult Americans": a ratio, not a count of ten.
_RATIO_BEFORE = regex.compile(r"\b(?:one|\d+)\s+(?:in|out\s+of)\s+$", regex.IGNORECASE)


def _heads(text: str, start: int, end: int, plain: Sequence[Term]) -> frozenset[str]:
    """The word a number hangs on before it ("sued ... for $28bn", "took $9m") and the noun
    right after it ("a $900m (£479m) loan"), within its clause. "Five prizes at the music
    awards": "at the music awards" says where, not what, so only an adjacent word counts."""
    out: set[str] = set()
    for t in reversed(plain):
        if t.end > start:
            continue
        if start - t.end > 25 or regex.search(r"[,;:()]", text[t.end : start]):
            break
        if t.stem not in _APPROXIMATORS:
            out.add(t.stem)
            break
    pos = end
    bracket = regex.match(r"\s*\([^)]{0,40}\)", text[pos:])
    if bracket:
        pos += bracket.end()  # "$1.3bn (£691m) deal": the conversion sits between
    for t in plain:
        if t.start < pos:
            continue
        if not text[pos : t.start].strip(" -"):
            out.add(t.stem)
        break
    return frozenset(out)


def read_quantities(
    text: str, raw: Sequence[Quantity], plain: Sequence[Term], namer: Namer
) -> list[QuantityFact]:
    out: list[QuantityFact] = []
    for d in raw:
        if d.value is None:
            continue
        start, end = d.start, d.end
        after = _NEXT_WORD.match(text, end)
        if (
            d.counted
            and after
            and after.group(1)[0].isupper()
            and stem(after.group(1).lower()) == stem(d.counted.split()[-1])
        ):
            continue  # "the Six Nations", "the Five Nations": a number inside a name
        if _RATIO_BEFORE.search(text[max(0, start - 12) : start]):
            continue
        if d.value == 1 and not any(ch.isdigit() for ch in d.text or ""):
            continue  # "one dollar bought 102 yen", "a million-pound home": not an amount
        q = d if d.qualifier else dataclasses.replace(d, qualifier="exact")
        if d.is_percentage:
            key: tuple[str, ...] = ("pct", stem(d.of_what) if d.of_what else "")
        elif d.unit:
            key = ("unit", d.unit, d.per or "")
        elif d.counted:
            if d.value == 1 and d.qualifier in (None, "exact"):
                continue  # "one pupil asked": an individual, not a count
            key = ("count", count_class(d.counted) or "")
        else:
            continue
        before = text[max(0, start - 60) : start]
        noun_end = _noun_end(text, end, d.counted, d.of_what)
        if d.counted in _MEMBERSHIP_NOUNS and _MEMBERSHIP_BEFORE.search(before[-30:]):
            frame = "membership"
        elif _TO_LEVEL_BEFORE.search(before):
            frame = "new_level"
        elif _GOAL_BEFORE.search(before):
            frame = "goal"
        elif _CHANGE_BEFORE.search(before):
            frame = "change"
        elif _BENCHMARK_BEFORE.search(before):
            frame = "benchmark"
        else:
            frame = "level"
        if frame == "level" and _DIFFERENCE_AFTER.match(text, noun_end):
            frame = "change"  # "£300 less than what the Tories offered"
        # The number's predicate: words around it that do not name anyone ("Pew Research").
        local = frozenset(
            t.stem
            for t in plain
            if start - 50 <= t.start < start or noun_end <= t.start < noun_end + 50
        )
        # Inside brackets after another figure: "$1.3bn (£691m)", "30bn baht (£398m; $768m)".
        opened = text.rfind("(", max(0, start - 40), start)
        conversion = opened >= 0 and text.find(")", opened, start) < 0
        lo, hi = namer.clause(start, noun_end)
        forecast = bool(
            _FORECAST_CUE.search(text, lo, hi) or _ESTIMATE_AFTER.search(text, noun_end, hi)
        )
        out.append(
            QuantityFact(
                q,
                key,
                frame,
                local,
                text[start:noun_end].strip(),
                start,
                conversion,
                forecast,
                _heads(text, start, noun_end, plain),
                namer.names(lo, hi),
            )
        )
    return out


def _noun_end(text: str, end: int, counted: str | None, of_what: str | None) -> int:
    """End of the counted noun or "of" phrase, so the editor sees "over 160 parties"."""
    target = of_what or counted
    if not target:
        return end
    window = text[end : end + 60]
    prefix = stem(target.split()[-1])[:4]
    pos = 0
    for m in WORD.finditer(window):
        if m.start() > 45:
            break
        if stem(m.group())[:4] == prefix or m.group().lower().startswith(prefix):
            pos = m.end()
            break
    return end + pos


def quantity_differences(
    a: Analysis,
    b: Analysis,
    sim: float,
    matched: list[str],
    same_subject: bool,
    when: Timing,
) -> list[tuple[Difference, float]]:
    out: list[tuple[Difference, float]] = []
    if not a.quantities or not b.quantities:
        return out
    one_dated = bool(a.date_texts) != bool(b.date_texts)
    for key in {q.key for q in a.quantities} & {q.key for q in b.quantities}:
        left = [q for q in a.quantities if q.key == key]
        right = [q for q in b.quantities if q.key == key]
        if any(
            lq.frame == rq.frame and compatible(lq.q, rq.q, rel_tol=0.005)
            for lq in left
            for rq in right
        ):
            matched.append("quantity")
            continue
        if len(left) != 1 or len(right) != 1:
            continue  # several numbers of one kind: do not guess which pairs with which
        lq, rq = left[0], right[0]
        if lq.frame != rq.frame or lq.conversion or rq.conversion:
            continue  # a target is not a level, a change is not a total
        membership = lq.frame == "membership"
        if not membership and not same_subject:
            continue
        if lq.frame == "change" and one_dated:
            continue  # "jumped 6%" (today) and "jumped 400% this year" are different spans
        same_thing = _same_measured_thing(a, b, lq, rq, sim)
        if same_thing <= 0:
            continue
        if not (membership or _same_owner(a, b, lq, rq)):
            when.apart = True
            continue
        if different_moments(lq, rq, when, membership):
            continue
        specificity = 0.9 if key[0] == "count" and lq.q.counted == rq.q.counted else 0.8
        if key[0] == "pct" and not key[1]:
            specificity = 0.65
        if one_dated:
            specificity *= 0.75  # one figure is dated, the other may be from another time
        out.append(
            (
                Difference(
                    "quantity",
                    lq.shown or lq.q.text,
                    rq.shown or rq.q.text,
                    _explain_numbers(lq, rq),
                ),
                specificity * same_thing,
            )
        )
    return out


def _same_owner(a: Analysis, b: Analysis, lq: QuantityFact, rq: QuantityFact) -> bool:
    """Do the two figures belong to the same named thing? A name that qualifies one figure
    ("the Oscar field", "in Erewash") must occur in the other claim; a claim that names whose
    figure it gives ("TimeWarner said sales rose 2%") does not meet one that names nobody
    ("Sales rose 2.8%"); and money or counts must hang on the same word ("a $900m loan" is not
    "sued for $28bn", "nominated for five prizes" is not "won two prizes")."""
    if unshared(lq.qualifiers, b.mentions) or unshared(rq.qualifiers, a.mentions):
        return False
    if bool(a.all_names) != bool(b.all_names):
        return False
    if a.owners and b.owners and not a.owners & b.owners:
        return False
    # A percentage "of" something is tied to it already; a bare one ("prices were up by 23%",
    # "rises below 5%") hangs on its words like money does.
    bare = lq.key[0] in ("unit", "count") or lq.key == ("pct", "")
    if bare and lq.heads and rq.heads:
        return bool(lq.heads & rq.heads)
    return True


def membership_differences(
    a: Analysis, b: Analysis, when: Timing
) -> list[tuple[Difference, float]]:
    left = [q for q in a.quantities if q.frame == "membership"]
    right = [q for q in b.quantities if q.frame == "membership"]
    if len(left) != 1 or len(right) != 1 or left[0].key != right[0].key:
        return []
    lq, rq = left[0], right[0]
    if compatible(lq.q, rq.q, rel_tol=0.005) or different_moments(lq, rq, when, True):
        return []
    return [(Difference("quantity", lq.shown, rq.shown, _explain_numbers(lq, rq)), 0.8)]


def _same_measured_thing(
    a: Analysis, b: Analysis, lq: QuantityFact, rq: QuantityFact, sim: float
) -> float:
    """How sure are we that the two numbers measure one thing? 0 = not at all."""
    if lq.frame == "membership":
        # Members of what: a treaty or organisation both claims (or their contexts) name.
        return 1.0 if a.anchors & b.anchors else 0.0
    local = (lq.local & rq.local) - GENERIC_ACTION
    # Money and measures are said of many things ("a $900m loan", "sued for $28.3bn"): their
    # surroundings must agree more than those of counted nouns.
    needed = 3 if lq.key[0] == "unit" else 2
    if len(local) >= needed and sim >= 0.3:
        return 1.0 if len(local) >= 3 or lq.key[0] == "count" else 0.85
    if sim >= 0.6:
        return 0.7  # near-identical sentences
    return 0.0


def _fmt(v: float, q: Any) -> str:
    if q.is_percentage:
        return f"{v:g}%"
    if v >= 1e9 and v % 1e8 == 0:
        return f"{v / 1e9:g} billion"
    if v >= 1e6 and v % 1e5 == 0:
        return f"{v / 1e6:g} million"
    text = f"{v:,.2f}".rstrip("0").rstrip(".")
    return text


def _describe(q: Any) -> str:
    lo, hi = q.low, q.high
    if lo is not None and hi is not None and lo == hi:
        return _fmt(lo, q)
    if lo is None and hi is not None:
        return ("at most " if q.high_inclusive else "less than ") + _fmt(hi, q)
    if hi is None and lo is not None:
        return ("at least " if q.low_inclusive else "more than ") + _fmt(lo, q)
    if lo is not None and hi is not None:
        return f"between {_fmt(lo, q)} and {_fmt(hi, q)}"
    return q.text


def _explain_numbers(lq: QuantityFact, rq: QuantityFact) -> str:
    """ "133 is not more than 160.", "30% to 40% and 2.35% do not overlap." """
    left, right = lq.q, rq.q
    l_point = left.low is not None and left.low == left.high
    r_point = right.low is not None and right.low == right.high
    if r_point and not l_point:
        return f"{_fmt(right.low, right)} is not {_describe(left)}."
    if l_point and not r_point:
        return f"{_fmt(left.low, left)} is not {_describe(right)}."
    if l_point and r_point:
        return f"{_fmt(left.low, left)} and {_fmt(right.low, right)} are different numbers."
    return f"{_describe(left).capitalize()} and {_describe(right)} cannot both be true."
