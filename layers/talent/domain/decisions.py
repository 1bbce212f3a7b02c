"""Record HR stage changes (decisions) on the application, in its audit trail and in the event lake.

The lake row is the feedback a later ranker training learns from; it is not written for an erased
candidate (an ATS may still send a stage change after the erasure).
"""

from __future__ import annotations

from enum import StrEnum

from talent.contracts.events import ApplicationStageChangedV1
from talent.domain.candidates import CandidateHasher
from talent.domain.lake import decision_row
from talent.domain.models import AuditEntry
from talent.domain.ports import ApplicationRepository, AuditLog, EventLake, TombstoneRepository


class DecisionOutcome(StrEnum):
    RECORDED = "recorded"
    UNKNOWN_APPLICATION = "unknown_application"  # audited anyway: the decision is not lost
    ERASED_CANDIDATE = "erased_candidate"  # nothing stored: the candidate asked to be forgotten


def record_stage_change(
    event: ApplicationStageChangedV1,
    applications: ApplicationRepository,
    audit: AuditLog,
    *,
    lake: EventLake,
    tombstones: TombstoneRepository,
    hasher: CandidateHasher,
) -> DecisionOutcome:
    data = event.data
    if tombstones.has_tombstone(event.tenant, hasher(event.tenant, data.candidate_id)):
        return DecisionOutcome.ERASED_CANDIDATE
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
    lake.append(decision_row(event))
    application = applications.get_application(event.tenant, data.application_id)
    if application is None:
        return DecisionOutcome.UNKNOWN_APPLICATION
    applications.save_application(application.model_copy(update={"stage": data.to_stage}))
    return DecisionOutcome.RECORDED
