"""Sentence embeddings from the ONNX export of all-MiniLM-L6-v2 (mean pooling and L2 norm in the graph)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

from talent.encoder.artifact import read_manifest, verify_files
from talent.encoder.chunking import Windowing, length_buckets, pad, windows
from talent.encoder.tokens import IntArray, load_plain_tokenizer, load_tokenizer, special_id
from talent.model_threads import model_threads

FloatArray = npt.NDArray[np.float32]
REBUILD_HINT = "`make models` builds it: python -m talent_training.encoder.export --out models/encoder/"


def session_options(threads: int) -> ort.SessionOptions:
    """`threads` intra-op threads unless the environment says otherwise (talent.model_threads)."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = model_threads(threads)
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Idle intra-op threads sleep instead of spinning: at cold start the sessions are created beside the alias
    # matcher's build, and spinning threads took a core from it (~0.08 s of the first score, 0.25 s of CPU);
    # screening throughput did not move (8.2-8.7 resumes/s either way, bench/throughput_vs_encoder.py).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


class Encoder:
    """Unit-length float32 embeddings; `encode` truncates each text at `max_length` tokens."""

    def __init__(
        self,
        session: ort.InferenceSession,
        tokenizer_path: Path,
        *,
        max_length: int,
        batch_size: int,
        model_sha256: str = "",
    ) -> None:
        self._session = session
        self.model_sha256 = model_sha256  # identifies the vectors' space (the linker index records it)
        self._inputs = {i.name for i in session.get_inputs()}
        self._tokenizer: Tokenizer = load_tokenizer(tokenizer_path, max_length)
        self._pad_id = special_id(self._tokenizer, "[PAD]")
        self._plain_path = tokenizer_path
        self._plain: Tokenizer | None = None
        self.max_length = max_length
        self.batch_size = batch_size
        self.dim = int(session.get_outputs()[0].shape[-1])

    @classmethod
    def load(
        cls,
        folder: Path | str,
        *,
        model_file: str | None = None,
        threads: int = 2,
        max_length: int = 256,
        batch_size: int = 32,
    ) -> Encoder:
        """Verify the manifest's checksums, then open the model (the int8 one the manifest serves by default)."""
        root = Path(folder)
        manifest = read_manifest(root, REBUILD_HINT)
        model = model_file or str(manifest["serving"]["model"])
        tokenizer = str(manifest["serving"]["tokenizer"])
        verify_files(root, manifest, [model, tokenizer], REBUILD_HINT)
        session = ort.InferenceSession(
            str(root / model), sess_options=session_options(threads), providers=["CPUExecutionProvider"]
        )
        sha = str(manifest["files"][model]["sha256"])
        return cls(session, root / tokenizer, max_length=max_length, batch_size=batch_size, model_sha256=sha)

    def encode(self, texts: Sequence[str]) -> FloatArray:
        """One row per text, in order. Texts are batched with others of similar token length: less padding,
        and with int8 activations quantised per batch, less drift from what a text's batch-mates look like."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        ids = [e.ids for e in self._tokenizer.encode_batch(list(texts))]
        for rows in length_buckets([len(i) for i in ids], self.batch_size):
            out[rows] = self._run(pad([ids[i] for i in rows], self._pad_id))
        return out

    def encode_long(self, text: str, spec: Windowing | None = None) -> FloatArray:
        """One embedding for a text of any length: windows (see `chunking`) averaged and re-normalised."""
        return pool_windows(*self.encode_windows(text, spec))

    def encode_windows(self, text: str, spec: Windowing | None = None) -> tuple[FloatArray, FloatArray]:
        """Each window's embedding (in text order) and its content token count."""
        spec = spec or Windowing(window=self.max_length)
        if self._plain is None:
            self._plain = load_plain_tokenizer(self._plain_path)
        content = self._plain.encode(text, add_special_tokens=False).ids
        cls_id, sep_id = special_id(self._plain, "[CLS]"), special_id(self._plain, "[SEP]")
        chunks = windows(content, cls_id, sep_id, spec)
        parts = [
            self._run(pad(chunks[i : i + self.batch_size], self._pad_id))
            for i in range(0, len(chunks), self.batch_size)
        ]
        weights = np.asarray([len(chunk) - 2 for chunk in chunks], dtype=np.float32)
        return np.concatenate(parts), weights

    def _run(self, feed: dict[str, IntArray]) -> FloatArray:
        inputs: dict[str, Any] = {name: value for name, value in feed.items() if name in self._inputs}
        (embedding,) = self._session.run(["embedding"], inputs)
        return np.asarray(embedding, dtype=np.float32)


def pool_windows(embeddings: FloatArray, weights: FloatArray) -> FloatArray:
    """Window embeddings averaged, weighted by their token counts, and re-normalised to unit length."""
    pooled = (embeddings * np.maximum(weights, 1.0)[:, None]).sum(axis=0)
    norm = float(np.linalg.norm(pooled))
    result: FloatArray = (pooled / max(norm, 1e-12)).astype(np.float32)
    return result
