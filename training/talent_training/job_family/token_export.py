"""The fine-tuned job-family classifier, exported as served: one ONNX graph, checked and measured through onnxruntime.

Token ids in, calibrated probabilities out (`kind: tokens`, read by `talent.ranking.family_classifier`):
exported in fp32, fused and int8-quantised with the encoder's settings; the fp32 graph must match PyTorch
within FP32_TOLERANCE, and the int8 graph's agreement and test-split figures go into the manifest beside it.
"""

from __future__ import annotations

import shutil
from dataclasses import asdict
from pathlib import Path

import numpy as np
import torch

from talent_training.job_family.token_classifier import MAX_TOKENS, Classifier, TokenFamilyModel, rank_of_truth

SERVED, FP32 = "model.onnx", "model_fp32.onnx"
FP32_TOLERANCE = 1e-4  # probabilities; fused fp32 kernels reorder sums


def export(
    model: Classifier,
    temperature: float,
    data: Path,
    out: Path,
    training: dict[str, object],
    max_rows: int | None = None,
) -> dict[str, float]:
    """Write the token-input classifier to `out/`; returns the served (int8) model's test-split metrics."""
    import onnxruntime as ort

    from talent_training.manifest import write_manifest
    from talent_training.onnx_tools import ExportSettings, FusionSettings, QuantSettings, fuse, quantise
    from talent_training.onnx_tools import export as export_onnx

    arrays = np.load(data / "tokens.npz")
    families = [str(f) for f in arrays["families"]]
    out.mkdir(parents=True, exist_ok=True)
    module = TokenFamilyModel(model, temperature).eval()
    raw = out / "raw.onnx"
    export_onnx(module, raw, "probabilities", {0: "batch"})
    fused_ops = fuse(raw, out / FP32, FusionSettings())
    raw.unlink()
    quantise(out / FP32, out / SERVED, QuantSettings())
    shutil.copyfile(data / "weights" / "tokenizer.json", out / "tokenizer.json")

    def served(path: Path, split: str, rows: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        chosen = np.flatnonzero(arrays["split"] == split)[:rows]
        session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        probabilities = []
        for start in range(0, len(chosen), 32):
            ids = arrays["ids"][chosen[start : start + 32]].astype(np.int64)
            mask = arrays["mask"][chosen[start : start + 32]].astype(np.int64)
            inputs = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            probabilities.append(session.run(["probabilities"], inputs)[0])
        return np.concatenate(probabilities), arrays["label"][chosen]

    check_rows = min(64, max_rows or 64)
    fp32, _ = served(out / FP32, "val", check_rows)
    chosen = np.flatnonzero(arrays["split"] == "val")[:check_rows]
    with torch.no_grad():
        ids = torch.from_numpy(arrays["ids"][chosen].astype(np.int64))
        reference = module(ids, torch.from_numpy(arrays["mask"][chosen].astype(np.int64)), torch.zeros_like(ids))
    fp32_diff = float(np.abs(fp32 - reference.numpy()).max())
    if not fp32_diff <= FP32_TOLERANCE:  # NaN included
        raise RuntimeError(f"fp32 ONNX differs from PyTorch by {fp32_diff:.2e} (> {FP32_TOLERANCE:.0e})")
    int8_val, _ = served(out / SERVED, "val", check_rows)
    agreement = float((int8_val.argmax(1) == reference.numpy().argmax(1)).mean())
    probabilities, labels = served(out / SERVED, "test", max_rows)
    ranks = rank_of_truth(probabilities, labels)
    metrics = {
        "served_test_top1": float((ranks == 0).mean()),
        "served_test_top3": float((ranks < 3).mean()),
        "int8_top1_agreement_val": agreement,
        "int8_max_abs_diff_val": float(np.abs(int8_val - reference.numpy()).max()),
        "fp32_max_abs_diff_val": fp32_diff,
    }
    write_manifest(
        out,
        [SERVED, "tokenizer.json"],
        name="job_family",
        kind="tokens",
        model="fine-tuned all-MiniLM-L6-v2 → mean pooling → Linear(384, families) → softmax / T",
        families=families,
        export={**asdict(ExportSettings()), "fused_ops": fused_ops},
        fusion=asdict(FusionSettings()),
        quantisation=QuantSettings().as_dict(),
        parity={"rows": check_rows, "split": "val", "fp32_tolerance": FP32_TOLERANCE, **metrics},
        serving={
            "model": SERVED,
            "kind": "tokens",
            "tokenizer": "tokenizer.json",
            "max_length": MAX_TOKENS,
            "inputs": ["input_ids", "attention_mask", "token_type_ids"],
            "outputs": ["probabilities"],
            "text": "the blind profile's scoring text (talent.features.scoring_text), or a posting's neutral text",
        },
        training=training,
    )
    (out / FP32).unlink()  # 90 MB and not served: the parity figures above are what it was kept for
    return metrics
