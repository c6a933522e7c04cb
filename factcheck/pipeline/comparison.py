"""Do two claims state the same thing, and do they agree or contradict each other?

``compare(left, right)`` receives two stored claims (text, parsed ``facts`` as documented in
extract.py, the context sentence(s) a pronoun subject points to) and returns ``None`` when they
are about different things, else a :class:`Comparison`: "agrees", "contradicts" or "related"
(same subject, different point), a confidence, a reason an editor can read, and the structured
:class:`Difference` values behind a contradiction.

How it decides, cheapest test first (candidate pairs come from a retrieval index, so most pairs
must be rejected after a few set operations; each claim is analysed once and cached):

1. **Subject gate.** Both claims become weighted bags of stemmed content words plus canonical
   actor names ("@poland"); words of the context count at a lower weight, so "As of last fall,
   it had over 160 parties." is about the convention its context names. Cosine similarity and
   the number of shared terms decide "unrelated" (``None``).
2. **Conflicts**, each only between facts that measure the same thing:

   * quantities are paired by what they count (equal counted nouns or the same class in
     data/count_nouns.json: nation/country/party/signatory/member are all "state"), by
     percentage *of what*, or by unit; and by the role the number plays in its sentence
     ("goal of 2%" is a target, "to 5%" a new level, "signed by 133 nations" a membership
     count). They must also be about the same thing: names in the number's clause ("the
     Oscar field", "in Erewash") occur in the other claim, a claim naming whose figure it is
     does not meet one naming nobody, and money, counts and bare percentages hang on the same
     word ("a $900m loan" is not "sued for $28bn"; "nominated for five" is not "won two").
     Numbers inside names ("the Six Nations") and ratios ("one in 10") are not counts. A pair
     conflicts when their intervals do not overlap (quantities.compatible);
   * participant lists: two or more countries (groups expanded: "the Baltic states and
     Poland") in subject position doing the same action; a list introduced by "including",
     "such as", "among them" is partial and only conflicts by naming someone the other
     complete list leaves out; a count ("four NATO members") conflicts with a complete list of
     another length;
   * status and polarity of the same action (stance.py): done / planned / considered /
     rejected, affirmed / negated;
   * the same unique role ("Lithuania's defense minister") held by different people, the same
     quotation attributed to different people, or quoted in different words;
   * the same event on dates whose resolved intervals do not overlap (names in the clause
     of each date must match: "the Cup in 2003" is not "the Cup Sevens in 1993").

   **Time.** A difference that belongs to different moments is not a contradiction; the pair
   is "related" with a reason that starts "Different time periods": a forecast ("expected",
   "could", "the 3% economists forecast") against a figure as it stands; figures dated to
   different periods; figures in articles published more than ``SAME_MOMENT_DAYS`` apart
   unless both date them to one shared period; a forecast status ("will win", "is due to",
   "may raise") against a report that it happened ("won"), unless both date it to one period;
   an action the later article reports done that the earlier one only planned or considered.
   Two forecasts that differ only in certainty ("could face", "will face") do not conflict.
   Quotations conflict in wording only when their matching runs cover most of the shorter one
   (``_QUOTE_COVERAGE``), so two statements sharing a stock phrase are not a misquote.

3. **Agreement**: no conflict, and the claims share their action and subject (or matching
   specific facts: numbers, dates, participants, a quote). Otherwise "related".

Confidence combines topical similarity with how specific the conflicting fact is (a counted
number outranks a modality difference). ``SAME_CLAIM_CONFIDENCE`` is the level from which an
"agrees" is the same proposition, for grouping.

Accepted limits: no parser and no model, so the main verb, subject position and the role of a
number are read from word order. Without publication dates (``published`` None) a figure that
changed between two articles (a weekly box office, a share price) still looks like a
contradiction; a minister replaced between two articles still does.
"""

from __future__ import annotations

import datetime
import difflib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import regex

from factcheck.pipeline.actors import expand_group, find_actors
from factcheck.pipeline.quantities import compatible
from factcheck.pipeline.stance import Stance, stance_of

__all__ = [
    "SAME_CLAIM_CONFIDENCE",
    "ClaimView",
    "Comparison",
    "Difference",
    "compare",
    "text_similarity",
]

DATA_DIR = Path(__file__).parent / "data"

# An "agrees" at or above this is the same proposition (grouping threshold).
SAME_CLAIM_CONFIDENCE = 0.7
# Below this cosine, two claims are about different things.
MIN_SIMILARITY = 0.12
# Weights of the terms of a claim: its own words, named actors, words of its context.
_W_WORD = 1.0
_W_ACTOR = 1.5
_W_CONTEXT = 0.4
_W_CONTEXT_ACTOR = 0.8


@dataclass(frozen=True, slots=True)
class ClaimView:
    """What comparison needs of a stored claim."""

    id: int
    source_id: int
    text: str
    facts: Mapping[str, Any]  # the JSON shape from extract.Facts.as_json()
    context: str = ""  # earlier sentence(s) the claim depends on, may be ""
    published: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class Difference:
    fact: str  # "quantity" | "actors" | "status" | "polarity" | "role" | "speaker"
    #            | "quote_wording" | "date"
    left: str  # the left claim's value as the editor should see it: "over 160 parties"
    right: str  # "133 nations"
    explanation: str  # one plain sentence: "133 is not more than 160."


@dataclass(frozen=True, slots=True)
class Comparison:
    relation: str  # "agrees" | "contradicts" | "related"
    confidence: float  # [0, 1]
    reason: str  # one or two plain-English sentences for the editor
    differences: tuple[Difference, ...]  # behind a contradiction; empty for agrees
    similarity: float  # topical similarity used


# --------------------------------------------------------------------------------------------
# Words


