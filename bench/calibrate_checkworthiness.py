"""Calibrate the check-worthiness score on news, so that it reads as a probability there.

Usage::

    .venv/bin/python bench/calibrate_checkworthiness.py [--model PATH] [--labels FILE] [--dry-run]

The model (``bench/train_checkworthiness.py``) is fitted on debate speech, where a quarter of
the sentences are check-worthy; in news two thirds are, so its raw score is under-confident
there (a raw 0.35 is a claim 60 % of the time). Platt scaling fixes the reading without
changing the ranking: the calibrated score is ``sigmoid(slope * z + intercept)`` of the
model's log-odds ``z``, fitted by logistic regression on the labelled news sentences of
``bench/labels/extraction.jsonl`` (label ``claim`` = 1, every other label = 0). Because the map
is monotone and the decision threshold is mapped with it, extraction keeps exactly the same
sentences; only the number stored and shown changes meaning.

Reported: expected calibration error (10 equal-width bins) and Brier score of the raw score,
and of the calibrated one out-of-fold (5 folds by article, so no article's sentences inform
their own calibration), on the news labels and on the ClaimBuster held-out split. The shipped
slope and intercept are then fitted on all labelled news sentences and written into the
model file's ``calibration`` block (``--dry-run``: report only). Re-run after every retraining.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss
from sklearn.model_selection import train_test_split

sys.path.insert(0, str(Path(__file__).resolve().parent))
from research import DATA, ROOT, read_jsonl

sys.path.insert(0, str(ROOT))

DEFAULT_MODEL = ROOT / "factcheck" / "pipeline" / "data" / "checkworthiness.json"
DEFAULT_LABELS = ROOT / "bench" / "labels" / "extraction.jsonl"
CLAIMBUSTER = DATA / "claimbuster" / "crowdsourced.csv"
FOLDS = 5
SEED = 13


def expected_calibration_error(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    error = 0.0
    for b in range(bins):
        inside = which == b
        if inside.any():
            error += inside.mean() * abs(p[inside].mean() - y[inside].mean())
    return float(error)


def news_sentences(labels_path: Path) -> tuple[list[str], np.ndarray, list[str]]:
    """Texts, targets and article keys of the labelled news sentences."""
    import eval_extraction

    labels = read_jsonl(labels_path)
    articles = {
        article.key: article
        for article in eval_extraction.labelled_articles(
            {(row["dataset"], row["doc"]) for row in labels}
        )
    }
    texts, targets, groups = [], [], []
    for label in labels:
        article = articles.get((label["dataset"], label["doc"]))
        if article is None:
            continue
        texts.append(article.text[label["start"] : label["end"]])
        targets.append(int(label["label"] == "claim"))
        groups.append(f"{label['dataset']}/{label['doc']}")
    return texts, np.array(targets), groups


def claimbuster_test() -> tuple[list[str], np.ndarray]:
    """The trainer's held-out split (same seed and stratification)."""
    with CLAIMBUSTER.open(encoding="utf-8", newline="") as rows:
        data = list(csv.DictReader(rows))
    texts = [row["Text"].strip() for row in data]
    y = np.array([int(row["Verdict"]) == 1 for row in data], dtype=int)
    _, test = train_test_split(np.arange(len(texts)), test_size=0.2, stratify=y, random_state=13)
    return [texts[i] for i in test], y[test]


def log_odds(texts: list[str], model_path: Path) -> np.ndarray:
    """The raw log-odds of the model in ``model_path`` (its calibration, if any, ignored)."""
    from factcheck.pipeline import checkworthiness

    model = checkworthiness.load_model(model_path)
    return np.array([checkworthiness.log_odds(text, model) for text in texts])


def platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    fit = LogisticRegression(C=1e6, max_iter=1000).fit(z[:, None], y)
    return float(fit.coef_[0][0]), float(fit.intercept_[0])


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()

    texts, y, groups = news_sentences(args.labels)
    z = log_odds(texts, args.model)
    raw = sigmoid(z)
    rng = np.random.default_rng(SEED)
    fold_of = {g: i % FOLDS for i, g in enumerate(rng.permutation(sorted(set(groups))))}
    folds = np.array([fold_of[g] for g in groups])
    out_of_fold = np.zeros(len(y))
    for k in range(FOLDS):
        held = folds == k
        slope, intercept = platt(z[~held], y[~held])
        out_of_fold[held] = sigmoid(slope * z[held] + intercept)
    slope, intercept = platt(z, y)

    cb_texts, cb_y = claimbuster_test()
    cb_z = log_odds(cb_texts, args.model)
    report = {
        "news_sentences": len(y),
        "news_claim_share": round(float(y.mean()), 3),
        "news_raw": {
            "ece": round(expected_calibration_error(y, raw), 3),
            "brier": round(brier_score_loss(y, raw), 3),
        },
        "news_calibrated_out_of_fold": {
            "ece": round(expected_calibration_error(y, out_of_fold), 3),
            "brier": round(brier_score_loss(y, out_of_fold), 3),
        },
        "claimbuster_test_raw": {
            "ece": round(expected_calibration_error(cb_y, sigmoid(cb_z)), 3),
            "brier": round(brier_score_loss(cb_y, sigmoid(cb_z)), 3),
        },
        "claimbuster_test_calibrated": {
            "ece": round(expected_calibration_error(cb_y, sigmoid(slope * cb_z + intercept)), 3),
            "brier": round(brier_score_loss(cb_y, sigmoid(slope * cb_z + intercept)), 3),
        },
    }
    print(json.dumps(report, indent=1))
    print(f"slope {slope:.4f}, intercept {intercept:.4f}")
    if args.dry_run:
        return
    model = json.loads(args.model.read_text(encoding="utf-8"))
    model["calibration"] = {
        "method": "platt",
        "slope": round(slope, 4),
        "intercept": round(intercept, 4),
        "fitted_on": f"{args.labels.relative_to(ROOT)} ({len(y)} news sentences)",
        "report": report,
    }
    args.model.write_text(
        json.dumps(model, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8"
    )
    raw_cut = model["threshold"]
    mapped = 1 / (1 + math.exp(-(slope * math.log(raw_cut / (1 - raw_cut)) + intercept)))
    print(f"wrote {args.model}; threshold {raw_cut} reads {mapped:.4f} calibrated")


if __name__ == "__main__":
    main()
