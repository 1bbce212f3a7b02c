"""Accept application.submitted.v1: fetch and check the resume, store it, record the application."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, Field

from talent.contracts.documents import InlineDocument, S3Document
from talent.contracts.events import ApplicationSubmittedV1
from talent.domain.candidates import CandidateHasher
from talent.domain.document_checks import type_mismatch
from talent.domain.errors import DocumentTooLargeToFetch, DocumentUnavailable, RecordRefused
from talent.domain.fairness import SelfIdentified
from talent.domain.import_locations import REFUSED_LOCATION, ImportLocations
from talent.domain.models import Application, ApplicationStatus, AuditEntry, Job, JobStatus
from talent.domain.ports import (
    ApplicationRepository,
    AuditLog,
    DocumentStore,
    IdentityRepository,
    JobRepository,
    TombstoneRepository,
)


class IntakeOutcome(StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"  # this application id is already stored: nothing changed
    REJECTED_DOCUMENT = "rejected_document"
    JOB_CLOSED = "job_closed"
    ERASED = "erased"  # the candidate asked to be erased: a replayed application is not re-ingested


@dataclass(frozen=True)
class IntakeHandoff:
    """What this intake stored and read, handed to the screening that follows it so that it reads none of it
    back: the application as stored, the job as read before storing it, and the resume's bytes."""

    application: Application
    job: Job | None  # None: the job was not stored yet when the intake read it
    resume: bytes | None  # None: no resume was stored (rejected, or the job was closed)


class IntakeResult(BaseModel):
    outcome: IntakeOutcome
    reason: str | None = None
    # Only when this delivery stored the application (never a duplicate). Kept out of dumps and reprs: the
    # resume is personal data, and the record's log line is built from the result.
    handoff: IntakeHandoff | None = Field(default=None, exclude=True, repr=False)


class ApplicationIntake:
    def __init__(
        self,
        jobs: JobRepository,
        applications: ApplicationRepository,
        audit: AuditLog,
        tombstones: TombstoneRepository,
        documents: DocumentStore,
        max_document_bytes: int,
        *,
        identities: IdentityRepository,
        hasher: CandidateHasher,
        import_locations: ImportLocations | None = None,
    ) -> None:
        """`import_locations`: where resumes sent by reference may be read; None refuses every reference."""
        self._jobs = jobs
        self._applications = applications
        self._audit = audit
        self._tombstones = tombstones
        self._documents = documents
        self._max_bytes = max_document_bytes
        self._identities = identities
        self._hasher = hasher
        self._import_locations = import_locations

    def accept(self, event: ApplicationSubmittedV1) -> IntakeResult:
        """Raises RecordRefused (nothing read, nothing stored) for a resume location that is not the tenant's."""
        data = event.data
        if isinstance(data.resume.location, S3Document):
            self._check_location(event.tenant, data.resume.location)
        if self._tombstones.has_tombstone(event.tenant, self._hasher(event.tenant, data.candidate_id)):
            return IntakeResult(outcome=IntakeOutcome.ERASED)
        if self._applications.get_application(event.tenant, data.application_id) is not None:
            return IntakeResult(outcome=IntakeOutcome.DUPLICATE)

        base = Application(
            tenant=event.tenant,
            application_id=data.application_id,
            candidate_id=data.candidate_id,
            job_id=data.job_id,
            submitted_at=data.submitted_at,
            status=ApplicationStatus.RECEIVED,
        )
        job = self._jobs.get_job(event.tenant, data.job_id)
        if job is not None and job.status is JobStatus.CLOSED:
            return self._record(
                event,
                base.model_copy(update={"status": ApplicationStatus.JOB_CLOSED}),
                IntakeOutcome.JOB_CLOSED,
                "the job is closed",
                job=job,
            )

        rejection = None
        content = b""
        try:
            content = self._fetch(event)
        except DocumentTooLargeToFetch as exc:
            rejection = str(exc)
        except DocumentUnavailable:
            # Missing and unreadable read the same (S3 answers 403 for a missing key without ListBucket).
            rejection = "the resume could not be read from its import location"
        if rejection is None:
            rejection = type_mismatch(content, data.resume.content_type)
        if rejection is not None:
            rejected = base.model_copy(
                update={"status": ApplicationStatus.REJECTED_DOCUMENT, "rejection_reason": rejection}
            )
            return self._record(event, rejected, IntakeOutcome.REJECTED_DOCUMENT, rejection, job=job)

        stored = self._documents.put_resume(
            event.tenant, data.candidate_id, data.application_id, content, data.resume.content_type
        )
        accepted = base.model_copy(update={"document": stored})
        return self._record(event, accepted, IntakeOutcome.ACCEPTED, None, job=job, resume=content)

    def _check_location(self, tenant: str, location: S3Document) -> None:
        if self._import_locations is None:
            raise RecordRefused(REFUSED_LOCATION)
        self._import_locations.check(tenant, location)

    def _fetch(self, event: ApplicationSubmittedV1) -> bytes:
        location = event.data.resume.location
        if isinstance(location, InlineDocument):
            content = location.content()
            if len(content) > self._max_bytes:
                raise DocumentTooLargeToFetch(len(content), self._max_bytes)
            return content
        return self._documents.read_external(location.bucket, location.key, location.version_id, self._max_bytes)

    def _record(
        self,
        event: ApplicationSubmittedV1,
        application: Application,
        outcome: IntakeOutcome,
        reason: str | None,
        *,
        job: Job | None,
        resume: bytes | None = None,
    ) -> IntakeResult:
        if not self._applications.put_application_if_absent(application):
            return IntakeResult(outcome=IntakeOutcome.DUPLICATE)
        identity = event.data.self_identification
        if identity is not None and (identity.sex is not None or identity.race_ethnicity is not None):
            # Kept apart from the application and the profile: only the fairness report reads it.
            self._identities.put_self_identification(
                SelfIdentified(
                    tenant=event.tenant,
                    job_id=application.job_id,
                    application_id=application.application_id,
                    sex=identity.sex,
                    race_ethnicity=identity.race_ethnicity,
                )
            )
        details = {"outcome": outcome.value}
        if reason:
            details["reason"] = reason
        self._audit.append(
            AuditEntry(
                tenant=event.tenant,
                application_id=application.application_id,
                at=event.time,
                event_id=event.id,
                action="application.received",
                actor=event.source,
                details=details,
            )
        )
        return IntakeResult(outcome=outcome, reason=reason, handoff=IntakeHandoff(application, job, resume))
