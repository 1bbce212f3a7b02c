"""Record assessment.completed.v1 results (normalised score per skill) on the application."""

from __future__ import annotations

from enum import StrEnum

from talent.contracts.events import AssessmentCompletedV1
from talent.domain.models import AuditEntry
from talent.domain.ports import ApplicationRepository, AuditLog


class AssessmentOutcome(StrEnum):
    RECORDED = "recorded"
    UNKNOWN_APPLICATION = "unknown_application"


def record_assessment(
    event: AssessmentCompletedV1, applications: ApplicationRepository, audit: AuditLog
) -> AssessmentOutcome:
    data = event.data
    application = applications.get_application(event.tenant, data.application_id)
    if application is None:
        return AssessmentOutcome.UNKNOWN_APPLICATION
    scores = dict(application.assessment_scores)
    scores.update({result.skill.casefold(): result.score for result in data.results})
    applications.save_application(application.model_copy(update={"assessment_scores": scores}))
    audit.append(
        AuditEntry(
            tenant=event.tenant,
            application_id=data.application_id,
            at=event.time,
            event_id=event.id,
            action="assessment.completed",
            actor=data.provider,
            details={"assessment_id": data.assessment_id, "skills": str(len(data.results))},
        )
    )
    return AssessmentOutcome.RECORDED
