"""Export, fuse and quantise steps shared by every BERT-shaped model we ship."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import onnx
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from onnxruntime.transformers.optimizer import optimize_model

INPUTS = ["input_ids", "attention_mask", "token_type_ids"]
OPSET = 17


@dataclass(frozen=True)
class ExportSettings:
    opset: int = OPSET
    exporter: str = "torchscript (dynamo=False: the optimizer's attention fusion needs it)"
    attn_implementation: str = "eager"
    dynamic_axes: str = "batch and sequence on every input and output"


@dataclass(frozen=True)
class FusionSettings:
    model_type: str = "bert"
    num_heads: int = 12
    hidden_size: int = 384


@dataclass(frozen=True)
class QuantSettings:
    # The default quantize_dynamic settings drop cosine to 0.91 on this CPU (see CONVENTIONS field notes).
    weight_type: str = "QInt8"
    per_channel: bool = True
    reduce_range: bool = True
    op_types_to_quantize: list[str] = field(default_factory=lambda: ["MatMul", "Attention"])
    # ONNX shape inference cannot type the outputs of fused com.microsoft ops; they are all float.
    default_tensor_type: str = "FLOAT"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def sample_inputs(batch: int = 2, length: int = 16) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    ids = torch.randint(1000, 2000, (batch, length), dtype=torch.long, generator=torch.Generator().manual_seed(0))
    mask = torch.ones_like(ids)
    mask[1, length // 2 :] = 0
    return ids, mask, torch.zeros_like(ids)


def export(module: torch.nn.Module, path: Path, output: str, output_axes: dict[int, str]) -> None:
    """TorchScript-based export with named inputs and dynamic batch/sequence axes."""
    module.eval()
    axes: dict[str, dict[int, str]] = {name: {0: "batch", 1: "sequence"} for name in INPUTS}
    axes[output] = output_axes
    with torch.no_grad():
        torch.onnx.export(
            module,
            sample_inputs(),
            str(path),
            input_names=INPUTS,
            output_names=[output],
            dynamic_axes=axes,
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )


def fuse(source: Path, target: Path, settings: FusionSettings) -> dict[str, int]:
    """onnxruntime's transformer fusions (Attention, SkipLayerNorm, BiasGelu…); returns the fused-op counts."""
    model = optimize_model(
        str(source), model_type=settings.model_type, num_heads=settings.num_heads, hidden_size=settings.hidden_size
    )
    model.save_model_to_file(str(target))
    stats: dict[str, int] = model.get_fused_operator_statistics()
    return {name: count for name, count in stats.items() if count}


def quantise(source: Path, target: Path, settings: QuantSettings) -> None:
    quantize_dynamic(
        str(source),
        str(target),
        weight_type=QuantType[settings.weight_type],
        per_channel=settings.per_channel,
        reduce_range=settings.reduce_range,
        op_types_to_quantize=settings.op_types_to_quantize,
        extra_options={"DefaultTensorType": getattr(onnx.TensorProto, settings.default_tensor_type)},
    )
