"""A linear-chain CRF over the words' label logits: its loss for training, its scores for serving.

The tagger's network still outputs one logit vector per word-piece (the exported ONNX graph is unchanged);
the CRF adds label-to-label scores (`between`, `start`, `end`) trained jointly with the network, so the loss
scores whole label sequences and a phrase cut short costs as much as the words it leaves out. Serving decodes
with the same scores (`talent.skills.tagger.Transitions`, written to `transitions.json`).
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn


class LinearChainCrf(nn.Module):
    def __init__(self, num_labels: int) -> None:
        super().__init__()
        self.between = nn.Parameter(torch.zeros(num_labels, num_labels))
        self.start = nn.Parameter(torch.zeros(num_labels))
        self.end = nn.Parameter(torch.zeros(num_labels))

    def nll(self, emissions: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Summed negative log-likelihood of `tags` (B, W) given `emissions` (B, W, L); `mask` (B, W) marks real
        words, a prefix of each row; every row has at least one."""
        return (self._partition(emissions, mask) - self._gold_score(emissions, tags, mask)).sum()

    def _gold_score(self, emissions: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        weights = mask.to(emissions.dtype)
        emitted = emissions.gather(2, tags.unsqueeze(2)).squeeze(2)
        score = self.start[tags[:, 0]] + (emitted * weights).sum(1)
        score = score + (self.between[tags[:, :-1], tags[:, 1:]] * weights[:, 1:]).sum(1)
        last = tags.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
        return score + self.end[last]

    def _partition(self, emissions: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        alpha = self.start + emissions[:, 0]  # (B, L)
        for index in range(1, emissions.shape[1]):
            step = torch.logsumexp(alpha.unsqueeze(2) + self.between + emissions[:, index].unsqueeze(1), dim=1)
            alpha = torch.where(mask[:, index].unsqueeze(1), step, alpha)
        return torch.logsumexp(alpha + self.end, dim=1)

    def as_json(self, labels: list[str]) -> dict[str, Any]:
        """What `talent.skills.tagger.Transitions.from_json` reads."""
        return {
            "labels": labels,
            "between": self.between.detach().tolist(),
            "start": self.start.detach().tolist(),
            "end": self.end.detach().tolist(),
        }


Words = tuple[torch.Tensor, torch.Tensor, torch.Tensor]


def word_rows(logits: torch.Tensor, labels: torch.Tensor, ignore: int) -> Words:
    """Gather each sentence's labelled positions (a word's first word-piece) into (emissions, tags, mask) of shape
    (B', W, L), (B', W), (B', W); sentences without a labelled word are left out."""
    labelled = labels != ignore
    kept = labelled.any(1)
    labelled, logits, labels = labelled[kept], logits[kept], labels[kept]
    rows, columns = labelled.nonzero(as_tuple=True)
    slots = (labelled.cumsum(1) - 1)[rows, columns]  # each labelled position's word index in its row
    width = int(labelled.sum(1).max()) if len(rows) else 0
    emissions = logits.new_zeros((labelled.shape[0], width, logits.shape[-1]))
    emissions = emissions.index_put((rows, slots), logits[rows, columns])
    tags = labels.new_zeros((labelled.shape[0], width)).index_put((rows, slots), labels[rows, columns])
    mask = torch.zeros((labelled.shape[0], width), dtype=torch.bool).index_put(
        (rows, slots), torch.ones_like(rows, dtype=torch.bool)
    )
    return emissions, tags, mask
