"""API response models: what HR clients see, mapped explicitly from domain records."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from talent.api.blind_view import BlindField
from talent.contracts.events import Stage
from talent.domain.models import Application, AuditEntry, Job, Ranking
from talent.profile.models import ResumeProfile
from talent.ranking.explain import strongest
from talent.ranking.reasons import reason


class JobSummary(BaseModel):
    job_id: str
    version: int
    status: str
    title: str
    location: str | None
    updated_at: datetime

    @classmethod
    def of(cls, job: Job) -> JobSummary:
        return cls(
            job_id=job.job_id,
            version=job.version,
            status=job.status.value,
            title=job.title,
            location=job.location,
            updated_at=job.updated_at,
        )


class JobDetail(JobSummary):
    description: str
    department: str | None
    employment_type: str | None
    closed_reason: str | None

    @classmethod
    def of(cls, job: Job) -> JobDetail:
        return cls(
            **JobSummary.of(job).model_dump(),
            description=job.description,
            department=job.department,
            employment_type=job.employment_type.value if job.employment_type else None,
            closed_reason=job.closed_reason,
        )


class JobPage(BaseModel):
    items: list[JobSummary]
    next_cursor: str | None


class ApplicantView(BaseModel):
    """Blind by default: ids, status and stage, never the candidate's personal fields."""

    application_id: str
    candidate_id: str
    status: str
    stage: str
    submitted_at: datetime
    rejection_reason: str | None
    assessment_scores: dict[str, float]

    @classmethod
    def of(cls, application: Application) -> ApplicantView:
        return cls(
            application_id=application.application_id,
            candidate_id=application.candidate_id,
            status=application.status.value,
            stage=application.stage.value,
            submitted_at=application.submitted_at,
            rejection_reason=application.rejection_reason,
            assessment_scores=application.assessment_scores,
        )


class ApplicantList(BaseModel):
    job_id: str
    items: list[ApplicantView]


class AuditLine(BaseModel):
    at: datetime
    event_id: str
    action: str
    actor: str
    details: dict[str, str]

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditLine:
        return cls(at=entry.at, event_id=entry.event_id, action=entry.action, actor=entry.actor, details=entry.details)


class AuditTrail(BaseModel):
    application_id: str
    entries: list[AuditLine]


class ErrorBody(BaseModel):
    message: str
    correlation_id: str | None = Field(
        default=None, description="On a 500: the id under which the function logged the error."
    )


class Contribution(BaseModel):
    feature: str
    value: float = Field(description="What the feature added to (or took from) the score.")
    feature_value: float | None = Field(default=None, description="The feature's value for this candidate.")
    reason: str = Field(default="", description="What the feature measured, in words a recruiter reads.")


class Gap(BaseModel):
    kind: str
    requirement: str
    label: str
    status: str
    evidence: str


class ShortlistEntry(BaseModel):
    """One ranked candidate with the explanation: contributions (largest effect first) and skill gaps."""

    rank: int
    application_id: str
    candidate_id: str
    stage: str | None
    score: float
    baseline: float
    contributions: list[Contribution]
    matched_skills: list[str]
    missing_skills: list[str]
    gaps: list[Gap]
    job_version: int
    stale: bool = Field(description="Ranked against an older job version; a re-rank is on its way.")
    model_version: str
    feature_spec_version: str
    input_sha256: str

    @classmethod
    def of(cls, rank: int, ranking: Ranking, stage: Stage | None, current_version: int) -> ShortlistEntry:
        result = ranking.result
        if result is None:
            raise ValueError("only screened rankings are shortlisted")
        ordered = strongest(result.contributions)
        listed: dict[str, int] = Counter(str(g.requirement) for g in result.gaps if g.kind == "skill")
        return cls(
            rank=rank,
            application_id=ranking.application_id,
            candidate_id=ranking.candidate_id,
            stage=stage.value if stage is not None else None,
            score=result.score,
            baseline=result.baseline,
            contributions=[
                Contribution(
                    feature=k,
                    value=v,
                    feature_value=result.features.get(k),
                    reason=reason(k, result.features.get(k), listed),
                )
                for k, v in ordered
            ],
            matched_skills=result.matched_skills,
            missing_skills=result.missing_skills,
            gaps=[
                Gap(kind=g.kind, requirement=g.requirement, label=g.label, status=g.status.value, evidence=g.evidence)
                for g in result.gaps
            ],
            job_version=ranking.job_version,
            stale=ranking.job_version < current_version,
            model_version=result.model_version,
            feature_spec_version=result.feature_spec_version,
            input_sha256=result.input_sha256,
        )


class Shortlist(BaseModel):
    job_id: str
    job_version: int
    items: list[ShortlistEntry]
    next_cursor: str | None


class ProfileView(BaseModel):
    application_id: str
    view: Literal["blind", "full"]
    profile: ResumeProfile
    hidden: list[BlindField] = Field(
        default_factory=list, description="Fields the blind view leaves out for this tenant (pedigree and age proxies)."
    )


class DecisionRequest(BaseModel):
    to_stage: Stage
    reason: str | None = Field(default=None, max_length=2000)
    overrides_recommendation: bool = Field(
        default=False, description="The decision departs from the ranking (GDPR Art. 22: a human decided)."
    )


class DecisionView(BaseModel):
    application_id: str
    stage: str
    event_id: str
    recorded_at: datetime


class ErasureRequest(BaseModel):
    reason: Literal["candidate_request", "retention_expired", "legal_obligation"] = "candidate_request"


class ErasureView(BaseModel):
    candidate_id: str
    erased_at: datetime
    applications: int
    documents: int
    audit_entries: int = Field(
        description="Audit entries kept (ids and decisions, free text removed) until the audit retention ends; "
        "the erasure is one of them."
    )
    rankings: int
    lake_rows: int
