"""FamilyHead: embeddings (pooled text and head window, side by side) → family probabilities.

`temperature` is a buffer fitted after training on held-out data (temperature scaling), so the exported
graph returns calibrated probabilities directly.
"""

from __future__ import annotations

import torch
from torch import nn


class FamilyHead(nn.Module):
    def __init__(self, width: int, families: int, hidden: int = 256, dropout: float = 0.2) -> None:
        super().__init__()
        self.net = nn.Sequential(
            nn.Dropout(dropout), nn.Linear(width, hidden), nn.GELU(), nn.Dropout(dropout), nn.Linear(hidden, families)
        )
        self.register_buffer("temperature", torch.ones(()))

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.net(x) / self.temperature, dim=-1)
