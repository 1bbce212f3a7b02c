"""The job-family classifier at serving: ONNX, checksum-verified; calibrated probabilities over the families.

Three kinds, named by the manifest's `kind`:
- `terms` (the default, trained on CPU by `make models`): TF-IDF vectors of the whole text and of its first line
  (`talent.ranking.family_terms`, vocabulary and idf in `terms.npz`) plus the encoder's pooled and head-window
  embeddings, one linear + MLP graph; no encoder pass of its own;
- `embeddings` (the previous default): a small head over the pooled and head-window embeddings only;
- `tokens` (trained on a GPU by `talent_training.job_family.finetune`): the fine-tuned encoder, pooling and
  head in one graph, reading the first `max_length` word pieces of the text; one more encoder pass per text.
All are called the same way: `classifier(texts, embeddings)`, each reading the input it was trained on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import onnxruntime as ort

from talent.encoder.artifact import ModelArtifactError, read_manifest, verify_files
from talent.encoder.chunking import length_buckets, pad
from talent.encoder.encoder import session_options
from talent.encoder.tokens import load_tokenizer, special_id
from talent.ranking.family_terms import TermVectors

REBUILD_HINT = "`make models` trains it: python -m talent_training.job_family.terms_train --out models/job_family/"
FloatArray = npt.NDArray[np.float32]
KINDS = ("terms", "embeddings", "tokens")


class OnnxFamilyClassifier:
    """Kind `embeddings`: reads [N, width] rows of `talent.features.compute.family_input`."""

    def __init__(self, session: ort.InferenceSession, families: list[str], version: str) -> None:
        self._session = session
        self.families = families
        self.version = version
        self.width = int(session.get_inputs()[0].shape[-1])

    def __call__(self, texts: Sequence[str], inputs: FloatArray) -> FloatArray:
        """`texts` are not read by this kind; [N, width] embeddings → [N, families], rows sum to 1."""
        (probabilities,) = self._session.run(["probabilities"], self.feed(texts, inputs))
        return np.asarray(probabilities, dtype=np.float32)

    def feed(self, texts: Sequence[str], inputs: FloatArray) -> dict[str, npt.NDArray[Any]]:
        """What the graph is given for these rows (its inputs by name)."""
        if inputs.ndim != 2 or inputs.shape[1] != self.width:
            raise ValueError(f"the classifier reads [N, {self.width}] inputs, got {list(inputs.shape)}")
        return {"embedding": inputs.astype(np.float32)}


class TokenFamilyClassifier:
    """Kind `tokens`: reads the texts themselves (the first `max_length` word pieces of each).

    The int8 graph quantises activations per batch, so a text's probabilities move slightly with the texts it
    is batched with (test top-1 0.809 to 0.814 across batchings); screening classifies one text per call.
    """

    batch_size = 8

    def __init__(
        self, session: ort.InferenceSession, tokenizer: Path, families: list[str], version: str, max_length: int
    ) -> None:
        self._session = session
        self._inputs = {i.name for i in session.get_inputs()}
        self._tokenizer = load_tokenizer(tokenizer, max_length)
        self._pad = special_id(self._tokenizer, "[PAD]")
        self.families = families
        self.version = version

    def __call__(self, texts: Sequence[str], inputs: FloatArray) -> FloatArray:
        """`inputs` are not read by this kind; N texts → [N, families], rows sum to 1."""
        if len(texts) != len(inputs):
            raise ValueError(f"{len(texts)} texts but {len(inputs)} embedding rows")
        ids = [e.ids for e in self._tokenizer.encode_batch(list(texts))]
        probabilities = np.zeros((len(ids), len(self.families)), dtype=np.float32)
        for rows in length_buckets([len(i) for i in ids], self.batch_size):  # the encoder's batching
            (batch,) = self._session.run(["probabilities"], self._padded([ids[i] for i in rows]))
            probabilities[rows] = batch
        return probabilities

    def feed(self, texts: Sequence[str], inputs: FloatArray) -> dict[str, npt.NDArray[Any]]:
        """What the graph is given for these texts as one batch (its inputs by name)."""
        return self._padded([e.ids for e in self._tokenizer.encode_batch(list(texts))])

    def _padded(self, ids: list[list[int]]) -> dict[str, npt.NDArray[Any]]:
        return {k: v for k, v in pad(ids, self._pad).items() if k in self._inputs}


class TermFamilyClassifier:
    """Kind `terms`: reads the texts (their TF-IDF vectors) and, when the graph takes them, the embedding rows."""

    def __init__(self, session: ort.InferenceSession, vectors: TermVectors, families: list[str], version: str) -> None:
        self._session = session
        self._vectors = vectors
        self._inputs = {i.name: i for i in session.get_inputs()}
        self.families = families
        self.version = version

    def __call__(self, texts: Sequence[str], inputs: FloatArray) -> FloatArray:
        """N texts and their [N, width] `family_input` rows → [N, families], rows sum to 1."""
        (probabilities,) = self._session.run(["probabilities"], self.feed(texts, inputs))
        return np.asarray(probabilities, dtype=np.float32)

    def feed(self, texts: Sequence[str], inputs: FloatArray) -> dict[str, npt.NDArray[Any]]:
        """What the graph is given for these texts and rows (its inputs by name)."""
        if len(texts) != len(inputs):
            raise ValueError(f"{len(texts)} texts but {len(inputs)} embedding rows")
        feed: dict[str, npt.NDArray[Any]] = {"terms": self._vectors(texts)}
        if "embedding" in self._inputs:
            width = self._inputs["embedding"].shape[-1]
            if inputs.ndim != 2 or inputs.shape[1] != width:
                raise ValueError(f"the classifier reads [N, {width}] embedding rows, got {list(inputs.shape)}")
            feed["embedding"] = inputs.astype(np.float32)
        return feed


FamilyModel = TermFamilyClassifier | OnnxFamilyClassifier | TokenFamilyClassifier


def load_family_classifier(folder: Path | str, *, threads: int = 1) -> FamilyModel:
    """Either kind, as the manifest says; refuses a missing, altered or unknown-kind artifact."""
    root = Path(folder)
    manifest = read_manifest(root, REBUILD_HINT)
    serving: dict[str, Any] = manifest["serving"]
    kind = str(serving.get("kind", "embeddings"))
    if kind not in KINDS:
        raise ModelArtifactError(f"{root}: classifier kind {kind!r} is not one of {KINDS} (a newer trainer?)")
    model = str(serving["model"])
    extra = {"tokens": "tokenizer", "terms": "terms"}.get(kind)
    names = [model, str(serving[extra])] if extra else [model]
    verify_files(root, manifest, names, REBUILD_HINT)
    session = ort.InferenceSession(
        str(root / model), sess_options=session_options(threads), providers=["CPUExecutionProvider"]
    )
    families = [str(f) for f in manifest["families"]]
    version = str(manifest["files"][model]["sha256"])[:16]
    if kind == "terms":
        return TermFamilyClassifier(session, TermVectors.load(root / names[1]), families, version)
    if kind == "tokens":
        return TokenFamilyClassifier(session, root / names[1], families, version, int(serving["max_length"]))
    return OnnxFamilyClassifier(session, families, version)
