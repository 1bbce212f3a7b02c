"""What the domain stores and reads, independent of how a store lays it out."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from talent.assessment.models import GapItem
from talent.contracts.events import EmploymentType, ScreeningStatus, Stage


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class JobStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Job(Record):
    tenant: str
    job_id: str
    version: int
    status: JobStatus
    title: str
    description: str
    location: str | None = None
    department: str | None = None
    employment_type: EmploymentType | None = None
    updated_at: datetime
    closed_reason: str | None = None


class ApplicationStatus(StrEnum):
    RECEIVED = "received"  # stored; screening comes next
    REJECTED_DOCUMENT = "rejected_document"  # the document cannot be used: `rejection_reason` says why
    JOB_CLOSED = "job_closed"  # the job no longer accepts screenings


class StoredDocument(Record):
    key: str
    sha256: str
    size_bytes: int
    content_type: str


class Application(Record):
    tenant: str
    application_id: str
    candidate_id: str
    job_id: str
    submitted_at: datetime
    status: ApplicationStatus
    stage: Stage = Stage.APPLIED
    document: StoredDocument | None = None
    rejection_reason: str | None = None
    assessment_scores: dict[str, float] = Field(default_factory=dict)


class AuditEntry(Record):
    """One line of an application's audit trail. Ids and decisions only: never personal fields."""

    tenant: str
    application_id: str
    at: datetime
    event_id: str
    action: str
    actor: str
    details: dict[str, str] = Field(default_factory=dict)


class Tombstone(Record):
    """What remains of an erased candidate: a keyed hash (no personal data) that blocks re-ingestion."""

    tenant: str
    candidate_hash: str
    erased_at: datetime
    event_id: str


class ScoreResult(Record):
    """What the screening model says about one candidate for one job (see talent.ranking.screening_model)."""

    score: float
    baseline: float = Field(
        description="The score of an average training candidate; contributions add up to score - baseline."
    )
    contributions: dict[str, float]
    features: dict[str, float] = Field(
        default_factory=dict, description="The model's inputs (blind-profile features), kept for feedback training."
    )
    matched_skills: list[str] = Field(default_factory=list)
    missing_skills: list[str] = Field(default_factory=list)
    gaps: list[GapItem] = Field(default_factory=list)
    model_version: str
    feature_spec_version: str
    input_sha256: str


class Ranking(Record):
    """One application's screening result for its job, at one job version. Ids and numbers only."""

    tenant: str
    application_id: str
    candidate_id: str
    job_id: str
    job_version: int = Field(ge=0, description="The job version screened against; 0 when the document was rejected.")
    status: ScreeningStatus
    result: ScoreResult | None = None
    reason: str | None = None
    screened_at: datetime
