"""Ranking metrics over one query (a job): graded NDCG@k, average precision and ROC AUC."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.floating] | npt.NDArray[np.integer]


def _order(scores: Array) -> npt.NDArray[np.intp]:
    # Stable descending sort: ties keep input order, so a constant scorer is not rewarded by luck.
    return np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")


def ndcg_at(scores: Array, grades: Array, k: int = 10) -> float:
    """Graded NDCG@k with gain 2^grade - 1; 0 when nothing is relevant."""
    g = np.asarray(grades, dtype=np.float64)
    gains = (2.0 ** g[_order(scores)][:k]) - 1.0
    discounts = 1.0 / np.log2(np.arange(2, gains.size + 2))
    ideal = ((2.0 ** np.sort(g)[::-1][:k]) - 1.0) @ discounts[: min(k, g.size)]
    return float(gains @ discounts / ideal) if ideal > 0 else 0.0


def average_precision(scores: Array, relevant: npt.NDArray[np.bool_]) -> float:
    hits = np.asarray(relevant, dtype=bool)[_order(scores)]
    if not hits.any():
        return 0.0
    precision_at_hit = np.cumsum(hits)[hits] / (np.flatnonzero(hits) + 1)
    return float(precision_at_hit.mean())


def roc_auc(scores: Array, relevant: npt.NDArray[np.bool_], irrelevant: npt.NDArray[np.bool_]) -> float:
    """P(score of a relevant item > score of an irrelevant one), ties counting one half."""
    pos = np.asarray(scores, dtype=np.float64)[relevant]
    neg = np.asarray(scores, dtype=np.float64)[irrelevant]
    if pos.size == 0 or neg.size == 0:
        return float("nan")
    both = np.concatenate([pos, neg])
    ranks = _average_ranks(both)
    return float((ranks[: pos.size].sum() - pos.size * (pos.size + 1) / 2) / (pos.size * neg.size))


def _average_ranks(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(values.size, dtype=np.float64)
    ranks[order] = np.arange(1, values.size + 1)
    uniques, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    if uniques.size != values.size:
        sums = np.bincount(inverse, weights=ranks)
        ranks = (sums / counts)[inverse]
    return ranks
