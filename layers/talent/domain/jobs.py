"""Apply job.posted|updated|closed.v1 so that an older version never overwrites a newer one."""

from __future__ import annotations

from enum import StrEnum

from talent.contracts.events import JobClosedV1, JobPostedV1, JobUpdatedV1
from talent.domain.models import Job, JobStatus
from talent.domain.ports import JobRepository


class JobOutcome(StrEnum):
    STORED = "stored"
    CLOSED = "closed"
    STALE = "stale"  # an equal or newer version is already stored: nothing changed


def apply_job_event(event: JobPostedV1 | JobUpdatedV1 | JobClosedV1, jobs: JobRepository) -> JobOutcome:
    if isinstance(event, JobClosedV1):
        current = jobs.get_job(event.tenant, event.data.job_id)
        if current is None:
            # Closing an unknown job still has to win over a late, older posting of it.
            closed = Job(
                tenant=event.tenant,
                job_id=event.data.job_id,
                version=event.data.version,
                status=JobStatus.CLOSED,
                title="",
                description="",
                updated_at=event.time,
                closed_reason=event.data.reason,
            )
        else:
            closed = current.model_copy(
                update={
                    "version": event.data.version,
                    "status": JobStatus.CLOSED,
                    "updated_at": event.time,
                    "closed_reason": event.data.reason,
                }
            )
        return JobOutcome.CLOSED if jobs.put_job_if_newer(closed) else JobOutcome.STALE

    data = event.data
    job = Job(
        tenant=event.tenant,
        job_id=data.job_id,
        version=data.version,
        status=JobStatus.OPEN,
        title=data.title,
        description=data.description,
        location=data.location,
        department=data.department,
        employment_type=data.employment_type,
        updated_at=event.time,
    )
    return JobOutcome.STORED if jobs.put_job_if_newer(job) else JobOutcome.STALE
