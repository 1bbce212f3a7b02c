"""The CUDA path of both trainings: runs where a GPU is visible, reported as skipped (not run) elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason="tests/training need the training venv: .venv-train/bin/pytest")

from talent_training.job_family.train import TrainConfig as FamilyConfig  # noqa: E402
from talent_training.job_family.train import load_data  # noqa: E402
from talent_training.job_family.train import train as train_family  # noqa: E402
from talent_training.ranker.data import load_benchmark  # noqa: E402
from talent_training.ranker.train import TrainConfig, train  # noqa: E402

from tests.training.test_job_family import embedded  # noqa: E402
from tests.training.test_ranker import synthetic_table  # noqa: E402

pytestmark = [
    pytest.mark.gpu,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device visible: the GPU path was not run"),
]


def test_ranker_trains_on_cuda(tmp_path: Path) -> None:
    benchmark = load_benchmark(synthetic_table(tmp_path / "table.npz"))
    model, metrics = train(benchmark, TrainConfig(steps=60, eval_every=20, jobs_per_step=4, device="cuda"))
    assert metrics["test_ndcg_at_10"] > 0.9 and next(model.parameters()).device.type == "cpu"


def test_classifier_trains_on_cuda(tmp_path: Path) -> None:
    _, metrics = train_family(load_data(embedded(tmp_path / "embedded.npz")), FamilyConfig(epochs=60, device="cuda"))
    assert metrics["val_top1"] > 0.9
