"""Encoder tests need the built artifact: a missing one fails (never skips) and says how to build it."""

from __future__ import annotations

from pathlib import Path

import pytest

from talent.encoder import Encoder

ENCODER_DIR = Path(__file__).resolve().parents[3] / "models" / "encoder"
BUILD = "`make models` builds it (python -m talent_training.encoder.export --out models/encoder/, training venv)"


def require_artifact(name: str = "model.onnx") -> Path:
    path = ENCODER_DIR / name
    if not path.is_file():
        pytest.fail(f"{path} is missing: {BUILD}", pytrace=False)
    return ENCODER_DIR


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    """The served int8 model."""
    return Encoder.load(require_artifact())


@pytest.fixture(scope="session")
def encoder_fp32() -> Encoder:
    """The fused fp32 model: exact enough for equalities that int8's per-batch activation scales blur."""
    return Encoder.load(require_artifact("model_fp32.onnx"), model_file="model_fp32.onnx")
