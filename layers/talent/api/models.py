"""API response models: what HR clients see, mapped explicitly from domain records."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from talent.domain.models import Application, AuditEntry, Job


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
