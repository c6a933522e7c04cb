"""Train the check-worthiness model and write factcheck/pipeline/data/checkworthiness.json.

Usage::

    .venv/bin/python bench/train_checkworthiness.py [CSV] [--beta B] [--out PATH]

CSV defaults to ../shared/data/claimbuster/crowdsourced.csv (ClaimBuster, Arslan et al.,
ICWSM 2020). The data is read in place and never copied into the repository.

Protocol (fixed seed, so a rerun reproduces the weights):
  * target: Verdict == 1 (check-worthy factual claim) versus 0 and -1;
  * stratified 80/20 split; the 20 % test split is touched once, for the final report;
  * inside the training split, 5-fold stratified cross-validation gives out-of-fold scores
    used to pick the regularisation strength C (best F-beta over thresholds) and then the
    decision threshold (F-beta maximum);
  * the final model is refit on the whole training split with that C.
Three feature sets are run through the same protocol so the report shows what the news
signals add: words + signals (shipped), words only, signals only.

Tokenisation and signals are imported from the inference module itself, so training and
inference cannot drift apart.

scikit-learn, numpy and scipy are training-time tools only; inference needs none of them.
The file written has no calibration block: run ``bench/calibrate_checkworthiness.py`` next,
or scores read as debate-speech probabilities.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold, train_test_split

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.pipeline import checkworthiness as cw  # noqa: E402

SEED = 13
TEST_SIZE = 0.2
FOLDS = 5
MIN_DF = 3  # an n-gram seen in fewer training sentences carries no reliable weight
MAX_NGRAMS = 25_000  # keeps the JSON well under 2 MB
C_GRID = (0.05, 0.1, 0.2, 0.5, 1.0, 2.0)
DEFAULT_CSV = REPO.parent / "shared" / "data" / "claimbuster" / "crowdsourced.csv"
DEFAULT_OUT = REPO / "factcheck" / "pipeline" / "data" / "checkworthiness.json"


def load(path: Path) -> tuple[list[str], np.ndarray]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    texts = [r["Text"].strip() for r in rows]
    y = np.array([int(r["Verdict"]) == 1 for r in rows], dtype=np.int8)
    return texts, y


class Featurizer:
    """Builds the design matrix; columns are n-grams (vocabulary) then SIGNAL_NAMES."""

    def __init__(self, grams: list[set[str]], use_words: bool, use_signals: bool):
        self.use_words = use_words
        self.use_signals = use_signals
        df = Counter(g for gs in grams for g in gs)
        keep = sorted((g for g, n in df.items() if n >= MIN_DF), key=lambda g: (-df[g], g))
        self.vocab = {g: i for i, g in enumerate(keep[:MAX_NGRAMS])} if use_words else {}
        self.names = list(self.vocab) + (list(cw.SIGNAL_NAMES) if use_signals else [])

    def transform(self, grams: list[set[str]], sigs: list[tuple[str, ...]]) -> sparse.csr_matrix:
        n_words = len(self.vocab)
        sig_index = {name: n_words + i for i, name in enumerate(cw.SIGNAL_NAMES)}
        rows, cols = [], []
        for r, (gs, fired) in enumerate(zip(grams, sigs, strict=True)):
            idx = [self.vocab[g] for g in gs if g in self.vocab]
            if self.use_signals:
                idx += [sig_index[s] for s in fired]
            rows += [r] * len(idx)
            cols += idx
        data = np.ones(len(rows), dtype=np.float64)
        return sparse.csr_matrix((data, (rows, cols)), shape=(len(grams), len(self.names)))


def fit(grams, sigs, y, c, use_words, use_signals):
    feat = Featurizer(grams, use_words, use_signals)
    clf = LogisticRegression(C=c, max_iter=5000, solver="liblinear", random_state=SEED)
    clf.fit(feat.transform(grams, sigs), y)
    return feat, clf


def predict(model, grams, sigs) -> np.ndarray:
    feat, clf = model
    return clf.predict_proba(feat.transform(grams, sigs))[:, 1]


def best_threshold(y: np.ndarray, p: np.ndarray, beta: float) -> tuple[float, float]:
    """Threshold maximising F-beta of the positive class, and that F-beta."""
    order = np.argsort(-p)
    ys, ps = y[order], p[order]
    tp = np.cumsum(ys)
    fp = np.cumsum(1 - ys)
    prec = tp / (tp + fp)
    rec = tp / max(1, ys.sum())
    b2 = beta * beta
    f = (1 + b2) * prec * rec / np.maximum(b2 * prec + rec, 1e-12)
    # Only cut between distinct scores, so "score >= threshold" reproduces the counted set.
    distinct = np.r_[ps[1:] < ps[:-1], True]
    f = np.where(distinct, f, -1)
    i = int(np.argmax(f))
    nxt = ps[i + 1] if i + 1 < len(ps) else 0.0
    return float((ps[i] + nxt) / 2), float(f[i])


def metrics(y: np.ndarray, p: np.ndarray, thr: float) -> dict[str, float]:
    pr, rc, f1, _ = precision_recall_fscore_support(
        y, (p >= thr).astype(int), average="binary", zero_division=0
    )
    return {
        "precision": round(float(pr), 4),
        "recall": round(float(rc), 4),
        "f1": round(float(f1), 4),
    }


def run(name, use_words, use_signals, tr, te, beta):
    (g_tr, s_tr, y_tr), (g_te, s_te, y_te) = tr, te
    folds = list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(g_tr, y_tr))
    best = None
    for c in C_GRID:
        oof = np.zeros(len(y_tr))
        for a, b in folds:
            sub = ([g_tr[i] for i in a], [s_tr[i] for i in a], y_tr[a])
            model = fit(*sub, c, use_words, use_signals)
            oof[b] = predict(model, [g_tr[i] for i in b], [s_tr[i] for i in b])
        thr, score = best_threshold(y_tr, oof, beta)
        print(f"  {name:16s} C={c:<5} cv F{beta:g}={score:.4f} thr={thr:.3f}")
        if best is None or score > best[1]:
            best = (c, score, thr, oof)
    c, _, thr, oof = best
    model = fit(g_tr, s_tr, y_tr, c, use_words, use_signals)
    p_te = predict(model, g_te, s_te)
    # For the record only: where a recall-leaning (F2) threshold would sit, chosen the same way.
    thr2, _ = best_threshold(y_tr, oof, 2.0)
    result = {
        "C": c,
        "threshold": round(thr, 4),
        "cross_validation": metrics(y_tr, oof, thr),
        "test": metrics(y_te, p_te, thr),
        # Threshold-free ranking quality, so feature sets compare without a cut-off choice.
        "test_average_precision": round(float(average_precision_score(y_te, p_te)), 4),
        "f2_threshold": {"threshold": round(thr2, 4), "test": metrics(y_te, p_te, thr2)},
    }
    return model, result, p_te


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--beta", type=float, default=1.0, help="F-beta used to choose C, threshold")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()

    texts, y = load(args.csv)
    idx_tr, idx_te = train_test_split(
        np.arange(len(texts)), test_size=TEST_SIZE, stratify=y, random_state=SEED
    )
    grams = [cw.ngrams(cw.tokenize(t)) for t in texts]
    sigs = [cw.signals(t) for t in texts]
    tr = ([grams[i] for i in idx_tr], [sigs[i] for i in idx_tr], y[idx_tr])
    te = ([grams[i] for i in idx_te], [sigs[i] for i in idx_te], y[idx_te])
    print(
        f"{len(texts)} sentences, {int(y.sum())} check-worthy;",
        f"train {len(idx_tr)}, test {len(idx_te)}",
    )

    pos = [s for s, label in zip(sigs, y, strict=True) if label]
    neg = [s for s, label in zip(sigs, y, strict=True) if not label]
    for n in cw.SIGNAL_NAMES:
        rate_pos = np.mean([n in s for s in pos])
        rate_neg = np.mean([n in s for s in neg])
        print(f"  signal {n:13s} fires on {rate_pos:5.1%} of positives, {rate_neg:5.1%} of others")

    results = {}
    shipped = None
    for name, w, s in (
        ("words+signals", True, True),
        ("words", True, False),
        ("signals", False, True),
    ):
        model, res, _ = run(name, w, s, tr, te, args.beta)
        results[name] = res
        if name == "words+signals":
            shipped = model
        print(
            f"{name:16s} C={res['C']} thr={res['threshold']}",
            f"cv={res['cross_validation']} test={res['test']} AP={res['test_average_precision']}",
            f"f2={res['f2_threshold']}",
        )

    feat, clf = shipped
    coef = clf.coef_[0]
    n_words = len(feat.vocab)
    # Four decimals is far below any weight that matters; zero weights are simply omitted.
    ngram_weights = {
        g: round(float(coef[i]), 4) for g, i in feat.vocab.items() if round(float(coef[i]), 4) != 0
    }
    signal_weights = {n: round(float(coef[n_words + i]), 4) for i, n in enumerate(cw.SIGNAL_NAMES)}
    res = results["words+signals"]
    out = {
        "format": "factdesk-checkworthiness/1",
        "model": "logistic_regression",
        "tokenizer_version": cw.TOKENIZER_VERSION,
        "bias": round(float(clf.intercept_[0]), 4),
        "threshold": res["threshold"],
        "signal_weights": signal_weights,
        "ngram_weights": ngram_weights,
        "metadata": {
            "trained": dt.date.today().isoformat(),
            "dataset": "ClaimBuster crowdsourced.csv (Arslan et al., ICWSM 2020), US presidential "
            "debates 1960-2016",
            "target": "Verdict == 1",
            "features": "binary word unigrams+bigrams (min_df "
            f"{MIN_DF}, top {MAX_NGRAMS} by df) + news signals",
            "seed": SEED,
            "split": {
                "train": len(idx_tr),
                "test": len(idx_te),
                "test_positive": int(y[idx_te].sum()),
            },
            "selection": f"{FOLDS}-fold CV on train; C and threshold maximise F{args.beta:g}",
            "C": res["C"],
            "test": res["test"],
            "test_average_precision": res["test_average_precision"],
            "f2_threshold": res["f2_threshold"],
            "cross_validation": res["cross_validation"],
            "baselines": {k: v for k, v in results.items() if k != "words+signals"},
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(out, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8"
    )
    print("signal weights:", signal_weights)
    print("next: bench/calibrate_checkworthiness.py (the scores are not calibrated on news yet)")
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, {len(ngram_weights)} n-grams)"
    )


if __name__ == "__main__":
    main()