_STOP = frozenset(
    """a about above according across after afterwards again against ago all almost alone along
    already also although always am among amongst an and another any anyone anything are around
    as at back be became because become becomes been before being below beside besides between
    both but by can cannot could did do does doing done down due during each either else
    enough especially etc even ever every few for former formerly from further had has have
    having he her here hers herself him himself his how however i if in including inside into
    is it its itself just last latter least less like made many may me meanwhile might mine
    more moreover most mostly much must my myself namely neither never nevertheless next no
    nobody none nor not nothing now of off often on once one only onto or other others
    otherwise our ours ourselves out over own per perhaps please quite rather really said same
    say says saying see seem seemed seems several she should since so some something sometimes
    still such than that the their theirs them themselves then there thereby therefore these
    they this those though through throughout thus to together told too toward towards under
    until up upon us very via was we well were what whatever when whenever where whereas
    whether which while who whoever whole whom whose why will with within without would yet
    you your yours yourself mr mrs ms dr told tell tells added adds according including
    new year years month months week weeks day days time times today yesterday tomorrow
    monday tuesday wednesday thursday friday saturday sunday currently recently now
    two three four five six seven eight nine ten hundred thousand million billion percent
    per cent first second third make makes making get gets got go goes going went take takes
    took want wants come comes came put puts give gives gave use used uses using way ways
    lot lots thing things people part number include includes included told""".split()
)
# Reporting verbs say nothing about the action itself.
_GENERIC_ACTION = frozenset(
    "say tell add note stat claim report believ think argu assert insist explain stress "
    "emphasis emphasiz warn clarify statement".split()
)
# Subject words too common to make two subjects the same.
_GENERIC_SUBJECT = frozenset("country government official minister report statement".split())
_WORD = regex.compile(r"[\p{L}][\p{L}\p{M}'’-]*")
_QUOTE_SPAN = regex.compile(r"“([^”]{12,})”|\"([^\"]{12,})\"|‘([^’]{12,})’(?!\w)")
_SPELLING = {"defence": "defense", "offence": "offense", "licence": "license"}


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """A light stemmer: plural, -ed, -ing and a final -e go, doubled consonants are undone, so
    "announced", "announces" and "announcing" meet at "announc" and "planned" at "plan"."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if w.startswith("non-"):
        w = w[4:]  # "non-signatories" is about signing; the negation is the stance's business
    w = _SPELLING.get(w, w)
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


@cache
def _predicate_classes() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """stem -> class, and (first stem, particle) -> class for "pull out", "back out"."""
    data = json.loads((DATA_DIR / "predicate_classes.json").read_text(encoding="utf-8"))
    single: dict[str, str] = {}
    pairs: dict[tuple[str, str], str] = {}
    for name, words in data["classes"].items():
        for phrase in words:
            parts = phrase.split()
            if len(parts) == 2:
                pairs.setdefault((_stem(parts[0]), parts[1]), name)
            else:
                single.setdefault(_stem(phrase), name)
    return single, pairs


@cache
def _count_classes() -> dict[str, str]:
    data = json.loads((DATA_DIR / "count_nouns.json").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for name, nouns in data["classes"].items():
        for noun in nouns:
            out.setdefault(noun, name)
            out.setdefault(_stem(noun), name)
    return out


def _count_class(counted: str | None) -> str | None:
    if not counted:
        return None
    table = _count_classes()
    return table.get(counted) or table.get(_stem(counted)) or _stem(counted)


@dataclass(frozen=True, slots=True)
class _Term:
    stem: str  # the class name when the word belongs to a predicate class
    start: int
    end: int


def _terms(text: str) -> list[_Term]:
    """Content words of ``text`` as stems (predicate classes applied), in order."""
    single, pairs = _predicate_classes()
    out: list[_Term] = []
    matches = list(_WORD.finditer(text))
    for i, m in enumerate(matches):
        raw = m.group()
        low = raw.lower()
        if low in _STOP or len(low) < 2:
            continue
        stem = _stem(low)
        if i + 1 < len(matches):
            particle = matches[i + 1].group().lower()
            if (stem, particle) in pairs:
                out.append(_Term(pairs[stem, particle], m.start(), matches[i + 1].end()))
                continue
        if stem in _STOP:
            continue
        out.append(_Term(single.get(stem, stem), m.start(), m.end()))
    return out


# --------------------------------------------------------------------------------------------
# One claim, analysed once


@dataclass(slots=True)
class _Quantity:
    q: Any  # SimpleNamespace with the Quantity fields (what compatible() reads)
    key: tuple[str, ...]
    frame: str  # "level" | "goal" | "new_level" | "change" | "membership" | "benchmark"
    local: frozenset[str]  # stems around the number: its predicate
    shown: str  # "over 160 parties"
    start: int
    conversion: bool = False  # "(£691m)" after "$1.3bn": a converted repeat
    forecast: bool = False  # "growth expected", "the 3% economists had forecast"
    heads: frozenset[str] = frozenset()  # the words the number hangs on: "loan", "sued"
    qualifiers: frozenset[str] = frozenset()  # names in its clause: "Oscar", "Erewash"


@dataclass(slots=True)
class _Date:
    low: datetime.date
    high: datetime.date
    relation: str  # "at" | "since" | "until" | "after"
    text: str
    qualifiers: frozenset[str] = frozenset()  # names in its clause: "World Cup Sevens"


@dataclass(slots=True)
class _Analysis:
    weights: dict[str, float]
    names: dict[str, str]  # "@poland" -> "Poland", "shell" -> "shells": for reasons
    norm: float
    own: frozenset[str]
    actor_names: frozenset[str]  # canonical names named in the claim itself
    context_actor_names: frozenset[str]
    anchors: frozenset[str]  # laws and organisations, incl. the context's (for membership)
    stance: Stance
    action: frozenset[str]  # the predicate: head verb (class) and the verb it governs
    objects: frozenset[str]  # terms right after the verb group: what the action is about
    action_text: str  # "have announced their plans to withdraw"
    subject: frozenset[str]  # stems and actor names before the main verb
    subject_actors: frozenset[str]  # actor names before the main verb (context for "they")
    participants: frozenset[str]  # countries doing the action (groups expanded)
    participants_text: str
    partial: bool
    subject_count: _Quantity | None  # "four NATO members" in subject position
    quantities: list[_Quantity]
    dates: list[_Date]
    date_texts: frozenset[str]  # every date mention, resolved or not, lowercased
    roles: list[tuple[tuple[str, str], str, str]]  # ((country, office), person, role text)
    quotes: list[tuple[str, list[str]]]  # (quote text, word tokens)
    speaker: str | None  # a named person who said it
    owners: frozenset[str]  # names the claim and its context mention, its speaker excepted
    mentions: _Mentions  # every name and word of claim and context, to test qualifiers
    object_names: frozenset[str]  # qualifiers after the main verb: "to Stade de France"
    all_names: frozenset[str]  # every name of claim and context, capitalised words included


_CACHE: dict[tuple[int, int, str, str, Any], _Analysis] = {}
_CACHE_LIMIT = 200_000


def _analysis(view: ClaimView) -> _Analysis:
    key = (view.id, view.source_id, view.text, view.context, view.published)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        found = _CACHE[key] = _analyse(view)
    return found


def _analyse(view: ClaimView) -> _Analysis:
    text = view.text
    facts = view.facts or {}
    actors = [a for a in facts.get("actors") or () if a.get("name")]
    terms = _terms(text)
    weights: dict[str, float] = {}
    surface: dict[str, str] = {}
    spans = [(a["start"], a["end"]) for a in actors]
    for t in terms:
        weights[t.stem] = _W_WORD
        if not any(s <= t.start < e for s, e in spans):
            surface.setdefault(t.stem, text[t.start : t.end])
    actor_names = frozenset(a["name"] for a in actors if a.get("kind") != "unknown")
    names: dict[str, str] = dict(surface)
    for a in actors:
        weights["@" + a["name"].lower()] = _W_ACTOR
        names["@" + a["name"].lower()] = a["name"]
    context_actor_names: frozenset[str] = frozenset()
    if view.context:
        for t in _terms(view.context):
            weights.setdefault(t.stem, _W_CONTEXT)
        ctx_actors = [(n, k) for n, k in _context_actors(view.context) if k != "unknown"]
        context_actor_names = frozenset(name for name, _ in ctx_actors)
        for name, _ in ctx_actors:
            weights.setdefault("@" + name.lower(), _W_CONTEXT_ACTOR)
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    own = frozenset(t.stem for t in terms) | frozenset("@" + a["name"].lower() for a in actors)
    anchors = frozenset(
        a["name"] for a in actors if a.get("kind") in ("law", "organisation")
    ) | frozenset(
        name for name, kind in _context_actors(view.context) if kind in ("law", "organisation")
    )

    stance = stance_of(text)
    cue_start = stance.cue_start if stance.cue else len(text)
    plain = [t for t in terms if not any(s <= t.start < e for s, e in spans)]
    subject = frozenset(t.stem for t in terms if t.end <= cue_start) | frozenset(
        a["name"] for a in actors if a["end"] <= cue_start
    )
    subject_actors = frozenset(
        a["name"]
        for a in actors
        if a["end"] <= cue_start
        and (a["text"] == a["name"] or not _DEMONYM_MODIFIER.match(text, a["end"]))
    )
    if _needs_context_subject(text, cue_start):
        subject = subject | context_actor_names
        subject_actors = subject_actors | context_actor_names
    participants, participants_text, partial = _participants(text, actors, cue_start)
    attribution = facts.get("attribution") or {}
    speaker_span = (attribution.get("speaker_start"), attribution.get("speaker_end"))
    if speaker_span[0] is None or speaker_span[1] is None:
        speaker_span = (-1, -1)
    namer = _Namer(text, actors, speaker_span)
    quantities = _quantities(text, facts.get("quantities") or (), plain, namer)
    subject_count = next(
        (
            q
            for q in quantities
            if q.key == ("count", "state")
            and q.start < cue_start
            and q.q.qualifier == "exact"
            and 2 <= q.q.value <= 30
        ),
        None,
    )
    return _Analysis(
        weights=weights,
        names=names,
        norm=norm,
        own=own,
        actor_names=actor_names,
        context_actor_names=context_actor_names,
        anchors=anchors,
        stance=stance,
        action=_predicate(text, stance, plain),
        objects=frozenset(t.stem for t in [t for t in terms if t.start >= stance.cue_end][:7])
        if stance.cue
        else frozenset(),
        action_text=_action_text(text, stance),
        subject=subject,
        subject_actors=subject_actors,
        participants=participants,
        participants_text=participants_text,
        partial=partial,
        subject_count=subject_count,
        quantities=quantities,
        dates=_dates(text, facts.get("dates") or (), namer),
        date_texts=frozenset(
            (d.get("text") or "").lower()
            for d in facts.get("dates") or ()
            if d.get("kind") != "time"
        ),
        roles=_roles(facts),
        quotes=_quotes(text, facts.get("attribution")),
        speaker=_speaker(facts, actors),
        owners=frozenset(
            a["name"].lower()
            for a in actors
            if not speaker_span[0] <= a["start"] < max(speaker_span[1], speaker_span[0] + 1)
        )
        | frozenset(name.lower() for name, _ in _context_actors(view.context)),
        mentions=_mentions(text, view.context, actors),
        object_names=namer.names(stance.cue_end, len(text)) if stance.cue else frozenset(),
        all_names=namer.names(0, len(text))
        | frozenset(a["name"].lower() for a in actors)  # the speaker too: "TimeWarner said"
        | frozenset(name.lower() for name, _ in _context_actors(view.context)),
    )


@lru_cache(maxsize=20_000)
def _context_actors(context: str) -> tuple[tuple[str, str], ...]:
    """(name, kind) of every actor of the context, unknown kinds included."""
    if not context:
        return ()
    return tuple((a.name, a.kind) for a in find_actors(context[-600:]))


# --- names that qualify a fact --------------------------------------------------------------
#
# "leads the Oscar field with 11 nominations" and "leads the field with 14 nominations" count
# different things, as do "won 31% of the vote in Erewash" and "16.1% of the vote": a name in
# the clause of a number or date narrows what it measures, so the other claim must mention
# that name too before the two can conflict.

_CLAUSE_BOUNDARY = regex.compile(
    r",(?=\s)|[;:()—–]|\s-\s|\b(?:while|but|whereas|although|though)\b", regex.IGNORECASE
)
_POSSESSIVE = regex.compile(r"['’]s\b")
_CAP_WORD = regex.compile(r"\b\p{Lu}[\p{L}\p{M}\d&-]*")
_CALENDAR = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday christmas easter gmt bst utc""".split()
)


