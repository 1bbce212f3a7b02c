"""Event data models and their typed envelopes, one class per versioned event type."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import Field

from talent.contracts.documents import ResumeDocument
from talent.contracts.envelope import Contract, Envelope, Identifier


# ------------------------------------------------------------------ jobs
class EmploymentType(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    CONTRACT = "contract"
    TEMPORARY = "temporary"
    INTERNSHIP = "internship"


class JobData(Contract):
    job_id: Identifier
    version: int = Field(ge=1, description="Increases with every change; older versions never win.")
    title: str = Field(min_length=1, max_length=300)
    description: str = Field(min_length=1, max_length=100_000)
    location: str | None = Field(default=None, max_length=300)
    department: str | None = Field(default=None, max_length=300)
    employment_type: EmploymentType | None = None


class JobClosedData(Contract):
    job_id: Identifier
    version: int = Field(ge=1)
    reason: str | None = Field(default=None, max_length=1000)


class JobPostedV1(Envelope[JobData]):
    type: Literal["job.posted.v1"]


class JobUpdatedV1(Envelope[JobData]):
    type: Literal["job.updated.v1"]


class JobClosedV1(Envelope[JobClosedData]):
    type: Literal["job.closed.v1"]


# ---------------------------------------------------------- applications
class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    NONBINARY = "nonbinary"
    UNDISCLOSED = "undisclosed"


class RaceEthnicity(StrEnum):
    """EEO-1 categories, as used by NYC Local Law 144 bias audits."""

    HISPANIC_OR_LATINO = "hispanic_or_latino"
    WHITE = "white"
    BLACK_OR_AFRICAN_AMERICAN = "black_or_african_american"
    NATIVE_HAWAIIAN_OR_PACIFIC_ISLANDER = "native_hawaiian_or_pacific_islander"
    ASIAN = "asian"
    AMERICAN_INDIAN_OR_ALASKA_NATIVE = "american_indian_or_alaska_native"
    TWO_OR_MORE_RACES = "two_or_more_races"
    UNDISCLOSED = "undisclosed"


class SelfIdentification(Contract):
    """Voluntary; stored apart from the profile and used only for fairness reports, never for scoring."""

    sex: Sex | None = None
    race_ethnicity: RaceEthnicity | None = None


class ApplicationSubmittedData(Contract):
    application_id: Identifier
    candidate_id: Identifier
    job_id: Identifier
    submitted_at: datetime
    resume: ResumeDocument
    self_identification: SelfIdentification | None = None


class ApplicationSubmittedV1(Envelope[ApplicationSubmittedData]):
    type: Literal["application.submitted.v1"]


# ----------------------------------------------------------- assessments
class SkillScore(Contract):
    skill: str = Field(min_length=1, max_length=200)
    score: float = Field(ge=0.0, le=1.0, description="Normalised: 0 = none, 1 = expert.")
    raw_score: float | None = None
    max_score: float | None = Field(default=None, gt=0)


class AssessmentCompletedData(Contract):
    assessment_id: Identifier
    application_id: Identifier
    candidate_id: Identifier
    job_id: Identifier
    provider: str = Field(min_length=1, max_length=200)
    completed_at: datetime
    results: list[SkillScore] = Field(min_length=1, max_length=500)


class AssessmentCompletedV1(Envelope[AssessmentCompletedData]):
    type: Literal["assessment.completed.v1"]


# ------------------------------------------------------ stage changes (HR)
class Stage(StrEnum):
    APPLIED = "applied"
    SCREENING = "screening"
    ASSESSMENT = "assessment"
    INTERVIEW = "interview"
    OFFER = "offer"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class StageChangedData(Contract):
    application_id: Identifier
    candidate_id: Identifier
    job_id: Identifier
    from_stage: Stage | None = None
    to_stage: Stage
    decided_by: Identifier = Field(description="The HR user's id (never a name).")
    reason: str | None = Field(default=None, max_length=2000)
    overrides_recommendation: bool = False


class ApplicationStageChangedV1(Envelope[StageChangedData]):
    type: Literal["application.stage_changed.v1"]


# --------------------------------------------------------------- erasure
class ErasureRequestedData(Contract):
    candidate_id: Identifier
    requested_at: datetime
    reason: Literal["candidate_request", "retention_expired", "legal_obligation"] = "candidate_request"


class CandidateErasureRequestedV1(Envelope[ErasureRequestedData]):
    type: Literal["candidate.erasure_requested.v1"]


# ------------------------------------------------------- what we publish
class ScreeningStatus(StrEnum):
    SCREENED = "screened"
    REJECTED_DOCUMENT = "rejected_document"
    FAILED = "failed"


class ScreeningCompletedData(Contract):
    application_id: Identifier
    candidate_id: Identifier
    job_id: Identifier
    status: ScreeningStatus
    score: float | None = None
    rank: int | None = Field(default=None, ge=1)
    contributions: dict[str, float] = Field(default_factory=dict)
    matched_skills: list[str] = Field(default_factory=list)
    missing_skills: list[str] = Field(default_factory=list)
    model_version: str | None = None
    feature_spec_version: str | None = None
    input_sha256: str | None = None
    reason: str | None = Field(default=None, description="Why a document was rejected or screening failed.")


class ScreeningCompletedV1(Envelope[ScreeningCompletedData]):
    type: Literal["screening.completed.v1"]
