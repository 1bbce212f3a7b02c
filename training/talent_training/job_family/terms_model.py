"""TermsHead: TF-IDF term vectors (whole text and first line) plus the encoder's embeddings → family probabilities.

Two representations, one set of logits: a linear map of the term vectors (`talent.ranking.family_terms`)
added to a small MLP over the `family_input` embeddings (pooled over every window of the text, and its first
window). The term half is trained on a sparse tensor (a resume names a few hundred of the ~25k columns, so a
dense product would cost fifty times more on the 2 CI cores) and exported dense: serving passes one dense row
per text. `first_line_weight` scales the first-line view against the whole text's before the linear map, so
the L2 penalty treats the two views as the validation split preferred. `temperature` is fitted after training
on held-out data and folded into the graph, as in FamilyHead.
"""

from __future__ import annotations

import torch
from torch import nn


class TermsHead(nn.Module):
    view_scale: torch.Tensor
    temperature: torch.Tensor

    def __init__(
        self,
        term_width: int,
        embedding_width: int,
        families: int,
        hidden: int = 256,
        dropout: float = 0.2,
        first_line_weight: float = 0.5,
    ) -> None:
        super().__init__()
        self.term_weight = nn.Parameter(torch.zeros(term_width, families))
        self.bias = nn.Parameter(torch.zeros(families))
        self.embedding_width = embedding_width
        self.embedding_net = (
            nn.Sequential(
                nn.Dropout(dropout),
                nn.Linear(embedding_width, hidden),
                nn.GELU(),
                nn.Dropout(dropout),
                nn.Linear(hidden, families),
            )
            if embedding_width
            else None
        )
        scale = torch.ones(term_width)
        scale[term_width // 2 :] = first_line_weight  # the second half of every row is the first line's view
        self.register_buffer("view_scale", scale)
        self.register_buffer("temperature", torch.ones(()))

    def term_logits(self, terms: torch.Tensor) -> torch.Tensor:
        weight = self.term_weight * self.view_scale[:, None]
        return torch.sparse.mm(terms, weight) if terms.is_sparse else terms @ weight

    def logits(self, terms: torch.Tensor, embedding: torch.Tensor) -> torch.Tensor:
        out = self.term_logits(terms) + self.bias
        if self.embedding_net is not None:
            out = out + self.embedding_net(embedding)
        return out

    def forward(self, terms: torch.Tensor, embedding: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.logits(terms, embedding) / self.temperature, dim=-1)
