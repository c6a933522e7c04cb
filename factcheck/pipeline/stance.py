"""What a claim says happened to its main action: done, planned, considered, rejected, asserted.

"Poland has left the treaty", "Poland plans to leave the treaty", "Poland is considering leaving
the treaty" and "Poland has rejected leaving the treaty" share their words and differ only in
the status of the action. ``stance_of`` finds the main verb group and reads two things off it:

``polarity``  "affirmed" or "negated" ("is not a signatory", "has never signed", "are
              non-signatories"). "not only X but also Y", "not least", "whether or not" and
              "if not" are not negations.
``modality``  "done"        completed: "has left", "withdrew", "has been signed"
              "planned"     decided or announced but not yet carried out: "plans to",
                            "will", "is set to", "announced plans to", "decided to"
              "considered"  under discussion: "is considering", "could reconsider", "urging",
                            "recommend", "proposed", "called for", "not yet decided"
              "rejected"    "has rejected", "denied", "refused to", "ruled out"
              "asserted"    a plain statement with no status: "is a signatory", "says", "had"

``future``    True when the status rests on a forecast or hedge about a later moment rather
              than on a decision: "will win", "is expected to", "is due to", "may raise",
              "should quit", "experts predict". "X will win" and "X won" can both be right,
              written before and after the event; "X has announced plans to" is a decision
              taken now and stays ``future=False``.

The main verb is found without a parser: an opening adverbial ("In a decisive move ...,",
"Last year,") is skipped, verbs that open a relative clause ("that share a border") are
skipped, and a reporting verb ("said", "told", "according to") hands over to the clause it
reports, since "X said they will withdraw" has the status of "will withdraw". The result
carries the cue words and their offsets (``text[cue_start:cue_end] == cue``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

__all__ = ["MODALITIES", "Stance", "stance_of"]

MODALITIES = ("done", "planned", "considered", "rejected", "asserted")


@dataclass(frozen=True, slots=True)
class Stance:
    polarity: str  # "affirmed" | "negated"
    modality: str  # one of MODALITIES
    cue: str  # the verb group the decision rests on, == text[cue_start:cue_end]
    cue_start: int
    cue_end: int
    future: bool = False  # a forecast or hedge (will, expected, may), not a decision


def _alt(words: str) -> str:
    return "|".join(sorted(words.split(), key=len, reverse=True))


_AUX = (
    "is are was were am be been being has have had will would could can may might should "
    "must shall do does did 's ’s 're ’re 've ’ve 'd ’d 'll ’ll"
)
_ADVERBS = (
    "also already now still just since then formally officially effectively reportedly "
    "currently recently previously long repeatedly reluctantly unanimously jointly finally "
    "even really actually apparently allegedly technically largely quietly publicly "
    "consistently firmly strongly seriously openly again first ever yet further "
    "increasingly widely once newly"
)
_NEG = r"(?:not|n['’]t|never|no\s+longer)"
# Negations that do not negate the clause.
_NOT_NEGATION = regex.compile(
    r"\bnot\s+(?:only|just|merely|simply|least|necessarily\s+only)\b|\bwhether\s+or\s+not\b"
    r"|\bif\s+not\b|\bnot\s+to\s+mention\b"
    # "is not expected to reach the shops until 2005": a time limit, not a denial.
    r"|\bnot\s+(?:\w+\s+){0,6}?until\b",
    regex.IGNORECASE,
)
# "not yet decided", "has yet to decide", "undecided": still under consideration.
_UNDECIDED = regex.compile(
    r"\b(?:(?:has|have|had)\s+(?:not|n['’]t)\s+(?:yet\s+)?(?:decided|made\s+a\s+decision)"
    r"|(?:is|are|was|were|remains?|remained)\s+(?:still\s+)?(?:undecided|not\s+yet\s+decided)"
    r"|(?:has|have|had|is|are)\s+yet\s+to\s+(?:decide|make\s+a\s+decision)"
    r"|not\s+yet\s+decided|undecided)\b",
    regex.IGNORECASE,
)

_REJECTED = (
    "reject rejects rejected rejecting deny denies denied denying refuse refuses refused "
    "refusing dismiss dismisses dismissed dismissing veto vetoes vetoed vetoing oppose opposes "
    "opposed opposing decline declines declined declining scrap scraps scrapped abandon "
    "abandons abandoned"
)
_CONSIDERED = (
    "consider considers considered considering contemplate contemplates contemplated "
    "contemplating weigh weighs weighed weighing mull mulls mulled mulling reconsider "
    "reconsiders reconsidered reconsidering urge urges urged urging recommend recommends "
    "recommended recommending propose proposes proposed proposing suggest suggests suggested "
    "suggesting advocate advocates advocated advocating debate debates debated debating "
    "discuss discusses discussed discussing explore explores explored exploring want wants "
    "wanted seek seeks sought seeking eye eyes eyed eyeing study studies studying review "
    "reviews reviewing examine examines examining hope hopes hoped hoping favour favours "
    "favoured favor favors favored push pushes pushing lobby lobbies lobbying"
)
_PLANNED = (
    "plan plans planned planning intend intends intended intending pledge pledges pledged "
    "pledging vow vows vowed vowing promise promises promised promising prepare prepares "
    "prepared preparing aim aims aimed aiming decide decides decided agree agrees agreed "
    "schedule schedules scheduled commit commits committed threaten threatens threatened "
    "threatening expect expects expected"
)
# Heads that forecast rather than decide: "analysts expect the bank to raise rates". ("predict"
# is not a verb start: "experts predict X will win" takes its status from "will win".)
_FORECAST_HEADS = frozenset(
    "expect expects expected predict predicts predicted forecast forecasts anticipate "
    "anticipates anticipated".split()
)
# "The idea was to ...", "the aim is to ...": a purpose, not a scheduled future.
_PURPOSE_NOUNS = frozenset("idea aim goal purpose objective hope point ambition dream".split())
_REPORTING = (
    "say says said saying tell tells told state states stated add adds added note notes noted "
    "argue argues argued assert asserts asserted claim claims claimed write writes wrote "
    "report reports reported insist insists insisted explain explains explained stress "
    "stresses stressed emphasise emphasises emphasised emphasize emphasizes emphasized warn "
    "warns warned clarify clarifies clarified believe believes believed think thinks thought "
    "announce announces announced confirm confirms confirmed declare declares declared"
)
# Past forms of common action verbs that are not -ed words.
_IRREGULAR_PAST = (
    "left withdrew quit became began gave made took sent won lost held met put set cut "
    "brought bought built sold paid spent kept led ran fell rose grew struck signed "
    "shut hit drew broke chose froze flew fought found got went came saw sought"
)
# -ed words that are usually adjectives in front of a noun.
_ED_ADJECTIVES = frozenset(
    [
        "armed",
        "united",
        "based",
        "related",
        "limited",
        "advanced",
        "detailed",
        "skilled",
        "concerned",
        "alleged",
        "experienced",
        "supposed",
        "so-called",
        "renewed",
        "expected",
        "increased",
        "reduced",
        "unexpected",
        "interested",
        "organised",
        "organized",
        "heightened",
        "escalated",
        "continued",
        "combined",
        "sustained",
        "sophisticated",
        "coordinated",
        "elected",
        "retired",
        "needed",
    ]
)
# Auxiliaries that make the clause future or intended.
_FUTURE = regex.compile(
    r"\b(?:will|shall|['’]ll|(?:is|are|am|was|were)\s+(?:set|due|going|about|poised|expected"
    r"|scheduled|slated|to\s+be)\s+to|(?:is|are|was|were)\s+to\s+(?!be\b)\w+)\b",
    regex.IGNORECASE,
)
_MODAL_MAYBE = regex.compile(r"\b(?:could|might|may|would|should)\b", regex.IGNORECASE)
_ANNOUNCED_PLAN = regex.compile(
    r"\b(?:announc|unveil|confirm|disclos|reveal)\w*\s+(?:\w+\s+){0,2}?"
    r"(?:plans?|decision|intention|intent|readiness|move)\b",
    regex.IGNORECASE,
)
_CONSIDER_PHRASE = regex.compile(
    r"\b(?:call(?:s|ed|ing)?\s+for|look(?:s|ed|ing)?\s+(?:at|into|to)|push(?:es|ed|ing)?\s+for"
    r"|(?:is|are|was|were|remains?)\s+open\s+to|in\s+favou?r\s+of|under\s+(?:consideration"
    r"|review|discussion))\b",
    regex.IGNORECASE,
)

# A word token, with "n't"/"'s" kept on their own so auxiliaries are visible.
_TOKEN = regex.compile(
    r"[\p{L}\p{M}\d]+(?:[-'’][\p{L}\p{M}\d]+)*|n['’]t|['’](?:s|re|ve|d|ll)\b|[^\s]"
)

_AUX_SET = frozenset(_AUX.split())
_ADV_SET = frozenset(_ADVERBS.split())
_REJECTED_SET = frozenset(_REJECTED.split())
# "The unemployment rate declined to 4.8%", "sales declined 3%": a figure going down, not a
# refusal. A number or a level after the verb says which.
_MEASURED_CHANGE = regex.compile(
    r"\s+(?:(?:sharply|slightly|steadily|further|again|by|to|from|for\s+the)\s+)*"
    r"(?:[$£€]?\d|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:percent|per\s+cent|points?|%)|\w+\s+(?:month|week|quarter|year|day)\b)",
    regex.IGNORECASE,
)
_CONSIDERED_SET = frozenset(_CONSIDERED.split())
_PLANNED_SET = frozenset(_PLANNED.split())
_REPORTING_SET = frozenset(_REPORTING.split())
_PAST_SET = frozenset(_IRREGULAR_PAST.split())
_RELATIVE = frozenset(["that", "which", "who", "whom", "whose", "where", "when"])
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "some",
        "any",
        "no",
        "each",
        "every",
        "such",
    ]
)
# An opening adverbial ends at the first comma: "In a decisive move reflecting ..., Poland ..."
_OPENERS = frozenset(
    [
        "in",
        "on",
        "at",
        "during",
        "despite",
        "while",
        "as",
        "after",
        "before",
        "although",
        "though",
        "since",
        "because",
        "when",
        "if",
        "amid",
        "following",
        "under",
        "with",
        "without",
        "unlike",
        "like",
        "for",
        "by",
        "last",
        "this",
        "next",
        "earlier",
        "later",
        "throughout",
        "according",
        "given",
        "once",
        "until",
        "upon",
        "over",
        "from",
    ]
)
# Words that follow an auxiliary without being its verb: "had over 160", "is a signatory".
_NOT_LEXICAL = frozenset(
    """a an the over under more less about around nearly almost some many few several one two
    three four five this that these those its their his her our in on at of for by with as
    from into than""".split()
)
_COPULAS = frozenset(
    "is are was were am be been being remain remains remained 's ’s 're ’re".split()
)
_FINITE_PRESENT = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "says",
        "say",
        "remains",
        "remain",
        "holds",
        "hold",
        "seems",
        "seem",
        "appears",
        "appear",
        "needs",
        "need",
        "requires",
        "require",
        "shows",
        "show",
        "means",
        "mean",
        "stands",
        "stand",
        "lies",
        "lie",
    ]
)


@dataclass(slots=True)
class _Tok:
    low: str
    start: int
    end: int
    cap: bool  # capitalised: "States" in "United States" is a name, not a verb


def _tokens(text: str) -> list[_Tok]:
    return [
        _Tok(m.group().lower(), m.start(), m.end(), m.group()[:1].isupper())
        for m in _TOKEN.finditer(text)
    ]


def _body_start(text: str, toks: list[_Tok]) -> int:
    """Index of the first token after an opening adverbial phrase ("Last year, ...")."""
    i = 0
    while i < len(toks) and not toks[i].low[0].isalnum():
        i += 1  # opening quotes, dashes
    if i >= len(toks) or toks[i].low not in _OPENERS:
        return i
    limit = max(4, int(len(toks) * 0.6))
    for j in range(i + 1, min(len(toks), limit)):
        if toks[j].low == ",":
            return j + 1
    return i


def _is_verb_start(toks: list[_Tok], k: int) -> bool:
    """Could token k start a finite verb group?"""
    w = toks[k].low
    prev = toks[k - 1].low if k else ""
    if toks[k].cap and k > 0 and prev not in ("“", '"', "‘", "—", "-", ":"):
        return False  # a name: "United States", "Will Smith"
    if w in _AUX_SET:
        # "a has-been", "the will of" are rare; a determiner before "will" makes it a noun.
        return prev not in _DETERMINERS
    if prev in _DETERMINERS or prev in ("to", "of", "for", "by", "with"):
        return False
    if w in _REJECTED_SET | _CONSIDERED_SET | _PLANNED_SET | _REPORTING_SET | _PAST_SET:
        return not (w.endswith("ing") and prev not in _AUX_SET and prev != ",")
    if w.endswith("ed") and len(w) > 4 and w not in _ED_ADJECTIVES:
        nxt = toks[k + 1].low if k + 1 < len(toks) else ""
        if nxt == "by":
            return False  # "the threat presented by Russia": a participle after its noun
        if prev.endswith("ly") and k > 1 and toks[k - 2].low in _DETERMINERS:
            return False  # "a thankfully shortened version"
        # "the armed forces": an -ed word right before a noun-like word after a determiner
        return not (prev in _DETERMINERS and nxt.isalpha())
    return w in _FINITE_PRESENT


@lru_cache(maxsize=65536)
def stance_of(text: str) -> Stance:
    """Polarity and modality of the main verb group of ``text``."""
    toks = _tokens(text)
    start = _body_start(text, toks)
    group = _main_group(toks, start)
    if group is None:
        return Stance("affirmed", "asserted", "", 0, 0)
    first, last = group
    reported = False
    head = _head_word(toks, first, last)
    after = toks[last + 1].low if last + 1 < len(toks) else ""
    # A reporting verb hands over to the clause it reports ("X said they will withdraw"), and
    # so does "it is clear/noteworthy that ...", whose "it" stands for the that-clause.
    hands_over = (head in _REPORTING_SET and not _announced_plan(text, toks, first)) or (
        after == "that" and first > 0 and toks[first - 1].low == "it"
    )
    if hands_over:
        inner = _main_group(toks, last + 1, reported=True)
        if inner is not None:
            first, last = inner
            reported = True
    return _classify(text, toks, first, last, reported)


def _announced_plan(text: str, toks: list[_Tok], first: int) -> bool:
    """ "have announced (their) plans to", "announced the decision": a decision, not speech."""
    return bool(_ANNOUNCED_PLAN.search(text, toks[first].start, toks[first].start + 60))


def _head_word(toks: list[_Tok], first: int, last: int) -> str:
    for k in range(last, first - 1, -1):
        w = toks[k].low
        if w not in _AUX_SET and w not in _ADV_SET and not _is_neg(w):
            return w
    return toks[last].low


def _is_neg(w: str) -> bool:
    return w in ("not", "never", "n't", "n’t")


def _main_group(toks: list[_Tok], start: int, reported: bool = False) -> tuple[int, int] | None:
    """Token span [first, last] of the first finite verb group at or after ``start``."""
    n = len(toks)
    k = start
    while k < n:
        if reported and toks[k].low in ("that", ",", ":", "“", '"', "‘"):
            k += 1
            continue
        prev = toks[k - 1].low if k else ""
        if toks[k].low == "," and k + 1 < n and toks[k + 1].low in ("a", "an", "the"):
            # An appositive (", a shortened version of its name,") holds no main verb.
            k += 2
            while k < n and toks[k].low not in (",", ";"):
                k += 1
            k += 1
            continue
        if _is_verb_start(toks, k) and prev not in _RELATIVE:
            return k, _group_end(toks, k)
        if prev in _RELATIVE and _is_verb_start(toks, k):
            # Skip a relative clause up to its next comma or the next auxiliary.
            k += 1
            while k < n and toks[k].low not in (",", ";") and toks[k].low not in _AUX_SET:
                k += 1
            continue
        k += 1
    return None


def _group_end(toks: list[_Tok], k: int) -> int:
    """Extend a verb group from an auxiliary over adverbs, negation, more auxiliaries and the
    one word that follows them (the lexical verb, or the predicate word after a copula)."""
    if toks[k].low not in _AUX_SET:
        return k
    n = len(toks)
    last = k
    j = k + 1
    while j < n:
        w = toks[j].low
        if w in _AUX_SET or w in _ADV_SET or _is_neg(w) or w in ("no", "longer", "yet"):
            last = j
            j += 1
            continue
        if (w.isalpha() or "-" in w) and not toks[j].cap and w not in _NOT_LEXICAL:
            last = j
        break
    return last


def _classify(text: str, toks: list[_Tok], first: int, last: int, reported: bool) -> Stance:
    cue_start, cue_end = toks[first].start, toks[last].end
    cue = text[cue_start:cue_end]
    # A little past the group: "have announced their plans to", "is not a signatory".
    window = text[cue_start : toks[min(last + 4, len(toks) - 1)].end]
    words = [t.low for t in toks[first : last + 1]]
    neg_window = text[max(0, cue_start - 12) : toks[min(last + 2, len(toks) - 1)].end]
    if _UNDECIDED.search(neg_window):
        return Stance("affirmed", "considered", cue, cue_start, cue_end)
    polarity = "affirmed"
    copula = words[0] in _COPULAS
    nxt = [t.low for t in toks[last + 1 : last + 3]]
    if any(_is_neg(w) for w in words) and not _NOT_NEGATION.search(text, cue_start, cue_end + 60):
        polarity = "negated"
    elif "no" in words or (nxt[:1] == ["no"] and (copula or words[0] in ("has", "have"))):
        polarity = "negated"  # "there are no plans", "has no intention"
    elif copula and any(
        w.startswith("non-") or (w.startswith("non") and len(w) > 8) for w in words[1:] + nxt
    ):
        polarity = "negated"  # "are notable non-signatories"
    head = _head_word(toks, first, last)

    def out(modality: str, future: bool = False) -> Stance:
        return Stance(polarity, modality, cue, cue_start, cue_end, future)

    if head in _REJECTED_SET and not _MEASURED_CHANGE.match(text, cue_end):
        return out("rejected")
    if _CONSIDER_PHRASE.search(window) or head in _CONSIDERED_SET:
        return out("considered")
    if _announced_plan(text, toks, first) or head in _PLANNED_SET:
        return out("planned", head in _FORECAST_HEADS and not _announced_plan(text, toks, first))
    if first > 0 and toks[first - 1].low in _PURPOSE_NOUNS and words[0] in _COPULAS:
        return out("considered")
    if reported and words[0] == "would":
        # Reported "would" is the future of the reported time, unless a condition follows:
        # "said it would be classed as marketing if parties telephoned people".
        if regex.search(r"\b(?:if|unless)\b", text[cue_end:]):
            return out("asserted")
        return out("planned", True)
    if _FUTURE.match(window):
        return out("planned", True)
    if _MODAL_MAYBE.match(window):
        return out("considered", True)
    aux, lexical = words[0], words[-1]
    perfect = aux in ("has", "have", "had", "'s", "’s", "'ve", "’ve") and len(words) > 1
    if perfect and (lexical.endswith(("ed", "en", "wn")) or lexical in _PAST_SET):
        return out("done")
    if aux in ("was", "were") and lexical.endswith("ed") and len(words) > 1:
        return out("done")  # passive past: "was ratified"
    simple_past = len(words) == 1 and (lexical in _PAST_SET or lexical.endswith("ed"))
    if simple_past and lexical not in _REPORTING_SET | _COPULAS and lexical != "seemed":
        return out("done")
    if aux == "did" and polarity == "negated":
        return out("done")  # "did not sign": a negated completed action
    return out("asserted")
