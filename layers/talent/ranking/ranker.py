"""The ONNX ranker at serving: checksum-verified, refused unless trained on this code's feature spec."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import onnxruntime as ort

from talent.encoder.artifact import read_manifest, verify_files
from talent.encoder.encoder import session_options
from talent.features.spec import FeatureSpec

REBUILD_HINT = "`make models` trains it: python -m talent_training.ranker.train --out models/ranker/"


@dataclass(frozen=True)
class Scored:
    score: float
    contributions: dict[str, float]
    """Per feature, how far it moved this candidate from an average training candidate; they sum to
    `score - baseline` exactly (up to float rounding)."""


class OnnxRanker:
    def __init__(self, session: ort.InferenceSession, spec: FeatureSpec, version: str) -> None:
        self._session = session
        self.spec = spec
        self.version = version
        """The model's sha256 (first 16 hex digits): what a ranking records as its model version."""
        baseline = session.run(["score", "contributions"], {"features": np.zeros((1, len(spec.names)), np.float32)})
        self.baseline = float(baseline[0][0] - baseline[1][0].sum())

    @classmethod
    def load(cls, folder: Path | str, spec: FeatureSpec | None = None, *, threads: int = 1) -> OnnxRanker:
        root = Path(folder)
        spec = spec or FeatureSpec.load()
        manifest = read_manifest(root, REBUILD_HINT)
        recorded = manifest.get("feature_spec") or {}
        spec.require(str(recorded.get("sha256", "")), str(recorded.get("version", "?")), f"the ranker in {root}")
        model = str(manifest["serving"]["model"])
        verify_files(root, manifest, [model], REBUILD_HINT)
        session = ort.InferenceSession(
            str(root / model), sess_options=session_options(threads), providers=["CPUExecutionProvider"]
        )
        return cls(session, spec, str(manifest["files"][model]["sha256"])[:16])

    def score_matrix(
        self, features: npt.NDArray[np.float32]
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        if features.ndim != 2 or features.shape[1] != len(self.spec.names):
            raise ValueError(f"the ranker reads [N, {len(self.spec.names)}] features, got {list(features.shape)}")
        finite: npt.NDArray[np.bool_] = np.asarray(np.isfinite(features).all(axis=0))
        if not finite.all():
            names = [n for i, n in enumerate(self.spec.names) if not finite[i]]
            raise ValueError(f"features {names} are NaN or infinite: their model or input is missing")
        score, contributions = self._session.run(["score", "contributions"], {"features": features})
        return np.asarray(score), np.asarray(contributions)

    def score(self, rows: list[dict[str, float]]) -> list[Scored]:
        names = self.spec.names
        matrix = np.asarray([[row[n] for n in names] for row in rows], dtype=np.float32).reshape(len(rows), len(names))
        scores, contributions = self.score_matrix(matrix)
        return [
            Scored(float(s), {n: float(c) for n, c in zip(names, row, strict=True)})
            for s, row in zip(scores, contributions, strict=True)
        ]
