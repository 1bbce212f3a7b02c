"""The tagger network: the MiniLM encoder and a linear token-classification head (no training logic here)."""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn
from transformers import AutoModel

from talent_training.skill_tagger.crf import LinearChainCrf


class TokenTagger(nn.Module):
    """Logits over the BIO labels for every word-piece; with `crf`, label-to-label scores trained beside them
    (used by the loss and the decoding, not by `forward`, so the exported graph is the same)."""

    def __init__(
        self, encoder: nn.Module, hidden_size: int, num_labels: int, dropout: float = 0.1, *, crf: bool = False
    ) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(hidden_size, num_labels)
        self.crf = LinearChainCrf(num_labels) if crf else None

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        hidden = self.encoder(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        logits: torch.Tensor = self.head(self.dropout(hidden))
        return logits


def build_tagger(model_dir: Path, num_labels: int, frozen_layers: int, *, crf: bool = False) -> TokenTagger:
    """MiniLM from `model_dir`; the embeddings and the lowest `frozen_layers` layers get no gradient."""
    # Eager attention keeps the exported graph fusable by onnxruntime's transformer optimizer.
    encoder = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager", add_pooling_layer=False)
    for parameter in encoder.embeddings.parameters():
        parameter.requires_grad = False
    for layer in encoder.encoder.layer[:frozen_layers]:
        for parameter in layer.parameters():
            parameter.requires_grad = False
    return TokenTagger(encoder, encoder.config.hidden_size, num_labels, crf=crf)
