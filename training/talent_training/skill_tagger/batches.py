"""Padding and length-bucketed, seeded batch order."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch

from talent_training.skill_tagger.data import IGNORE

Feature = tuple[list[int], list[int], list[int | None]]


def collate(features: Sequence[Feature]) -> tuple[dict[str, torch.Tensor], torch.Tensor]:
    longest = max(len(ids) for ids, _, _ in features)
    input_ids = torch.zeros((len(features), longest), dtype=torch.long)
    labels = torch.full((len(features), longest), IGNORE, dtype=torch.long)
    mask = torch.zeros((len(features), longest), dtype=torch.long)
    for row, (ids, label_ids, _) in enumerate(features):
        input_ids[row, : len(ids)] = torch.tensor(ids)
        labels[row, : len(ids)] = torch.tensor(label_ids)
        mask[row, : len(ids)] = 1
    inputs = {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": torch.zeros_like(input_ids)}
    return inputs, labels


def batch_order(lengths: Sequence[int], batch_size: int, rng: np.random.Generator, pool: int = 50) -> list[list[int]]:
    """Shuffle, sort by length within pools of `pool` batches (less padding), then shuffle the batches."""
    order = rng.permutation(len(lengths)).tolist()
    batches: list[list[int]] = []
    span = batch_size * pool
    for start in range(0, len(order), span):
        block = sorted(order[start : start + span], key=lambda i: lengths[i])
        batches += [block[i : i + batch_size] for i in range(0, len(block), batch_size)]
    return [batches[i] for i in rng.permutation(len(batches)).tolist()]