class _Namer:
    """Names (actors and other capitalised words) in a stretch of one claim, its speaker
    excepted: who says a figure is its source, not what it measures."""

    __slots__ = ("actors", "speaker", "text")

    def __init__(
        self, text: str, actors: Sequence[Mapping[str, Any]], speaker: tuple[int, int]
    ) -> None:
        self.text = text
        self.actors = actors
        self.speaker = speaker

    def clause(self, start: int, end: int) -> tuple[int, int]:
        lo = 0
        for m in _CLAUSE_BOUNDARY.finditer(self.text, 0, start):
            lo = m.end()
        m = _CLAUSE_BOUNDARY.search(self.text, end)
        return lo, (m.start() if m else len(self.text))

    def names(self, lo: int, hi: int) -> frozenset[str]:
        out: set[str] = set()
        covered = []
        s0, s1 = self.speaker
        for a in self.actors:
            if a["start"] >= lo and a["end"] <= hi:
                covered.append((a["start"], a["end"]))
                if not (s0 <= a["start"] < s1):
                    out.add(a["name"].lower())
        opening = len(self.text) - len(self.text.lstrip(" \"“‘'("))
        for m in _CAP_WORD.finditer(self.text, lo, hi):
            if s0 <= m.start() < s1:
                continue
            if m.start() <= opening and not _POSSESSIVE.match(self.text, m.end()):
                continue  # the sentence's first word is capitalised anyway; "Cairn's" is a name
            if any(s <= m.start() < e for s, e in covered):
                continue
            word = m.group().lower().removesuffix("'s").removesuffix("’s")
            if len(word) < 2 or word in _STOP or word in _CALENDAR or _stem(word) in _STOP:
                continue
            out.add(word)
        return frozenset(out)

    def around(self, start: int, end: int) -> frozenset[str]:
        return self.names(*self.clause(start, end))


@dataclass(slots=True)
class _Mentions:
    """Everything a claim and its context name, to test whether a qualifier is shared."""

    names: frozenset[str]  # canonical actor names, lowercased
    words: frozenset[str]  # lowercased words and their stems
    text: str  # lowercased claim and context, for names of several words

    def has(self, name: str) -> bool:
        if name in self.names or name in self.words or _stem(name) in self.words:
            return True
        if " " in name:
            # "Rugby World Cup" is in "Rugby World Cup Sevens"; "Dallaglio" names
            # "Lawrence Dallaglio".
            return name in self.text or name.rsplit(" ", 1)[1] in self.words
        return False


def _mentions(text: str, context: str, actors: Sequence[Mapping[str, Any]]) -> _Mentions:
    both = f"{text} {context}".lower().replace("’", "'")
    words = {w.removesuffix("'s") for w in _WORD.findall(both)}
    words |= {_stem(w) for w in words}
    names = {a["name"].lower() for a in actors}
    names |= {name.lower() for name, _ in _context_actors(context)}
    return _Mentions(frozenset(names), frozenset(words), both)


def _unshared(names: frozenset[str], other: _Mentions) -> list[str]:
    return [n for n in names if not other.has(n)]


