"""Windows over a long text for an encoder that sees at most `window` tokens at once.

Strategy (documented in models/encoder/README.md): tokenise the whole text once without truncation, keep
the first `budget` word-piece tokens (the token budget per resume), cut them into windows of
`window - 2` tokens overlapping by `overlap` tokens, wrap each in [CLS] … [SEP], embed all windows in one
batch, and average the window embeddings weighted by their token counts, then re-normalise to unit length.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from talent.encoder.tokens import IntArray


@dataclass(frozen=True)
class Windowing:
    window: int = 256
    overlap: int = 32
    budget: int = 2048

    def __post_init__(self) -> None:
        if self.window < 8 or not 0 <= self.overlap < self.window - 2 or self.budget < 1:
            raise ValueError(f"invalid windowing {self}")


def windows(content_ids: list[int], cls_id: int, sep_id: int, spec: Windowing) -> list[list[int]]:
    """Token windows (with special tokens) covering the first `spec.budget` content tokens."""
    ids = content_ids[: spec.budget]
    size = spec.window - 2
    step = size - spec.overlap
    starts = range(0, max(len(ids) - spec.overlap, 1), step)
    return [[cls_id, *ids[start : start + size], sep_id] for start in starts]


def pad(batch: list[list[int]], pad_id: int) -> dict[str, IntArray]:
    longest = max(len(ids) for ids in batch)
    input_ids = np.full((len(batch), longest), pad_id, dtype=np.int64)
    mask = np.zeros((len(batch), longest), dtype=np.int64)
    for row, ids in enumerate(batch):
        input_ids[row, : len(ids)] = ids
        mask[row, : len(ids)] = 1
    return {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": np.zeros_like(input_ids)}


def length_buckets(lengths: list[int], batch_size: int, slack: int = 16) -> list[list[int]]:
    """Indices grouped into batches of at most `batch_size` by ascending length; a batch is closed early when
    the next text is more than twice as long as its shortest plus `slack` tokens (mostly padding otherwise)."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    batches: list[list[int]] = []
    for index in order:
        current = batches[-1] if batches else None
        if current is None or len(current) == batch_size or lengths[index] > 2 * lengths[current[0]] + slack:
            batches.append([index])
        else:
            current.append(index)
    return batches
