"""A deterministic stand-in for the encoder (hashed bag of words) so feature logic is tested without models."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np
import pytest

from talent.assessment import lookup_from_taxonomy
from talent.encoder.chunking import Windowing
from talent.features.compute import FloatArray
from talent.features.featurizer import Featurizer
from talent.skills.extract import default_extractor

DIM = 64


def _vector(text: str) -> FloatArray:
    v = np.zeros(DIM, dtype=np.float32)
    for word in re.findall(r"\w+", text.lower()):
        v[int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM] += 1.0
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v


class BagOfWordsEncoder:
    """Same interface as talent.encoder.Encoder; windows are 40-word slices."""

    def encode(self, texts: Sequence[str]) -> FloatArray:
        return np.stack([_vector(t) for t in texts]) if texts else np.zeros((0, DIM), dtype=np.float32)

    def encode_windows(self, text: str, spec: Windowing | None = None) -> tuple[FloatArray, FloatArray]:
        words = text.split() or [""]
        slices = [" ".join(words[i : i + 40]) for i in range(0, len(words), 40)]
        return self.encode(slices), np.asarray([len(s.split()) for s in slices], dtype=np.float32)

    def encode_long(self, text: str, spec: Windowing | None = None) -> FloatArray:
        return _vector(text)


def four_families(texts: Sequence[str], inputs: FloatArray) -> FloatArray:
    """A stand-in classifier (kind `embeddings`): softmax over four fixed slices of the input."""
    assert len(texts) == len(inputs)
    logits = 5 * inputs[:, :4]
    exp = np.exp(logits - logits.max(axis=1, keepdims=True))
    return (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="session")
def featurizer() -> Featurizer:
    extractor = default_extractor()
    return Featurizer(BagOfWordsEncoder(), extractor, lookup_from_taxonomy(extractor.taxonomy), classify=four_families)
