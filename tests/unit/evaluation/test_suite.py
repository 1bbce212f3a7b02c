"""The suite end to end on small synthetic tables, scored by a linear ranker: every row has the ranker and the
baselines, the gate's flat dict names each row, the table and plots are written."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from talent.ranking.ranker import OnnxRanker
from talent_tools.evaluation.ranking import report, suite
from talent_tools.evaluation.ranking.fit_table import FitTable
from talent_tools.evaluation.ranking.sensitivity import KINDS
from talent_tools.evaluation.ranking.titles import TitleSet

NAMES = ["semantic", "skills"]


class _Spec:
    names = NAMES


class LinearRanker:
    """Scores features with fixed weights, as an additive ONNX ranker would (the suite reads only these two)."""

    spec = _Spec()

    def __init__(self, weights: list[float]) -> None:
        self.weights = np.asarray(weights, dtype=np.float32)

    def score_matrix(
        self, features: npt.NDArray[np.float32]
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        contributions = features * self.weights
        return contributions.sum(axis=1), contributions


def _tables(tmp_path: Path) -> suite.Tables:
    rng = np.random.default_rng(3)
    codes = ["29-1141.00", "29-1171.00", "13-2011.00", "13-2051.00"]
    families = {"29": "HEALTHCARE", "13": "ACCOUNTANT"}
    resume_codes = [codes[i % 4] for i in range(40)]
    posting_codes = codes * 3
    grade = np.asarray([[float(p[:5] == r[:5]) for r in resume_codes] for p in posting_codes], dtype=np.float32)
    features = np.stack([grade + rng.normal(0, 0.3, grade.shape), rng.random(grade.shape)], axis=-1).astype(np.float32)
    baselines = {
        k: rng.random(grade.shape).astype(np.float32) for k in ("tfidf", "bm25", "bm25_resume", "minilm", "skills")
    }
    fit = FitTable(
        NAMES,
        features,
        baselines,
        [f"p{i}" for i in range(12)],
        posting_codes,
        ["us"] * 8 + ["onet"] * 4,
        [families[c[:2]] for c in posting_codes],
        [f"r{i}" for i in range(40)],
        resume_codes,
        [families[c[:2]] for c in resume_codes],
    )
    kinds = np.repeat(np.asarray(KINDS), 3)
    original = rng.random((kinds.size, 2)).astype(np.float32)
    variant = original.copy()
    variant[:, 1] += np.where(np.isin(kinds, ["add_skill", "more_years"]), 0.1, -0.1)
    cases: dict[str, Any] = {
        "kind": kinds,
        "posting": np.asarray([f"us:{i}" for i in range(kinds.size)]),
        "resume": np.asarray([str(i) for i in range(kinds.size)]),
        "original": original,
        "variant": variant,
        "feature_names": np.asarray(NAMES),
    }
    for name in ("tfidf", "bm25", "minilm", "skills"):
        cases[f"baseline_{name}_original"] = original[:, 1]
        cases[f"baseline_{name}_variant"] = original[:, 1]  # unmoved: a tie, a violation for `weakened` only
    title_set = TitleSet([("q", "Nurse")], [("a", "RN"), ("b", "Cook")], {"q": {"a"}})
    title_scores = {m: np.asarray([[0.9, 0.1]]) for m in ("ranker", "minilm", "tfidf", "bm25")}
    return suite.Tables(fit, cases, title_set, title_scores, tmp_path / "no-benchmark.npz")


def test_every_row_has_the_ranker_and_the_gate_names_each_row(tmp_path: Path) -> None:
    result = suite.measure(_tables(tmp_path), cast(OnnxRanker, LinearRanker([1.0, 1.0])))
    metrics = suite.flat(result)
    for key in (
        "occupation_ndcg_at_10",
        "fit_auc_minor",
        "fit_auc_major",
        "sensitivity_violations",
        "matched_over_weakened",
        "titles_map",
    ):
        assert key in metrics, key
    assert "baseline_tfidf_fit_auc_minor" in metrics and "baseline_random_fit_auc_minor" in metrics
    # The ranker reads the grade through its first feature: it beats chance on the resume-centric row.
    assert metrics["fit_auc_minor"] > 0.8 > metrics["baseline_random_fit_auc_minor"]
    # Skill weight positive: adding raises, removing lowers, weakening lowers; no violation anywhere.
    assert metrics["sensitivity_violations"] == 0.0 and metrics["matched_over_weakened"] == 1.0


def test_a_ranker_that_punishes_skills_violates_every_kind(tmp_path: Path) -> None:
    metrics = suite.flat(suite.measure(_tables(tmp_path), cast(OnnxRanker, LinearRanker([1.0, -1.0]))))
    assert metrics["sensitivity_violations"] == 1.0 and metrics["matched_over_weakened"] == 0.0


def test_the_report_prints_each_row_with_its_target_and_writes_plots(tmp_path: Path) -> None:
    tables = _tables(tmp_path)
    result = suite.measure(tables, cast(OnnxRanker, LinearRanker([1.0, 1.0])))
    printed = report.table(result)
    assert "fit AUC, resume vs real postings (same minor group)" in printed and "TF-IDF cosine" in printed
    assert ">= 0.80 and >= TF-IDF + 0.05: **" in printed
    assert report.inputs(tables.fit).startswith("Inputs: 40 held-out resumes")
    assert all(p.is_file() for p in report.plot(result, tmp_path))
    alone = report.features_alone(tables.fit)
    assert "| semantic |" in alone and "| skills |" in alone
    assert "| skills | 0/3 | 0/3 | 0/3 | 0/3 |" in report.features_sensitivity(tables.sensitivity)
