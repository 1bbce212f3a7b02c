"""The job-family classifier end to end on synthetic embeddings: train, calibrate, export, serve, refuse."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="tests/training need the training venv: .venv-train/bin/pytest")

from talent_training.job_family.train import TrainConfig, export, load_data, train  # noqa: E402
from talent_training.ranker.data import TrainingDataError  # noqa: E402

from talent.ranking.family_classifier import OnnxFamilyClassifier, load_family_classifier  # noqa: E402

FAMILIES = ["ACCOUNTANT", "CHEF", "TEACHER"]


def embedded(path: Path, families: list[str] = FAMILIES, per_family: int = 30) -> Path:
    """Three separable clusters of 16-dim 'embeddings'; splits 60/20/20; one training posting per family."""
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(len(families), 16)) * 2
    inputs, labels, splits = [], [], []
    for i, family in enumerate(families):
        inputs.append(centres[i] + rng.normal(size=(per_family, 16)))
        labels += [family] * per_family
        splits += ["train"] * (per_family * 3 // 5) + ["val"] * (per_family // 5) + ["test"] * (per_family // 5)
    np.savez(
        path,
        resume_inputs=np.concatenate(inputs).astype(np.float32),
        resume_families=np.asarray(labels),
        resume_splits=np.asarray(splits),
        job_inputs=centres.astype(np.float32),
        job_families=np.asarray(families),
        job_roles=np.asarray(["train"] * len(families)),
    )
    return path


def test_trains_exports_and_serves_calibrated_probabilities(tmp_path: Path) -> None:
    data = load_data(embedded(tmp_path / "embedded.npz"))
    model, metrics = train(data, TrainConfig(epochs=60))
    assert metrics["val_top1"] > 0.9
    assert metrics["temperature"] > 0
    export(model, data.families, tmp_path / "model", {"metrics": metrics})
    manifest = json.loads((tmp_path / "model" / "manifest.json").read_text())
    assert manifest["export"]["parity_max_abs_diff"] <= 1e-5
    served = load_family_classifier(tmp_path / "model")
    assert isinstance(served, OnnxFamilyClassifier)
    assert served.families == FAMILIES
    probabilities = served([""] * len(data.x["test"]), data.x["test"].numpy())
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)
    assert (probabilities.argmax(axis=1) == data.y["test"].numpy()).mean() > 0.9


def test_label_less_or_missing_data_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TrainingDataError, match="two families"):
        load_data(embedded(tmp_path / "one.npz", families=["CHEF"]))
    with pytest.raises(TrainingDataError, match="not found"):
        load_data(tmp_path / "absent.npz")


def test_temperature_is_fitted_and_stays_finite_when_the_logits_carry_no_information() -> None:
    from talent_training.job_family.model import TEMPERATURE_RANGE, temperature_for

    labels = torch.arange(40) % 4
    # Over-confident but right 3 times in 4: a finite T > 1 softens them.
    right = torch.nn.functional.one_hot(labels, 4).float() * 12
    right[::4] = torch.nn.functional.one_hot((labels[::4] + 1) % 4, 4).float() * 12
    fitted = temperature_for(right, labels)
    assert 1.0 < fitted < TEMPERATURE_RANGE[1]
    # Confidently wrong every time: NLL falls as T grows without bound; the fit must not run off to NaN.
    wrong = torch.nn.functional.one_hot((labels + 1) % 4, 4).float() * 30
    assert temperature_for(wrong, labels) == pytest.approx(TEMPERATURE_RANGE[1], rel=1e-3)
