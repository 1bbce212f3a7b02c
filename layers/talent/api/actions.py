"""HR actions: record a decision (stage change, possibly overriding the ranking) and erase a candidate.

Both go through the same domain code as the ATS events, with an event built from the request: its id is
the API request id (a retried request with the same id changes nothing twice) and its actor the user.
"""

from __future__ import annotations

from datetime import UTC, datetime

from aws_lambda_powertools.event_handler.router import APIGatewayRouter

from talent.api import claims
from talent.api.models import DecisionRequest, DecisionView, ErasureRequest, ErasureView
from talent.contracts.events import (
    ApplicationStageChangedV1,
    CandidateErasureRequestedV1,
    ErasureRequestedData,
    StageChangedData,
)
from talent.runtime import wiring

SOURCE = "talent/hr-api"
router = APIGatewayRouter()


def _event_id() -> str:
    return f"api-{router.current_event.request_context.request_id}"


@router.post("/applications/<application_id>/decisions", summary="Record an HR decision (stage change)")
def decide(application_id: str, request: DecisionRequest) -> DecisionView:
    tenant = claims.tenant(router.current_event)
    application = wiring.hr_queries().application(tenant, application_id)
    now = datetime.now(UTC)
    event = ApplicationStageChangedV1(
        id=_event_id(),
        source=SOURCE,
        type="application.stage_changed.v1",
        time=now,
        subject=application_id,
        tenant=tenant,
        data=StageChangedData(
            application_id=application_id,
            candidate_id=application.candidate_id,
            job_id=application.job_id,
            from_stage=application.stage,
            to_stage=request.to_stage,
            decided_by=claims.actor(router.current_event),
            reason=request.reason,
            overrides_recommendation=request.overrides_recommendation,
        ),
    )
    wiring.record_decision(event)
    return DecisionView(application_id=application_id, stage=request.to_stage.value, event_id=event.id, recorded_at=now)


@router.post("/candidates/<candidate_id>/erasure", summary="Erase a candidate everywhere (GDPR Art. 17)")
def erase(candidate_id: str, request: ErasureRequest) -> ErasureView:
    tenant = claims.tenant(router.current_event)
    wiring.hr_queries().candidate_applications(tenant, candidate_id)
    now = datetime.now(UTC)
    event = CandidateErasureRequestedV1(
        id=_event_id(),
        source=SOURCE,
        type="candidate.erasure_requested.v1",
        time=now,
        subject=candidate_id,
        tenant=tenant,
        data=ErasureRequestedData(candidate_id=candidate_id, requested_at=now, reason=request.reason),
    )
    report = wiring.erase(event)
    return ErasureView(candidate_id=candidate_id, erased_at=now, **report.model_dump())
