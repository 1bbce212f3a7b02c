"""The fine-tuned job-family classifier as plain modules: BERT, mean pooling and a linear head, then softmax / T.

Trained by `talent_training.job_family.finetune`, exported by `talent_training.job_family.token_export`; the
served graph reads the first MAX_TOKENS word pieces of a text.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

MAX_TOKENS = 512


class Classifier(nn.Module):
    def __init__(self, bert: nn.Module, hidden: int, families: int) -> None:
        super().__init__()
        self.bert = bert
        self.head = nn.Linear(hidden, families)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor, segments: torch.Tensor | None = None) -> torch.Tensor:
        hidden = self.bert(input_ids=ids, attention_mask=mask, token_type_ids=segments).last_hidden_state
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
        logits: torch.Tensor = self.head(pooled)
        return logits


class TokenFamilyModel(nn.Module):
    """What is exported: token ids in, calibrated family probabilities out."""

    def __init__(self, classifier: Classifier, temperature: float) -> None:
        super().__init__()
        self.classifier = classifier
        self.register_buffer("temperature", torch.tensor(float(temperature)))

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        logits = self.classifier(input_ids, attention_mask, token_type_ids)
        return torch.softmax(logits / self.temperature, dim=-1)


def rank_of_truth(scores: torch.Tensor | np.ndarray, label: torch.Tensor | np.ndarray) -> np.ndarray:
    """Per row, how many families score above the true one (0: a top-1 hit, < 3: a top-3 hit)."""
    scores, label = torch.as_tensor(scores).float().cpu(), torch.as_tensor(label).cpu()
    truth = scores.gather(1, label[:, None])
    return (scores > truth).sum(1).numpy()
