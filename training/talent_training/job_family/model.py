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


def temperature_for(logits: torch.Tensor, labels: torch.Tensor) -> float:
    """Temperature scaling (Guo et al. 2017): the one scalar T minimising held-out NLL of softmax(logits / T)."""
    logits = logits.detach().float()
    log_t = torch.zeros((), requires_grad=True)
    optimiser = torch.optim.LBFGS([log_t], lr=0.1, max_iter=100)

    def closure() -> torch.Tensor:
        optimiser.zero_grad()
        loss = torch.nn.functional.cross_entropy(logits / log_t.exp(), labels)
        loss.backward()
        return loss

    optimiser.step(closure)
    return float(log_t.detach().exp())
