"""Claim matching: "has this claim been checked before?"

``MatchIndex`` holds already-checked claims (claim text plus optional title/subtitle fields)
and, for a query (a tweet, a sentence from an article), returns the stored claims most likely
to state the same claim, each with a score in [0, 1]. A top score below ``MATCH_THRESHOLD``
means "not checked before". Pure Python (stdlib + a stop-word file); the optional embedding
feature takes the vectors ``factcheck.pipeline.embedding`` makes (numpy arrays) as given.

Pipeline:
  1. ``normalise``: HTML entities, URLs, "RT @user:", emoji and the tweet signature handle
     out; #HashTags and @mentions split into words ("#AustralianFires" -> "Australian Fires").
  2. ``terms``: lower case, stop words out (negations kept), a light suffix stripper.
  3. First stage: BM25F over claim text (weight 1.0), title (1.0), subtitle (0.75), k1=1.2,
     b=0.5; every claim sharing a term is scored, the best 30 go on.
  4. Second stage: logistic regression over 11 cheap features (``RERANK_FEATURES``): BM25
     relative and absolute strength, rank, idf-weighted coverage both ways, bigram overlap,
     longest common term subsequence, character-trigram cosine, missing numbers and names;
     plus, when the query and every candidate have a sentence embedding (all-MiniLM-L6-v2),
     their cosine (``EMBEDDING_FEATURE``, its own fitted weights). Its probability is the
     score, which makes one threshold meaningful across queries.

Measured on CLEF CheckThat! 2021 task 2A English (13,825 Snopes claims; tweets as queries)
with ``bench/bench_checkthat.py``; settings chosen on train only, dev reported once:

=============================  ==========  ========  =========  =======
MAP@5 (official)               train       dev       dev MAP@1  dev R@5
=============================  ==========  ========  =========  =======
plain BM25 (baseline)          0.826       0.861     0.819      0.920
first stage (BM25F, cleaning)  0.868       0.927     0.910      0.960
+ re-ranker, no embeddings     0.872 (*)   0.935     0.915      0.965
+ re-ranker with embeddings    0.905 (*)   0.949     0.935      0.965
=============================  ==========  ========  =========  =======

(*) out-of-fold (5-fold over train queries). Ablations on train (first stage,
MAP@5): splitting @mentions instead of dropping them +0.019 (0.825 -> 0.845); keeping the
tweet's signature date +0.016 (its year matches claims naming that year); light stemming
+0.011 over none, Snowball (PyStemmer, measured in a scratch venv) a further +0.002-0.007,
not worth a dependency; title/subtitle weighting and k1/b tuning +0.008 together; word
bigrams as BM25 terms hurt (-0.004 to -0.034).

Threshold (0.4, chosen on out-of-fold train scores plus BBC news sentences from
even-numbered articles; the F1 curve is flat between 0.30 and 0.45 with and without
embeddings, and 0.4 keeps false matches on news sentences low). With embeddings, on dev 91.5 %
of queries get their correct claim as the top match at or above it, and 2.8 % of 1,000 BBC
news sentences from odd-numbered articles (not Snopes claims) get a match above it (without:
83 % and 2.5 %). MAP@5 *through the endpoint* (nothing below the threshold, else the best
match and its runners-up above ``RUNNER_UP_FLOOR``): dev 0.921 with embeddings, 0.841 without.

Speed: index build ~3,700 claims/s; ~300 queries/s (tweets) against 13,825 claims on one
core, vectors given; ``normalise`` + ``terms`` ~360,000 words/s on BBC news. Encoding is the
slow part: 13,825 claims in 488 s on two shared cores (so vectors are stored, see
``factcheck.match_index``, and computed when fact-checks are imported), one query ~23 ms.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from heapq import nlargest
from itertools import pairwise
from typing import Any

from factcheck.pipeline.lexicon import stem, stop_words

__all__ = [
    "DEFAULT_FIELD_WEIGHTS",
    "MATCH_THRESHOLD",
    "RERANK_FEATURES",
    "Match",
    "MatchIndex",
    "normalise",
    "stem",
    "terms",
]

# --- normalisation -------------------------------------------------------------------------

_URL_RE = re.compile(
    r"(?:https?://|www\.|pic\.twitter\.com/)\S*|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|ly|co)/\S*",
    re.IGNORECASE,
)
# "RT @user:" names who is retweeted, not what is claimed. Tweets end in a signature
# "— Name (@handle) Month D, YYYY": the name can help (claims about what someone said), the
# handle does not. The date is kept on purpose: its year matches claims that name the same
# year (measured: dropping it costs 0.016 MAP@5 on CheckThat! train).
_RT_RE = re.compile(r"\bRT\s+@\w+:?|\bRT\b:?")
_SIGNATURE_HANDLE_RE = re.compile(r"\(@\w+\)")
_MENTION_RE = re.compile(r"(?<![\w@])@(\w+)")
_HASHTAG_RE = re.compile(r"(?<![\w#&])#(\w+)")
# CamelCase boundaries: "AustralianFires" -> "Australian Fires", "NASAPhotos" -> "NASA Photos",
# "Covid19" -> "Covid 19". Applied to hashtags, and in running text only to words with a
# lower-case run of 3+ letters before the capital, so "McDonald", "iPhone" and "YouTube"
# survive while glued words ("FlorenceNCpic") are split.
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")
_GLUED_RE = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z])")
_SPACE_RE = re.compile(r"\s+")


# Emoji and pictographs, dingbats, arrows/shapes used as decoration, regional-indicator flags,
# variation selectors, zero-width joiners and tag characters. Currency and letters are kept.
_EMOJI_RE = re.compile(
    "[\U0001f000-\U0001faff\U0001fc00-\U0001ffff\u2190-\u21ff\u2300-\u23ff"
    "\u2460-\u27bf\u2900-\u297f\u2b00-\u2bff\u3030\u303d\u3297\u3299"
    "\ufe00-\ufe0f\u200b-\u200f\u2060-\u2064\U000e0000-\U000e007f\u20e3]+"
)


def _split_tag(m: re.Match[str]) -> str:
    return _CAMEL_RE.sub(" ", m.group(1)).replace("_", " ")


def normalise(text: str) -> str:
    """Tweet/news text reduced to plain words for matching.

    Unescapes HTML; drops URLs, retweet markers, emoji and the tweet signature's handle;
    splits #HashTags, @mentions and glued CamelCase words into words. Case and punctuation
    are kept (``terms`` lower-cases) so that the output is still readable.
    """
    text = html.unescape(text)
    text = _URL_RE.sub(" ", text)
    text = _RT_RE.sub(" ", text)
    text = _SIGNATURE_HANDLE_RE.sub(" ", text)
    # Mentions in the body are often the subject of the claim ("@BarackObama will start a
    # war"), so they are split into words like hashtags rather than dropped (+0.019 MAP@5).
    text = _MENTION_RE.sub(_split_tag, text)
    text = _HASHTAG_RE.sub(_split_tag, text)
    text = _GLUED_RE.sub(" ", text)
    if not text.isascii():
        text = _EMOJI_RE.sub(" ", text)
    return _SPACE_RE.sub(" ", text).strip()


# --- terms (stemmer and stop words: factcheck.pipeline.lexicon, shared with comparison) ---


# Words, numbers with their separators ("1,000", "3.5"), apostrophes inside words.
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def terms(text: str) -> list[str]:
    """Lower-cased, stemmed content-word tokens of ``text`` (stop words removed), in order.

    No bigrams: as extra BM25 terms they lowered train MAP@5 (0.868 -> 0.864 at weight 0.25,
    0.834 at 1.0); word-bigram overlap is used as a re-ranking feature instead.
    """
    stops = stop_words()
    out: list[str] = []
    for tok in _TOKEN_RE.findall(text.lower().translate(_APOSTROPHES)):
        if tok[0].isdigit():
            out.append(tok.replace(",", ""))
            continue
        if tok.endswith("'s"):
            tok = tok[:-2]
        if tok in stops:
            continue
        if "'" in tok:
            # Contractions not in the stop list: "president's" handled above, "n't" words
            # keep only their stem ("shouldn't" -> "shouldn" is a stop word, "ain't" -> "ain").
            tok = tok.split("'", 1)[0]
            if tok in stops or not tok:
                continue
        out.append(stem(tok))
    return out


# --- index ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Match:
    """A stored document that may state the same claim; ``score`` is in [0, 1]."""

    doc_id: Hashable
    score: float


TEXT_FIELD = "text"
DEFAULT_FIELD_WEIGHTS: Mapping[str, float] = {"text": 1.0, "title": 1.0, "subtitle": 0.75}

RERANK_FEATURES: tuple[str, ...] = (
    "bm25_rel",  # BM25 score / best BM25 score for this query
    "bm25_log",  # log(1 + BM25 score): absolute strength, so "nothing matches" can score low
    "rank_inv",  # 1 / first-stage rank
    "query_coverage",  # idf share of the query's terms found in the claim (any field)
    "claim_coverage",  # idf share of the claim text's terms found in the query
    "extra_coverage",  # idf share of the other fields' terms (title...) found in the query
    "bigram_overlap",  # share of the claim text's word bigrams found in the query
    "lcs",  # longest common term subsequence / claim text length in terms
    "char_trigram",  # cosine of the character-trigram sets of query and claim text
    "number_miss",  # share of the claim text's numbers absent from the query
    "name_miss",  # share of the claim text's capitalised names absent from the query
)
# With sentence embeddings (factcheck.pipeline.embedding) for the query and every candidate,
# one more feature: their cosine similarity.
EMBEDDING_FEATURE = "embedding_cosine"
# Logistic-regression weights, fitted by ``bench/bench_checkthat.py --fit`` (scikit-learn,
# C=10 picked by 5-fold cross-validation over queries) on CheckThat! 2021 2A *train* only:
# positives are the checked claims among each tweet's first-stage candidates, negatives the
# other candidates plus the top 5 candidates of 1,000 BBC news sentences (even-numbered
# articles), so that the score also says "nothing here was checked", not only "best of these".
_WEIGHTS: tuple[float, ...] = (
    8.2250,
    2.7501,
    1.3007,
    3.1913,
    2.7154,
    3.1982,
    -1.1377,
    -1.7575,
    6.1550,
    -1.1337,
    -0.4349,
)
_BIAS = -22.1933
# The same fit with EMBEDDING_FEATURE added (``bench_checkthat.py --fit --embeddings``).
_WEIGHTS_EMBEDDED: tuple[float, ...] = (
    8.9781,
    0.9439,
    1.4662,
    0.0128,
    -0.0236,
    1.9826,
    -0.1466,
    -2.1362,
    2.1839,
    -1.7303,
    -0.3243,
    13.4595,
)
_BIAS_EMBEDDED = -20.1625
# F1 maximum of "top match correct and >= threshold" on out-of-fold train scores plus the BBC
# fitting sentences (precision 0.87, recall 0.75 there). Flat between 0.30 and 0.45.
MATCH_THRESHOLD = 0.4
# Once the best match clears the threshold, runners-up are shown down to this score. On
# CheckThat! 2021 2A train those below it add nothing to MAP@5 through the endpoint (0.7612 with
# every runner-up, 0.7597 above 0.01, 0.7446 with none) while being two thirds of the rows.
RUNNER_UP_FLOOR = 0.01

_NAME_RE = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][\w'’]*(?:[-\s][A-Z][\w'’]*)*")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(slots=True)
class _Doc:
    text: str
    lengths: tuple[float, ...]  # terms per field
    tfs: dict[str, tuple[int, ...]]  # term -> count per field
    text_terms: list[str]  # the main field's terms in order
    extra_terms: frozenset[str]  # terms of the other fields
    numbers: frozenset[str]
    names: frozenset[str]  # stemmed terms of capitalised words not opening a sentence
    grams: frozenset[str] | None = None  # character trigrams, computed on first use
    vector: Any = None  # unit-length sentence embedding (a numpy array), when known


def _trigrams(words: Sequence[str]) -> frozenset[str]:
    s = " " + " ".join(words) + " "
    return frozenset(s[i : i + 3] for i in range(len(s) - 2))


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    # Classic O(len(a) * len(b)) dynamic programme on one row; texts are a few dozen terms.
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


class MatchIndex:
    """In-memory BM25F index over claims, with a second-stage linear re-ranker.

    ``search`` scores every claim sharing a term with the query by BM25F, takes the best
    ``rerank_depth``, and re-scores those with a logistic model over cheap features
    (``RERANK_FEATURES``). The logistic output is the match score in [0, 1].
    """

    def __init__(
        self,
        *,
        k1: float = 1.2,
        b: float = 0.5,
        field_weights: Mapping[str, float] | None = None,
        rerank_depth: int = 30,
        rerank: bool = True,
    ) -> None:
        self.k1 = k1
        self.b = b
        weights = dict(DEFAULT_FIELD_WEIGHTS if field_weights is None else field_weights)
        weights.setdefault(TEXT_FIELD, 1.0)
        self._fields: list[str] = [TEXT_FIELD, *(f for f in weights if f != TEXT_FIELD)]
        self._field_weights = tuple(weights[f] for f in self._fields)
        self.rerank_depth = rerank_depth
        self.rerank = rerank
        self._docs: dict[Hashable, _Doc] = {}
        self._postings: dict[str, dict[Hashable, tuple[int, ...]]] = {}
        self._total_lengths = [0.0] * len(self._fields)
        self._cache: dict[str, list[tuple[Hashable, float]]] = {}

    def __len__(self) -> int:
        return len(self._docs)

    def add(
        self,
        doc_id: Hashable,
        text: str,
        *,
        fields: Mapping[str, str] | None = None,
        vector: Any = None,
    ) -> None:
        """Index ``text`` (the claim itself) plus optional extra fields (title, subtitle...),
        and its sentence embedding when there is one.

        Fields not named in ``field_weights`` are ignored. Re-adding an id replaces it.
        """
        if doc_id in self._docs:
            self.remove(doc_id)
        self._cache.clear()
        fields = fields or {}
        texts = [text] + [fields.get(f) or "" for f in self._fields[1:]]
        per_field = [terms(normalise(t)) if t else [] for t in texts]
        counts = [Counter(ts) for ts in per_field]
        tfs = {t: tuple(c[t] for c in counts) for t in set().union(*counts)}
        for t, tf in tfs.items():
            self._postings.setdefault(t, {})[doc_id] = tf
        lengths = tuple(float(len(ts)) for ts in per_field)
        for i, n in enumerate(lengths):
            self._total_lengths[i] += n
        clean = normalise(text)
        self._docs[doc_id] = _Doc(
            text=text,
            lengths=lengths,
            tfs=tfs,
            text_terms=per_field[0],
            extra_terms=frozenset(t for ts in per_field[1:] for t in ts),
            numbers=frozenset(n.replace(",", "") for n in _NUMBER_RE.findall(clean)),
            names=frozenset(t for name in _NAME_RE.findall(clean) for t in terms(name)),
            vector=vector,
        )

    def remove(self, doc_id: Hashable) -> None:
        """Forget ``doc_id``; unknown ids are ignored."""
        doc = self._docs.pop(doc_id, None)
        if doc is None:
            return
        self._cache.clear()
        for t in doc.tfs:
            posting = self._postings[t]
            del posting[doc_id]
            if not posting:
                del self._postings[t]
        for i, n in enumerate(doc.lengths):
            self._total_lengths[i] -= n

    def _idf(self, term: str) -> float:
        df = len(self._postings.get(term, ()))
        n = len(self._docs)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def _saturated(self, term: str) -> list[tuple[Hashable, float]]:
        """Per-document saturated BM25F term weight (without idf), cached per term.

        BM25F: each field's tf is length-normalised and weighted, the sum is saturated once,
        so a word in both title and text does not count as two matches. The values depend
        on the average field lengths, so ``add``/``remove`` clear the cache.
        """
        cached = self._cache.get(term)
        if cached is not None:
            return cached
        n = len(self._docs)
        k1, b = self.k1, self.b
        avg = [max(total / n, 1e-9) for total in self._total_lengths]
        docs = self._docs
        out = []
        for doc_id, tf in self._postings[term].items():
            pseudo = 0.0
            for w, f, length, a in zip(
                self._field_weights, tf, docs[doc_id].lengths, avg, strict=True
            ):
                if f:
                    pseudo += w * f / (1.0 - b + b * length / a)
            out.append((doc_id, pseudo * (k1 + 1.0) / (pseudo + k1)))
        self._cache[term] = out
        return out

    def bm25(self, query_terms: Sequence[str]) -> dict[Hashable, float]:
        """BM25F score of every document sharing a term with the query (first stage)."""
        scores: dict[Hashable, float] = {}
        get = scores.get
        for term, q_count in Counter(query_terms).items():
            if term not in self._postings:
                continue
            idf = q_count * self._idf(term)
            for doc_id, weight in self._saturated(term):
                scores[doc_id] = get(doc_id, 0.0) + idf * weight
        return scores

    def candidates(
        self, query: str, query_vector: Any = None
    ) -> list[tuple[Hashable, list[float]]]:
        """First-stage candidates with their re-ranking features (``RERANK_FEATURES`` order,
        then ``EMBEDDING_FEATURE`` when the query and every candidate have an embedding).

        Public so that the weights can be fitted (bench/bench_checkthat.py --fit); callers
        normally use ``search``.
        """
        clean = normalise(query)
        q_terms = terms(clean)
        scores = self.bm25(q_terms)
        if not scores:
            return []
        top = nlargest(self.rerank_depth, scores.items(), key=lambda kv: kv[1])
        best = top[0][1]
        q_set = frozenset(q_terms)
        q_bigrams = frozenset(pairwise(q_terms))
        q_grams = _trigrams(q_terms)
        q_numbers = frozenset(n.replace(",", "") for n in _NUMBER_RE.findall(clean))
        idf = {t: self._idf(t) for t in q_set}
        q_mass = sum(idf.values()) or 1.0
        out = []
        for rank, (doc_id, score) in enumerate(top, 1):
            doc = self._docs[doc_id]
            c_set = set(doc.text_terms)
            c_idf = {t: idf[t] if t in idf else self._idf(t) for t in c_set}
            c_mass = sum(c_idf.values()) or 1.0
            e_idf = {t: idf[t] if t in idf else self._idf(t) for t in doc.extra_terms}
            e_mass = sum(e_idf.values()) or 1.0
            c_bigrams = set(pairwise(doc.text_terms))
            if doc.grams is None:
                doc.grams = _trigrams(doc.text_terms)
            grams = doc.grams
            out.append(
                (
                    doc_id,
                    [
                        score / best,
                        math.log1p(score),
                        1.0 / rank,
                        sum(v for t, v in idf.items() if t in doc.tfs) / q_mass,
                        sum(v for t, v in c_idf.items() if t in q_set) / c_mass,
                        sum(v for t, v in e_idf.items() if t in q_set) / e_mass,
                        len(c_bigrams & q_bigrams) / len(c_bigrams) if c_bigrams else 0.0,
                        _lcs(q_terms, doc.text_terms) / max(len(doc.text_terms), 1),
                        len(grams & q_grams) / math.sqrt(len(grams) * len(q_grams) or 1),
                        len(doc.numbers - q_numbers) / len(doc.numbers) if doc.numbers else 0.0,
                        len(doc.names - q_set) / len(doc.names) if doc.names else 0.0,
                    ],
                )
            )
        if query_vector is not None and all(self._docs[d].vector is not None for d, _ in out):
            for doc_id, features in out:
                features.append(float(self._docs[doc_id].vector @ query_vector))
        return out

    def search(self, query: str, *, limit: int = 5, query_vector: Any = None) -> list[Match]:
        """Best ``limit`` matches for ``query``, scores in [0, 1], best first.

        With the query's sentence embedding (and the candidates'), the re-ranker also weighs
        their cosine similarity. Apply ``MATCH_THRESHOLD`` to the top score to answer "has
        this been checked?".
        """
        if limit <= 0:
            return []
        cands = self.candidates(query, query_vector)
        if not cands:
            return []
        if not self.rerank:
            # Without the second stage the idf-weighted query coverage is the score: it is
            # already in [0, 1] and, unlike raw BM25, comparable across queries.
            return [Match(d, f[3]) for d, f in cands[:limit]]
        embedded = len(cands[0][1]) > len(RERANK_FEATURES)
        weights, bias = (_WEIGHTS_EMBEDDED, _BIAS_EMBEDDED) if embedded else (_WEIGHTS, _BIAS)
        scored = [
            (_sigmoid(bias + sum(w * x for w, x in zip(weights, f, strict=True))), d)
            for d, f in cands
        ]
        scored.sort(key=lambda sd: -sd[0])
        return [Match(d, sc) for sc, d in scored[:limit]]
