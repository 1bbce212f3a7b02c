"""Record HR stage changes (decisions) on the application and in its audit trail."""

from __future__ import annotations

from enum import StrEnum

from talent.contracts.events import ApplicationStageChangedV1
from talent.domain.models import AuditEntry
from talent.domain.ports import ApplicationRepository, AuditLog


class DecisionOutcome(StrEnum):
    RECORDED = "recorded"
    UNKNOWN_APPLICATION = "unknown_application"  # audited anyway: the decision is not lost


def record_stage_change(
    event: ApplicationStageChangedV1, applications: ApplicationRepository, audit: AuditLog
) -> DecisionOutcome:
    data = event.data
    details = {
        "to_stage": data.to_stage.value,
        "overrides_recommendation": str(data.overrides_recommendation),
    }
    if data.from_stage is not None:
        details["from_stage"] = data.from_stage.value
    if data.reason:
        details["reason"] = data.reason
    audit.append(
        AuditEntry(
            tenant=event.tenant,
            application_id=data.application_id,
            at=event.time,
            event_id=event.id,
            action="application.stage_changed",
            actor=data.decided_by,
            details=details,
        )
    )
    application = applications.get_application(event.tenant, data.application_id)
    if application is None:
        return DecisionOutcome.UNKNOWN_APPLICATION
    applications.save_application(application.model_copy(update={"stage": data.to_stage}))
    return DecisionOutcome.RECORDED
