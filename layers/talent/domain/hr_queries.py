"""What HR reads: jobs, applicants, shortlists, audit trails, profiles and the fairness report of a tenant.

The HR API's routes call this service and never a store; a route's tenant always comes from the verified
token. Every miss is `NotFound` (the API answers 404 with the message); another tenant's id is a miss too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from talent.contracts.events import Stage
from talent.domain.errors import NotFound
from talent.domain.fairness import FairnessReport, fairness_report
from talent.domain.models import Application, AuditEntry, Job, Ranking
from talent.domain.ports import (
    ApplicationRepository,
    AuditLog,
    IdentityRepository,
    JobRepository,
    ProfileStore,
    RankingRepository,
)
from talent.profile.models import ResumeProfile

FAIRNESS_PAGE = 100


@dataclass(frozen=True)
class ShortlistPage:
    job: Job
    first_rank: int
    rankings: list[Ranking]
    stages: dict[str, Stage]  # application id -> its stage
    next_cursor: str | None


@dataclass(frozen=True)
class HrQueryPorts:
    jobs: JobRepository
    applications: ApplicationRepository
    rankings: RankingRepository
    audit: AuditLog
    profiles: ProfileStore
    identities: IdentityRepository


class HrQueries:
    def __init__(self, ports: HrQueryPorts, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.p = ports
        self.now = now

    def list_jobs(self, tenant: str, limit: int, cursor: str | None) -> tuple[list[Job], str | None]:
        return self.p.jobs.list_jobs(tenant, limit, cursor)

    def job(self, tenant: str, job_id: str) -> Job:
        job = self.p.jobs.get_job(tenant, job_id)
        if job is None:
            raise NotFound(f"job {job_id} not found")
        return job

    def application(self, tenant: str, application_id: str) -> Application:
        application = self.p.applications.get_application(tenant, application_id)
        if application is None:
            raise NotFound(f"application {application_id} not found")
        return application

    def candidate_applications(self, tenant: str, candidate_id: str) -> list[Application]:
        found = self.p.applications.applications_for_candidate(tenant, candidate_id)
        if not found:
            raise NotFound(f"candidate {candidate_id} has no applications")
        return found

    def applicants(self, tenant: str, job_id: str) -> list[Application]:
        self.job(tenant, job_id)
        return sorted(self.p.applications.applications_for_job(tenant, job_id), key=lambda a: a.submitted_at)

    def shortlist(self, tenant: str, job_id: str, limit: int, cursor: str | None) -> ShortlistPage:
        job = self.job(tenant, job_id)
        rows, next_cursor = self.p.rankings.shortlist_rows(tenant, job_id, limit, cursor)
        rankings = [row.ranking for row in rows]
        # The first page starts at rank 1; a later page counts the applications ahead of it (one query).
        first = self.p.rankings.rank_of(rankings[0]) if rankings and cursor else 1
        stages = {row.ranking.application_id: row.stage for row in rows if row.stage is not None}
        unknown = [row.ranking.application_id for row in rows if row.stage is None]
        if unknown:  # rankings stored before the store kept the stage beside them
            found = self.p.applications.get_applications(tenant, unknown)
            stages |= {application_id: application.stage for application_id, application in found.items()}
        return ShortlistPage(job, first, rankings, stages, next_cursor)

    def audit_trail(self, tenant: str, application_id: str) -> list[AuditEntry]:
        # An erased candidate's application is gone but its trail is kept for the audit retention: readable.
        entries = self.p.audit.trail(tenant, application_id)
        if not entries and self.p.applications.get_application(tenant, application_id) is None:
            raise NotFound(f"application {application_id} not found")
        return entries

    def profile(self, tenant: str, application_id: str, *, full_view_by: tuple[str, str] | None) -> ResumeProfile:
        """The parsed profile. `full_view_by` = (actor, request id) when personal data is shown: who saw it,
        and when, becomes part of the application's audit trail."""
        application = self.application(tenant, application_id)
        found = self.p.profiles.get_profile(tenant, application.candidate_id, application_id)
        if found is None:
            raise NotFound(f"application {application_id} has no parsed profile")
        if full_view_by is not None:
            actor, request_id = full_view_by
            self.p.audit.append(
                AuditEntry(
                    tenant=tenant,
                    application_id=application_id,
                    at=self.now(),
                    event_id=request_id,
                    action="profile.personal_data_viewed",
                    actor=actor,
                )
            )
        return found

    def fairness(self, tenant: str, job_id: str) -> FairnessReport:
        self.job(tenant, job_id)
        rankings, cursor = self.p.rankings.shortlist(tenant, job_id, FAIRNESS_PAGE, None)
        while cursor:
            page, cursor = self.p.rankings.shortlist(tenant, job_id, FAIRNESS_PAGE, cursor)
            rankings.extend(page)
        return fairness_report(
            job_id,
            self.p.applications.applications_for_job(tenant, job_id),
            rankings,
            self.p.identities.self_identifications(tenant, job_id),
        )
