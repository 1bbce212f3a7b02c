from __future__ import annotations

import math

import numpy as np

from talent_tools.ranking.metrics import average_precision, ndcg_at, roc_auc


def test_ideal_order_scores_one_and_reversed_order_less() -> None:
    grades = np.array([2, 1, 0, 0])
    assert ndcg_at(np.array([4.0, 3.0, 2.0, 1.0]), grades) == 1.0
    assert ndcg_at(np.array([1.0, 2.0, 3.0, 4.0]), grades) < 0.6


def test_ndcg_matches_a_hand_computation() -> None:
    # Ranked grades [0, 2, 1]: DCG = 3/log2(3) + 1/log2(4); ideal [2, 1, 0]: 3 + 1/log2(3)
    value = ndcg_at(np.array([3.0, 2.0, 1.0]), np.array([0, 2, 1]), k=10)
    expected = (3 / math.log2(3) + 1 / 2) / (3 + 1 / math.log2(3))
    assert abs(value - expected) < 1e-12


def test_a_constant_scorer_gains_nothing_from_ties() -> None:
    # Ties keep input order: with relevant items last, a constant score ranks them last.
    assert ndcg_at(np.zeros(4), np.array([0, 0, 0, 2]), k=2) == 0.0


def test_average_precision() -> None:
    relevant = np.array([True, False, True, False])
    # Order: items 0, 1, 2, 3 → hits at ranks 1 and 3: (1/1 + 2/3) / 2
    assert abs(average_precision(np.array([4.0, 3.0, 2.0, 1.0]), relevant) - (1 + 2 / 3) / 2) < 1e-12


def test_auc_counts_ties_as_half() -> None:
    scores = np.array([1.0, 1.0, 0.0])
    relevant = np.array([True, False, False])
    assert roc_auc(scores, relevant, ~relevant) == 0.75
    assert math.isnan(roc_auc(scores, np.zeros(3, dtype=bool), ~relevant))
