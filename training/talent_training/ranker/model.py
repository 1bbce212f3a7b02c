"""AdditiveRanker: score = bias + sum_i f_i(x_i), each f_i a small MLP of one standardised feature.

The per-feature networks run as batched tensors (one einsum per layer), so the ONNX graph is a handful of
MatMuls whatever the number of features. `contributions` are the f_i minus their mean over the training
data (`set_baseline`), so a contribution says how much a feature moved this candidate above or below an
average candidate, and `score == bias + contributions.sum(-1)` exactly.
"""

from __future__ import annotations

import torch
from torch import nn


class AdditiveRanker(nn.Module):
    mean: torch.Tensor  # buffers, declared for the type checker (nn.Module types them as Tensor | Module)
    scale: torch.Tensor
    offset: torch.Tensor
    monotone: torch.Tensor

    def __init__(self, features: int, hidden: int = 16, monotone: list[bool] | None = None) -> None:
        super().__init__()
        self.features = features
        self.w1 = nn.Parameter(torch.randn(features, hidden) * 0.5)
        self.b1 = nn.Parameter(torch.zeros(features, hidden))
        self.w2 = nn.Parameter(torch.randn(features, hidden, hidden) / hidden**0.5)
        self.b2 = nn.Parameter(torch.zeros(features, hidden))
        self.w3 = nn.Parameter(torch.randn(features, hidden) / hidden**0.5)
        self.bias = nn.Parameter(torch.zeros(()))
        self.register_buffer("mean", torch.zeros(features))
        self.register_buffer("scale", torch.ones(features))
        self.register_buffer("offset", torch.zeros(features))
        mask = torch.tensor(monotone if monotone is not None else [False] * features, dtype=torch.bool)
        self.register_buffer("monotone", mask)

    def set_standardisation(self, x: torch.Tensor) -> None:
        self.mean.copy_(x.mean(dim=0))
        self.scale.copy_(x.std(dim=0).clamp_min(1e-3))

    @torch.no_grad()
    def set_baseline(self, x: torch.Tensor) -> None:
        """Centre each shape function on the training data; the bias absorbs the shift (scores unchanged)."""
        self.offset.zero_()
        shapes = self.shapes(x)
        self.offset.copy_(shapes.mean(dim=0))

    def _weights(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        positive = torch.nn.functional.softplus
        m1 = self.monotone.unsqueeze(-1)
        w1 = torch.where(m1, positive(self.w1), self.w1)
        w2 = torch.where(m1.unsqueeze(-1), positive(self.w2), self.w2)
        w3 = torch.where(m1, positive(self.w3), self.w3)
        return w1, w2, w3

    @torch.no_grad()
    def baked(self) -> AdditiveRanker:
        """The same function with the softplus already applied to the weights: what is exported (no Softplus
        op in the graph, whose kernels differ from PyTorch's by more than the parity tolerance)."""
        copy = AdditiveRanker(self.features, self.w1.shape[1])
        copy.load_state_dict(self.state_dict())
        w1, w2, w3 = self._weights()
        copy.w1.copy_(w1)
        copy.w2.copy_(w2)
        copy.w3.copy_(w3)
        copy.monotone.zero_()
        return copy.eval()

    def shapes(self, x: torch.Tensor) -> torch.Tensor:
        w1, w2, w3 = self._weights()
        z = (x - self.mean) / self.scale  # [N, F]
        h = torch.tanh(z.unsqueeze(-1) * w1 + self.b1)  # [N, F, H]
        h = torch.tanh(torch.einsum("nfh,fhk->nfk", h, w2) + self.b2)
        return (h * w3).sum(-1)  # [N, F]

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        contributions = self.shapes(x) - self.offset
        score = self.bias + self.offset.sum() + contributions.sum(dim=-1)
        return score, contributions
