"""Routes of the HR API. The tenant always comes from the verified token, never from the request."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import ForbiddenError, NotFoundError
from aws_lambda_powertools.event_handler.openapi.params import Query

from talent.api.models import (
    ApplicantList,
    ApplicantView,
    AuditLine,
    AuditTrail,
    ErrorBody,
    JobDetail,
    JobPage,
    JobSummary,
)
from talent.domain.errors import TransientStoreError
from talent.runtime import wiring

logger = Logger(child=True)
app = APIGatewayRestResolver(enable_validation=True)

TENANT_CLAIM = "custom:tenant_id"


def current_tenant() -> str:
    claims = app.current_event.request_context.authorizer.claims or {}
    tenant = claims.get(TENANT_CLAIM)
    if not tenant:
        raise ForbiddenError("the token carries no tenant")
    return str(tenant)


@app.exception_handler(TransientStoreError)
def _store_busy(exc: TransientStoreError) -> Response[str]:
    logger.warning("store busy", extra={"error": str(exc)})
    return Response(
        status_code=503,
        content_type=content_types.APPLICATION_JSON,
        body=ErrorBody(message="the store is busy, retry shortly").model_dump_json(),
        headers={"Retry-After": "1"},
    )


@app.exception_handler(ValueError)
def _bad_request(exc: ValueError) -> Response[str]:
    return Response(
        status_code=400,
        content_type=content_types.APPLICATION_JSON,
        body=ErrorBody(message=str(exc)).model_dump_json(),
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
    if store.get_application(tenant, application_id) is None:
        raise NotFoundError(f"application {application_id} not found")
    entries = store.trail(tenant, application_id)
    return AuditTrail(application_id=application_id, entries=[AuditLine.of(e) for e in entries])
