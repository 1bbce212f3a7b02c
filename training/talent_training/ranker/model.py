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
    cap: torch.Tensor

    def __init__(
        self, features: int, hidden: int = 16, monotone: list[bool] | None = None, cap: list[float] | None = None
    ) -> None:
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
        with torch.no_grad():
            # Monotone shapes keep non-negative weights by projection (`project_` after each step), which can
            # reach zero: a feature that carries nothing ends with no weight instead of a small positive one.
            # Their output weights start small, so a feature earns its weight from the data.
            self.w1[mask] = self.w1[mask].abs()
            self.w2[mask] = self.w2[mask].abs()
            self.w3[mask] = 0.1 * self.w3[mask].abs()
        # Per feature, the most its shape may move the score either way (inf: unbounded). A bounded
        # contribution keeps one feature from deciding alone (family agreement, a prior rather than a verdict).
        self.register_buffer("cap", torch.tensor(cap if cap is not None else [float("inf")] * features))

    def set_standardisation(self, x: torch.Tensor) -> None:
        self.mean.copy_(x.mean(dim=0))
        self.scale.copy_(x.std(dim=0).clamp_min(1e-3))

    @torch.no_grad()
    def set_baseline(self, x: torch.Tensor) -> None:
        """Centre each shape function on the training data; the bias absorbs the shift (scores unchanged)."""
        self.offset.zero_()
        shapes = self.shapes(x)
        self.offset.copy_(shapes.mean(dim=0))

    @torch.no_grad()
    def project_(self) -> None:
        """Clamp the monotone shapes' weights to >= 0: with tanh (increasing) between non-negative layers,
        each such shape is non-decreasing in its feature."""
        m1 = self.monotone.unsqueeze(-1)
        self.w1.copy_(torch.where(m1, self.w1.clamp_min(0), self.w1))
        self.w2.copy_(torch.where(m1.unsqueeze(-1), self.w2.clamp_min(0), self.w2))
        self.w3.copy_(torch.where(m1, self.w3.clamp_min(0), self.w3))

    def _weights(self) -> torch.Tensor:
        """The output weights, scaled down where a cap bounds the shape."""
        w3: torch.Tensor = self.w3
        if torch.isfinite(self.cap).any():  # a Python branch: the exported (baked, uncapped) graph has no cap op
            # |tanh| < 1, so a shape never exceeds the sum of |w3|: scaling that sum down to the cap bounds it.
            # (inf caps are replaced before dividing: inf / x in an unselected branch still makes NaN gradients)
            bound = w3.abs().sum(-1).clamp_min(1e-12)
            cap = torch.where(torch.isfinite(self.cap), self.cap, bound)
            w3 = w3 * (cap / bound).clamp(max=1.0).unsqueeze(-1)
        return w3

    @torch.no_grad()
    def baked(self) -> AdditiveRanker:
        """The same function with the caps folded into the weights: what is exported."""
        copy = AdditiveRanker(self.features, self.w1.shape[1])
        copy.load_state_dict(self.state_dict())
        copy.w3.copy_(self._weights())
        copy.cap.fill_(float("inf"))
        return copy.eval()

    @classmethod
    @torch.no_grad()
    def average(cls, members: list[AdditiveRanker]) -> AdditiveRanker:
        """One ranker whose scores and contributions are the mean of `members`' (trained from other seeds on
        the same standardisation): their hidden units side by side, the second layer block-diagonal, the output
        weights divided by their number. Caps are folded in first (`baked`), monotone shapes stay monotone."""
        baked = [member.baked() for member in members]
        first, count = baked[0], len(baked)
        if any(not torch.equal(m.mean, first.mean) or not torch.equal(m.scale, first.scale) for m in baked):
            raise ValueError("members standardise their features differently: they were not trained on one table")
        hidden = first.w1.shape[1]
        merged = cls(first.features, hidden * count, first.monotone.tolist())
        merged.w1.copy_(torch.cat([m.w1 for m in baked], dim=1))
        merged.b1.copy_(torch.cat([m.b1 for m in baked], dim=1))
        merged.w2.zero_()
        for i, member in enumerate(baked):
            block = slice(i * hidden, (i + 1) * hidden)
            merged.w2[:, block, block] = member.w2
        merged.b2.copy_(torch.cat([m.b2 for m in baked], dim=1))
        merged.w3.copy_(torch.cat([m.w3 for m in baked], dim=1) / count)
        merged.bias.copy_(torch.stack([m.bias for m in baked]).mean())
        merged.mean.copy_(first.mean)
        merged.scale.copy_(first.scale)
        merged.offset.copy_(torch.stack([m.offset for m in baked]).mean(dim=0))
        return merged.eval()

    def shapes(self, x: torch.Tensor) -> torch.Tensor:
        z = (x - self.mean) / self.scale  # [N, F]
        h = torch.tanh(z.unsqueeze(-1) * self.w1 + self.b1)  # [N, F, H]
        h = torch.tanh(torch.einsum("nfh,fhk->nfk", h, self.w2) + self.b2)
        return (h * self._weights()).sum(-1)  # [N, F]

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        contributions = self.shapes(x) - self.offset
        score = self.bias + self.offset.sum() + contributions.sum(dim=-1)
        return score, contributions
