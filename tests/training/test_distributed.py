"""Both trainers under `torchrun` with two CPU processes (gloo): gradients averaged, rank 0 exports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason="tests/training need the training venv: .venv-train/bin/pytest")

from tests.training.test_job_family import embedded  # noqa: E402
from tests.training.test_ranker import synthetic_table  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def torchrun(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2", "-m", module]
    path = os.pathsep.join(
        [
            str(ROOT / "layers"),
            str(ROOT / "tooling"),
            str(ROOT / "training"),
            str(ROOT),
            os.environ.get("PYTHONPATH", ""),
        ]
    )
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": path}
    result = subprocess.run([*command, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def metrics_of(stdout: str) -> dict[str, float]:
    """The one JSON object rank 0 prints (the other rank prints nothing)."""
    start = stdout.index("{")
    return json.loads(stdout[start : stdout.rindex("}") + 1])


def test_ranker_trains_data_parallel(tmp_path: Path) -> None:
    table = synthetic_table(tmp_path / "table.npz")
    result = torchrun(
        "talent_training.ranker.train",
        *("--benchmark", str(table), "--out", str(tmp_path / "ranker"), "--steps", "60", "--members", "1"),
    )
    metrics = metrics_of(result.stdout)
    assert metrics["world_size"] == 2.0 and metrics["test_ndcg_at_10"] > 0.9
    assert (tmp_path / "ranker" / "model.onnx").is_file()  # written once, by rank 0
    assert result.stdout.count('"world_size"') == 1


def test_classifier_trains_data_parallel(tmp_path: Path) -> None:
    data = embedded(tmp_path / "embedded.npz")
    result = torchrun("talent_training.job_family.train", "--embedded", str(data), "--out", str(tmp_path / "family"))
    assert metrics_of(result.stdout)["val_top1"] > 0.9
    assert (tmp_path / "family" / "model.onnx").is_file()
