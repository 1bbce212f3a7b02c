"""all-MiniLM-L6-v2 as one module: BERT, mean pooling over real tokens, L2 normalisation."""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn
from transformers import AutoModel


def load_bert(model_dir: Path) -> nn.Module:
    # Eager attention: the SDPA graph defeats onnxruntime's attention fusion.
    model: nn.Module = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager")
    return model.eval()


class MeanPooledEncoder(nn.Module):
    """What sentence-transformers computes for this model, as a single exportable graph."""

    def __init__(self, bert: nn.Module) -> None:
        super().__init__()
        self.bert = bert

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        hidden = self.bert(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
        return nn.functional.normalize(pooled, p=2.0, dim=1)
