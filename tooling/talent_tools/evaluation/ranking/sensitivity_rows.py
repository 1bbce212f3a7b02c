"""Violation shares of the sensitivity cases for the ranker and each baseline (see `sensitivity`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from talent.features.featurizer import Featurizer
from talent.ranking.family_classifier import load_family_classifier
from talent.ranking.ranker import OnnxRanker
from talent_tools.evaluation.ranking.cache import cached_arrays
from talent_tools.evaluation.ranking.result import Row, SuiteResult, met_or_missed
from talent_tools.evaluation.ranking.sensitivity import (
    BASELINE_NAMES,
    KINDS,
    VERSION,
    SensitivitySizes,
    build,
    complete,
)

TOLERANCE = 1e-5
"""A score moving less than this is unchanged (float32 rounding of the same sum in another order)."""


@dataclass(frozen=True)
class KindResult:
    kind: str
    cases: int
    violations: int
    examples: list[str]
    """`posting-id/resume-id` of the first violating cases (ids only)."""

    @property
    def share(self) -> float:
        return self.violations / self.cases if self.cases else float("nan")


def violated(kind: str, original: npt.NDArray[np.floating], variant: npt.NDArray[np.floating]) -> npt.NDArray[np.bool_]:
    """Where the edit moved the score the wrong way. `weakened`: where the full resume does not score higher."""
    if kind == "remove_skill":
        return np.asarray(variant > original + TOLERANCE)
    if kind == "weakened":
        return np.asarray(~(original > variant + TOLERANCE))
    return np.asarray(variant < original - TOLERANCE)


def evaluate(
    arrays: dict[str, npt.NDArray[Any]], original: npt.NDArray[np.floating], variant: npt.NDArray[np.floating]
) -> list[KindResult]:
    out = []
    for kind in KINDS:
        rows = arrays["kind"] == kind
        bad = violated(kind, original[rows], variant[rows])
        ids = [f"{p}/{r}" for p, r in zip(arrays["posting"][rows][bad], arrays["resume"][rows][bad], strict=True)]
        out.append(KindResult(kind, int(rows.sum()), int(bad.sum()), ids[:5]))
    return out


def ranker_scores(
    arrays: dict[str, npt.NDArray[Any]], ranker: OnnxRanker
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    names = [str(n) for n in arrays["feature_names"]]
    if names != ranker.spec.names:
        raise ValueError(f"sensitivity features {names} are not the ranker's {ranker.spec.names}: rebuild the table")
    width = len(names)
    original, _ = ranker.score_matrix(arrays["original"].reshape(-1, width).astype(np.float32))
    variant, _ = ranker.score_matrix(arrays["variant"].reshape(-1, width).astype(np.float32))
    return original, variant


def load_or_build(
    featurizer: Callable[[], Featurizer],
    classifier: Path,
    spec_sha256: str,
    data_dir: Path,
    sizes: SensitivitySizes,
    build_dir: Path,
) -> dict[str, npt.NDArray[Any]]:
    """The cached cases of this spec and sizes, built without the classifier and completed with it."""
    raw = cached_arrays(
        build_dir, f"sensitivity-raw.v{VERSION}", spec_sha256, sizes, lambda: build(featurizer(), data_dir, sizes)
    )
    return cached_arrays(
        build_dir,
        f"sensitivity.v{VERSION}",
        spec_sha256,
        sizes,
        lambda: complete(raw, load_family_classifier(classifier)),
        classifier=classifier,
    )


def rows(cases: dict[str, npt.NDArray[Any]], ranker: OnnxRanker, result: SuiteResult) -> list[Row]:
    original, variant = ranker_scores(cases, ranker)
    methods = {"ranker": (original, variant)}
    for name in BASELINE_NAMES:
        methods[name] = (cases[f"baseline_{name}_original"], cases[f"baseline_{name}_variant"])
    measured = {m: evaluate(cases, o, v) for m, (o, v) in methods.items()}
    out: list[Row] = []
    pooled: dict[str, list[int]] = {}
    for i, kind in enumerate(KINDS):
        per_method = {m: r[i] for m, r in measured.items()}
        ranker_result = per_method["ranker"]
        result.examples[kind] = ranker_result.examples
        if kind == "weakened":
            values = {m: 1.0 - r.share for m, r in per_method.items()}
            out.append(
                Row(
                    "matched over weakened resume (share ranked higher)",
                    values,
                    f"{ranker_result.cases} pairs",
                    key="matched_over_weakened",
                    target=">= 0.95",
                    verdict=met_or_missed(values["ranker"] >= 0.95),
                )
            )
            continue
        values = {m: r.share for m, r in per_method.items()}
        out.append(
            Row(
                f"sensitivity violations: {kind}",
                values,
                f"{ranker_result.cases} cases",
                higher_is_better=False,
                key=f"sensitivity_{kind}",
                target="0",
                verdict=met_or_missed(ranker_result.violations == 0),
            )
        )
        for m, r in per_method.items():
            pooled.setdefault(m, [0, 0])
            pooled[m][0] += r.violations
            pooled[m][1] += r.cases
    shares = {m: v / c if c else float("nan") for m, (v, c) in pooled.items()}
    out.insert(
        0,
        Row(
            "sensitivity violations, all kinds",
            shares,
            f"{pooled['ranker'][1]} cases",
            higher_is_better=False,
            key="sensitivity_violations",
            target="0",
            verdict=met_or_missed(pooled["ranker"][0] == 0),
        ),
    )
    return out
