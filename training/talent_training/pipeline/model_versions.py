"""The three models of a run as MLflow logs them: ONNX graph, signature, a real input example, what they mean.

- the encoder the run's embeddings came from (the image's, or a fine-tuned one inside the classifier);
- the job-family classifier and the ranker, the two models the published bundle carries.

Signatures are read from each graph (named tensors, symbolic dimensions as -1). Input examples are real
inputs: the first O*NET posting of the benchmark (postings, not resumes: an example is stored with the
model) as the encoder and the classifier are fed it, and the first test rows of the ranker's feature table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from mlflow.models import ModelSignature
from mlflow.types import Schema, TensorSpec

from talent.encoder.chunking import pad
from talent.encoder.tokens import load_tokenizer, special_id
from talent.features.spec import FeatureSpec
from talent.ranking.family_classifier import load_family_classifier
from talent_tools.ranking.benchmark import stored_texts

Example = dict[str, npt.NDArray[Any]] | npt.NDArray[Any]
_DTYPES = {"tensor(float)": np.float32, "tensor(int64)": np.int64, "tensor(int32)": np.int32}
ENCODER_MAX_TOKENS = 256


@dataclass(frozen=True)
class ModelVersion:
    """One model to log and register: its graph, where its registered name comes from, and what it means."""

    key: str  # the artifact name in the run
    path: Path
    example: Example
    metadata: dict[str, Any] = field(default_factory=dict)

    def signature(self) -> ModelSignature:
        return onnx_signature(self.path)


def _specs(arguments: list[Any]) -> Schema:
    return Schema(
        [
            TensorSpec(np.dtype(_DTYPES[a.type]), tuple(d if isinstance(d, int) else -1 for d in a.shape), a.name)
            for a in arguments
        ]
    )


def onnx_signature(path: Path) -> ModelSignature:
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return ModelSignature(inputs=_specs(session.get_inputs()), outputs=_specs(session.get_outputs()))


def _first_posting(embedded: Path) -> tuple[str, npt.NDArray[np.float32]]:
    arrays = np.load(embedded)
    return stored_texts(arrays, "job", embedded)[0], np.asarray(arrays["job_inputs"][:1], dtype=np.float32)


def encoder_version(folder: Path, embedded: Path) -> ModelVersion:
    text, _ = _first_posting(embedded)
    tokenizer = load_tokenizer(folder / "tokenizer.json", ENCODER_MAX_TOKENS)
    example = pad([tokenizer.encode(text).ids], special_id(tokenizer, "[PAD]"))
    return ModelVersion("encoder", folder / "model.onnx", dict(example), {"max_tokens": ENCODER_MAX_TOKENS})


def family_version(folder: Path, embedded: Path) -> ModelVersion:
    classifier = load_family_classifier(folder)
    text, inputs = _first_posting(embedded)
    metadata = {"families": list(classifier.families), "outputs": "probabilities per family, in that order"}
    return ModelVersion("job_family", folder / "model.onnx", classifier.feed([text], inputs), metadata)


def ranker_version(folder: Path, benchmark: Path, spec: FeatureSpec) -> ModelVersion:
    arrays = np.load(benchmark)
    rows = np.asarray(arrays["features"][arrays["split"] == "test"][:2], dtype=np.float32)
    metadata = {
        "feature_names": list(spec.names),
        "feature_spec_version": spec.version,
        "feature_spec_sha256": spec.sha256,
        "outputs": "score = baseline + sum(contributions); contributions per feature, in feature_names order",
    }
    return ModelVersion("ranker", folder / "model.onnx", rows, metadata)
