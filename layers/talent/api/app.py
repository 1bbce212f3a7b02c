"""Routes of the HR API. The tenant always comes from the verified token, never from the request."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Literal

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.exceptions import ForbiddenError, NotFoundError
from aws_lambda_powertools.event_handler.openapi.params import Query

from talent.api import actions, blind_view, claims, errors, strict_http
from talent.api.models import (
    ApplicantList,
    ApplicantView,
    AuditLine,
    AuditTrail,
    JobDetail,
    JobPage,
    JobSummary,
    ProfileView,
    Shortlist,
    ShortlistEntry,
)
from talent.domain.fairness import FairnessReport, fairness_report
from talent.domain.models import AuditEntry
from talent.runtime import wiring

logger = Logger(child=True)
WEB_PAGE = (Path(__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
app = errors.HrApiResolver()

app.include_router(actions.router)
strict_http.install(app)
errors.install(app)


def current_tenant() -> str:
    return claims.tenant(app.current_event)


@app.get("/ui", include_in_schema=False)
def web_page() -> Response[str]:
    """The HR page (shortlists, decisions, fairness); public, it holds no data: every call it makes sends
    the user's token to the routes below."""
    return Response(
        status_code=200,
        content_type=content_types.TEXT_HTML,
        body=WEB_PAGE,
        headers={
            "Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
            "Cache-Control": "no-cache",
        },
    )


@app.get("/jobs", summary="List the tenant's jobs")
def list_jobs(
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
) -> JobPage:
    jobs, next_cursor = wiring.store().list_jobs(current_tenant(), limit, cursor)
    return JobPage(items=[JobSummary.of(j) for j in jobs], next_cursor=next_cursor)


@app.get("/jobs/<job_id>", summary="One job with its description")
def get_job(job_id: str) -> JobDetail:
    job = wiring.store().get_job(current_tenant(), job_id)
    if job is None:
        raise NotFoundError(f"job {job_id} not found")
    return JobDetail.of(job)


@app.get("/jobs/<job_id>/applications", summary="A job's applicants (blind view)")
def list_applicants(job_id: str) -> ApplicantList:
    tenant = current_tenant()
    store = wiring.store()
    if store.get_job(tenant, job_id) is None:
        raise NotFoundError(f"job {job_id} not found")
    applicants = sorted(store.applications_for_job(tenant, job_id), key=lambda a: a.submitted_at)
    return ApplicantList(job_id=job_id, items=[ApplicantView.of(a) for a in applicants])


@app.get("/applications/<application_id>/audit", summary="An application's audit trail")
def audit_trail(application_id: str) -> AuditTrail:
    tenant = current_tenant()
    store = wiring.store()
    # An erased candidate's application is gone but its trail is kept for the audit retention: still readable.
    entries = store.trail(tenant, application_id)
    if not entries and store.get_application(tenant, application_id) is None:
        raise NotFoundError(f"application {application_id} not found")
    return AuditTrail(application_id=application_id, entries=[AuditLine.of(e) for e in entries])


@app.get("/jobs/<job_id>/shortlist", summary="A job's ranked shortlist with explanations and skill gaps")
def shortlist(
    job_id: str,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
) -> Shortlist:
    tenant = current_tenant()
    store = wiring.store()
    job = store.get_job(tenant, job_id)
    if job is None:
        raise NotFoundError(f"job {job_id} not found")
    rankings, next_cursor = store.shortlist(tenant, job_id, limit, cursor)
    # The first page starts at rank 1; a later page counts the applications ahead of it (one query).
    first = store.rank_of(rankings[0]) if rankings and cursor else 1
    applications = store.get_applications(tenant, [r.application_id for r in rankings])
    items = [
        ShortlistEntry.of(first + i, r, applications.get(r.application_id), job.version) for i, r in enumerate(rankings)
    ]
    return Shortlist(job_id=job_id, job_version=job.version, items=items, next_cursor=next_cursor)


@app.get(
    "/applications/<application_id>/profile",
    summary="The parsed resume profile: blind (no personal fields, employers, institutions or dates) unless permitted",
)
def profile(
    application_id: str,
    view: Annotated[Literal["blind", "full"], Query()] = "blind",
) -> ProfileView:
    tenant = current_tenant()
    if view == "full" and not claims.has_role(app.current_event, claims.PERSONAL_DATA_ROLE):
        raise ForbiddenError(f"the full profile needs the {claims.PERSONAL_DATA_ROLE} role")
    store = wiring.store()
    application = store.get_application(tenant, application_id)
    if application is None:
        raise NotFoundError(f"application {application_id} not found")
    found = wiring.documents().get_profile(tenant, application.candidate_id, application_id)
    if found is None:
        raise NotFoundError(f"application {application_id} has no parsed profile")
    if view == "full":  # who saw personal data, and when, is part of the application's record
        context = app.current_event.request_context
        store.append(
            AuditEntry(
                tenant=tenant,
                application_id=application_id,
                at=datetime.now(UTC),
                event_id=context.request_id,
                action="profile.personal_data_viewed",
                actor=claims.actor(app.current_event),
            )
        )
    if view == "full":
        return ProfileView(application_id=application_id, view=view, profile=found, hidden=[])
    revealed = blind_view.blind_view_settings().revealed(tenant)
    return ProfileView(
        application_id=application_id,
        view=view,
        profile=blind_view.screening_view(found, revealed),
        hidden=blind_view.hidden_fields(revealed),
    )


@app.get("/jobs/<job_id>/fairness", summary="Bias audit of a job: rates and impact ratios by sex and race/ethnicity")
def fairness(job_id: str) -> FairnessReport:
    tenant = current_tenant()
    store = wiring.store()
    if store.get_job(tenant, job_id) is None:
        raise NotFoundError(f"job {job_id} not found")
    rankings, cursor = store.shortlist(tenant, job_id, 100, None)
    while cursor:
        page, cursor = store.shortlist(tenant, job_id, 100, cursor)
        rankings.extend(page)
    return fairness_report(
        job_id, store.applications_for_job(tenant, job_id), rankings, store.self_identifications(tenant, job_id)
    )
