"""Train the check-worthiness weights on ClaimBuster and write bot/analysis/checkworthy_weights.json.

    python -m copydesk_tools.evaluation.train_checkworthy [--data ../shared/data] [--folds 5]

A plain L2-regularised logistic regression (numpy, full-batch Adam over a sparse matrix)
over the features of bot.analysis.checkworthy.claim_features. Before writing the weights it
reports k-fold cross-validated P/R/F1, the figures `copydesk eval claims` prints too.

Nothing is tuned on the sentences it is scored on: inside each outer fold the decision
threshold is chosen by an inner cross-validation on that fold's training part only, and the
shipped threshold is chosen the same way on the whole corpus. The ClaimBuster repository is
GPL-3.0; the weights file records where it was trained.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.analysis.checkworthy import decide
from copydesk_tools.evaluation.scoring import PRF
from copydesk_tools import configured

L2 = 5.0
ITERATIONS = 400
STEP = 0.05
MIN_COUNT = 5  # a lemma or tag feature seen in fewer training sentences is left out
INNER_FOLDS = 3
THRESHOLDS = np.round(np.arange(0.25, 0.61, 0.025), 3)
SEED = 0


@dataclass
class SparseRows:
    """Rows of named features as coordinate arrays: ClaimBuster's matrix is >99% zeros."""

    row: np.ndarray
    col: np.ndarray
    value: np.ndarray
    n_rows: int
    n_cols: int

    def dot(self, weights: np.ndarray) -> np.ndarray:
        return np.bincount(self.row, weights=self.value * weights[self.col], minlength=self.n_rows)

    def transpose_dot(self, error: np.ndarray) -> np.ndarray:
        return np.bincount(self.col, weights=self.value * error[self.row], minlength=self.n_cols)


def vocabulary(rows: list[dict[str, float]]) -> dict[str, int]:
    """Named signals always; lemma/tag features only when common enough to generalise."""
    counts = Counter(name for row in rows for name in row)
    kept = sorted(name for name, n in counts.items() if n >= MIN_COUNT or "=" not in name)
    return {name: i for i, name in enumerate(kept)}


def to_matrix(rows: list[dict[str, float]], vocab: dict[str, int]) -> SparseRows:
    coords = [(i, vocab[name], value) for i, row in enumerate(rows) for name, value in row.items() if name in vocab]
    row, col, value = (np.asarray(part) for part in zip(*coords)) if coords else (np.zeros(0),) * 3
    return SparseRows(row.astype(np.int64), col.astype(np.int64), value.astype(np.float64), len(rows), len(vocab))


def fit(matrix: SparseRows, labels: np.ndarray) -> tuple[np.ndarray, float]:
    n, k = matrix.n_rows, matrix.n_cols
    weights, bias = np.zeros(k), 0.0
    m, v, mb, vb = np.zeros(k), np.zeros(k), 0.0, 0.0
    for step in range(1, ITERATIONS + 1):
        error = _sigmoid(matrix.dot(weights) + bias) - labels
        grad = matrix.transpose_dot(error) / n + L2 * weights / n
        grad_b = float(error.mean())
        m, v = 0.9 * m + 0.1 * grad, 0.999 * v + 0.001 * grad * grad
        mb, vb = 0.9 * mb + 0.1 * grad_b, 0.999 * vb + 0.001 * grad_b * grad_b
        correction = np.sqrt(1 - 0.999**step) / (1 - 0.9**step)
        weights -= STEP * correction * m / (np.sqrt(v) + 1e-8)
        bias -= STEP * correction * mb / (np.sqrt(vb) + 1e-8)
    return weights, bias


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def train(rows: list[dict[str, float]], labels: list[int]) -> tuple[dict[str, float], float]:
    vocab = vocabulary(rows)
    weights, bias = fit(to_matrix(rows, vocab), np.asarray(labels, dtype=np.float64))
    return {name: float(weights[j]) for name, j in vocab.items()}, float(bias)


def _folds(n: int, folds: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).permutation(n) % folds


