"""`talent eval classifier`'s figures and its baselines, on hand-made data."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from talent_tools.ranking.benchmark import pack_texts
from talent_tools.ranking.family_baselines import baseline_probabilities, fit_logistic
from talent_tools.ranking.family_classifier_evaluation import expected_calibration_error, report_of

FAMILIES = ["ACCOUNTANT", "CHEF", "TEACHER"]


def test_report_counts_top1_top3_and_per_family_f1() -> None:
    # Given four resumes: two right at top-1, one right only at second place, one wrong beyond top-3 of 4
    families = ["A", "B", "C", "D"]
    probabilities = np.asarray(
        [[0.7, 0.1, 0.1, 0.1], [0.1, 0.7, 0.1, 0.1], [0.5, 0.3, 0.1, 0.1], [0.4, 0.3, 0.2, 0.1]], dtype=np.float32
    )
    report = report_of(probabilities, np.asarray([0, 1, 1, 3]), families)
    assert (report.top1, report.top3) == (0.5, 0.75)
    assert report.f1 == {"A": 0.5, "B": 2 / 3, "C": 0.0, "D": 0.0}
    assert report.confusion.sum() == 4 and report.confusion[1, 0] == 1


def test_calibration_error_is_zero_when_confidence_matches_accuracy() -> None:
    # Ten rows at confidence 0.8, eight right: calibrated; the same rows all right: under-confident by 0.2
    probabilities = np.tile(np.asarray([[0.8, 0.2]], dtype=np.float32), (10, 1))
    truth = np.asarray([0] * 8 + [1] * 2)
    assert abs(expected_calibration_error(probabilities, truth)) < 1e-6
    assert abs(expected_calibration_error(probabilities, np.zeros(10, dtype=np.int64)) - 0.2) < 1e-6


def test_logistic_regression_learns_separable_clusters() -> None:
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(3, 5)) * 3
    y = np.repeat(np.arange(3), 20)
    x = (centres[y] + rng.normal(size=(60, 5))).astype(np.float32)
    probabilities = fit_logistic(x, y, 3, l2=1e-3, steps=200)(x)
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)
    assert (probabilities.argmax(axis=1) == y).mean() > 0.95


def benchmark(path: Path) -> Path:
    """Texts that name their family's words; embeddings whose first window holds noise only."""
    rng = np.random.default_rng(1)
    words = {"ACCOUNTANT": "ledger audit tax", "CHEF": "kitchen menu sauce", "TEACHER": "lesson classroom grading"}
    texts, families, splits = [], [], []
    for family in FAMILIES:
        for i in range(20):
            texts.append(f"Professional\n{words[family]} team reports {rng.integers(1000)}")
            families.append(family)
            splits.append("train" if i < 12 else "val" if i < 16 else "test")
    np.savez(
        path,
        allow_pickle=False,
        resume_inputs=rng.normal(size=(len(texts), 8)).astype(np.float32),
        resume_families=np.asarray(families),
        resume_splits=np.asarray(splits),
        job_inputs=rng.normal(size=(3, 8)).astype(np.float32),
        job_families=np.asarray(FAMILIES),
        job_roles=np.asarray(["train"] * 3),
        **pack_texts("resume", texts),
        **pack_texts("job", [words[f] for f in FAMILIES]),
    )
    return path


def test_baselines_give_test_probabilities_and_the_text_baseline_reads_the_words(tmp_path: Path) -> None:
    data = np.load(benchmark(tmp_path / "embedded.npz"))
    probabilities = baseline_probabilities(data, FAMILIES)
    truth = np.repeat(np.arange(3), 4)
    for name, rows in probabilities.items():
        assert rows.shape == (12, 3), name
        assert np.allclose(rows.sum(axis=1), 1.0, atol=1e-5), name
    tfidf = next(p for name, p in probabilities.items() if name.startswith("TF-IDF"))
    assert (tfidf.argmax(axis=1) == truth).mean() == 1.0
