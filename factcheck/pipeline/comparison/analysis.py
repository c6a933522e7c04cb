"""One claim, read once for comparison: weighted terms, subject, action and parsed facts.

Both claims of a pair become weighted bags of stemmed content words plus canonical actor names
("@poland"); words of the context count at a lower weight, so "As of last fall, it had over
160 parties." is about the convention its context names. The main verb (from stance.py), the
subject before it and the words it governs are read from word order: there is no parser.
Each claim is analysed once and cached, since one claim meets many candidates.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from factcheck.pipeline.comparison.dates import read_dates
from factcheck.pipeline.comparison.lexicon import stem, terms
from factcheck.pipeline.comparison.names import Namer, context_actors, mentions
from factcheck.pipeline.comparison.participants import find_participants
from factcheck.pipeline.comparison.quantities import read_quantities
from factcheck.pipeline.comparison.quotes import read_quotes
from factcheck.pipeline.comparison.roles import read_roles, read_speaker
from factcheck.pipeline.stance import Stance, stance_of

if TYPE_CHECKING:
    from factcheck.pipeline.comparison.dates import DateFact
    from factcheck.pipeline.comparison.lexicon import Term
    from factcheck.pipeline.comparison.names import Mentions
    from factcheck.pipeline.comparison.quantities import QuantityFact
    from factcheck.pipeline.comparison.values import ClaimView


# Weights of the terms of a claim: its own words, named actors, words of its context.
W_WORD = 1.0


_W_ACTOR = 1.5


_W_CONTEXT = 0.4


_W_CONTEXT_ACTOR = 0.8


@dataclass(slots=True)
class Analysis:
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
    subject_count: QuantityFact | None  # "four NATO members" in subject position
    quantities: list[QuantityFact]
    measured: bool  # gives a figure of any kind: its dates say which period it measures
    dates: list[DateFact]
    date_texts: frozenset[str]  # every date mention, resolved or not, lowercased
    roles: list[tuple[tuple[str, str], str, str]]  # ((country, office), person, role text)
    quotes: list[tuple[str, list[str]]]  # (quote text, word tokens)
    speaker: str | None  # a named person who said it
    owners: frozenset[str]  # names the claim and its context mention, its speaker excepted
    mentions: Mentions  # every name and word of claim and context, to test qualifiers
    object_names: frozenset[str]  # qualifiers after the main verb: "to Stade de France"
    all_names: frozenset[str]  # every name of claim and context, capitalised words included


_CACHE: dict[tuple[int, int, str, str, Any], Analysis] = {}


_CACHE_LIMIT = 200_000


def analysis_of(view: ClaimView) -> Analysis:
    key = (view.id, view.source_id, view.text, view.context, view.published)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        found = _CACHE[key] = _analyse(view)
    return found


def _analyse(view: ClaimView) -> Analysis:
    text = view.text
    facts = view.facts
    actors = [a for a in facts.actors if a.name]
    own_terms = terms(text)
    weights: dict[str, float] = {}
    surface: dict[str, str] = {}
    spans = [(a.start, a.end) for a in actors]
    for t in own_terms:
        weights[t.stem] = W_WORD
        if not any(s <= t.start < e for s, e in spans):
            surface.setdefault(t.stem, text[t.start : t.end])
    actor_names = frozenset(a.name for a in actors if a.kind != "unknown")
    names: dict[str, str] = dict(surface)
    for a in actors:
        weights["@" + a.name.lower()] = _W_ACTOR
        names["@" + a.name.lower()] = a.name
    context_actor_names: frozenset[str] = frozenset()
    if view.context:
        for t in terms(view.context):
            weights.setdefault(t.stem, _W_CONTEXT)
        ctx_actors = [(n, k) for n, k in context_actors(view.context) if k != "unknown"]
        context_actor_names = frozenset(name for name, _ in ctx_actors)
        for name, _ in ctx_actors:
            weights.setdefault("@" + name.lower(), _W_CONTEXT_ACTOR)
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    own = frozenset(t.stem for t in own_terms) | frozenset("@" + a.name.lower() for a in actors)
    anchors = frozenset(a.name for a in actors if a.kind in ("law", "organisation")) | frozenset(
        name for name, kind in context_actors(view.context) if kind in ("law", "organisation")
    )

    stance = stance_of(text)
    cue_start = stance.cue_start if stance.cue else len(text)
    plain = [t for t in own_terms if not any(s <= t.start < e for s, e in spans)]
    subject = frozenset(t.stem for t in own_terms if t.end <= cue_start) | frozenset(
        a.name for a in actors if a.end <= cue_start
    )
    subject_actors = frozenset(
        a.name
        for a in actors
        if a.end <= cue_start and (a.text == a.name or not _DEMONYM_MODIFIER.match(text, a.end))
    )
    if _needs_context_subject(text, cue_start):
        subject = subject | context_actor_names
        subject_actors = subject_actors | context_actor_names
    participants, participants_text, partial = find_participants(text, actors, cue_start)
    attribution = facts.attribution
    speaker_span = (
        (attribution.speaker_start, attribution.speaker_end) if attribution else (None, None)
    )
    if speaker_span[0] is None or speaker_span[1] is None:
        speaker_span = (-1, -1)
    namer = Namer(text, actors, speaker_span)
    quantities = read_quantities(text, facts.quantities, plain, namer)
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
    return Analysis(
        weights=weights,
        names=names,
        norm=norm,
        own=own,
        actor_names=actor_names,
        context_actor_names=context_actor_names,
        anchors=anchors,
        stance=stance,
        action=_predicate(text, stance, plain),
        objects=frozenset(t.stem for t in [t for t in own_terms if t.start >= stance.cue_end][:7])
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
        measured=any(q.value is not None for q in facts.quantities),
        dates=read_dates(text, facts.dates, namer),
        date_texts=frozenset((d.text or "").lower() for d in facts.dates if d.kind != "time"),
        roles=read_roles(facts),
        quotes=read_quotes(text, facts.attribution),
        speaker=read_speaker(facts, actors),
        owners=frozenset(
            a.name.lower()
            for a in actors
            if not speaker_span[0] <= a.start < max(speaker_span[1], speaker_span[0] + 1)
        )
        | frozenset(name.lower() for name, _ in context_actors(view.context)),
        mentions=mentions(text, view.context, actors),
        object_names=namer.names(stance.cue_end, len(text)) if stance.cue else frozenset(),
        all_names=namer.names(0, len(text))
        | frozenset(a.name.lower() for a in actors)  # the speaker too: "TimeWarner said"
        | frozenset(name.lower() for name, _ in context_actors(view.context)),
    )


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
    stem(w)
    for w in """plan plans announce announced urge urging recommend proposed propose consider
    considering want wants seek seeking decide decided agree agreed look looking call calling
    endorse endorsed intend intends threaten threatened vow vowed pledge pledged aim aims
    prepare preparing move moved begin began start started continue continued try tried
    refuse refused reject rejected deny denied hope hoped expect expected push pushing
    contemplate contemplating mull weigh weighing explore exploring reconsider set due
    going vote voted votes""".split()
)


# The governed verb comes within a few words: "plans to withdraw", "their plans to leave",
# "recommend withdrawing".
_COMPLEMENT = regex.compile(r"^\s*(?:\S+\s+){0,3}?(?:to\s+(\p{L}[\p{L}-]*)|(\p{L}[\p{L}-]*ing)\b)")


def _predicate(text: str, stance: Stance, plain: Sequence[Term]) -> frozenset[str]:
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
        return frozenset(t.stem for t in terms(heads[-1])) | frozenset(t.stem for t in after[:2])
    head_start = stance.cue_start + stance.cue.rfind(heads[-1])
    head_terms = terms(text[head_start : head_start + 40])
    if not head_terms:
        return frozenset()
    out = {head_terms[0].stem}
    particle = regex.match(
        r"\s+(for|on|off|up|at|into|over)\b", text[head_start + len(heads[-1]) :]
    )
    if particle and head_terms[0].end == len(heads[-1]):  # offsets are relative to head_start
        # "called for" (a demand) is not "called" (named); "look at" is not "look".
        out = {f"{head_terms[0].stem}_{particle.group(1)}"}
    if stem(heads[-1]) in _LINK_VERBS or head_terms[0].stem in _LINK_VERBS:
        window = text[stance.cue_end : stance.cue_end + 60]
        m = _COMPLEMENT.search(window)
        if m:
            verb_start = m.start(1) if m.group(1) else m.start(2)
            out.update(t.stem for t in terms(window[verb_start : verb_start + 40])[:1])
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


def similarity(a: Analysis, b: Analysis) -> float:
    small, large = (
        (a.weights, b.weights) if len(a.weights) <= len(b.weights) else (b.weights, a.weights)
    )
    dot = 0.0
    for term, w in small.items():
        other = large.get(term)
        if other is not None:
            dot += w * other
    return dot / (a.norm * b.norm)
