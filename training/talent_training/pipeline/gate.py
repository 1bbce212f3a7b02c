"""The promotion gate: a candidate replaces the champion only if it is better on the promote metric and no
worse, beyond noise, on every other row of the fit suite (`talent_tools.evaluation.ranking.suite`).

A model that gains family NDCG but loses occupation-level NDCG, fit AUC or requirement sensitivity is not
promoted: the family benchmark alone once made a ranker that agreed with people at chance.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

HIGHER = "higher"
LOWER = "lower"

GUARDS: dict[str, tuple[str, float]] = {
    # metric: (which way is better, how much worse still counts as noise on the fast suite's sizes)
    "test_ndcg_at_10": (HIGHER, 0.015),
    "occupation_ndcg_at_10": (HIGHER, 0.02),
    "fit_auc_minor": (HIGHER, 0.01),
    "fit_auc_major": (HIGHER, 0.01),
    "matched_over_weakened": (HIGHER, 0.01),
    "sensitivity_violations": (LOWER, 0.0),
}


@dataclass(frozen=True)
class Verdict:
    promoted: bool
    reasons: tuple[str, ...]
    """Why not (empty when promoted), one line per failed condition."""


def decide(
    candidate: Mapping[str, float],
    champion: Mapping[str, float] | None,
    promote_metric: str,
    margin: float,
    guards: Mapping[str, tuple[str, float]] = GUARDS,
) -> Verdict:
    """Promote without a champion; else require `promote_metric` better by `margin` and every guard no worse
    than its noise. A guard the champion never recorded (an older model) is not compared."""
    if promote_metric not in candidate:
        return Verdict(False, (f"the candidate has no {promote_metric}",))
    if champion is None:
        return Verdict(True, ())
    reasons = []
    direction = guards.get(promote_metric, (HIGHER, 0.0))[0]
    before = champion.get(promote_metric)
    gain = (candidate[promote_metric] - before) * (1 if direction == HIGHER else -1) if before is not None else margin
    if gain < margin:
        reasons.append(f"{promote_metric} {candidate[promote_metric]:.4f} is not better than {before:.4f} by {margin}")
    for metric, (way, noise) in guards.items():
        if metric == promote_metric or metric not in champion:
            continue
        if metric not in candidate:
            reasons.append(f"{metric} was not measured")
        elif _better(champion[metric], candidate[metric], way, noise):
            reasons.append(f"{metric} {candidate[metric]:.4f} is worse than the champion's {champion[metric]:.4f}")
    return Verdict(not reasons, tuple(reasons))


def _better(a: float, b: float, way: str, by: float) -> bool:
    """a is better than b by more than `by`."""
    return a - b > by if way == HIGHER else b - a > by
