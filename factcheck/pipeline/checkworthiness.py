"""Check-worthiness: how likely a sentence is a factual claim worth verifying.

A logistic regression over (a) lower-cased word unigrams and bigrams and (b) a dozen cheap
"news signal" indicators (numbers, percentages, money, named actors, attributions, dates,
comparisons, legal/policy facts, first-person opinion, promises, questions). The weights of
both kinds were learned together from data; none is hand-set. Inference is pure Python:
one regex tokenisation, set intersections for most signals, a few precompiled
regexes for the case-sensitive ones, and dictionary look-ups.

Training (reproducible, fixed seed; data never enters the repository)::

    .venv/bin/python bench/train_checkworthiness.py [/path/to/claimbuster/crowdsourced.csv]

Data: ClaimBuster crowdsourced.csv (Arslan et al., ICWSM 2020), 22,501 sentences from US
presidential debates 1960-2016; target ``Verdict == 1`` (check-worthy factual claim).
Split: stratified 80 % train / 20 % held-out test (seed 13). Regularisation strength and
threshold were chosen on out-of-fold scores of 5-fold cross-validation inside the training
split; the test split was used only for the final report.

Held-out test split (4,501 sentences, 1,083 check-worthy), threshold 0.2781 (F1 maximum on
the cross-validation scores); each row went through the same protocol:

=========================  =========  ======  ======  ==========
features                   precision  recall  F1      average P.
=========================  =========  ======  ======  ==========
words + signals (shipped)  0.6101     0.7239  0.6622  0.7221
words only                 0.6082     0.7239  0.6610  0.7193
signals only               0.4857     0.6750  0.5649  0.5813
=========================  =========  ======  ======  ==========

On debate speech the n-grams already carry most of what the signals encode ("percent",
"<num>", "million" are n-grams too), so the signals add little there (+0.001 F1, +0.003 AP);
alone they reach F1 0.56. They are kept because they do not depend on vocabulary (a quantity,
a date or an attribution counts even in words the debates never used) and because callers
get them back as the explanation of a score.

Threshold: F1, not a recall-leaning F-beta. The F1 cut-off already favours recall (0.72 vs
0.61 precision); the F2 cut-off (0.15) would lift recall to 0.86 at precision 0.50, and on
BBC news prose the F1 cut-off already flags ~60 % of sentences, so a lower one would flag most
of an article. Callers that want more recall can rank by ``score`` or use their own cut-off.

News check (no adjustment made): the data is debate speech, not news. On every tenth BBC
article (3,849 sentences) sentences with a number are flagged 89 % of the time, with a
percentage 99 %, with money 93 %; first-person opinion 19 %, questions 10 %, sentences with
no signal 22 %. News sentences with clear quantities therefore do not score too low, and no
news-prior adjustment is applied. Attributed sentences are flagged less (60 %) mainly because
what is quoted is often opinion, which is the intended behaviour.

Calibration: the score is a probability *on news*. Trained on debates (a quarter of the
sentences check-worthy), the raw score was under-confident on news (two thirds are claims):
expected calibration error 0.149 on the 1,036 labelled news sentences of
``bench/labels/extraction.jsonl``. ``bench/calibrate_checkworthiness.py`` fits Platt scaling of
the log-odds on them (the ``calibration`` block of the weights file): 0.025 out of fold
(5 folds by article), Brier 0.191 -> 0.162. The map is monotone and the threshold is mapped
with it (0.2781 raw reads 0.537), so exactly the same sentences are check-worthy. On the
debates themselves the calibrated score now over-states (ECE 0.023 -> 0.148): it is meant for
news. Re-run the calibration after every retraining.

Speed: ~480,000 words/second on one core (BBC sentences, weights already loaded).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from pathlib import Path

import regex

__all__ = [
    "SIGNAL_NAMES",
    "TOKENIZER_VERSION",
    "CheckWorthiness",
    "ngrams",
    "score_sentence",
    "signals",
    "threshold",
    "tokenize",
]

WEIGHTS_PATH = Path(__file__).parent / "data" / "checkworthiness.json"

# Bumped whenever tokenize()/ngrams()/signals() change behaviour: the weights file records the
# version it was trained with, and loading refuses a mismatch rather than silently mis-scoring.
TOKENIZER_VERSION = 1

NUM_TOKEN = "<num>"
YEAR_TOKEN = "<year>"

# Numbers keep internal separators together ("1,200.5" is one token) and swallow a unit suffix
# ("13bn", "1990s") so that every quantity collapses to one placeholder: the model should learn
# "a quantity is here", not the particular value. Words keep apostrophe contractions ("don't").
# Stdlib re, not regex: ~40 % faster on this pattern, and it is the hot path.
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*[^\W\d_]*|[^\W\d_]+(?:'[^\W\d_]+)*|[%$£€?]")
_YEAR_RE = re.compile(r"(?:19|20)\d\d(?:s)?")


def tokenize(text: str) -> list[str]:
    """Lower-cased word, number-placeholder and symbol tokens; identical at training time."""
    tokens = _TOKEN_RE.findall(text.lower().replace("’", "'").replace("‘", "'"))
    for i, tok in enumerate(tokens):
        if tok[0].isdigit():
            tokens[i] = YEAR_TOKEN if _YEAR_RE.fullmatch(tok) else NUM_TOKEN
    return tokens


def ngrams(tokens: list[str]) -> set[str]:
    """Unigrams and space-joined bigrams, as a set: the model uses presence, not counts."""
    grams = set(tokens)
    grams.update(a + " " + b for a, b in pairwise(tokens))
    return grams


# --- news signals ----------------------------------------------------------------------------
# Most signals are word or two-word cues, so they are tested as set intersections with the
# n-grams the model computes anyway: far cheaper than one regex pass per signal, and the word
# boundaries are exactly the tokenizer's. Only the cues that need letter case or sub-word
# shape use regexes.


def _words(spec: str) -> frozenset[str]:
    """Cue set from a |-separated spec; one- and two-word cues in tokenizer form."""
    return frozenset(w.strip() for w in spec.split("|") if w.strip())


def _pairs(firsts: str, seconds: str) -> frozenset[str]:
    return frozenset(f"{a} {b}" for a in firsts.split("|") for b in seconds.split("|"))


_SUBJECTS = "i|we|you|they"
# "one" is left out on purpose: "no one", "one of them" are not quantities.
_NUMBER = _words(
    f"{NUM_TOKEN}|{YEAR_TOKEN}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    "sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|"
    "billions|trillion|trillions|dozen|dozens|half|quarter|twice|double|triple|first|second|"
    "third|fourth|fifth|tenth"
)
_PERCENT = _words("%|percent|percentage|per cent|percentage points")
_MONEY = _words(
    "$|£|€|dollar|dollars|pound|pounds|euro|euros|cents|yen|budget|deficit|debt|tax|taxes|"
    "spending|funding|billion|trillion"
)
_ATTRIBUTION = _words(
    "said|says|told|tells|according to|announced|announces|reported|reports|stated|states that|"
    "claimed|claims|confirmed|confirms|denied|denies|revealed|estimated|estimates|quoted|wrote|"
    "testified|warned|admitted|insisted|argued"
)
_QUOTES = ('"', "“", "”")
# "may" and "march" are absent on purpose: lower-cased they are mostly the modal verb and the
# verb; _AMBIGUOUS_MONTH_RE catches the capitalised month.
_DATE = (
    _words(
        f"{YEAR_TOKEN}|january|february|april|june|july|august|september|october|november|"
        "december|jan|feb|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|"
        "thursday|friday|saturday|sunday|yesterday|today|tonight|earlier this|later this|"
        "years ago|months ago|weeks ago|days ago|year ago|month ago|week ago|day ago"
    )
    | _pairs(
        "last|next|this|past",
        "year|month|week|decade|century|quarter|spring|summer|autumn|fall|winter|weekend",
    )
    | _pairs("recent|coming|past|last", "weeks|months|years|days")
    | _pairs("the|at|this|last|next", "weekend")
)
_AMBIGUOUS_MONTH_RE = regex.compile(r"(?<!^)\b(?:May|March)\b")
_COMPARISON = _words(
    "most|least|largest|biggest|highest|lowest|smallest|fastest|worst|best|record|increase|"
    "increased|increases|increasing|decrease|decreased|decreases|rose|risen|rise|rising|fell|"
    "fallen|fall|falls|decline|declined|drop|dropped|doubled|tripled|halved|grew|grown|growth|"
    "cut|surge|surged|jumped|soared|plunged|up from|down from"
)
_ER_THAN_RE = regex.compile(r"\b(?:more|less|fewer|[a-z]{3,}er) than\b")  # "higher than"
_LEGAL = _words(
    "law|laws|treaty|treaties|convention|conventions|ban|bans|banned|banning|ratify|ratified|"
    "ratifies|illegal|unlawful|legal|regulation|regulations|regulate|regulated|regulates|"
    "regulatory|signed|legislation|legislative|legislature|statute|statutes|sanction|sanctions|"
    "constitution|constitutional|amendment|veto|vetoed|voted|vote for|vote against|votes for|"
    "votes against|court|ruled|ruling|prohibit|prohibits|prohibited|prohibition|act of|"
    "agreement|accord|withdraw|withdrew|withdrawn|policy|tariff|tariffs"
)
# "bill" is legislation, but "Bill Clinton" is a first name: only a "bill" not followed by a
# capitalised word counts.
_BILL_RE = regex.compile(r"\b(?:bills?|Bills?(?!\s+\p{Lu}))\b")
_OPINION = (
    _pairs("i|we", "think|believe|feel|hope|guess|suppose|wish|doubt|want|like|love|know|mean")
    | _pairs("i'm", "sure|convinced|afraid|confident|not")
    | _words(
        "my opinion|my view|my judgment|maybe|perhaps|frankly|honestly|clearly|obviously|"
        "of course|probably|let me|you know"
    )
)
_PROMISE = _pairs(_SUBJECTS, "will|shall|must|should|would|need|ought|can") | _words(
    "i'll|we'll|you'll|let's|we're going|i'm going|am going|we've got|have to"
)

# Case-sensitive cues. A named actor is a run of two or more capitalised words
# ("Time Warner", "Deputy Defense Minister Pawel Bejda") or an organisation-ish word; a
# proper noun is any capitalised word that is not where capitals are forced (sentence start,
# after an opening quote, the pronoun "I").
_CAP = r"(?!I\b|I['’])[\p{Lu}][\p{L}'’.-]*"  # the pronoun "I" is not part of a name
_NAMED_RUN_RE = regex.compile(rf"{_CAP}(?:\s+(?:of|the|for|and|de|von|van|al)?\s*{_CAP})+")
_ORG_RE = regex.compile(
    r"\b(?:Ministry|Department|Agency|Council|Commission|Committee|Court|Congress|Senate|"
    r"Parliament|Government|Party|Union|Association|Organi[sz]ation|Institute|University|"
    r"Bank|Fund|Corporation|Corp|Inc|Ltd|Group|Federation|Nations|Office|Police|Army|Board|"
    r"Authority|Administration|Reserve|Service|Foundation|NATO|UN|EU|FBI|CIA|WHO|IMF|BBC)\b"
)
_PROPER_RE = regex.compile(r"(?<=[\p{L}\d,;:)—–-]\s+)[\p{Lu}][\p{Ll}]+")
# fmt: off
_SENTENCE_START_WORDS = frozenset((
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "in", "on", "at", "for",
    "but", "and", "or", "so", "if", "as", "when", "while", "after", "before", "since", "because",
    "although", "though", "then", "there", "here", "what", "why", "how", "who", "where", "which",
    "we", "you", "he", "she", "they", "i", "our", "my", "his", "her", "their", "no", "not", "yes",
    "well", "now", "today", "yesterday", "last", "next",
))
# fmt: on

SIGNAL_NAMES: tuple[str, ...] = (
    "number",
    "percent",
    "money",
    "named_actor",
    "proper_noun",
    "attribution",
    "date",
    "comparison",
    "legal_policy",
    "opinion",
    "promise",
    "question",
)


def _has_named_actor(text: str) -> bool:
    if _ORG_RE.search(text):
        return True
    for m in _NAMED_RUN_RE.finditer(text):
        at_start = m.start() == 0 or text[: m.start()].rstrip().endswith(("“", '"', "‘", "'"))
        if not at_start:
            return True
        # At sentence start the first word is capitalised anyway: "The Senate" is not a
        # two-word name, "The White House" and "Time Warner" are.
        first, _, rest = m.group().partition(" ")
        if first.lower() not in _SENTENCE_START_WORDS or " " in rest.strip():
            return True
    return False


def _signals(text: str, grams: set[str]) -> tuple[str, ...]:
    fired = []
    if not grams.isdisjoint(_NUMBER):
        fired.append("number")
    if not grams.isdisjoint(_PERCENT):
        fired.append("percent")
    if not grams.isdisjoint(_MONEY):
        fired.append("money")
    if _has_named_actor(text):
        fired.append("named_actor")
    if _PROPER_RE.search(text):
        fired.append("proper_noun")
    if not grams.isdisjoint(_ATTRIBUTION) or any(q in text for q in _QUOTES):
        fired.append("attribution")
    if not grams.isdisjoint(_DATE) or (
        ("May" in text or "March" in text) and _AMBIGUOUS_MONTH_RE.search(text)
    ):
        fired.append("date")
    if not grams.isdisjoint(_COMPARISON) or ("than" in grams and _ER_THAN_RE.search(text.lower())):
        fired.append("comparison")
    if not grams.isdisjoint(_LEGAL) or (
        ("bill" in grams or "bills" in grams) and _BILL_RE.search(text)
    ):
        fired.append("legal_policy")
    if not grams.isdisjoint(_OPINION):
        fired.append("opinion")
    if not grams.isdisjoint(_PROMISE):
        fired.append("promise")
    if "?" in text:
        fired.append("question")
    return tuple(fired)


def signals(text: str) -> tuple[str, ...]:
    """Names of the news signals that fire on ``text``, in ``SIGNAL_NAMES`` order."""
    return _signals(text, ngrams(tokenize(text)))


# --- model -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckWorthiness:
    score: float  # in [0, 1]
    check_worthy: bool  # score >= threshold
    signals: tuple[str, ...]  # names of the news signals that fired


@dataclass(frozen=True, slots=True)
class _Model:
    bias: float
    threshold: float  # on the calibrated score
    ngram_weights: dict[str, float]
    signal_weights: dict[str, float]
    # Platt scaling of the log-odds (bench/calibrate_checkworthiness.py); identity if absent.
    slope: float = 1.0
    intercept: float = 0.0

    def calibrated(self, z: float) -> float:
        z = max(-30.0, min(30.0, self.slope * z + self.intercept))
        return 1.0 / (1.0 + math.exp(-z))


@cache
def _model() -> _Model:
    return load_model(WEIGHTS_PATH)


def load_model(path: Path) -> _Model:
    """A weights file (the shipped one is ``WEIGHTS_PATH``), with its calibration if any."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data["tokenizer_version"] != TOKENIZER_VERSION:
        raise RuntimeError(
            f"{path.name} was trained with tokenizer v{data['tokenizer_version']}, "
            f"this code is v{TOKENIZER_VERSION}: retrain with bench/train_checkworthiness.py"
        )
    calibration = data.get("calibration") or {}
    model = _Model(
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        ngram_weights={k: float(v) for k, v in data["ngram_weights"].items()},
        signal_weights={k: float(v) for k, v in data["signal_weights"].items()},
        slope=float(calibration.get("slope", 1.0)),
        intercept=float(calibration.get("intercept", 0.0)),
    )
    if model.slope <= 0:
        raise RuntimeError(f"{path.name}: a calibration slope must be positive")
    # The threshold was chosen on the raw score; mapped through the same monotone function,
    # it keeps exactly the sentences it kept before.
    raw = model.threshold
    return replace(model, threshold=model.calibrated(math.log(raw / (1.0 - raw))))


def threshold() -> float:
    """Score at or above which a sentence is called check-worthy."""
    return _model().threshold


def log_odds(text: str, model: _Model | None = None) -> float:
    """The model's raw log-odds for one sentence (before calibration)."""
    grams = ngrams(tokenize(text))
    return _log_odds(model or _model(), grams, _signals(text, grams))


def _log_odds(model: _Model, grams: Iterable[str], fired: Iterable[str]) -> float:
    weights = model.ngram_weights
    z = model.bias
    for gram in grams:
        z += weights.get(gram, 0.0)
    sig_w = model.signal_weights
    for name in fired:
        z += sig_w[name]
    # Clamp so exp() cannot overflow on absurd inputs (a whole article passed as one sentence).
    return max(-30.0, min(30.0, z))


def score_sentence(text: str) -> CheckWorthiness:
    """How likely a news sentence is a claim a fact-checker would pick (a probability,
    calibrated on labelled news sentences), with the signals that fired."""
    model = _model()
    grams = ngrams(tokenize(text))
    fired = _signals(text, grams)
    score = model.calibrated(_log_odds(model, grams, fired))
    return CheckWorthiness(score=score, check_worthy=score >= model.threshold, signals=fired)