def out_of_fold_scores(rows: list[dict[str, float]], labels: np.ndarray, folds: int, seed: int = SEED) -> np.ndarray:
    """Each row's score from a model trained on the other folds."""
    fold_of = _folds(len(rows), folds, seed)
    scores = np.zeros(len(rows))
    for fold in range(folds):
        train_idx, test_idx = np.where(fold_of != fold)[0], np.where(fold_of == fold)[0]
        train_rows = [rows[i] for i in train_idx]
        vocab = vocabulary(train_rows)
        weights, bias = fit(to_matrix(train_rows, vocab), labels[train_idx])
        scores[test_idx] = _sigmoid(to_matrix([rows[i] for i in test_idx], vocab).dot(weights) + bias)
    return scores


def best_threshold(rows: list[dict[str, float]], labels: np.ndarray, scores: np.ndarray) -> float:
    """The threshold with the best F1 on scores the model did not train on."""

    def f1_at(threshold: float) -> float:
        result = PRF()
        for row, score, gold in zip(rows, scores, labels):
            result.add(decide(float(score), row, threshold), bool(gold))
        return result.f1

    return float(max(THRESHOLDS, key=f1_at))


def choose_threshold(rows: list[dict[str, float]], labels: np.ndarray) -> float:
    return best_threshold(rows, labels, out_of_fold_scores(rows, labels, INNER_FOLDS, seed=SEED + 1))


def cross_validate(rows: list[dict[str, float]], labels: list[int], folds: int = 5) -> PRF:
    """Pooled P/R/F1 over `folds` folds: each sentence is scored by a model, and a threshold, that never saw it."""
    y = np.asarray(labels, dtype=np.float64)
    fold_of = _folds(len(rows), folds, SEED)
    result = PRF()
    for fold in range(folds):
        train_idx, test_idx = np.where(fold_of != fold)[0], np.where(fold_of == fold)[0]
        train_rows = [rows[i] for i in train_idx]
        threshold = choose_threshold(train_rows, y[train_idx])
        vocab = vocabulary(train_rows)
        weights, bias = fit(to_matrix(train_rows, vocab), y[train_idx])
        scores = _sigmoid(to_matrix([rows[i] for i in test_idx], vocab).dot(weights) + bias)
        for i, score, gold in zip(test_idx, scores, y[test_idx]):
            result.add(decide(float(score), rows[i], threshold), bool(gold))
    return result


def featurise(texts: list[str]) -> list[dict[str, float]]:
    from bot.analysis import load_nlp
    from bot.analysis.checkworthy import claim_features

    nlp = load_nlp(configured.model())
    return [claim_features(doc[:]) for doc in nlp.pipe(texts, batch_size=128)]


def main(argv: list[str] | None = None) -> None:
    from bot.analysis.checkworthy import WEIGHTS_PATH
    from copydesk_tools.evaluation.claims import load_sentences

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[3].parent / "shared" / "data")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args(argv)

    sentences = load_sentences(args.data)
    rows = featurise([text for text, _ in sentences])
    labels = [int(gold) for _, gold in sentences]
    cv = cross_validate(rows, labels, args.folds)
    print(f"{args.folds}-fold cross-validated: P={cv.precision:.3f} R={cv.recall:.3f} F1={cv.f1:.3f}")
    threshold = choose_threshold(rows, np.asarray(labels, dtype=np.float64))
    weights, bias = train(rows, labels)
    model = {
        "about": "Check-worthiness logistic regression; see bot/analysis/checkworthy.py",
        "trained_on": "ClaimBuster two_class train (utaresearch/claimbuster-spotter, GPL-3.0 repository)",
        "sentences": len(rows),
        "cross_validated": {"folds": args.folds, **{k: round(v, 4) for k, v in cv.row().items()}},
        "threshold": threshold,
        "bias": round(bias, 4),
        # Rounded and pruned: weights this small change no decision.
        "weights": {name: round(w, 3) for name, w in sorted(weights.items()) if abs(w) >= 0.005},
    }
    args.out.write_text(json.dumps(model, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(model['weights'])} weights, threshold {threshold})")


if __name__ == "__main__":
    main()
