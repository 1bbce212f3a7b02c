"""Screen applications against their job: parse the stored resume, score it, store the ranking, publish.

Called after intake (a new application), after a job changes (re-rank its applicants) and after an
assessment (re-score one application). Exactly-once in effect under at-least-once delivery:
- the profile and the ranking are keyed by application, so a redelivered record rewrites the same items;
- a ranking is stored only if no ranking for a newer job version exists, so an old job version never
  overwrites a newer ranking;
- the published event's id is derived from (application, job version, inputs), so a re-publication after a
  crash is the same event again, which consumers drop by id (talent.domain.screening_event).
After an intake that stored the application, the screening takes what the intake holds (`IntakeHandoff`: the
application, the job, the resume's bytes) instead of reading it back; the ranking write is then refused if an
erasure removed the application since.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from talent.contracts.events import ApplicationSubmittedV1, ScreeningStatus, SkillScore
from talent.documents.errors import DocumentError
from talent.domain.applications import IntakeOutcome, IntakeResult
from talent.domain.lake import screening_row
from talent.domain.models import Application, ApplicationStatus, AuditEntry, Job, JobStatus, Ranking
from talent.domain.ports import (
    ApplicationRepository,
    AuditLog,
    DocumentStore,
    EventLake,
    JobRepository,
    ProfileStore,
    Publisher,
    RankingRepository,
    ResumeReader,
    Screener,
)
from talent.domain.screening_event import screening_completed
from talent.profile.models import ResumeProfile


class ScreeningOutcome(StrEnum):
    SCREENED = "screened"
    REJECTED_DOCUMENT = "rejected_document"
    WAITING_FOR_JOB = "waiting_for_job"  # the job is not known yet: its job.posted re-ranks its applicants
    JOB_CLOSED = "job_closed"
    STALE = "stale"  # a ranking for a newer job version is already stored
    NOT_SCREENABLE = "not_screenable"  # nothing to score: no usable document, or the job was closed at intake
    UNKNOWN_APPLICATION = "unknown_application"


@dataclass(frozen=True)
class Trigger:
    """The event that caused a screening: audit entries and published results point back to it."""

    event_id: str
    at: datetime
    actor: str


@dataclass(frozen=True)
class ScreeningPorts:
    jobs: JobRepository
    applications: ApplicationRepository
    rankings: RankingRepository
    profiles: ProfileStore
    documents: DocumentStore
    audit: AuditLog
    publisher: Publisher
    screener: Screener
    reader: ResumeReader
    lake: EventLake


_OUTCOME_OF = {
    ScreeningStatus.SCREENED: ScreeningOutcome.SCREENED,
    ScreeningStatus.REJECTED_DOCUMENT: ScreeningOutcome.REJECTED_DOCUMENT,
    ScreeningStatus.FAILED: ScreeningOutcome.NOT_SCREENABLE,
}


def _score(ranking: Ranking) -> float:
    return ranking.result.score if ranking.result is not None else float("-inf")


def assessment_results(application: Application) -> list[SkillScore]:
    return [SkillScore(skill=name, score=score) for name, score in sorted(application.assessment_scores.items())]


class ScreeningService:
    def __init__(self, ports: ScreeningPorts, max_document_bytes: int, now: Callable[[], datetime]) -> None:
        self.p = ports
        self.max_document_bytes = max_document_bytes
        self.now = now

    # ----------------------------------------------------------- entry points
    def after_intake(self, event: ApplicationSubmittedV1, intake: IntakeResult) -> ScreeningOutcome:
        trigger = Trigger(event.id, event.time, event.source)
        handoff = intake.handoff
        if handoff is not None and handoff.application.status is ApplicationStatus.JOB_CLOSED:
            return ScreeningOutcome.NOT_SCREENABLE  # nothing to write, so nothing for an erasure to stop
        if handoff is not None and handoff.resume is not None and handoff.job is not None:
            # Accepted with its resume stored, for a job the intake found open (a closed one stores no resume).
            return self._screen_accepted(handoff.application, handoff.job, handoff.resume, trigger)
        # A duplicate delivery, a rejected document, or a job unknown at intake (posted since, perhaps): read
        # what is stored now, which is also the check that the application was not erased since.
        application = self.p.applications.get_application(event.tenant, event.data.application_id)
        if application is None:  # erased, or intake stored nothing
            return ScreeningOutcome.NOT_SCREENABLE
        if application.status is ApplicationStatus.REJECTED_DOCUMENT:
            return self._reject(application, application.rejection_reason or "document rejected", trigger)
        if application.status is not ApplicationStatus.RECEIVED or application.document is None:
            return ScreeningOutcome.NOT_SCREENABLE
        if (
            intake.outcome is IntakeOutcome.DUPLICATE
            and (existing := self.p.rankings.get_ranking(application.tenant, application.application_id)) is not None
        ):
            # The same event again. A delivery that died after storing the ranking may have left its audit
            # entry and lake row unwritten, and its result unpublished: complete all three (each idempotent),
            # recording only a screening that no other trigger records.
            if existing.status is ScreeningStatus.SCREENED and self.p.rankings.claim_record(existing, trigger.event_id):
                self._record_screened(application, existing, trigger)
            self._publish(application, existing)
            return _OUTCOME_OF[existing.status]
        # Parse now even if the job is not known yet: a rejected document is reported to the ATS at once.
        profile = self._profile(application, trigger)
        if isinstance(profile, ScreeningOutcome):
            return profile
        return self._screen(application, trigger, profile=profile)

    def rerank(self, job: Job, trigger: Trigger) -> Counter[ScreeningOutcome]:
        """Every screenable applicant of `job` against this version of it.

        Results are published after all are stored, ranked by one sort of the new scores (a count query per
        applicant would read O(n^2) items); only when another job version interleaved (a STALE outcome)
        does each rank come from the store, which then holds the mix.
        """
        outcomes: Counter[ScreeningOutcome] = Counter()
        stored: list[tuple[Application, Ranking]] = []
        for application in self.p.applications.applications_for_job(job.tenant, job.job_id):
            if application.status is ApplicationStatus.RECEIVED and application.document is not None:
                outcomes[self._screen(application, trigger, job=job, deferred=stored)] += 1
        consistent = outcomes[ScreeningOutcome.STALE] == 0
        ordered = sorted(stored, key=lambda pair: (-_score(pair[1]), pair[1].application_id))
        for rank, (application, ranking) in enumerate(ordered, start=1):
            self._publish(application, ranking, rank=rank if consistent else None)
        return outcomes

    def rescore(self, tenant: str, application_id: str, trigger: Trigger) -> ScreeningOutcome:
        application = self.p.applications.get_application(tenant, application_id)
        if application is None:
            return ScreeningOutcome.UNKNOWN_APPLICATION
        if application.status is not ApplicationStatus.RECEIVED or application.document is None:
            return ScreeningOutcome.NOT_SCREENABLE
        return self._screen(application, trigger)

    # --------------------------------------------------------------- helpers
    def _screen_accepted(self, application: Application, job: Job, resume: bytes, trigger: Trigger) -> ScreeningOutcome:
        """The application this delivery's intake just stored, with the job it read and the resume it stored:
        nothing is read back. An erasure since the intake deleted the application; the ranking write is refused
        then (`stored_as`, in the same atomic write), and nothing about the candidate is written before it: the
        profile is stored after the ranking, an unreadable document checks the application is still there."""
        try:
            profile = self._parse(application, resume)
        except DocumentError as exc:
            if self.p.applications.get_application(application.tenant, application.application_id) is None:
                return ScreeningOutcome.NOT_SCREENABLE  # erased since the intake
            return self._reject_unreadable(application, exc, trigger)
        stored = self._store(application, job, profile, stored_as=application)
        if isinstance(stored, ScreeningOutcome):
            return stored
        self.p.profiles.put_profile(application.tenant, application.candidate_id, application.application_id, profile)
        return self._complete(application, stored, trigger, None)

    def _profile(self, application: Application, trigger: Trigger) -> ResumeProfile | ScreeningOutcome:
        """The stored profile, or the resume parsed and stored now; a document that cannot be parsed rejects
        the application (stored status and reason, a rejected_document result published)."""
        tenant, candidate, app_id = application.tenant, application.candidate_id, application.application_id
        profile = self.p.profiles.get_profile(tenant, candidate, app_id)
        if profile is not None:
            return profile
        assert application.document is not None  # callers check: only applications with a stored document
        content = self.p.documents.read_stored(application.document, self.max_document_bytes)
        try:
            profile = self._parse(application, content)
        except DocumentError as exc:
            return self._reject_unreadable(application, exc, trigger)
        self.p.profiles.put_profile(tenant, candidate, app_id, profile)
        return profile

    def _parse(self, application: Application, content: bytes) -> ResumeProfile:
        assert application.document is not None  # callers check: only applications with a stored document
        return self.p.reader.read(content, application.document.content_type, None, application.submitted_at.date())

    def _reject_unreadable(self, application: Application, exc: DocumentError, trigger: Trigger) -> ScreeningOutcome:
        rejected = application.model_copy(
            update={"status": ApplicationStatus.REJECTED_DOCUMENT, "rejection_reason": str(exc)}
        )
        self.p.applications.save_application(rejected)
        return self._reject(rejected, str(exc), trigger)

    def _screen(
        self,
        application: Application,
        trigger: Trigger,
        *,
        job: Job | None = None,
        profile: ResumeProfile | None = None,
        deferred: list[tuple[Application, Ranking]] | None = None,
    ) -> ScreeningOutcome:
        """Screen, store and publish; with `deferred`, the stored ranking is appended there to publish later."""
        job = job or self.p.jobs.get_job(application.tenant, application.job_id)
        if job is None:
            self._audit(application, trigger, "screening.waiting_for_job", {})
            return ScreeningOutcome.WAITING_FOR_JOB
        if job.status is JobStatus.CLOSED:
            return ScreeningOutcome.JOB_CLOSED
        if profile is None:
            found = self._profile(application, trigger)
            if isinstance(found, ScreeningOutcome):
                return found
            profile = found
        stored = self._store(application, job, profile)
        if isinstance(stored, ScreeningOutcome):
            return stored
        return self._complete(application, stored, trigger, deferred)

    def _store(
        self, application: Application, job: Job, profile: ResumeProfile, *, stored_as: Application | None = None
    ) -> Ranking | ScreeningOutcome:
        """Score and store the ranking; the ranking that stands (this one, or the same screening stored before)."""
        result = self.p.screener.screen(job, profile, assessment_results(application))
        ranking = Ranking(
            tenant=application.tenant,
            application_id=application.application_id,
            candidate_id=application.candidate_id,
            job_id=application.job_id,
            job_version=job.version,
            status=ScreeningStatus.SCREENED,
            result=result,
            screened_at=self.now(),
        )
        if self.p.rankings.put_ranking(ranking, stored_as=stored_as):
            return ranking
        stored = self.p.rankings.get_ranking(application.tenant, application.application_id)
        if stored is None and stored_as is not None:
            return ScreeningOutcome.NOT_SCREENABLE  # refused because the application is gone: erased
        if stored is None or stored.job_version != ranking.job_version or stored.result is None:
            return ScreeningOutcome.STALE
        # The same screening is stored already (another trigger ran it at the same time, or this one before a
        # crash): its result stands, and it is published again (same event id).
        return stored

    def _complete(
        self,
        application: Application,
        ranking: Ranking,
        trigger: Trigger,
        deferred: list[tuple[Application, Ranking]] | None,
    ) -> ScreeningOutcome:
        # One trigger records it: the other of two that screened at once may get here before the first has
        # written its audit entry, so "is it recorded yet?" would answer no to both.
        if self.p.rankings.claim_record(ranking, trigger.event_id):
            self._record_screened(application, ranking, trigger)
        if deferred is not None:
            deferred.append((application, ranking))
        else:
            self._publish(application, ranking)
        return ScreeningOutcome.SCREENED

    def _record_screened(self, application: Application, ranking: Ranking, trigger: Trigger) -> None:
        """The stored ranking's lake row and audit entry (both keyed by content: a retry rewrites them)."""
        result = ranking.result
        assert result is not None  # only screened rankings are recorded
        row = screening_row(ranking)
        if row is not None:
            self.p.lake.append(row)
        details = {
            "score": f"{result.score:.6f}",
            "job_version": str(ranking.job_version),
            "model_version": result.model_version,
            "feature_spec_version": result.feature_spec_version,
            "input_sha256": result.input_sha256,
        }
        self._audit(application, trigger, "screening.completed", details)

    def _reject(self, application: Application, reason: str, trigger: Trigger) -> ScreeningOutcome:
        ranking = Ranking(
            tenant=application.tenant,
            application_id=application.application_id,
            candidate_id=application.candidate_id,
            job_id=application.job_id,
            job_version=0,
            status=ScreeningStatus.REJECTED_DOCUMENT,
            reason=reason,
            screened_at=self.now(),
        )
        stored = self.p.rankings.get_ranking(application.tenant, application.application_id)
        if stored is None:
            self.p.rankings.put_ranking(ranking)
            self._audit(application, trigger, "screening.rejected_document", {"reason": reason})
        self._publish(application, stored or ranking)
        return ScreeningOutcome.REJECTED_DOCUMENT

    def _audit(self, application: Application, trigger: Trigger, action: str, details: dict[str, str]) -> None:
        self.p.audit.append(
            AuditEntry(
                tenant=application.tenant,
                application_id=application.application_id,
                at=trigger.at,
                event_id=trigger.event_id,
                action=action,
                actor=trigger.actor,
                details=details,
            )
        )

    def _publish(self, application: Application, ranking: Ranking, rank: int | None = None) -> None:
        """`rank`: known already (a re-rank sorted the job); otherwise counted in the store."""
        result = ranking.result
        screened = ranking.status is ScreeningStatus.SCREENED and result is not None
        if screened and rank is None:
            rank = self.p.rankings.rank_of(ranking)
        self.p.publisher.publish(screening_completed(application, ranking, rank if screened else None))
