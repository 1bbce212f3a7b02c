"""TermsHead: TF-IDF term vectors (whole text and first line) plus the encoder's embeddings → family probabilities.

Two representations, one set of logits: a linear map of the term vectors (`talent.ranking.family_terms`)
plus `embedding_weight` times a small MLP over the `family_input` embeddings (pooled over every window of the
text, and its first window). The two halves are trained apart and weighed on validation: trained jointly, the
MLP fits the training resumes within a few epochs and the term weights never learn (validation top-1 0.755
jointly against 0.821 for the terms alone, models/job_family/README.md). The term half is trained on a sparse
tensor (a resume names a few hundred of the ~25k columns, so a dense product would cost fifty times more on
the 2 CI cores) and exported dense: serving passes one dense row per text. `first_line_weight` scales the
first-line view against the whole text's before the linear map, so the L2 penalty treats the two views as the
validation split preferred. `temperature` is fitted after training on held-out data and folded into the
graph, as in FamilyHead.
"""

from __future__ import annotations

import torch
from torch import nn


class TermsHead(nn.Module):
    view_scale: torch.Tensor
    embedding_weight: torch.Tensor
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
        self.register_buffer("embedding_weight", torch.ones(()))
        self.register_buffer("temperature", torch.ones(()))

    def term_logits(self, terms: torch.Tensor) -> torch.Tensor:
        weight = self.term_weight * self.view_scale[:, None]
        return torch.sparse.mm(terms, weight) if terms.is_sparse else terms @ weight

    def embedding_logits(self, embedding: torch.Tensor) -> torch.Tensor:
        if self.embedding_net is None:
            return torch.zeros((), device=embedding.device)
        return self.embedding_net(embedding)

    def logits(self, terms: torch.Tensor, embedding: torch.Tensor) -> torch.Tensor:
        return self.term_logits(terms) + self.bias + self.embedding_weight * self.embedding_logits(embedding)

    def forward(self, terms: torch.Tensor, embedding: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.logits(terms, embedding) / self.temperature, dim=-1)
