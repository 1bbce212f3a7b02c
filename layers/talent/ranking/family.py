"""The job-family classifier at serving: ONNX, checksum-verified; calibrated probabilities over the families."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import onnxruntime as ort

from talent.encoder.artifact import read_manifest, verify_files
from talent.encoder.encoder import session_options

REBUILD_HINT = "`make models` trains it: python -m talent_training.job_family.train --out models/job_family/"
FloatArray = npt.NDArray[np.float32]


class OnnxFamilyClassifier:
    def __init__(self, session: ort.InferenceSession, families: list[str], version: str) -> None:
        self._session = session
        self.families = families
        self.version = version
        self.width = int(session.get_inputs()[0].shape[-1])

    @classmethod
    def load(cls, folder: Path | str, *, threads: int = 1) -> OnnxFamilyClassifier:
        root = Path(folder)
        manifest = read_manifest(root, REBUILD_HINT)
        model = str(manifest["serving"]["model"])
        verify_files(root, manifest, [model], REBUILD_HINT)
        session = ort.InferenceSession(
            str(root / model), sess_options=session_options(threads), providers=["CPUExecutionProvider"]
        )
        return cls(session, [str(f) for f in manifest["families"]], str(manifest["files"][model]["sha256"])[:16])

    def __call__(self, inputs: FloatArray) -> FloatArray:
        """[N, width] embeddings (see `talent.features.compute.family_input`) → [N, families], rows sum to 1."""
        if inputs.ndim != 2 or inputs.shape[1] != self.width:
            raise ValueError(f"the classifier reads [N, {self.width}] inputs, got {list(inputs.shape)}")
        (probabilities,) = self._session.run(["probabilities"], {"embedding": inputs.astype(np.float32)})
        return np.asarray(probabilities, dtype=np.float32)

    def top(self, inputs: FloatArray, k: int = 3) -> list[list[tuple[str, float]]]:
        probabilities = self(inputs)
        order = np.argsort(-probabilities, axis=1)[:, :k]
        return [
            [(self.families[i], float(row[i])) for i in best] for row, best in zip(probabilities, order, strict=True)
        ]
