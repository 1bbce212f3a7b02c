"""Export the additive ranker to ONNX (`features` [N, F] → `score` [N], `contributions` [N, F]) with a
parity check against PyTorch, and write the model folder's manifest (checksums, feature spec, metrics)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
import torch

from talent.features.spec import FeatureSpec
from talent_training.manifest import write_manifest
from talent_training.ranker.model import AdditiveRanker

PARITY_TOLERANCE = 1e-5
OPSET = 17


class ParityError(RuntimeError):
    """The ONNX graph does not reproduce PyTorch within tolerance."""


def parity_inputs(model: AdditiveRanker, rows: int = 512, seed: int = 0) -> torch.Tensor:
    """Fixed inputs spanning the standardised range (±3 scales around the training mean)."""
    generator = torch.Generator().manual_seed(seed)
    z = torch.rand(rows, model.features, generator=generator) * 6 - 3
    return (z * model.scale + model.mean).float()


def max_difference(model: AdditiveRanker, path: Path, x: torch.Tensor) -> float:
    """The largest difference between ONNX and PyTorch outputs, relative to the score's scale where scores
    exceed 1 (float32 sums of many contributions round in proportion to their magnitude)."""
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    score, contributions = session.run(["score", "contributions"], {"features": x.numpy()})
    with torch.no_grad():
        expected_score, expected_contributions = model(x)
    scale = max(1.0, float(np.abs(expected_score.numpy()).max()))
    difference = max(
        np.abs(score - expected_score.numpy()).max(),
        np.abs(contributions - expected_contributions.numpy()).max(),
    )
    return float(difference / scale)


def export_ranker(model: AdditiveRanker, spec: FeatureSpec, out: Path, training: dict[str, Any]) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    model.eval()
    path = out / "model.onnx"
    example = parity_inputs(model, rows=4)
    torch.onnx.export(
        model.baked(),
        (example,),
        str(path),
        input_names=["features"],
        output_names=["score", "contributions"],
        dynamic_axes={"features": {0: "candidates"}, "score": {0: "candidates"}, "contributions": {0: "candidates"}},
        opset_version=OPSET,
        dynamo=False,
    )
    difference = max_difference(model, path, parity_inputs(model))
    if not difference <= PARITY_TOLERANCE:  # NaN included
        raise ParityError(f"ONNX differs from PyTorch by {difference:.2e} (> {PARITY_TOLERANCE:.0e})")
    members = int(training.get("config", {}).get("members", 1))
    write_manifest(
        out,
        ["model.onnx"],
        name="ranker",
        model="AdditiveRanker: one MLP per feature (1→{h}→{h}→1, tanh{avg}), summed; contributions centred on "
        "the training data; monotone non-decreasing in: {m}; bounded: {c}".format(
            h=model.w1.shape[1],
            avg=f"; the mean of {members} seeds' rankers, their units side by side" if members > 1 else "",
            m=", ".join(n for n, m in zip(spec.names, model.monotone.tolist(), strict=True) if m),
            c=", ".join(f"{n} ±{c:g}" for n, c in zip(spec.names, model.cap.tolist(), strict=True) if c != float("inf"))
            or "none",
        ),
        feature_spec={"version": spec.version, "sha256": spec.sha256, "names": spec.names},
        export={"opset": OPSET, "exporter": "torchscript (dynamo=False)", "parity_max_diff_relative": difference},
        serving={"model": "model.onnx", "inputs": ["features"], "outputs": ["score", "contributions"]},
        training=training,
    )
    return path
