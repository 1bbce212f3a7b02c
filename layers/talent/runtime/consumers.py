"""One record processor per Kafka-triggered function: parse → domain → outcome for the log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from talent.config import settings
from talent.contracts.events import (
    ApplicationStageChangedV1,
    ApplicationSubmittedV1,
    AssessmentCompletedV1,
    CandidateErasureRequestedV1,
    JobClosedV1,
    JobPostedV1,
    JobUpdatedV1,
)
from talent.contracts.registry import AnyEvent, types_on
from talent.contracts.topics import Topic
from talent.domain.applications import ApplicationIntake
from talent.domain.assessments import AssessmentOutcome, record_assessment
from talent.domain.jobs import apply_job_event
from talent.domain.models import JobStatus
from talent.domain.screening import Trigger
from talent.runtime import wiring
from talent.runtime.outcomes import RecordOutcome

RecordProcessorFn = Callable[[AnyEvent], RecordOutcome]


def _require(event: AnyEvent, kind: Any) -> Any:
    # parse_event(accepts=...) already filtered the types; this narrows for the type checker.
    if not isinstance(event, kind):
        raise TypeError(f"unexpected event {event.type}")
    return event


def ingest_application(event: AnyEvent) -> RecordOutcome:
    store = wiring.store()
    intake = ApplicationIntake(
        jobs=store,
        applications=store,
        audit=store,
        tombstones=store,
        documents=wiring.documents(),
        max_document_bytes=settings().max_document_bytes,
        identities=store,
        hasher=wiring.candidate_hasher(),
        import_locations=wiring.import_locations(),
    )
    submitted = _require(event, ApplicationSubmittedV1)
    result = intake.accept(submitted)
    screening = wiring.screening().after_intake(submitted, result)
    return RecordOutcome(
        outcome=result.outcome.value,
        screening=screening.value,
        details={"reason": result.reason} if result.reason else {},
    )


def _trigger(event: AnyEvent) -> Trigger:
    return Trigger(event_id=event.id, at=event.time, actor=event.source)


def sync_job(event: AnyEvent) -> RecordOutcome:
    job_event = _require(event, JobPostedV1 | JobUpdatedV1 | JobClosedV1)
    store = wiring.store()
    outcome = apply_job_event(job_event, store)
    current = store.get_job(event.tenant, job_event.data.job_id)
    # Re-rank when this event's version is the stored one, also on redelivery (STALE): a retry after a crash
    # half-way through the applicants finishes them; equal-version rankings are simply rewritten.
    if current is None or current.version != job_event.data.version or current.status is JobStatus.CLOSED:
        return RecordOutcome(outcome=outcome.value)
    reranked = wiring.screening().rerank(current, _trigger(event))
    return RecordOutcome(outcome=outcome.value, reranked={k.value: v for k, v in reranked.items()})


def assess_skills(event: AnyEvent) -> RecordOutcome:
    store = wiring.store()
    assessment = _require(event, AssessmentCompletedV1)
    outcome = record_assessment(assessment, store, store)
    if outcome is not AssessmentOutcome.RECORDED:
        return RecordOutcome(outcome=outcome.value)
    rescored = wiring.screening().rescore(event.tenant, assessment.data.application_id, _trigger(event))
    return RecordOutcome(outcome=outcome.value, screening=rescored.value)


def record_decision(event: AnyEvent) -> RecordOutcome:
    return RecordOutcome(outcome=wiring.record_decision(_require(event, ApplicationStageChangedV1)).value)


def erase(event: AnyEvent) -> RecordOutcome:
    report = wiring.erase(_require(event, CandidateErasureRequestedV1))
    return RecordOutcome(outcome="erased", details={k: str(v) for k, v in report.model_dump().items()})


# Each Kafka function consumes one topic and accepts every event type the registry puts on it.
TOPIC_OF_FUNCTION: dict[str, Topic] = {
    "ingest_application": Topic.APPLICATIONS,
    "sync_jobs": Topic.JOBS,
    "assess_skills": Topic.ASSESSMENTS,
    "record_decision": Topic.STAGE_CHANGES,
    "erase_candidate": Topic.ERASURE_REQUESTS,
}
ACCEPTS: dict[str, tuple[str, ...]] = {name: types_on(topic) for name, topic in TOPIC_OF_FUNCTION.items()}
# The functions that screen, and so publish screening results (wiring.screening()).
PUBLISHES_RESULTS = frozenset({"ingest_application", "sync_jobs", "assess_skills"})
