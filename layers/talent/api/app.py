"""Routes of the HR API. The tenant always comes from the verified token, never from the request."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.exceptions import ForbiddenError
from aws_lambda_powertools.event_handler.openapi.params import Query

from talent.api import actions, blind_view, claims, errors, sign_in, strict_http
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
from talent.domain.fairness import FairnessReport
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
def web_page(
    # Where sign-in sends people back to (OAuth 2.0's redirect): read by the page's script, not here.
    code: Annotated[str | None, Query(max_length=2048)] = None,
    state: Annotated[str | None, Query(max_length=512)] = None,
    error: Annotated[str | None, Query(max_length=256)] = None,
    error_description: Annotated[str | None, Query(max_length=2048)] = None,
) -> Response[str]:
    """The HR page (sign-in, shortlists, explanations, decisions, fairness); public, it holds no data: every
    call it makes sends the signed-in user's token to the routes below."""
    try:
        configured = wiring.sign_in().current()
    except sign_in.BadSignInSettings:
        # The page still works with a pasted token; the operator sees why sign-in is missing.
        logger.exception("HR page served without sign-in")
        configured = None
    body, policy = sign_in.page(WEB_PAGE, configured)
    return Response(
        status_code=200,
        content_type=content_types.TEXT_HTML,
        body=body,
        headers={"Content-Security-Policy": policy, "Cache-Control": "no-cache"},
    )


@app.get("/jobs", summary="List the tenant's jobs")
def list_jobs(
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
) -> JobPage:
    jobs, next_cursor = wiring.hr_queries().list_jobs(current_tenant(), limit, cursor)
    return JobPage(items=[JobSummary.of(j) for j in jobs], next_cursor=next_cursor)


@app.get("/jobs/<job_id>", summary="One job with its description")
def get_job(job_id: str) -> JobDetail:
    return JobDetail.of(wiring.hr_queries().job(current_tenant(), job_id))


@app.get("/jobs/<job_id>/applications", summary="A job's applicants (blind view)")
def list_applicants(job_id: str) -> ApplicantList:
    applicants = wiring.hr_queries().applicants(current_tenant(), job_id)
    return ApplicantList(job_id=job_id, items=[ApplicantView.of(a) for a in applicants])


@app.get("/applications/<application_id>/audit", summary="An application's audit trail")
def audit_trail(application_id: str) -> AuditTrail:
    entries = wiring.hr_queries().audit_trail(current_tenant(), application_id)
    return AuditTrail(application_id=application_id, entries=[AuditLine.of(e) for e in entries])


@app.get("/jobs/<job_id>/shortlist", summary="A job's ranked shortlist with explanations and skill gaps")
def shortlist(
    job_id: str,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
) -> Shortlist:
    page = wiring.hr_queries().shortlist(current_tenant(), job_id, limit, cursor)
    version = page.job.version
    items = [
        ShortlistEntry.of(page.first_rank + i, r, page.stages.get(r.application_id), version)
        for i, r in enumerate(page.rankings)
    ]
    return Shortlist(job_id=job_id, job_version=version, items=items, next_cursor=page.next_cursor)


@app.get(
    "/applications/<application_id>/profile",
    summary="The parsed resume profile: blind (no personal fields, employers, institutions or dates) unless permitted",
)
def profile(
    application_id: str,
    view: Annotated[Literal["blind", "full"], Query()] = "blind",
) -> ProfileView:
    tenant = current_tenant()
    full_view_by = None
    if view == "full":
        if not claims.has_role(app.current_event, claims.PERSONAL_DATA_ROLE):
            raise ForbiddenError(f"the full profile needs the {claims.PERSONAL_DATA_ROLE} role")
        full_view_by = (claims.actor(app.current_event), app.current_event.request_context.request_id)
    found = wiring.hr_queries().profile(tenant, application_id, full_view_by=full_view_by)
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
    return wiring.hr_queries().fairness(current_tenant(), job_id)
