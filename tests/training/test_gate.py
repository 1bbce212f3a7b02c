"""The promotion gate: better on the promote metric, and no worse beyond noise on any other row."""

from __future__ import annotations

import pytest

pytest.importorskip("talent_training", reason="tests/training need the training venv: .venv-train/bin/pytest")

from talent_training.pipeline.gate import GUARDS, decide

CHAMPION = {
    "fit_auc_minor": 0.80,
    "test_ndcg_at_10": 0.70,
    "occupation_ndcg_at_10": 0.50,
    "sensitivity_violations": 0.0,
    "matched_over_weakened": 0.95,
}


def test_the_first_model_is_promoted() -> None:
    assert decide({"fit_auc_minor": 0.6}, None, "fit_auc_minor", 0.005).promoted


def test_a_better_model_that_loses_nothing_is_promoted() -> None:
    candidate = {**CHAMPION, "fit_auc_minor": 0.82, "test_ndcg_at_10": 0.695}  # family NDCG within noise
    assert decide(candidate, CHAMPION, "fit_auc_minor", 0.005).promoted


def test_a_gain_smaller_than_the_margin_is_not_a_promotion() -> None:
    verdict = decide({**CHAMPION, "fit_auc_minor": 0.803}, CHAMPION, "fit_auc_minor", 0.005)
    assert not verdict.promoted and "not better" in verdict.reasons[0]


def test_gaining_family_ndcg_while_losing_occupation_level_or_sensitivity_is_refused() -> None:
    # Given a candidate much better on the family benchmark, worse within families
    worse_occupation = {**CHAMPION, "test_ndcg_at_10": 0.80, "occupation_ndcg_at_10": 0.45}
    verdict = decide(worse_occupation, CHAMPION, "test_ndcg_at_10", 0.005)
    assert not verdict.promoted and any("occupation_ndcg_at_10" in r for r in verdict.reasons)
    # And one that breaks a requirement-sensitivity case the champion kept
    violating = {**CHAMPION, "test_ndcg_at_10": 0.80, "sensitivity_violations": 0.01}
    assert not decide(violating, CHAMPION, "test_ndcg_at_10", 0.005).promoted


def test_a_metric_the_champion_never_recorded_is_not_compared_but_a_missing_one_is_refused() -> None:
    older = {"fit_auc_minor": 0.80}  # a champion from before the suite's other rows
    assert decide({**CHAMPION, "fit_auc_minor": 0.9}, older, "fit_auc_minor", 0.005).promoted
    unmeasured = {"fit_auc_minor": 0.9}
    verdict = decide(unmeasured, CHAMPION, "fit_auc_minor", 0.005)
    assert not verdict.promoted and any("not measured" in r for r in verdict.reasons)
    assert not decide({}, CHAMPION, "fit_auc_minor", 0.005).promoted


def test_lower_is_better_where_the_gate_says_so() -> None:
    assert GUARDS["sensitivity_violations"][0] == "lower"
    fewer = {**CHAMPION, "sensitivity_violations": 0.0, "fit_auc_minor": 0.81}
    assert decide(fewer, {**CHAMPION, "sensitivity_violations": 0.05}, "fit_auc_minor", 0.005).promoted
