"""The event lake's rows: what screening and HR decisions leave behind for analysis and feedback training.

Two row types, ids and numbers only (no names, contacts, resume text, free-text reasons or HR user ids):
- `screening`: one per stored ranking (an application at one job version): score, the model's feature vector and
  versions, so a later training run can learn from decisions on exactly what the model saw;
- `decision`: one per HR stage change, with whether it overrode the recommendation.

Rows are keyed by the event that produced them, so a redelivered event rewrites the same row, and they are
partitioned by tenant, date and type. Candidate and application ids are pseudonymous personal data:
erasure deletes every row of the candidate (`EventLake.delete_candidate`).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from talent.contracts.events import ApplicationStageChangedV1
from talent.domain.models import Ranking

_ROW_NAMESPACE = uuid.UUID("0b7f0c64-3d1e-4f4a-8f0e-6a9f7f2d8e31")

RowType = Literal["screening", "decision"]


class LakeRow(BaseModel):
    """One row; the columns a type does not use stay null."""

    type: RowType
    row_id: str = Field(description="Deterministic: the same source event always yields the same row id.")
    tenant: str
    occurred_at: datetime
    application_id: str
    candidate_id: str
    job_id: str
    # screening
    job_version: int | None = None
    score: float | None = None
    model_version: str | None = None
    feature_spec_version: str | None = None
    feature_names: list[str] = Field(default_factory=list)
    features: list[float] = Field(default_factory=list)
    # decision
    from_stage: str | None = None
    to_stage: str | None = None
    overrides_recommendation: bool | None = None


def screening_row(ranking: Ranking) -> LakeRow | None:
    """The row of a screened ranking (None for a rejected document: nothing was scored)."""
    result = ranking.result
    if result is None:
        return None
    names = sorted(result.features)
    identity = f"{ranking.tenant}/{ranking.application_id}/{ranking.job_version}/{result.input_sha256}"
    return LakeRow(
        type="screening",
        row_id=str(uuid.uuid5(_ROW_NAMESPACE, identity)),
        tenant=ranking.tenant,
        occurred_at=ranking.screened_at,
        application_id=ranking.application_id,
        candidate_id=ranking.candidate_id,
        job_id=ranking.job_id,
        job_version=ranking.job_version,
        score=result.score,
        model_version=result.model_version,
        feature_spec_version=result.feature_spec_version,
        feature_names=names,
        features=[result.features[n] for n in names],
    )


def decision_row(event: ApplicationStageChangedV1) -> LakeRow:
    data = event.data
    return LakeRow(
        type="decision",
        row_id=str(uuid.uuid5(_ROW_NAMESPACE, f"{event.tenant}/{event.id}")),
        tenant=event.tenant,
        occurred_at=event.time,
        application_id=data.application_id,
        candidate_id=data.candidate_id,
        job_id=data.job_id,
        from_stage=data.from_stage.value if data.from_stage else None,
        to_stage=data.to_stage.value,
        overrides_recommendation=data.overrides_recommendation,
    )
