"""Link a free-text skill span to the taxonomy by embedding similarity: `EmbeddingLinker.link(span_text)`.

The taxonomy's names (labels and aliases) are embedded once with the ONNX encoder into a float16 matrix
saved next to the taxonomy artifact (`python -m talent.skills.linker`). The index records the sha256 of the
encoder model and of the taxonomy it was built from; loading it with another encoder is refused, because
its vectors would not be comparable. A span links to the entry of its most similar name when the cosine
reaches `threshold` (tuned on SkillSpan dev, see models/skill_tagger/README.md).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from talent.encoder import Encoder, ModelArtifactError
from talent.encoder.artifact import sha256_file
from talent.skills.taxonomy import DEFAULT_PATH, NameFlag, Taxonomy

DEFAULT_THRESHOLD = 0.85  # precision-tuned on SkillSpan dev (curve in models/skill_tagger/README.md)
_ROWS_PER_CHUNK = 4096  # float16 rows widened to float32 per matmul: 6 MiB of scratch, not the whole matrix


class TextEncoder(Protocol):
    """What the linker needs of `talent.encoder.Encoder`."""

    dim: int
    model_sha256: str

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


def index_path(taxonomy_path: Path) -> Path:
    """Where the name embeddings of a taxonomy artifact live: beside it."""
    return taxonomy_path.with_name(taxonomy_path.name.split(".")[0] + ".embeddings.npz")


def pack(strings: Sequence[str]) -> npt.NDArray[np.uint8]:
    """Strings as one newline-joined UTF-8 buffer: fixed-width numpy unicode would take 4 bytes a character."""
    if any("\n" in s for s in strings):
        raise ValueError("a name or id contains a newline")
    return np.frombuffer("\n".join(strings).encode("utf-8"), dtype=np.uint8)


def unpack(buffer: npt.NDArray[np.uint8]) -> list[str]:
    return buffer.tobytes().decode("utf-8").split("\n")


def taxonomy_names(taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """(skill id, name) for every name the matcher may use; a name two entries share goes to the first."""
    seen: set[str] = set()
    pairs = []
    for index, name, flags in taxonomy.names():
        key = name.casefold().strip()
        if not key or key in seen or flags & NameFlag.NOT_MATCHED:
            continue
        seen.add(key)
        pairs.append((taxonomy.entry(index).id, name))
    return pairs


class EmbeddingLinker:
    """Implements the `SpanLinker` protocol: `link(span_text) -> (skill_id, similarity) | None`."""

    def __init__(
        self, encoder: TextEncoder, ids: Sequence[str], matrix: npt.NDArray[np.float16], threshold: float
    ) -> None:
        if matrix.shape != (len(ids), encoder.dim):
            raise ModelArtifactError(f"linker index has shape {matrix.shape}, expected ({len(ids)}, {encoder.dim})")
        self._encoder = encoder
        self._ids = list(ids)
        self._matrix = matrix
        self.threshold = threshold

    @classmethod
    def load(cls, path: Path, encoder: TextEncoder, *, threshold: float = DEFAULT_THRESHOLD) -> EmbeddingLinker:
        if not path.is_file():
            raise ModelArtifactError(f"linker index {path} not found: build it with python -m talent.skills.linker")
        with np.load(path, allow_pickle=False) as data:
            built_with = str(data["encoder_sha256"])
            if built_with != encoder.model_sha256:
                raise ModelArtifactError(
                    f"linker index {path} was built with encoder {built_with[:12]}…, not the loaded "
                    f"{encoder.model_sha256[:12]}…: rebuild it with python -m talent.skills.linker"
                )
            unique = unpack(data["ids"])
            return cls(encoder, [unique[i] for i in data["rows"].tolist()], data["matrix"], threshold)

    def __len__(self) -> int:
        return len(self._ids)

    def link(self, span_text: str) -> tuple[str, float] | None:
        return self.link_many([span_text])[0]

    def link_many(self, texts: Sequence[str]) -> list[tuple[str, float] | None]:
        ids, sims = self.nearest(texts)
        return [(i, s) if s >= self.threshold else None for i, s in zip(ids, sims, strict=True)]

    def nearest(self, texts: Sequence[str]) -> tuple[list[str], list[float]]:
        """The most similar name's skill id and cosine for each text, whatever the threshold."""
        if not texts:
            return [], []
        queries = self._encoder.encode(texts)
        best = np.full(len(texts), -2.0, dtype=np.float32)
        where = np.zeros(len(texts), dtype=np.int64)
        for start in range(0, len(self._ids), _ROWS_PER_CHUNK):
            chunk = self._matrix[start : start + _ROWS_PER_CHUNK].astype(np.float32)
            sims = queries @ chunk.T
            top = sims.argmax(axis=1)
            value = sims[np.arange(len(texts)), top]
            better = value > best
            best[better], where[better] = value[better], top[better] + start
        return [self._ids[i] for i in where.tolist()], [round(float(s), 4) for s in best]


def build_index(encoder: TextEncoder, pairs: Iterable[tuple[str, str]], out: Path, taxonomy_sha256: str) -> Path:
    """Embed every name and save ids, float16 vectors and what they were built from."""
    rows = list(pairs)
    names = [name for _, name in rows]
    unique = list(dict.fromkeys(skill_id for skill_id, _ in rows))
    position = {skill_id: i for i, skill_id in enumerate(unique)}
    matrix = encoder.encode(names).astype(np.float16)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        np.savez(
            handle,
            ids=pack(unique),
            rows=np.asarray([position[skill_id] for skill_id, _ in rows], dtype=np.int32),
            names=pack(names),
            matrix=matrix,
            encoder_sha256=np.asarray(encoder.model_sha256),
            taxonomy_sha256=np.asarray(taxonomy_sha256),
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Embed the taxonomy's names for the embedding linker")
    parser.add_argument("--taxonomy", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--encoder", type=Path, default=Path("models/encoder"))
    parser.add_argument("--out", type=Path, default=None, help="default: beside the taxonomy")
    args = parser.parse_args(argv)
    taxonomy = Taxonomy.load(args.taxonomy)
    encoder = Encoder.load(args.encoder, batch_size=64)
    pairs = taxonomy_names(taxonomy)
    out = build_index(encoder, pairs, args.out or index_path(args.taxonomy), sha256_file(args.taxonomy))
    sys.stdout.write(f"{out}: {len(pairs)} names of {len(taxonomy)} entries, {out.stat().st_size} bytes\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