# "French actress Audrey Tautou": a demonym before a noun describes, it is not the subject.
_DEMONYM_MODIFIER = regex.compile(r"\s+\p{Ll}")
_PRONOUN_START = regex.compile(
    r"^[\s\"“‘(]*(?:(?:and|but|so|also|however),?\s+)*(?:he|she|it|they|this|these|those|its|"
    r"their|the\s+(?:\w+\s+){0,2}?(?:move|decision|countries|nations|states|members|group|"
    r"convention|treaty|agreement|ministers|government|company))\b",
    regex.IGNORECASE,
)


def _needs_context_subject(text: str, cue_start: int) -> bool:
    return bool(_PRONOUN_START.match(text[:cue_start]))


_COPULA_WORDS = frozenset("is are was were be been being am remain remains remained".split())
_STANCE_AUX = frozenset(
    """is are was were be been being am has have had will would could can may might should must
    shall do does did not never n't no longer yet also already now still just currently""".split()
)
# Verbs whose meaning lies in the verb they govern: "plans to withdraw", "urged leaving".
_LINK_VERBS = frozenset(
    _stem(w)
    for w in """plan plans announce announced urge urging recommend proposed propose consider
    considering want wants seek seeking decide decided agree agreed look looking call calling
    endorse endorsed intend intends threaten threatened vow vowed pledge pledged aim aims
    prepare preparing move moved begin began start started continue continued try tried
    refuse refused reject rejected deny denied hope hoped expect expected push pushing
    contemplate contemplating mull weigh weighing explore exploring reconsider set due
    going""".split()
)
# The governed verb comes within a few words: "plans to withdraw", "their plans to leave",
# "recommend withdrawing".
_COMPLEMENT = regex.compile(r"^\s*(?:\S+\s+){0,3}?(?:to\s+(\p{L}[\p{L}-]*)|(\p{L}[\p{L}-]*ing)\b)")


def _predicate(text: str, stance: Stance, plain: Sequence[_Term]) -> frozenset[str]:
    """What the main verb says is done: its head (as a predicate class), plus the verb it
    governs ("announced plans to withdraw" -> announce, withdraw); after a copula, the
    predicate words ("are not signatories" -> sign)."""
    if not stance.cue:
        return frozenset()
    words = stance.cue.split()
    heads = [w for w in words if w.lower() not in _STANCE_AUX]
    after = [t for t in plain if t.start >= stance.cue_end]
    if not heads or heads[-1].lower() in _COPULA_WORDS:
        return frozenset(t.stem for t in after[:2])
    if words[0].lower() in _COPULA_WORDS and not heads[-1].lower().endswith(("ed", "ing", "en")):
        # "are notable non-signatories": the predicate is the words after the copula.
        return frozenset(t.stem for t in _terms(heads[-1])) | frozenset(t.stem for t in after[:2])
    head_start = stance.cue_start + stance.cue.rfind(heads[-1])
    head_terms = _terms(text[head_start : head_start + 40])
    if not head_terms:
        return frozenset()
    out = {head_terms[0].stem}
    particle = regex.match(
        r"\s+(for|on|off|up|at|into|over)\b", text[head_start + len(heads[-1]) :]
    )
    if particle and head_terms[0].end == len(heads[-1]):  # offsets are relative to head_start
        # "called for" (a demand) is not "called" (named); "look at" is not "look".
        out = {f"{head_terms[0].stem}_{particle.group(1)}"}
    if _stem(heads[-1]) in _LINK_VERBS or head_terms[0].stem in _LINK_VERBS:
        window = text[stance.cue_end : stance.cue_end + 60]
        m = _COMPLEMENT.search(window)
        if m:
            verb_start = m.start(1) if m.group(1) else m.start(2)
            out.update(t.stem for t in _terms(window[verb_start : verb_start + 40])[:1])
    return frozenset(out)


_CLAUSE_END = regex.compile(r",(?=\s)|[;:!?—–(]|\.(?=\s|$)")


def _action_text(text: str, stance: Stance) -> str:
    """The verb group and the words it governs, up to the clause end: "are urging their
    governments to withdraw from the Ottawa Treaty" (at most 12 words)."""
    if not stance.cue:
        return ""
    tail = text[stance.cue_end :]
    m = _CLAUSE_END.search(tail)
    tail = tail[: m.start()] if m else tail
    words = tail.split()[:10]
    return " ".join([stance.cue, *words]).strip()


# --- participants ---------------------------------------------------------------------------

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


def _participants(
    text: str, actors: Sequence[Mapping[str, Any]], cue_start: int
) -> tuple[frozenset[str], str, bool]:
    """Countries listed as the subject of the main verb, groups expanded; their text; partial?"""
    runs: list[list[Mapping[str, Any]]] = []
    for a in actors:
        if a.get("kind") not in ("country", "group") or a["end"] > cue_start:
            continue
        if runs and _LIST_GAP.match(text[runs[-1][-1]["end"] : a["start"]]):
            runs[-1].append(a)
        else:
            runs.append([a])
    best: list[Mapping[str, Any]] = []
    for run in runs:
        members = _run_members(run)
        if len(members) < 2:
            continue
        # The verb must follow the list closely: "X, Y and Z have announced".
        between = text[run[-1]["end"] : cue_start]
        if len(between) > 40 or regex.search(r"[;:]|\b(?:which|who|that)\b", between):
            continue
        before = text[: run[0]["start"]]
        if _OBJECT_BEFORE.search(before[-40:]):
            continue
        if run[0].get("via_demonym") or any(
            a.get("kind") == "group" and regex.match(r"\s*(?:members|allies)\b", text[a["end"] :])
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
    start, end = best[0]["start"], best[-1]["end"]
    before = text[max(0, start - 40) : start]
    partial = bool(_PARTIAL_BEFORE.search(before) or _PARTIAL_AFTER.match(text[end:]))
    return frozenset(members), text[start:end], partial


def _run_members(run: Sequence[Mapping[str, Any]]) -> list[str]:
    out: list[str] = []
    for a in run:
        if a.get("kind") == "group":
            members = tuple(a.get("members") or ()) or expand_group(a["name"])
            if not members or len(members) > _MAX_GROUP_AS_LIST:
                return []
            out.extend(members)
        else:
            out.append(a["name"])
    return list(dict.fromkeys(out))


# --- quantities -----------------------------------------------------------------------------

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
    _stem(w)
    for w in """just nearly roughly approximately some almost around least only record total
    further additional extra another mere whopping staggering estimated reported respectable
    healthy modest annual annualised annualized overall combined""".split()
)
_NEXT_WORD = regex.compile(r"\s*([\p{L}]+)")
# "One in 10 adult Americans": a ratio, not a count of ten.
_RATIO_BEFORE = regex.compile(r"\b(?:one|\d+)\s+(?:in|out\s+of)\s+$", regex.IGNORECASE)


def _heads(text: str, start: int, end: int, plain: Sequence[_Term]) -> frozenset[str]:
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


