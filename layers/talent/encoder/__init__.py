"""The sentence encoder served with onnxruntime (no torch): `Encoder.load(folder).encode(texts)`."""

from talent.encoder.artifact import ArtifactMismatch, ArtifactMissing, ModelArtifactError
from talent.encoder.chunking import Windowing
from talent.encoder.encoder import Encoder

__all__ = ["ArtifactMismatch", "ArtifactMissing", "Encoder", "ModelArtifactError", "Windowing"]
