"""FamilyHead: embeddings (pooled text and head window, side by side) → family probabilities.

`temperature` is a buffer fitted after training on held-out data (temperature scaling), so the exported
graph returns calibrated probabilities directly.
"""

from __future__ import annotations

import math

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


TEMPERATURE_RANGE = (0.05, 20.0)


def temperature_for(logits: torch.Tensor, labels: torch.Tensor) -> float:
    """Temperature scaling (Guo et al. 2017): the one scalar T minimising held-out NLL of softmax(logits / T).

    L-BFGS on log T; when it diverges or leaves TEMPERATURE_RANGE (an undertrained model whose logits carry
    no information drives T to infinity, and exp() overflows to NaN), the best T on a log-spaced grid over the
    range is taken instead, so the exported graph never divides by NaN, zero or infinity.
    """
    logits = logits.detach().float()

    def nll(temperature: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.cross_entropy(logits / temperature, labels)

    log_t = torch.zeros((), requires_grad=True)
    optimiser = torch.optim.LBFGS([log_t], lr=0.1, max_iter=100)

    def closure() -> torch.Tensor:
        optimiser.zero_grad()
        loss = nll(log_t.exp())
        loss.backward()
        return loss

    optimiser.step(closure)
    fitted = float(log_t.detach().exp())
    low, high = TEMPERATURE_RANGE
    if math.isfinite(fitted) and low <= fitted <= high:
        return fitted
    grid = torch.logspace(math.log10(low), math.log10(high), 200)
    with torch.no_grad():
        losses = torch.stack([nll(t) for t in grid])
    return float(grid[int(torch.argmin(losses))])