def _quantities(
    text: str, raw: Sequence[Mapping[str, Any]], plain: Sequence[_Term], namer: _Namer
) -> list[_Quantity]:
    out: list[_Quantity] = []
    for d in raw:
        if d.get("value") is None:
            continue
        start, end = d["start"], d["end"]
        after = _NEXT_WORD.match(text, end)
        if (
            d.get("counted")
            and after
            and after.group(1)[0].isupper()
            and _stem(after.group(1).lower()) == _stem(d["counted"].split()[-1])
        ):
            continue  # "the Six Nations", "the Five Nations": a number inside a name
        if _RATIO_BEFORE.search(text[max(0, start - 12) : start]):
            continue
        if d["value"] == 1 and not any(ch.isdigit() for ch in d.get("text") or ""):
            continue  # "one dollar bought 102 yen", "a million-pound home": not an amount
        q = SimpleNamespace(
            low=d.get("low"),
            high=d.get("high"),
            low_inclusive=bool(d.get("low_inclusive")),
            high_inclusive=bool(d.get("high_inclusive")),
            unit=d.get("unit"),
            per=d.get("per"),
            is_percentage=bool(d.get("is_percentage")),
            value=d["value"],
            qualifier=d.get("qualifier") or "exact",
            text=d.get("text") or "",
            counted=d.get("counted"),
        )
        if d.get("is_percentage"):
            key: tuple[str, ...] = ("pct", _stem(d["of_what"]) if d.get("of_what") else "")
        elif d.get("unit"):
            key = ("unit", d["unit"], d.get("per") or "")
        elif d.get("counted"):
            if d["value"] == 1 and d.get("qualifier") in (None, "exact"):
                continue  # "one pupil asked": an individual, not a count
            key = ("count", _count_class(d["counted"]) or "")
        else:
            continue
        before = text[max(0, start - 60) : start]
        noun_end = _noun_end(text, end, d.get("counted"), d.get("of_what"))
        if d.get("counted") in _MEMBERSHIP_NOUNS and _MEMBERSHIP_BEFORE.search(before[-30:]):
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
            _Quantity(
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
    stem = _stem(target.split()[-1])[:4]
    pos = 0
    for m in _WORD.finditer(window):
        if m.start() > 45:
            break
        if _stem(m.group())[:4] == stem or m.group().lower().startswith(stem):
            pos = m.end()
            break
    return end + pos


# --- dates ----------------------------------------------------------------------------------

_DATE_RELATION = {
    None: "at",
    "in": "at",
    "on": "at",
    "at": "at",
    "during": "at",
    "of": "at",
    "since": "since",
    "from": "since",
    "until": "until",
    "till": "until",
    "by": "until",
    "before": "until",
    "after": "after",
}


def _dates(text: str, raw: Sequence[Mapping[str, Any]], namer: _Namer) -> list[_Date]:
    out: list[_Date] = []
    for d in raw:
        if not d.get("earliest") or not d.get("latest") or d.get("kind") == "time":
            continue
        if regex.match(r"\s+(?:\p{Lu}|'s|’s)", text[d["end"] : d["end"] + 3]):
            continue  # "the 1997 Ottawa Treaty", "2023's": part of a name, not an event date
        relation = _DATE_RELATION.get(d.get("qualifier"), "other")
        low = datetime.date.fromisoformat(d["earliest"])
        high = datetime.date.fromisoformat(d["latest"])
        if d.get("relative") and d.get("granularity") in ("day", "time"):
            # "today" and "on Tuesday" hang on a publication date that time zones and late
            # edits make uncertain by a day.
            low -= datetime.timedelta(days=1)
            high += datetime.timedelta(days=1)
        qualifiers = namer.around(d["start"], d["end"])
        out.append(_Date(low, high, relation, d.get("text") or "", qualifiers))
    return out


# --- roles, speakers, quotes ----------------------------------------------------------------

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
def _role_key(role: str) -> tuple[str, str] | None:
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


def _roles(facts: Mapping[str, Any]) -> list[tuple[tuple[str, str], str, str]]:
    out = []
    for a in facts.get("actors") or ():
        if a.get("kind") == "person" and a.get("role"):
            key = _role_key(a["role"])
            if key:
                out.append((key, a["name"], a["role"]))
    return out


def _speaker(facts: Mapping[str, Any], actors: Sequence[Mapping[str, Any]]) -> str | None:
    attribution = facts.get("attribution") or {}
    speaker = attribution.get("speaker")
    if not speaker:
        return None
    for a in actors:
        if a.get("kind") == "person" and (a["text"] in speaker or a["name"] in speaker):
            last = a["name"].split()[-1].lower()
            if last.endswith("s") and last[:-1] in _PLURAL_ROLE_STEMS:
                return None  # "the Law Lords": a body, whose members may say the same
            return a["name"]
    return None


_PLURAL_ROLE_STEMS = frozenset(
    "lord minister official judge mp leader member senator governor justice".split()
)


_QWORD = regex.compile(r"[\p{L}\p{M}\d]+(?:['’][\p{L}]+)?")


def _quotes(text: str, attribution: Mapping[str, Any] | None) -> list[tuple[str, list[str]]]:
    found: list[str] = []
    for m in _QUOTE_SPAN.finditer(text):
        found.append(next(g for g in m.groups() if g))
    quote = (attribution or {}).get("quote")
    if quote and not found and not regex.search(r"[“”\"]", quote):
        found.append(quote)
    out = []
    for q in found:
        # "[the four nations]" is the reporter's insertion, not the speaker's words.
        words = [w.lower() for w in _QWORD.findall(regex.sub(r"\[[^\]]*\]|\([^)]*\)", " ", q))]
        if len(words) >= 5:
            out.append((q, words))
    return out


# --------------------------------------------------------------------------------------------
# Public API


def text_similarity(left: ClaimView, right: ClaimView) -> float:
    """Cosine of the weighted term bags (content stems, actor names, context at low weight)."""
    return _similarity(_analysis(left), _analysis(right))


def _similarity(a: _Analysis, b: _Analysis) -> float:
    small, large = (
        (a.weights, b.weights) if len(a.weights) <= len(b.weights) else (b.weights, a.weights)
    )
    dot = 0.0
    for term, w in small.items():
        other = large.get(term)
        if other is not None:
            dot += w * other
    return dot / (a.norm * b.norm)


def compare(left: ClaimView, right: ClaimView) -> Comparison | None:
    """Agreement, contradiction or mere relatedness of two claims; None when unrelated."""
    a, b = _analysis(left), _analysis(right)
    sim = _similarity(a, b)
    role_diffs = _role_differences(a, b)
    shared_own = len(a.own & b.own)
    shared_all = a.weights.keys() & b.weights.keys()
    when = _Timing(left.published, right.published, a, b)
    if sim < MIN_SIMILARITY or (shared_own < 2 and len(shared_all) < 3):
        # Short claims ("it had over 160 parties") share few words with a long one about the
        # same treaty; a membership count of a named treaty or body is specific enough.
        members = _membership_differences(a, b, when) if a.anchors & b.anchors else []
        if role_diffs or members:
            return _contradiction(role_diffs + members, sim, 0.5)
        if when.notes:
            return _time_related(when, sim)
        return None
    same_action = _same_action(a, b)
    same_subject = _same_subject(a, b, sim)
    diffs: list[tuple[Difference, float]] = list(role_diffs)
    matched: list[str] = []

    quote_pair = _matching_quotes(a, b)
    if quote_pair is not None:
        diffs.extend(_quote_differences(a, b, *quote_pair))
        matched.append("quote")
    diffs.extend(_quantity_differences(a, b, sim, matched, same_subject, when))
    if same_action:
        diffs.extend(_actor_differences(a, b, matched))
    same_object = bool((a.objects & b.objects) - a.action - b.action - _GENERIC_ACTION)
    if same_action and same_subject and same_object:
        status = _stance_differences(a, b, sim, when)
        diffs.extend(status)
        if not status and not when.notes:  # a proposal and a decision: two events, two dates
            diffs.extend(_date_differences(a, b, sim, matched, when))
    if diffs:
        return _contradiction(diffs, sim, 1.0 if same_action and same_subject else 0.6)
    if when.notes:
        # What would have conflicted belongs to different moments: both may be right.
        return _time_related(when, sim)

    if not when.apart and (
        (same_action and same_subject and (sim >= 0.3 or matched))
        or ("quote" in matched and sim >= 0.2)
        # Nearly the same words, specific facts that match and nothing that conflicts (word
        # order may hide the shared verb: "treated 300 and hired 12" / "hired 12 and treated").
        or (sim >= 0.6 and matched and same_subject)
        or (sim >= 0.8 and not (a.stance.cue and b.stance.cue))
    ):
        return _agreement(left, right, a, b, sim, matched, same_action)
    return Comparison(
        relation="related",
        confidence=round(min(0.9, sim), 3),
        reason=_related_reason(a, b),
        differences=(),
        similarity=round(sim, 4),
    )


def _time_related(when: _Timing, sim: float) -> Comparison:
    return Comparison(
        relation="related",
        confidence=round(min(0.9, sim), 3),
        reason=when.notes[0],
        differences=(),
        similarity=round(sim, 4),
    )


# --------------------------------------------------------------------------------------------
# Time: two statements written at different moments may both be right

# Articles published this many days apart or less report the same moment: coverage of one
# event lands within a day, and time zones shift a date by one.
SAME_MOMENT_DAYS = 1


class _Timing:
    """When the two claims were written and what they date, and the conflicts that turned out
    to belong to different moments (``notes``: reasons for the editor) or to different
    things (``apart``)."""

    __slots__ = ("a", "apart", "b", "gap", "left", "notes", "right")

    def __init__(
        self,
        left: datetime.date | None,
        right: datetime.date | None,
        a: _Analysis,
        b: _Analysis,
    ) -> None:
        self.left, self.right, self.a, self.b = left, right, a, b
        self.gap: int | None = None  # days from the left article to the right one
        if left is not None and right is not None:
            days = (right - left).days
            self.gap = days if abs(days) > SAME_MOMENT_DAYS else None
        self.notes: list[str] = []
        # A fact that would have conflicted turned out to be about something else ("the
        # Oscar field" / "the field"): the claims are related, never the same claim.
        self.apart = False

    def same_period(self) -> bool:
        """Both claims date what they say, to the same period ("in 2004", "in September")."""
        a, b = self.a, self.b
        if not a.date_texts or not b.date_texts:
            return False
        if a.date_texts & b.date_texts:
            return True
        return any(
            abs((da.low - db.low).days) <= 3 and abs((da.high - db.high).days) <= 3
            for da in a.dates
            for db in b.dates
        )

    def periods_differ(self) -> bool:
        return bool(self.a.date_texts and self.b.date_texts) and not self.same_period()

    def published(self) -> str:
        left, right = self.left, self.right
        return f"published {left} and {right}"


# --------------------------------------------------------------------------------------------
# Same action, same subject


def _same_action(a: _Analysis, b: _Analysis) -> bool:
    if not a.stance.cue or not b.stance.cue:
        return False
    return bool((a.action & b.action) - _GENERIC_ACTION)


def _same_subject(a: _Analysis, b: _Analysis, sim: float) -> bool:
    if a.participants and b.participants and a.participants & b.participants:
        return True
    # "Multiple Eastern European countries" may stand for a list of countries.
    if (a.participants and "country" in b.subject) or (b.participants and "country" in a.subject):
        return True
    named_a = a.subject_actors | a.participants
    named_b = b.subject_actors | b.participants
    if named_a and named_b:
        # Two named subjects must share a name: "Phoenix Torrents" is not "suprnova.org".
        return bool(named_a & named_b)
    shared = (a.subject & b.subject) - _GENERIC_SUBJECT
    if len(shared) >= 2 or (shared and sim >= 0.5):
        return True
    # A pronoun subject ("it", "they") stands for actors of the context.
    return bool(
        (a.context_actor_names & (b.actor_names | b.context_actor_names))
        and (b.context_actor_names & a.actor_names or a.context_actor_names & b.actor_names)
    )


# --------------------------------------------------------------------------------------------
# Quantities


def _quantity_differences(
    a: _Analysis,
    b: _Analysis,
    sim: float,
    matched: list[str],
    same_subject: bool,
    when: _Timing,
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
        if _different_moments(lq, rq, when, membership):
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


def _same_owner(a: _Analysis, b: _Analysis, lq: _Quantity, rq: _Quantity) -> bool:
    """Do the two figures belong to the same named thing? A name that qualifies one figure
    ("the Oscar field", "in Erewash") must occur in the other claim; a claim that names whose
    figure it gives ("TimeWarner said sales rose 2%") does not meet one that names nobody
    ("Sales rose 2.8%"); and money or counts must hang on the same word ("a $900m loan" is not
    "sued for $28bn", "nominated for five prizes" is not "won two prizes")."""
    if _unshared(lq.qualifiers, b.mentions) or _unshared(rq.qualifiers, a.mentions):
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


def _different_moments(lq: _Quantity, rq: _Quantity, when: _Timing, membership: bool) -> bool:
    """Do the two figures belong to different moments? Notes the reason when they do."""
    shown_l, shown_r = lq.shown or lq.q.text, rq.shown or rq.q.text
    if lq.forecast != rq.forecast:
        forecast, actual = (shown_l, shown_r) if lq.forecast else (shown_r, shown_l)
        side, other = ("A", "B") if lq.forecast else ("B", "A")
        when.notes.append(
            f"Different time periods: source {side} gives a forecast or estimate ({forecast}), "
            f"source {other} a figure as it stands ({actual}); both may be right."
        )
        return True
    if not membership and when.periods_differ():
        da = min(when.a.date_texts)
        db = min(when.b.date_texts)
        when.notes.append(
            f"Different time periods: source A gives {shown_l} for “{da}”, source B gives "
            f"{shown_r} for “{db}”."
        )
        return True
    if when.gap is not None and not when.same_period():
        when.notes.append(
            f"Different time periods: source A gives {shown_l}, source B {shown_r}, in articles "
            f"{when.published()}; neither ties its figure to a date the other shares, so the "
            f"figure may have changed in between."
        )
        return True
    return False


def _membership_differences(
    a: _Analysis, b: _Analysis, when: _Timing
) -> list[tuple[Difference, float]]:
    left = [q for q in a.quantities if q.frame == "membership"]
    right = [q for q in b.quantities if q.frame == "membership"]
    if len(left) != 1 or len(right) != 1 or left[0].key != right[0].key:
        return []
    lq, rq = left[0], right[0]
    if compatible(lq.q, rq.q, rel_tol=0.005) or _different_moments(lq, rq, when, True):
        return []
    return [(Difference("quantity", lq.shown, rq.shown, _explain_numbers(lq, rq)), 0.8)]


def _same_measured_thing(
    a: _Analysis, b: _Analysis, lq: _Quantity, rq: _Quantity, sim: float
) -> float:
    """How sure are we that the two numbers measure one thing? 0 = not at all."""
    if lq.frame == "membership":
        # Members of what: a treaty or organisation both claims (or their contexts) name.
        return 1.0 if a.anchors & b.anchors else 0.0
    local = (lq.local & rq.local) - _GENERIC_ACTION
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


def _explain_numbers(lq: _Quantity, rq: _Quantity) -> str:
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


# --------------------------------------------------------------------------------------------
# Actors


def _fmt_list(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _ordered(names: frozenset[str], text_order: str) -> list[str]:
    return sorted(names, key=lambda n: (text_order.find(n) if n in text_order else 10_000, n))


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


def _actor_differences(
    a: _Analysis, b: _Analysis, matched: list[str]
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
        la = _ordered(a.participants, a.participants_text)
        lb = _ordered(b.participants, b.participants_text)
        if extra_a and not extra_b:
            text = (
                f"Source A includes {_fmt_list(_ordered(extra_a, a.participants_text))}; "
                f"source B lists only {_fmt_list(lb)}."
            )
        elif extra_b and not extra_a:
            text = (
                f"Source B includes {_fmt_list(_ordered(extra_b, b.participants_text))}; "
                f"source A lists only {_fmt_list(la)}."
            )
        else:
            text = (
                f"Source A names {_fmt_list(_ordered(extra_a, a.participants_text))}, "
                f"source B names {_fmt_list(_ordered(extra_b, b.participants_text))} instead."
            )
        out.append((Difference("actors", _fmt_list(la), _fmt_list(lb), text), 0.8))
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
        names = _fmt_list(_ordered(listed.participants, listed.participants_text))
        say = q.shown or q.q.text
        count_side, list_side = ("A", "B") if left_is_count else ("B", "A")
        text = (
            f"Source {count_side} says {say}; source {list_side} names "
            f"{_NUMBER_WORDS.get(m, str(m))}: {names}."
        )
        left, right = (say, names) if left_is_count else (names, say)
        out.append((Difference("actors", left, right, text), 0.6))
    return out


# --------------------------------------------------------------------------------------------
# Status and polarity

_MODALITY_WORDS = {
    "done": "has already happened",
    "planned": "is decided or announced but not yet carried out",
    "considered": "is only proposed, urged or under consideration",
    "rejected": "was rejected",
}
# How strongly two modalities conflict (symmetric); missing pairs do not conflict.
_MODALITY_CONFLICT = {
    frozenset({"done", "considered"}): 0.75,
    frozenset({"done", "rejected"}): 0.8,
    frozenset({"planned", "considered"}): 0.65,
    frozenset({"planned", "rejected"}): 0.8,
    frozenset({"considered", "rejected"}): 0.7,
    frozenset({"done", "planned"}): 0.5,  # may simply be an older report
}


def _stance_differences(
    a: _Analysis, b: _Analysis, sim: float, when: _Timing
) -> list[tuple[Difference, float]]:
    sa, sb = a.stance, b.stance
    left, right = a.action_text or sa.cue, b.action_text or sb.cue
    if _status_changed(sa, sb, when):
        return []
    weight = _MODALITY_CONFLICT.get(frozenset({sa.modality, sb.modality}))
    if weight is not None and sa.polarity == sb.polarity == "affirmed":
        text = (
            f"Source A says it {_MODALITY_WORDS[sa.modality]} (“{sa.cue}”); source B says "
            f"it {_MODALITY_WORDS[sb.modality]} (“{sb.cue}”)."
        )
        return [(Difference("status", left, right, text), weight)]
    if sa.polarity != sb.polarity:
        if _elsewhere(a, b) or _elsewhere(b, a):
            when.apart = True
            return []  # "won at Stade de France" and "not won at Murrayfield"
        negative = {"rejected"}
        if sa.modality in negative or sb.modality in negative:
            return []  # "rejected X" and "did not X" agree
        if {sa.modality, sb.modality} - {"asserted", "done"} and sa.modality != sb.modality:
            return []  # "will not" vs "is considering": no direct conflict
        pos, neg = ("A", "B") if sa.polarity == "affirmed" else ("B", "A")
        pos_cue, neg_cue = (sa.cue, sb.cue) if pos == "A" else (sb.cue, sa.cue)
        text = f"Source {pos} affirms it (“{pos_cue}”); source {neg} negates it (“{neg_cue}”)."
        return [(Difference("polarity", left, right, text), 0.75)]
    return []


def _status_changed(sa: Stance, sb: Stance, when: _Timing) -> bool:
    """Is a difference of status a change over time? Notes the reason when it is.

    A forecast ("will win", "is due to perform", "may raise") and a report that it happened
    ("won") are written before and after the event; two forecasts differ only in certainty.
    Between articles published days apart, an action reported done in the later one may
    simply have been carried out since the earlier one was written. Unless both date the
    action to one shared period, none of these is a contradiction.
    """
    if sa.polarity != sb.polarity or sa.modality == sb.modality:
        return False
    if when.same_period() and not when.notes:
        return False  # both date it to one period (unless the figures showed a forecast)
    if sa.future and sb.future:
        return True  # "will face" and "could face": one prediction, held more or less firmly
    done, other, side = (sa, sb, "A") if sa.modality == "done" else (sb, sa, "B")
    if done.modality != "done":
        return False
    if other.future:
        other_side = "B" if side == "A" else "A"
        when.notes.append(
            f"Different time periods: source {other_side} looks ahead (“{other.cue}”), source "
            f"{side} reports it done (“{done.cue}”); the forecast may simply predate the outcome."
        )
        return True
    later_is_done = when.gap is not None and (when.gap > 0) == (side == "B")
    if later_is_done:
        when.notes.append(
            f"Different time periods: the later article (source {side}) reports it done "
            f"(“{done.cue}”), the earlier one says “{other.cue}”; articles {when.published()}."
        )
        return True
    return False


def _elsewhere(a: _Analysis, b: _Analysis) -> bool:
    """Does each claim name something the other does not, after its verb? Then they are
    about different occasions: "have won two of their visits to Stade de France" and "at
    Murrayfield, Wales have not won"."""
    return bool(_unshared(a.object_names, b.mentions)) and bool(_unshared(b.all_names, a.mentions))


# --------------------------------------------------------------------------------------------
# Dates


def _date_differences(
    a: _Analysis, b: _Analysis, sim: float, matched: list[str], when: _Timing
) -> list[tuple[Difference, float]]:
    if not a.dates or not b.dates:
        return []
    for da in a.dates:
        for db in b.dates:
            if da.relation == db.relation and da.low <= db.high and db.low <= da.high:
                matched.append("date")
                return []
    left = [d for d in a.dates if d.relation == "at"]
    right = [d for d in b.dates if d.relation == "at"]
    if len(left) != 1 or len(right) != 1 or sim < 0.3:
        return []
    da, db = left[0], right[0]
    if _unshared(da.qualifiers, b.mentions) or _unshared(db.qualifiers, a.mentions):
        when.apart = True
        return []  # "the Rugby World Cup in 2003" and "the Rugby World Cup Sevens in 1993"
    text = f"“{da.text}” ({_span(da)}) and “{db.text}” ({_span(db)}) do not overlap."
    return [(Difference("date", da.text, db.text, text), 0.7)]


def _span(d: _Date) -> str:
    if d.low == d.high:
        return d.low.isoformat()
    if d.low.month == 1 and d.low.day == 1 and d.high.month == 12 and d.high.day == 31:
        return str(d.low.year) if d.low.year == d.high.year else f"{d.low.year}-{d.high.year}"
    return f"{d.low.isoformat()} to {d.high.isoformat()}"


# --------------------------------------------------------------------------------------------
# Roles, speakers, quotes


def _surname(name: str) -> str:
    return name.split()[-1].lower() if name.split() else ""


def _role_differences(a: _Analysis, b: _Analysis) -> list[tuple[Difference, float]]:
    out: list[tuple[Difference, float]] = []
    for key_a, person_a, role_a in a.roles:
        for key_b, person_b, role_b in b.roles:
            if key_a == key_b and _surname(person_a) != _surname(person_b):
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
                _surname(person_a) == _surname(person_b)
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


# Share of the shorter quotation that must lie in runs matching the other one.
_QUOTE_COVERAGE = 0.75


def _matching_quotes(a: _Analysis, b: _Analysis) -> tuple[int, int] | None:
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


def _quote_differences(
    a: _Analysis, b: _Analysis, i: int, j: int
) -> list[tuple[Difference, float]]:
    out: list[tuple[Difference, float]] = []
    if a.speaker and b.speaker and _surname(a.speaker) != _surname(b.speaker):
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


# --------------------------------------------------------------------------------------------
# Verdicts and reasons


def _contradiction(
    diffs: list[tuple[Difference, float]], sim: float, alignment: float
) -> Comparison:
    diffs.sort(key=lambda d: -d[1])
    top = diffs[0][1]
    # Topical similarity and alignment of subject/action raise confidence; the most specific
    # conflicting fact sets its ceiling.
    topical = 0.55 + 0.45 * min(1.0, sim / 0.5)
    confidence = top * topical * (0.85 + 0.15 * alignment)
    if len(diffs) > 1:
        confidence = min(0.97, confidence + 0.05 * (len(diffs) - 1))
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for d, _ in diffs:
        key = (d.fact, d.left, d.right)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    reason = unique[0].explanation
    if unique[0].fact == "quantity":
        reason = f"Source A says {unique[0].left}, source B says {unique[0].right}: {reason}"
    if len(unique) > 1:
        reason += " " + unique[1].explanation
    return Comparison(
        relation="contradicts",
        confidence=round(min(0.97, confidence), 3),
        reason=reason,
        differences=tuple(unique),
        similarity=round(sim, 4),
    )


def _agreement(
    left: ClaimView,
    right: ClaimView,
    a: _Analysis,
    b: _Analysis,
    sim: float,
    matched: list[str],
    same_action: bool,
) -> Comparison:
    specific = len(set(matched))
    confidence = 0.3 + 0.6 * min(1.0, sim / 0.6) + 0.07 * specific + (0.05 if same_action else 0)
    if a.stance.modality == b.stance.modality and a.stance.polarity == b.stance.polarity:
        confidence += 0.03
    return Comparison(
        relation="agrees",
        confidence=round(min(0.97, confidence), 3),
        reason=_agree_reason(left, right, a, b, matched),
        differences=(),
        similarity=round(sim, 4),
    )


def _agree_reason(
    left: ClaimView, right: ClaimView, a: _Analysis, b: _Analysis, matched: list[str]
) -> str:
    if a.participants and (a.participants == b.participants or not b.participants):
        subject = _fmt_list(_ordered(a.participants, a.participants_text))
    elif a.participants and b.participants and (a.partial or b.partial):
        subject = _fmt_list(_ordered(a.participants & b.participants, a.participants_text))
    else:
        subject = _subject_text(left.text, a.stance)
    action = a.action_text or a.stance.cue
    parts = []
    if subject and action:
        parts.append(f"Both say {subject} {action}")
    else:
        parts.append("Both make the same statement")
    other = b.action_text or b.stance.cue
    if other and other.lower() != action.lower():
        parts[-1] += f" (source B: “{other}”)"
    details = []
    if "quantity" in matched:
        shown = [q.shown for q in a.quantities if q.shown]
        if shown:
            details.append(f"both give {shown[0]}")
    if "date" in matched and a.dates:
        details.append(f"both date it {a.dates[0].text}")
    if "quote" in matched:
        details.append("both quote the same words")
    if details:
        parts.append("; ".join(details))
    return "; ".join(parts) + "."


def _subject_text(text: str, stance: Stance) -> str:
    if not stance.cue:
        return ""
    before = text[: stance.cue_start].strip(' ,"“”‘’')
    m = regex.search(
        r"(?:^|,\s|\bthat\s|\b(?:said|says|told|added|believes?|thinks?|argued|warned)\s)([^,]*)$",
        before,
    )
    subject = (m.group(1) if m else before).strip()
    words = subject.split()
    if not words or len(words) > 10:
        return ""
    if words[0] in ("The", "A", "An"):
        words[0] = words[0].lower()
    return " ".join(words)


def _related_reason(a: _Analysis, b: _Analysis) -> str:
    shared = [t for t in a.weights if t in b.weights and a.weights[t] >= _W_WORD]
    names = [a.names.get(t, t[1:]) for t in shared if t.startswith("@")]
    words = [a.names[t] for t in shared if not t.startswith("@") and t in a.names]
    topic = ", ".join(names[:3] + words[: max(0, 4 - len(names[:3]))])
    return f"Both are about {topic or 'the same subject'}, but they make different points."


# Claims on one story are nearly all "related"; an editor needs the few closest, not dozens.
RELATED_PER_CLAIM = 5


def strongest_links(
    comparisons: Mapping[tuple[int, int], Comparison], *, related_per_claim: int = RELATED_PER_CLAIM
) -> dict[tuple[int, int], Comparison]:
    """Every agreement and contradiction, and only the most similar "related" pairs.

    A related pair is kept when it is among the ``related_per_claim`` most similar related
    pairs of either of its claims.
    """
    kept = {pair: c for pair, c in comparisons.items() if c.relation != "related"}
    by_claim: dict[int, list[tuple[float, tuple[int, int]]]] = {}
    for pair, comparison in comparisons.items():
        if comparison.relation == "related":
            for claim in pair:
                by_claim.setdefault(claim, []).append((comparison.similarity, pair))
    for ranked in by_claim.values():
        ranked.sort(key=lambda item: (-item[0], item[1]))
        for _, pair in ranked[:related_per_claim]:
            kept[pair] = comparisons[pair]
    return kept
